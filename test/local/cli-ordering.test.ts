import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import { CHOICE_FORM, csvColumns } from '../../src/domain/forms';
import { LocalSession } from '../../src/local/session';
import { recordResponses } from '../../src/workflows/intake';
import { cli, initScheme, importApplications, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

/** E-mails that depend on an earlier step are never sent before it has run. */
describe('choices before the applications are reviewed', () => {
  const mentors = [
    mentorRow(),
    mentorRow({
      'Email address': 'dafydd@cardiff.gov.example',
      'Full name': 'Dafydd Rhys',
      'Library service': 'Cardiff Libraries',
    }),
  ];
  const mentees = [
    menteeRow(),
    menteeRow({
      'Email address': 'zoe@bristol.gov.example',
      'Full name': 'Zoë Brontë',
      'Library service': 'Bristol Libraries',
    }),
  ];
  const choicesCsv = (dir: string) => {
    const file = path.join(dir, 'choices.csv');
    fs.writeFileSync(
      file,
      stringify([
        csvColumns(CHOICE_FORM),
        [
          '2026/07/14 1:00:00 pm GMT+1',
          'siân.llywelyn@cardiff.gov.example',
          'Ann Jones — Kent Libraries',
          'Dafydd Rhys — Cardiff Libraries',
          '',
        ],
        [
          '2026/07/14 1:05:00 pm GMT+1',
          'zoe@bristol.gov.example',
          'Ann Jones — Kent Libraries',
          'Dafydd Rhys — Cardiff Libraries',
          '',
        ],
      ]),
    );
    return file;
  };
  const mails = (dir: string) =>
    fs.existsSync(path.join(dir, 'out', 'mail'))
      ? fs.readdirSync(path.join(dir, 'out', 'mail')).filter((f) => f.endsWith('.eml'))
      : [];

  it('an import is refused, sending nothing and writing nothing, until review-applications has run', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, mentors, mentees);
    const workbook = path.join(dir, 'scheme.xlsx');
    const before = fs.readFileSync(workbook);
    const early = await cli(dir, 'import', '--form', 'choices', choicesCsv(dir));
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/not been reviewed yet.*run review-applications first/);
    expect(early.err.trim().split('\n')).toHaveLength(1);
    expect(mails(dir)).toEqual([]);
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);

    expect((await cli(dir, 'review-applications')).code).toBe(0);
    const imported = await cli(dir, 'import', '--form', 'choices', choicesCsv(dir));
    expect(imported.code).toBe(0);
    // Now only what is true is said: each mentee named only two mentors.
    const sent = mails(dir).filter((f) => f.startsWith('mail_choice-problem'));
    expect(sent).toHaveLength(2);
    const text = sent.map((f) => fs.readFileSync(path.join(dir, 'out', 'mail', f), 'utf8')).join();
    expect(text).not.toMatch(/not that of a mentee with a place|no longer a mentor/);
  });

  it('a late application puts the next import on hold again', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, mentors, mentees);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    await importApplications(
      dir,
      [
        ...mentors,
        mentorRow({ 'Email address': 'late@york.gov.example', 'Full name': 'Late Mentor' }),
      ],
      mentees,
    );
    const held = await cli(dir, 'import', '--form', 'choices', choicesCsv(dir));
    expect(held.code).toBe(2);
    expect(held.err).toMatch(/1 application \(A00\d\) has not been reviewed yet/);
  });

  it('a live choice submitted while review is pending is recorded and checked, not answered', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, mentors, mentees);
    const session = await LocalSession.open({
      workbook: path.join(dir, 'scheme.xlsx'),
      out: path.join(dir, 'out'),
    });
    let result;
    try {
      result = recordResponses(
        { ports: session.ports, run: 'live-1' },
        CHOICE_FORM,
        [
          {
            email: 'zoe@bristol.gov.example',
            submitted: new Date('2026-07-14T12:00:00Z'),
            submittedText: '2026/07/14 1:00:00 pm GMT+1',
            answers: new Map([
              ['choice1', 'Ann Jones — Kent Libraries'],
              ['choice2', 'Dafydd Rhys — Cardiff Libraries'],
              ['choice3', ''],
            ]),
          },
        ],
        { live: true },
      );
      await session.commit();
    } finally {
      await session.release();
    }
    expect(result.data).toMatchObject({ added: 1, problems: 1, resubmitHeld: 1 });
    expect(result.summary.join(' ')).toMatch(
      /No request to resubmit was sent.*review-applications/,
    );
    expect(mails(dir)).toEqual([]);
  });

  it('notify-applicants waits for the review of applications that arrived after it', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await importApplications(dir, mentors, mentees);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    // Ann, accepted as a mentor, now also applies as a mentee: her place becomes a question.
    await importApplications(dir, mentors, [
      ...mentees,
      menteeRow({ 'Email address': 'ann.jones@kent.gov.example', 'Full name': 'Ann Jones' }),
    ]);
    const early = await cli(dir, 'notify-applicants');
    expect(early.code).toBe(2);
    expect(early.err).toMatch(
      /1 application \(A005\) has not been reviewed yet.*run review-applications first/,
    );
    expect(mails(dir)).toEqual([]);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    expect((await cli(dir, 'notify-applicants')).code).toBe(0);
    expect(mails(dir).filter((f) => f.includes('A001'))).toEqual([]);
  });
});
