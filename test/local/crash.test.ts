import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { cli, initScheme, mentorRow, writeCsv } from '../support/cli';
import { killWhen, sentCount } from '../support/kill';
import { tempDir } from '../support/temp';

async function logRows(workbook: string): Promise<{ key: string; state: string }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const sheet = book.getWorksheet('Log') as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).map(String);
  const rows: { key: string; state: string }[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1)
      rows.push({
        key: String(row.getCell(header.indexOf('Key')).value ?? ''),
        state: String(row.getCell(header.indexOf('State')).value),
      });
  });
  return rows;
}

describe('a run killed while sending', () => {
  it('never sends an e-mail twice, and shows staff the one whose fate is unknown', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'scheme.xlsx');
    await initScheme(dir);
    await cli(dir, 'settings', 'set', 'Daily email limit', '5000');
    await cli(dir, 'settings', 'set', 'Mentor places', '400');
    const rows = Array.from({ length: 300 }, (_, i) =>
      mentorRow({
        'Email address': `mentor${i}@lib${i}.example`,
        'Library service': `Service ${i}`,
      }),
    );
    await cli(dir, 'import', '--form', 'mentor', writeCsv(path.join(dir, 'm.csv'), 'mentor', rows));
    await cli(dir, 'review-applications');

    await killWhen(dir, 'notify-applicants', () => sentCount(dir) >= 40);
    const mailDir = path.join(dir, 'out', 'mail');
    const sentBeforeKill = sentCount(dir);
    expect(sentBeforeKill).toBeGreaterThanOrEqual(40);
    expect(sentBeforeKill).toBeLessThan(300);
    // The killed run saved nothing: its records wait in the journal beside the workbook.
    expect(fs.existsSync(`${workbook}.journal`)).toBe(true);

    const rerun = await cli(dir, 'notify-applicants');
    expect(rerun.code).toBe(0);
    const files = fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    expect(files.filter((f) => f.includes('resent'))).toEqual([]);

    const log = await logRows(workbook);
    const started = new Map<string, number>();
    for (const r of log.filter((r) => r.state === 'started'))
      started.set(r.key, (started.get(r.key) ?? 0) + 1);
    expect([...started.values()].every((n) => n === 1)).toBe(true);
    const done = new Set(log.filter((r) => r.state === 'done').map((r) => r.key));
    const uncertain = [...started.keys()].filter((k) => !done.has(k));
    expect(uncertain.length).toBeLessThanOrEqual(1);
    expect(done.size + uncertain.length).toBe(300);
    expect(files.length).toBeGreaterThanOrEqual(done.size);
    if (uncertain.length) {
      expect(rerun.out).toMatch(/may or may not have gone/);
      expect((await cli(dir, 'status')).out).toMatch(/may or may not have gone/);
    }
    // A third run has nothing left to do.
    expect((await cli(dir, 'notify-applicants')).out).toMatch(/^Sent 0 e-mails/);
  });
});
