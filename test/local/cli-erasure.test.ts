import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { emlText } from '../../src/local/eml-text';
import { cli } from '../support/cli';
import { hasPoppler, pdfText } from '../support/poppler';
import { tempDir } from '../support/temp';

/**
 * The acceptance for erase-person, tried on the demo as a new user would: afterwards the
 * person's address and name appear in no tab, Log record or output file (every file under the
 * demo's folder is read, .eml files decoded, PDFs as text), except the imported CSV exports,
 * which are staff's own files and are listed for staff to delete; the evidence record exists and
 * names nobody; a second run finds nothing and says so.
 */
const dir = tempDir();
const workbook = path.join(dir, 'scheme.xlsx');

async function cells(file: string): Promise<{ tab: string; text: string }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const found: { tab: string; text: string }[] = [];
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        found.push({ tab: sheet.name, text: String(cell.text ?? '') });
      }),
    ),
  );
  return found;
}

function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** PDF text by content: the pair folders' handbook copies are read once, not once each. */
const pdfTexts = new Map<string, string>();

/** Every readable text of a file: its path, then its content (decoded where it is encoded). */
function readable(file: string): string {
  const raw = fs.readFileSync(file);
  let text = raw.toString('utf8');
  if (file.endsWith('.eml')) text = emlText(raw);
  else if (file.endsWith('.pdf')) {
    const id = createHash('sha1').update(raw).digest('hex');
    if (!pdfTexts.has(id)) pdfTexts.set(id, hasPoppler ? pdfText(file) : raw.toString('latin1'));
    text = pdfTexts.get(id) as string;
  }
  return `${file}\n${text}`;
}

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

let email = '';
let name = '';

beforeAll(async () => {
  const demo = await cli(dir, 'demo');
  expect(demo.code).toBe(0);
  // The mentor of the demo's first confirmed pair: folder, introductions, invitations, certificate.
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const matches = book.getWorksheet('Matches')!;
  const header = (matches.getRow(1).values as unknown[]).map(String);
  const row = matches.getRow(2).values as unknown[];
  email = String(row[header.indexOf('Mentor')]);
  name = String(row[header.indexOf('Mentor name')]);
}, 240_000);

describe('erase-person on the demo', () => {
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
    expect(before.some((f) => f.endsWith('.eml'))).toBe(true);
    expect(before.some((f) => f.startsWith(path.join('out', 'drive')))).toBe(true);

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
