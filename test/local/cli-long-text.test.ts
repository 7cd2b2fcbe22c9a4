import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { fnv1a64 } from '../../src/domain/hash';
import { LONG_TEXT_DIR, MAX_XLSX_CELL_CHARS } from '../../src/local/xlsx-workbook';
import { cli, mentorRow, writeCsv } from '../support/cli';
import { tempDir } from '../support/temp';

/** Every string cell of every tab, as Excel would open the file. */
async function cells(file: string): Promise<{ sheet: string; address: string; text: string }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out: { sheet: string; address: string; text: string }[] = [];
  for (const sheet of book.worksheets)
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string')
          out.push({ sheet: sheet.name, address: cell.address, text: cell.value });
      }),
    );
  return out;
}

// A long answer pasted into the form, with a character outside the BMP where a naive cut would
// split it in two.
const essay = (seed: string, length: number) => {
  let text = `${seed} `;
  while (text.length < length) text += `${seed} paragraph ${text.length} 📚 `;
  // Ending on a full stop: not on half a character (the CSV would carry a replacement
  // character instead), nor on a space (answers are trimmed).
  text = text.slice(0, length - 1);
  return `${/[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text}.`;
};

describe("text over Excel's 32,767-character cell limit in the local workbook", () => {
  it('is cut with a visible note and its fingerprint, kept whole beside the workbook, never an error', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'scheme.xlsx');
    expect((await cli(dir, 'init')).code).toBe(0);
    const long = essay('First answer', 40_000);
    const csv = writeCsv(path.join(dir, 'mentors.csv'), 'mentor', [
      mentorRow({ 'Anything else we should know?': long }),
    ]);
    const first = await cli(dir, 'import', '--form', 'mentor', csv);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/1 new/);

    const all = await cells(workbook);
    // No cell Excel would refuse.
    expect(Math.max(...all.map((c) => c.text.length))).toBeLessThanOrEqual(MAX_XLSX_CELL_CHARS);
    const cut = all.filter((c) => c.text.includes('[cut by the Mentoring tool'));
    expect(cut).toHaveLength(1);
    const fingerprint = fnv1a64(long);
    expect(cut[0].sheet).toBe('Applications');
    expect(cut[0].text).toContain(
      `${long.length} characters in all, fingerprint ${fingerprint}; the whole text is in ${LONG_TEXT_DIR}/scheme/${fingerprint}.txt beside the workbook]`,
    );
    // What fits is the answer's own beginning, not a half character.
    const kept = cut[0].text.slice(0, cut[0].text.indexOf(' … [cut by'));
    expect(long.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(32_000);
    expect(kept).not.toMatch(/[\uD800-\uDBFF]$/);
    // The whole answer is kept beside the workbook.
    expect(
      fs.readFileSync(path.join(dir, LONG_TEXT_DIR, 'scheme', `${fingerprint}.txt`), 'utf8'),
    ).toBe(long);

    // The tool reads the whole answer back: importing the same file again changes nothing.
    const before = fs.readFileSync(workbook);
    const again = await cli(dir, 'import', '--form', 'mentor', csv);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/0 new, 0 updated, 1 unchanged/);
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);

    // A changed long answer replaces it; the earlier one goes to the Log's history, itself
    // longer than a cell allows: cut the same way, kept whole beside the workbook.
    const longer = essay('Second answer', 60_000);
    const changed = writeCsv(path.join(dir, 'mentors2.csv'), 'mentor', [
      mentorRow({
        Timestamp: '2026/05/20 10:21:03 am GMT+1',
        'Anything else we should know?': longer,
      }),
    ]);
    const third = await cli(dir, 'import', '--form', 'mentor', changed);
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/0 new, 1 updated/);
    const now = await cells(workbook);
    expect(Math.max(...now.map((c) => c.text.length))).toBeLessThanOrEqual(MAX_XLSX_CELL_CHARS);
    const history = now.filter(
      (c) => c.sheet === 'Log' && c.text.includes('[cut by the Mentoring tool'),
    );
    expect(history).toHaveLength(1);
    const historyHash = /fingerprint ([0-9a-f]{16})/.exec(history[0].text)?.[1] as string;
    expect(
      fs.readFileSync(path.join(dir, LONG_TEXT_DIR, 'scheme', `${historyHash}.txt`), 'utf8'),
    ).toContain(long);
    expect(
      fs.readFileSync(path.join(dir, LONG_TEXT_DIR, 'scheme', `${fnv1a64(longer)}.txt`), 'utf8'),
    ).toBe(longer);
    // The replaced answer's own file is gone: no cell points at it any more.
    expect(fs.existsSync(path.join(dir, LONG_TEXT_DIR, 'scheme', `${fingerprint}.txt`))).toBe(
      false,
    );

    // Erasing the applicant leaves no whole text of theirs beside the workbook.
    const email = mentorRow()['Email address'];
    const erased = await cli(dir, 'erase-person', email);
    expect(erased.code).toBe(0);
    const left = fs
      .readdirSync(path.join(dir, LONG_TEXT_DIR, 'scheme'))
      .map((f) => fs.readFileSync(path.join(dir, LONG_TEXT_DIR, 'scheme', f), 'utf8'));
    expect(left.filter((t) => t.includes('Second answer') || t.includes(email))).toEqual([]);
  });

  it('without the file beside it, the cut cell is read as it stands (its note visible), never an error', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    const long = essay('An answer', 35_000);
    const csv = writeCsv(path.join(dir, 'mentors.csv'), 'mentor', [
      mentorRow({ 'Anything else we should know?': long }),
    ]);
    expect((await cli(dir, 'import', '--form', 'mentor', csv)).code).toBe(0);
    fs.rmSync(path.join(dir, LONG_TEXT_DIR), { recursive: true });
    const status = await cli(dir, 'status');
    expect(status.code).toBe(0);
    // The same response again is a tie, which keeps what is recorded: the cut text and its note.
    const again = await cli(dir, 'import', '--form', 'mentor', csv);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/0 new, 0 updated, 1 unchanged/);
    const cut = (await cells(path.join(dir, 'scheme.xlsx'))).filter((c) =>
      c.text.includes(`fingerprint ${fnv1a64(long)}`),
    );
    expect(cut).toHaveLength(1);
    expect(cut[0].text.length).toBeLessThanOrEqual(MAX_XLSX_CELL_CHARS);
  });
});
