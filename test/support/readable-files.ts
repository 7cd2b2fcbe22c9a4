import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { emlText } from '../../src/local/eml-text';
import { hasPoppler, pdfText } from './poppler';

/** What an erasure test searches: every cell of a workbook, every file's readable text. */
export async function cells(file: string): Promise<{ tab: string; text: string }[]> {
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

export function filesUnder(root: string): string[] {
  return fs
    .readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** PDF text by content: the pair folders' handbook copies are read once, not once each. */
const pdfTexts = new Map<string, string>();

/** Every readable text of a file: its path, then its content (decoded where it is encoded). */
export function readable(file: string): string {
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
