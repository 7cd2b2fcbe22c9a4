import vm from 'node:vm';
import { MATCHES_TAB } from '../../src/domain/tabs';
import { entryNumber } from '../fakes/apps-script/forms-prefill';
import { loadBundle } from '../support/bundle';
import { fillPeopleSettings } from '../support/people';

const PAIRS = 6;

/**
 * "Send evaluation questionnaires" on Google (the bundle on the fake): one pre-filled link per
 * person, built with Form.createResponse/toPrefilledUrl; reminders go by themselves through the
 * continuation trigger, only to those who have not answered, at most two.
 */
describe('evaluation questionnaires on Google (fake)', () => {
  const { fake, context, call } = loadBundle({ account: 'workspace' });
  const invoke = (handler: string, event: unknown) => {
    (context as Record<string, unknown>).__event = event;
    return vm.runInContext(`${handler}(__event)`, context);
  };
  const now = () => fake.clock.now();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const mailsTo = (email: string) => fake.sentMail.filter((m) => m.to === email);
  const questionnaires = () =>
    fake.sentMail.filter((m) => /optional questionnaire/i.test(m.subject));

  beforeAll(() => {
    call('setUpWorkbook');
    fillPeopleSettings(fake);
    call('setUpForms');
    const header = [...MATCHES_TAB.columns];
    fake.spreadsheet.seed('Matches', [
      header,
      ...Array.from({ length: PAIRS }, (_, i) => {
        const cells: Record<string, string> = {
          Mentee: `mentee${i}@e${i}.example`,
          'Mentee name': `Mentee ${i}`,
          Mentor: `mentor${i}@m${i}.example`,
          'Mentor name': `Mentor ${i}`,
          Status: 'Confirmed',
        };
        return header.map((h) => cells[h] ?? '');
      }),
    ]);
    const opens = new Date(now().getTime() - 86_400_000);
    const closes = new Date(now().getTime() + 20 * 86_400_000);
    fake.spreadsheet.seed('Rounds', [
      ['Round', 'Opens', 'Closes', 'Notes'],
      ['Mid-point', day(opens), day(closes), ''],
    ]);
    fake.calls.reset();
    call('sendEvaluation');
  });

  it('sends each person one link pre-filled with their code and the round, opening the form once', () => {
    expect(questionnaires()).toHaveLength(2 * PAIRS);
    const matches = fake.spreadsheet.values('Matches');
    const col = (name: string) => matches[0].indexOf(name);
    const form = fake.forms.all().find((f) => f.title === 'Peer mentoring: how is it going?')!;
    const codeItem = form.items.find((i) => i.title === 'Your participant code')!;
    const roundItem = form.items.find((i) => i.title === 'Questionnaire round')!;
    for (const row of matches.slice(1)) {
      const [mail] = mailsTo(String(row[col('Mentee')]));
      const code = String(row[col('Mentee code')]);
      expect(code).toMatch(/^P-[A-Z0-9]{8}$/);
      expect(mail.body).toContain(
        `${form.publishedUrl}?usp=pp_url&entry.${entryNumber(codeItem.id)}=${code}&entry.${entryNumber(roundItem.id)}=Mid-point`,
      );
      expect(mail.body).toMatch(/optional/);
    }
    expect(fake.calls.count('FormApp.openById')).toBe(1);
    expect(fake.calls.count('FormResponse.toPrefilledUrl')).toBe(1);
  });

  it('sends nothing when run again the same day', () => {
    call('sendEvaluation');
    expect(questionnaires()).toHaveLength(2 * PAIRS);
  });

  it('reminds only those who have not answered, twice at most, through the continuation trigger', () => {
    const matches = fake.spreadsheet.values('Matches');
    const answered = String(matches[1][matches[0].indexOf('Mentee code')]);
    const form = fake.forms.all().find((f) => f.title === 'Peer mentoring: how is it going?')!;
    fake.forms.submit(
      form.id,
      {
        answers: {
          'Your participant code': answered,
          'Questionnaire round': 'Mid-point',
          'The scheme has given me confidence and courage': '4',
        },
      },
      invoke,
    );
    expect(fake.spreadsheet.values('Evaluations')).toHaveLength(2);
    for (let week = 0; week < 4; week += 1) {
      fake.clock.advance(7 * 86_400_000 + 3_600_000);
      fake.runDueTriggers((name, event) => call(name, event));
    }
    const reminders = fake.sentMail.filter((m) => /reminder/i.test(m.subject));
    expect(reminders).toHaveLength(2 * (2 * PAIRS - 1));
    expect(mailsTo('mentee0@e0.example')).toHaveLength(1);
    for (let i = 1; i < PAIRS; i += 1) expect(mailsTo(`mentee${i}@e${i}.example`)).toHaveLength(3);
    // Nothing is left waiting: no trigger once the reminders are done.
    expect(
      fake.quiet(() =>
        fake
          .triggers()
          .filter(
            (t) =>
              t.getHandlerFunction() === 'continueJobs' &&
              !(t as unknown as { fired?: boolean }).fired,
          ),
      ),
    ).toHaveLength(0);
  });
});
