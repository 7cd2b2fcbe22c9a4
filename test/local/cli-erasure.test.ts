import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CHOICE_FORM, csvColumns } from '../../src/domain/forms';
import { SESSIONS_TAB } from '../../src/domain/tabs';
import { LocalDrive } from '../../src/local/local-drive';
import { LocalSession } from '../../src/local/session';
import { cli, importApplications, initScheme, menteeRow, mentorRow } from '../support/cli';
import { cells, filesUnder, readable } from '../support/readable-files';
import { tempDir } from '../support/temp';

/**
 * The acceptance for erase-person, tried as a new user would: afterwards the
 * person's address and name appear in no tab, Log record or output file (every file under the
 * demo's folder is read, .eml files decoded, PDFs as text), except the imported CSV exports,
 * which are staff's own files and are listed for staff to delete; the evidence record exists and
 * names nobody; a second run finds nothing and says so.
 */
const dir = tempDir();
const workbook = path.join(dir, 'scheme.xlsx');

/** The files (and tab cells) that still name the person. */
async function naming(email: string, name: string): Promise<string[]> {
  const hits = (text: string) =>
    text.toLowerCase().includes(email.toLowerCase()) || text.includes(name);
  const files = [
    workbook + '.jobs.json',
    workbook + '.journal',
    ...filesUnder(path.join(dir, 'out')),
  ]
    .filter((f) => fs.existsSync(f))
    .filter((f) => hits(readable(f)))
    .map((f) => path.relative(dir, f));
  const tabs = (await cells(workbook)).filter((c) => hits(c.text)).map((c) => `tab ${c.tab}`);
  return [...new Set([...files, ...tabs])];
}

const MENTORS = ['Ann Jones', 'Dafydd Rhys', 'Grace Okafor'];
const MENTEES = ['Siân Llywelyn', 'Tomás Byrne', 'Priya Shah'];
const email = 'ann.jones@kent.gov.example';
const name = 'Ann Jones';

/**
 * A small scheme that has been through every step that writes a file: applications imported
 * and answered, forms, gallery, three confirmed pairs with folders and introductions, the launch
 * day's invitations, certificates. Ann Jones (mentor of the first pair) is in all of them.
 */
beforeAll(async () => {
  await initScheme(dir);
  const run = async (...args: string[]) => {
    const result = await cli(dir, ...args);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.err}`);
  };
  for (const [k, v] of [
    ['Mentor places', '3'],
    ['Mentee places', '3'],
    ['Daily email limit', '100000'],
    ['Root folder', 'Pairs'],
    ['Handbook file', 'Resources/Handbook.txt'],
    ['Templates folder', 'Resources/Templates'],
    ['Certificates folder', 'Certificates'],
    ['Certificate date', '25 January 2027'],
  ])
    await run('settings', 'set', k, v);
  const drive = path.join(dir, 'out', 'drive');
  LocalDrive.seedFolder(drive, 'Pairs');
  LocalDrive.seedFolder(drive, 'Certificates');
  LocalDrive.seedFile(drive, 'Resources/Handbook.txt', 'handbook');
  LocalDrive.seedFile(drive, 'Resources/Templates/Notes.txt', 'notes');
  const emailOf = (i: number) => (i === 0 ? email : `mentor${i}@m${i}.example`);
  await importApplications(
    dir,
    MENTORS.map((m, i) =>
      mentorRow({
        'Email address': emailOf(i),
        'Full name': m,
        'Library service': `Mentor service ${i}`,
        'How many mentees could you support?': '1',
      }),
    ),
    MENTEES.map((m, i) =>
      menteeRow({
        'Email address': `mentee${i}@e${i}.example`,
        'Full name': m,
        'Library service': `Mentee service ${i}`,
      }),
    ),
  );
  await run('review-applications');
  await run('notify-applicants');
  await run('set-up-forms');
  await run('gallery');
  const option = (i: number) => `${MENTORS[i % 3]} — Mentor service ${i % 3}`;
  const choices = MENTEES.map((_, i) => [
    '2026/07/14 10:00:00 am GMT+1',
    `mentee${i}@e${i}.example`,
    option(i),
    option(i + 1),
    option(i + 2),
  ]);
  fs.writeFileSync(path.join(dir, 'c.csv'), stringify([csvColumns(CHOICE_FORM), ...choices]));
  await run('import', '--form', 'choices', path.join(dir, 'c.csv'));
  await run('match');
  await run('confirm-matches');
  await run('set-up-pairs');
  const session = await LocalSession.open({ workbook, out: path.join(dir, 'out') });
  try {
    const sh = [...SESSIONS_TAB.columns];
    const launch: Record<string, string> = {
      Kind: 'Launch day',
      Title: 'Launch day',
      Start: '2026-07-20 10:00',
      End: '2026-07-20 16:00',
      Where: 'Leeds Central Library',
      Audience: 'All accepted',
    };
    session.ports.workbook.writeTab(SESSIONS_TAB, {
      header: sh,
      rows: [sh.map((h) => launch[h] ?? null)],
    });
    await session.commit();
  } finally {
    await session.release();
  }
  await run('send-invitations');
  await run('make-certificates');
}, 240_000);

describe('erase-person on a scheme that has been through every step', () => {
  it('refuses a bad address in one sentence and changes nothing', async () => {
    const before = fs.statSync(workbook).mtimeMs;
    const bad = await cli(dir, 'erase-person', 'not an address');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^"not an address" is not an e-mail address: give the address of the person whose data is to be erased, e\.g\. erase-person .+\.$/,
      ),
    ]);
    expect(fs.statSync(workbook).mtimeMs).toBe(before);
  });

  it('erases the person from every tab, Log record and output file; the evidence names nobody', async () => {
    const before = await naming(email, name);
    // The demo's person really is everywhere first: the test can fail.
    expect(before).toEqual(expect.arrayContaining(['tab Applications', 'tab Matches', 'tab Log']));
    for (const where of [
      /\.eml$/,
      /^out\/drive\/Pairs\//,
      /^out\/drive\/Certificates\//,
      /^out\/calendar\//,
      /^out\/gallery\.html$/,
      /^out\/forms\/choices/,
    ])
      expect(before.some((f) => where.test(f))).toBe(true);

    const files = filesUnder(path.join(dir, 'out')).length;
    const saved = fs.statSync(workbook).mtimeMs;
    const dry = await cli(dir, 'erase-person', email, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Nothing has been changed yet\./);
    expect([filesUnder(path.join(dir, 'out')).length, fs.statSync(workbook).mtimeMs]).toEqual([
      files,
      saved,
    ]);

    const refused = await cli(dir, 'erase-person', email);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/active pair.*--end-pair to go ahead\./);

    const done = await cli(dir, 'erase-person', email, '--end-pair');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/^Erased \d+ items naming this person \(reference E-[0-9A-F]{6}-1/);
    expect(done.out).toMatch(/CSV export of the forms you keep/);
    // Left: staff's own CSV exports (the tool imported them and must not delete them; the
    // output lists them for staff), and the demo's own manifest (out/.peer-mentoring-demo.json:
    // the files the demo made, so that `demo` only ever removes its own; no real scheme has it).
    const left = await naming(email, name);
    expect(
      left.filter((f) => !f.endsWith('.csv') && !f.endsWith('.peer-mentoring-demo.json')),
    ).toEqual([]);

    const evidence = (await cells(workbook)).filter((c) => c.tab === 'Erasures');
    expect(evidence.map((c) => c.text)).toEqual(
      expect.arrayContaining(['Reference', 'Erased', expect.stringMatching(/^E-[0-9A-F]{6}-1$/)]),
    );
    expect(evidence.some((c) => c.text.includes('@'))).toBe(false);

    const again = await cli(dir, 'erase-person', email);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(
      /^Nothing the tool holds names this address any more: it was erased on \d{4}-\d\d-\d\d \(reference E-[0-9A-F]{6}-1\)\.$/m,
    );
  }, 300_000);
});
