import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CHOICE_FORM, csvColumns } from '../../src/domain/forms';
import { FOLDER_RECORD, FolderRecord, LocalDrive } from '../../src/local/local-drive';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, initScheme, importApplications, menteeRow, mentorRow } from '../support/cli';
import { killAtBoundary } from '../support/kill';
import { tempDir } from '../support/temp';

/** A scheme with `pairs` confirmed pairs, its handbook and templates in out/drive. */
async function confirmedPairs(dir: string, pairs: number): Promise<void> {
  await initScheme(dir);
  for (const [k, v] of [
    ['Mentor places', String(pairs)],
    ['Mentee places', String(pairs)],
    ['Daily email limit', '100000'],
    ['Root folder', 'Pairs'],
    ['Handbook file', 'Resources/Handbook.pdf'],
    ['Templates folder', 'Resources/Templates'],
    ['Staff emails', 'staff@scheme.example'],
  ]) {
    await cli(dir, 'settings', 'set', k, v);
  }
  const drive = path.join(dir, 'out', 'drive');
  LocalDrive.seedFolder(drive, 'Pairs');
  LocalDrive.seedFile(drive, 'Resources/Handbook.pdf', 'handbook');
  LocalDrive.seedFile(drive, 'Resources/Templates/Agreement.txt', 'agreement');
  LocalDrive.seedFile(drive, 'Resources/Templates/Notes.txt', 'notes');
  const mentors = Array.from({ length: pairs }, (_, i) =>
    mentorRow({
      'Email address': `mentor${i}@m${i}.example`,
      'Full name': `Mentor ${i}`,
      'Library service': `Mentor service ${i}`,
      'How many mentees could you support?': '1',
    }),
  );
  const mentees = Array.from({ length: pairs }, (_, i) =>
    menteeRow({
      'Email address': `mentee${i}@e${i}.example`,
      'Full name': `Mentee ${i}`,
      'Library service': `Mentee service ${i}`,
    }),
  );
  await importApplications(dir, mentors, mentees);
  await cli(dir, 'review-applications');
  const option = (i: number) => `Mentor ${i % pairs} — Mentor service ${i % pairs}`;
  const choices = mentees.map((_, i) => [
    '2026/07/14 10:00:00 am GMT+1',
    `mentee${i}@e${i}.example`,
    option(i),
    pairs > 1 ? option(i + 1) : '',
    pairs > 2 ? option(i + 2) : '',
  ]);
  fs.writeFileSync(path.join(dir, 'c.csv'), stringify([csvColumns(CHOICE_FORM), ...choices]));
  await cli(dir, 'import', '--form', 'choices', path.join(dir, 'c.csv'));
  expect((await cli(dir, 'match')).code).toBe(0);
  expect((await cli(dir, 'confirm-matches')).code).toBe(0);
}

/** The pair folders on disk; a folder a killed run made but had not yet recorded has no record. */
function pairFolders(dir: string): { name: string; record: FolderRecord; files: string[] }[] {
  const root = path.join(dir, 'out', 'drive', 'Pairs');
  const record = (name: string) => {
    const file = path.join(root, name, FOLDER_RECORD);
    return (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null) as FolderRecord;
  };
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({
      name: e.name,
      record: record(e.name),
      files: fs
        .readdirSync(path.join(root, e.name))
        .filter((f) => !f.startsWith('.'))
        .sort(),
    }));
}

const introductions = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'out', 'mail'))
    .filter((f) => f.startsWith('mail_introduction') && f.endsWith('.eml'));

describe('set-up-pairs on the local back end', () => {
  it('makes one private folder per confirmed pair with the handbook and templates, and one introduction; a second run does nothing', async () => {
    const dir = tempDir();
    await confirmedPairs(dir, 3);
    const first = await cli(dir, 'set-up-pairs');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Set up 3 pairs of 3 confirmed; sent 3 introductions/);
    const folders = pairFolders(dir);
    expect(folders).toHaveLength(3);
    for (const f of folders) {
      expect(f.files).toEqual(['Agreement.txt', 'Handbook.pdf', 'Notes.txt']);
      expect(f.record.access).toBe('restricted');
      const i = f.name.match(/Mentee (\d+)/)?.[1];
      expect(f.name).toBe(`Cohort 1 – Mentee ${i} & Mentor ${i}`);
      expect([...f.record.editors].sort()).toEqual(
        [`mentee${i}@e${i}.example`, `mentor${i}@m${i}.example`, 'staff@scheme.example'].sort(),
      );
    }
    expect(introductions(dir)).toHaveLength(3);
    const eml = fs.readFileSync(path.join(dir, 'out', 'mail', introductions(dir)[0]), 'utf8');
    expect(eml).toMatch(
      /^To: Mentee (\d) <mentee\1@e\1\.example>, Mentor \1 <mentor\1@m\1\.example>$/m,
    );
    // The folder link can be clicked in the HTML part.
    const html = emlHtml(eml);
    expect(html).toMatch(/<a href="file:\/\/[^"]+">file:\/\/[^<]+<\/a>/);
    expect(eml).toMatch(/online or in person/);

    const before = fs.readFileSync(path.join(dir, 'scheme.xlsx'));
    const again = await cli(dir, 'set-up-pairs');
    expect(again.out).toMatch(/Set up 0 pairs of 3 confirmed; sent 0 introductions/);
    expect(pairFolders(dir)).toHaveLength(3);
    expect(introductions(dir)).toHaveLength(3);
    expect(fs.readFileSync(path.join(dir, 'scheme.xlsx')).equals(before)).toBe(true);

    const status = await cli(dir, 'status', '--json');
    const pairs = JSON.parse(status.out).pairs as {
      folder: string;
      access: string[];
      introduction: string;
    }[];
    expect(pairs).toHaveLength(3);
    expect(
      pairs.every(
        (p) => p.introduction === 'Sent' && p.folder.startsWith('file://') && p.access.length === 3,
      ),
    ).toBe(true);
  });

  it('queues introductions over the daily e-mail limit and sends them on a later run', async () => {
    const dir = tempDir();
    await confirmedPairs(dir, 4);
    await cli(dir, 'settings', 'set', 'Daily email limit', '4');
    const first = await cli(dir, 'set-up-pairs');
    expect(first.out).toMatch(/sent 2 introductions/);
    expect(first.out).toMatch(/2 introductions queued: daily e-mail limit/);
    expect(pairFolders(dir)).toHaveLength(4);
    expect((await cli(dir, 'status')).out).toMatch(
      /Still to do: set-up-pairs \(queued: daily e-mail limit\)/,
    );
    await cli(dir, 'settings', 'set', 'Daily email limit', '100');
    const second = await cli(dir, 'set-up-pairs');
    expect(second.out).toMatch(/sent 2 introductions/);
    expect(introductions(dir)).toHaveLength(4);
    expect((await cli(dir, 'status')).out).not.toMatch(/Still to do/);
  });

  it('an Ended pair keeps its folder; whoever withdrew loses access; a re-matched mentee gets a new folder', async () => {
    const dir = tempDir();
    await confirmedPairs(dir, 2);
    await cli(dir, 'set-up-pairs');
    // Mentor 0 withdraws: staff end the pair and confirm Mentee 0 with a new mentor by hand.
    const file = path.join(dir, 'scheme.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const apps = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    const ah = (apps.getRow(1).values as unknown[]).map(String);
    apps.eachRow((row) => {
      if (row.getCell(ah.indexOf('Email')).value === 'mentor0@m0.example')
        row.getCell(ah.indexOf('Status')).value = 'Withdrawn';
    });
    const matches = book.getWorksheet('Matches') as ExcelJS.Worksheet;
    const mh = (matches.getRow(1).values as unknown[]).map(String);
    matches.eachRow((row) => {
      if (row.getCell(mh.indexOf('Mentee')).value === 'mentee0@e0.example')
        row.getCell(mh.indexOf('Status')).value = 'Ended';
    });
    const next = matches.rowCount + 1;
    matches.getRow(next).getCell(mh.indexOf('Mentee')).value = 'mentee0@e0.example';
    matches.getRow(next).getCell(mh.indexOf('Mentor')).value = 'mentor1@m1.example';
    matches.getRow(next).getCell(mh.indexOf('Status')).value = 'Confirmed';
    await book.xlsx.writeFile(file);

    const result = await cli(dir, 'set-up-pairs');
    expect(result.out).toMatch(/Set up 1 pair of 2 confirmed; sent 1 introduction/);
    expect(result.out).toMatch(
      /mentor0@m0.example no longer has access to their folder \(it is kept\)/,
    );
    const folders = pairFolders(dir);
    expect(folders).toHaveLength(3);
    const ended = folders.find((f) => f.name.includes('Mentee 0 & Mentor 0'));
    expect(ended?.record.editors).not.toContain('mentor0@m0.example');
    expect(ended?.record.editors).toContain('mentee0@e0.example');
    expect(introductions(dir)).toHaveLength(3);
  });

  it('refuses, in one sentence, when the Settings do not say where the handbook is', async () => {
    const dir = tempDir();
    await initScheme(dir);
    const result = await cli(dir, 'set-up-pairs');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(
      /Fill in "Root folder", "Handbook file", "Templates folder" in the Settings tab first/,
    );
  });

  it('killed (SIGKILL) just after an introduction went, a second run ends with exactly one folder and one introduction per pair, and says which one is uncertain', async () => {
    const dir = tempDir();
    const pairs = 6;
    await confirmedPairs(dir, pairs);
    const mailDir = path.join(dir, 'out', 'mail');
    // Per pair 9 boundaries (folder, 3 copies, sharing, their record, e-mail started, sent,
    // done): the 8th of pair 4 is the moment its introduction has gone but is not yet recorded.
    const marker = await killAtBoundary(dir, 'set-up-pairs', 3 * 9 + 8);
    expect(marker).toMatch(/carried out mail:introduction:/);
    expect(pairFolders(dir)).toHaveLength(4);
    // The killed run saved nothing: its records wait in the journal beside the workbook.
    expect(fs.existsSync(path.join(dir, 'scheme.xlsx.journal'))).toBe(true);

    const rerun = await cli(dir, 'set-up-pairs');
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/1 introduction may or may not have gone/);
    const folders = pairFolders(dir);
    expect(folders).toHaveLength(pairs);
    expect(folders.every((f) => f.record !== null && f.files.length === 3)).toBe(true);
    expect(new Set(folders.map((f) => f.record.key)).size).toBe(pairs);
    const mails = fs.readdirSync(mailDir).filter((f) => f.startsWith('mail_introduction'));
    expect(mails.filter((f) => f.includes('resent'))).toEqual([]);
    // The one in flight went before the kill (its outbox copy is composed now): none twice.
    expect(mails).toHaveLength(pairs);
    const data = (
      await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false })
    ).readTab('Matches');
    const introduced = data?.rows.map((r) => r[data.header.indexOf('Introduced')]) ?? [];
    expect(introduced.filter((v) => v !== 'Sent')).toEqual([
      'Uncertain: check with the pair, then set the Log row to retry',
    ]);
    expect((await cli(dir, 'status')).out).toMatch(/may or may not have gone/);
  }, 120_000);
});

/** The HTML part of an .eml file, decoded (nodemailer writes it quoted-printable). */
function emlHtml(eml: string): string {
  const part = eml.split(/Content-Type: text\/html[^\n]*\n/)[1] ?? '';
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .split(/\n--/)[0];
  return body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
