import { inert } from '../../src/apps-script/services';
import type { FakeAppsScript, FormSnapshot } from '../fakes/apps-script';
import { loadBundle } from '../support/bundle';
import { fillPeopleSettings } from '../support/people';

const OWNER = 'lead@scheme.example';

function setSetting(fake: FakeAppsScript, label: string, value: string): void {
  const values = fake.spreadsheet.values('Settings');
  const key = values[0].indexOf('Setting');
  const at = values.findIndex((r) => r[key] === label);
  values[at][values[0].indexOf('Value')] = value;
  fake.spreadsheet.seed(
    'Settings',
    values.map((r) => r.map(inert)),
  );
}

/**
 * A complete answer to every required question, and to the mentor's areas and video (optional
 * in the form only so a returning mentor may reuse last year's), with the answers a test cares
 * about.
 */
function answers(form: FormSnapshot, given: Record<string, string>): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const item of form.items) {
    if (!item.required && !/^(Areas where|Link to your 2-minute)/.test(item.title)) continue;
    filled[item.title] =
      item.type === 'CHECKBOX'
        ? [item.choices[0]]
        : item.choices.length
          ? item.choices[0]
          : item.type === 'SCALE'
            ? '3'
            : 'https://vimeo.com/1234';
  }
  return { ...filled, ...given };
}

function scheme() {
  const { fake, call, context } = loadBundle({ account: 'workspace', userEmail: OWNER });
  const invoke = (handler: string, event: unknown) => {
    (context as Record<string, unknown>).__event = event;
    return call(handler, event);
  };
  call('setUpWorkbook');
  fillPeopleSettings(fake);
  call('setUpForms');
  const form = (title: string) => fake.forms.all().find((f) => f.title === title) as FormSnapshot;
  return { fake, call, invoke, form };
}

const ACK = /^We have your application/;

describe('launch day: no form submission is lost', () => {
  it('50 submissions, some handlers out of luck on the lock or failing, a broken setting: after the sweep each is recorded once and acknowledged once', () => {
    const { fake, call, invoke, form } = scheme();
    // A typo staff made in Settings: intake must not stop for it.
    setSetting(fake, 'Mentor places', 'lots');
    const mentor = form('Apply to be a mentor');
    const mentee = form('Apply to be a mentee');
    const concern = form('Raise a concern in confidence');
    const people: string[] = [];
    let lockMisses = 0;
    let failures = 0;
    let missedAtOnce = 0;
    const recorded = () => {
      const values = fake.spreadsheet.values('Applications');
      const email = values[0].indexOf('Email');
      return values.slice(1).map((r) => String(r[email]));
    };
    // Two concerns, one while the lock is held.
    fake.lockHeldElsewhere(true);
    fake.forms.submit(
      concern.id,
      {
        email: 'worried@council1.example',
        answers: answers(concern, {}) as Record<string, string>,
      },
      invoke,
    );
    fake.lockHeldElsewhere(false);
    fake.forms.submit(
      concern.id,
      { email: 'other@council2.example', answers: answers(concern, {}) as Record<string, string> },
      invoke,
    );
    for (let i = 0; i < 50; i++) {
      const email = `head${i}@council${i}.example`;
      people.push(email);
      // A pair set-up job holds the lock past the handler's wait.
      if (i % 5 === 1 || i >= 47) {
        fake.lockHeldElsewhere(true);
        lockMisses += 1;
      }
      // The Sheet refuses a write, or the mail service fails, half-way through the handler.
      if (i % 7 === 3) {
        fake.failNext('Range.setValues');
        failures += 1;
      }
      if (i % 11 === 5) {
        fake.failNext('MailApp.sendEmail');
        failures += 1;
      }
      const target = i % 2 === 0 ? mentor : mentee;
      fake.forms.submit(
        target.id,
        {
          email,
          answers: answers(target, {
            'Full name': `Head Number${i}`,
            'Library service': `Council ${i} Libraries`,
          }) as Record<string, string>,
        },
        invoke,
      );
      fake.lockHeldElsewhere(false);
      if (!recorded().includes(email)) missedAtOnce += 1;
      fake.failNext('Range.setValues', 0);
      fake.failNext('MailApp.sendEmail', 0);
      fake.clock.advance(5_000);
    }
    expect(lockMisses).toBe(13);
    expect(failures).toBeGreaterThan(5);
    // Many handlers did not record their own response (a later one's sweep did), and the last
    // three (at least) are still only in the forms' own records.
    expect(missedAtOnce).toBeGreaterThanOrEqual(13);
    expect(new Set(recorded()).size).toBeLessThanOrEqual(47);
    // A continuation was asked for ("soon": a clock trigger may run up to 15 minutes late).
    expect(fake.triggers().filter((t) => t.handler === 'continueJobs')).toHaveLength(1);

    fake.clock.advance(20 * 60_000);
    fake.runDueTriggers(invoke);
    call('recordMissedResponses'); // staff's menu item: safe to run again
    fake.runDueTriggers(invoke);

    const rows = recorded();
    expect(rows.filter((e) => people.includes(e)).sort()).toEqual([...people].sort());
    expect(rows).toHaveLength(50);
    for (const email of people) {
      const acks = fake.sentMail.filter((m) => m.to === email && ACK.test(m.subject));
      expect({ email, acks: acks.length }).toEqual({ email, acks: 1 });
    }
    // The address was typed, not verified: its owner learns what was sent in their name.
    const first = fake.sentMail.find((m) => m.to === people[0] && ACK.test(m.subject));
    expect(first?.body).toContain(
      'What we received in your name: an application to be a mentor, Head Number0',
    );
    expect(first?.body).toMatch(/If you did not send this application.*reply to this e-mail/);
    const forwarded = fake.sentMail.filter((m) => /^Confidential: a concern/.test(m.subject));
    expect(forwarded).toHaveLength(2);
    // Staff are told what to fix, and that the responses were recorded anyway.
    expect(fake.ui.alerts.join('\n')).toMatch(/Recorded anyway.*"Mentor places"/);
    // Nothing is left waiting: no continuation trigger remains.
    expect(fake.triggers().filter((t) => t.handler === 'continueJobs')).toHaveLength(0);
  });

  it('a concern that cannot be forwarded yet (no supervisor set) waits in its form without stopping the applications', () => {
    const { fake, call, invoke, form } = scheme();
    setSetting(fake, 'Supervisor email', '');
    const concern = form('Raise a concern in confidence');
    const mentor = form('Apply to be a mentor');
    fake.forms.submit(
      concern.id,
      {
        email: 'worried@council1.example',
        answers: answers(concern, {}) as Record<string, string>,
      },
      invoke,
    );
    fake.forms.submit(
      mentor.id,
      {
        email: 'head@council.example',
        answers: answers(mentor, { 'Full name': 'Ann Head' }) as Record<string, string>,
      },
      invoke,
    );
    const forwarded = () => fake.sentMail.filter((m) => /^Confidential: a concern/.test(m.subject));
    call('recordMissedResponses');
    expect(fake.ui.alerts.at(-1)).toMatch(
      /"Raise a concern in confidence" responses wait in the form until the next run: In Settings, fill in "Supervisor email"/,
    );
    const values = fake.spreadsheet.values('Applications');
    expect(values.slice(1).map((r) => r[values[0].indexOf('Email')])).toEqual([
      'head@council.example',
    ]);
    expect(fake.sentMail.filter((m) => m.to === 'head@council.example')).toHaveLength(1);
    expect(forwarded()).toHaveLength(0);
    // Once staff fill it in, the next run forwards the concern, once.
    setSetting(fake, 'Supervisor email', 'supervisor@libraries.example');
    call('recordMissedResponses');
    call('recordMissedResponses');
    expect(forwarded()).toHaveLength(1);
  });

  it('doGet never takes the lock: the gallery shows while a long job holds it', () => {
    const { fake, call } = scheme();
    fake.lockHeldElsewhere(true);
    fake.setUser('', OWNER);
    fake.calls.reset();
    const page = call('doGet') as { getContent(): string };
    expect(page.getContent()).toContain('Meet the mentors');
    expect(fake.calls.snapshot()['LockService.getScriptLock'] ?? 0).toBe(0);
  });
});
