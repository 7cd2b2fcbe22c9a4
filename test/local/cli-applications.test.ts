import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { cli, initScheme, menteeRow, mentorRow, writeCsv } from '../support/cli';
import { tempDir } from '../support/temp';

async function applicationsTab(file: string): Promise<Record<string, unknown>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('Applications');
  if (!sheet) throw new Error('no Applications tab');
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

function emlFiles(dir: string): string[] {
  const mail = path.join(dir, 'out', 'mail');
  return fs.existsSync(mail)
    ? fs
        .readdirSync(mail)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : [];
}

describe('applications from the command line', () => {
  let dir: string;
  let workbook: string;
  beforeEach(async () => {
    dir = tempDir();
    workbook = path.join(dir, 'scheme.xlsx');
    await initScheme(dir);
  });

  it('creates the tabs with frozen headers and dropdowns', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Settings',
      'Applications',
      'Choices',
      'Matches',
      'Pairing rules',
      'Sessions',
      'Rounds',
      'Evaluations',
      'Continuation',
      'Templates',
      'Log',
    ]);
    const applications = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    expect(applications.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const statusColumn = (applications.getRow(1).values as unknown[]).indexOf('Status');
    expect(applications.getRow(2).getCell(statusColumn).dataValidation).toMatchObject({
      type: 'list',
    });
  });

  it('imports, reviews and notifies; running each step again changes nothing and sends nothing', async () => {
    const mentors = writeCsv(path.join(dir, 'mentors.csv'), 'mentor', [mentorRow()]);
    const mentees = writeCsv(path.join(dir, 'mentees.csv'), 'mentee', [menteeRow()]);
    expect((await cli(dir, 'import', '--form', 'mentor', mentors)).code).toBe(0);
    expect((await cli(dir, 'import', '--form', 'mentee', mentees)).code).toBe(0);
    const review = await cli(dir, 'review-applications');
    expect(review.out).toMatch(/Mentors: 1 accepted/);
    const notify = await cli(dir, 'notify-applicants');
    expect(notify.out).toMatch(/Sent 2 e-mails/);
    expect(emlFiles(dir)).toEqual(['mail_accepted_A001.eml', 'mail_accepted_A002.eml']);
    const eml = fs.readFileSync(path.join(dir, 'out', 'mail', 'mail_accepted_A002.eml'), 'utf8');
    expect(eml).toMatch(/Content-Type: text\/plain/);
    expect(eml).toMatch(/Content-Type: text\/html/);
    expect(eml).toMatch(/Reply-To: mentoring@libraries.example/);
    // The person's name on the To: line, as a mail program shows it.
    const mentor = fs.readFileSync(path.join(dir, 'out', 'mail', 'mail_accepted_A001.eml'), 'utf8');
    expect(mentor).toMatch(/^To: Ann Jones <ann\.jones@kent\.gov\.example>$/m);

    const before = fs.readFileSync(workbook);
    const mtimes = emlFiles(dir).map((f) => fs.statSync(path.join(dir, 'out', 'mail', f)).mtimeMs);
    const again = [
      await cli(dir, 'import', '--form', 'mentor', mentors),
      await cli(dir, 'import', '--form', 'mentee', mentees),
      await cli(dir, 'review-applications'),
      await cli(dir, 'notify-applicants'),
    ];
    expect(again.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(again[0].out).toMatch(/0 new, 0 updated, 1 unchanged/);
    expect(again[3].out).toMatch(/Sent 0 e-mails; 2 had already been sent/);
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);
    expect(emlFiles(dir).map((f) => fs.statSync(path.join(dir, 'out', 'mail', f)).mtimeMs)).toEqual(
      mtimes,
    );
  });

  it('updates a resubmission in place and keeps the earlier answers in the Log', async () => {
    const first = writeCsv(path.join(dir, 'a.csv'), 'mentee', [menteeRow()]);
    const later = writeCsv(path.join(dir, 'b.csv'), 'mentee', [
      menteeRow({
        Timestamp: '2026/05/16 09:00:00 am GMT+1',
        'Areas where you would like support': 'Budgeting',
      }),
    ]);
    await cli(dir, 'import', '--form', 'mentee', first);
    const result = await cli(dir, 'import', '--form', 'mentee', later);
    expect(result.out).toMatch(/0 new, 1 updated/);
    const rows = await applicationsTab(workbook);
    expect(rows).toHaveLength(1);
    expect(rows[0].Areas).toBe('Budgeting');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const log: string[] = [];
    book.getWorksheet('Log')?.eachRow((row) => log.push(JSON.stringify(row.values)));
    expect(log.join('\n')).toMatch(/history:A001.*Capital projects/);
  });

  it('stores a formula-like answer as text, never as a formula', async () => {
    const csv = writeCsv(path.join(dir, 'm.csv'), 'mentor', [
      mentorRow({
        'Anything else we should know?': '=HYPERLINK("http://x","y")',
        'Job title': '+1-2',
      }),
    ]);
    expect((await cli(dir, 'import', '--form', 'mentor', csv)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const notes = sheet.getRow(2).getCell(header.indexOf('Notes'));
    expect(notes.type).toBe(ExcelJS.ValueType.String);
    expect(notes.value).toBe('=HYPERLINK("http://x","y")');
    expect(sheet.getRow(2).getCell(header.indexOf('Job title')).value).toBe('+1-2');
    // No cell of the saved file holds a formula.
    const types: number[] = [];
    for (const tab of book.worksheets)
      tab.eachRow((row) => row.eachCell((cell) => types.push(cell.type)));
    expect(types).not.toContain(ExcelJS.ValueType.Formula);
  });

  it('keeps columns staff added, and their values, through every action', async () => {
    const csv = writeCsv(path.join(dir, 'm.csv'), 'mentor', [mentorRow()]);
    await cli(dir, 'import', '--form', 'mentor', csv);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    // Staff move a column and add their own.
    sheet.spliceColumns(1, 0, ['Staff notes', 'Phoned on Tuesday']);
    await book.xlsx.writeFile(workbook);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    const rows = await applicationsTab(workbook);
    expect(rows[0]['Staff notes']).toBe('Phoned on Tuesday');
    expect(rows[0].Status).toBe('Accepted');
    expect(rows[0].ID).toBe('A001');
  });

  it('respects a status staff changed by hand', async () => {
    const csv = writeCsv(path.join(dir, 'm.csv'), 'mentor', [mentorRow()]);
    await cli(dir, 'import', '--form', 'mentor', csv);
    await cli(dir, 'review-applications');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    sheet.getRow(2).getCell(header.indexOf('Status')).value = 'Withdrawn';
    await book.xlsx.writeFile(workbook);
    await cli(dir, 'review-applications');
    const notify = await cli(dir, 'notify-applicants');
    expect((await applicationsTab(workbook))[0].Status).toBe('Withdrawn');
    expect(notify.out).toMatch(/Sent 0 e-mails/);
  });

  it('queues what does not fit in the daily e-mail limit and sends it on a later run', async () => {
    const rows = Array.from({ length: 5 }, (_, i) =>
      mentorRow({
        'Email address': `m${i}@x${i}.example`,
        'Library service': `Service ${i}`,
        Timestamp: `2026/05/14 10:2${i}:00 am GMT+1`,
      }),
    );
    await cli(dir, 'import', '--form', 'mentor', writeCsv(path.join(dir, 'm.csv'), 'mentor', rows));
    await cli(dir, 'review-applications');
    await cli(dir, 'settings', 'set', 'Daily email limit', '3');
    const first = await cli(dir, 'notify-applicants');
    expect(first.out).toMatch(/Sent 3 e-mails/);
    expect(first.out).toMatch(/2 e-mails queued: daily e-mail limit/);
    expect(emlFiles(dir)).toHaveLength(3);
    await cli(dir, 'settings', 'set', 'Daily email limit', '10');
    const second = await cli(dir, 'notify-applicants');
    expect(second.out).toMatch(/Sent 2 e-mails; 3 had already been sent/);
    expect(emlFiles(dir)).toHaveLength(5);
  });

  it('status counts per role and status, as text and as JSON', async () => {
    await cli(
      dir,
      'import',
      '--form',
      'mentor',
      writeCsv(path.join(dir, 'm.csv'), 'mentor', [mentorRow()]),
    );
    await cli(
      dir,
      'import',
      '--form',
      'mentee',
      writeCsv(path.join(dir, 'e.csv'), 'mentee', [
        menteeRow({ 'Are you the Head of Service managing libraries?': 'No' }),
      ]),
    );
    await cli(dir, 'review-applications');
    const json = JSON.parse((await cli(dir, 'status', '--json')).out);
    expect(json.applications.Mentor).toMatchObject({ Accepted: 1, Total: 1 });
    expect(json.applications.Mentee).toMatchObject({ Ineligible: 1, Total: 1 });
    expect(json.emails.waiting).toBe(2);
    expect((await cli(dir, 'status')).out).toMatch(/Mentor\s+0\s+1\s+0\s+0\s+0\s+1/);
  });

  it('shows and changes settings, refusing a bad value', async () => {
    expect((await cli(dir, 'settings', 'set', 'Mentor places', '12')).code).toBe(0);
    expect((await cli(dir, 'settings')).out).toMatch(/Mentor places\s+12/);
    const bad = await cli(dir, 'settings', 'set', 'Mentor places', 'lots');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/whole number/);
    const unknown = await cli(dir, 'settings', 'set', 'Colour', 'blue');
    expect(unknown.err).toMatch(/no setting called "Colour"/);
  });
});
