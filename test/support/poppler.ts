import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Poppler's command-line tools (pdftotext, pdffonts, pdfinfo, pdftoppm) read the certificates as
 * a printer or a screen reader would. CI installs them (.ci/run: poppler-utils); elsewhere:
 *
 *   const describePdf = hasPoppler || process.env.CI ? describe : describe.skip;
 */
const BIN = process.env.POPPLER_PATH || '/usr/bin';

export const hasPoppler: boolean = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm'].every((tool) =>
  fs.existsSync(path.join(BIN, tool)),
);

export const NO_POPPLER = `PDF tests skipped: no Poppler tools in ${BIN} (install the "poppler-utils" package or set POPPLER_PATH).`;

/** `describe` for PDF tests: skipped (saying why) without Poppler, but never in CI. */
export const describePdf: jest.Describe = hasPoppler || process.env.CI ? describe : describe.skip;
if (!hasPoppler && !process.env.CI) console.warn(NO_POPPLER);

function run(tool: string, args: string[]): string {
  return execFileSync(path.join(BIN, tool), args, { encoding: 'utf8' });
}

/** The text of a PDF (or of one page), as pdftotext extracts it. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-']);
}

export function pdfPages(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
}

/** pdffonts' table: one row per font with its embedded (emb) and subset (sub) columns. */
export function pdfFonts(file: string): { name: string; type: string; emb: string; sub: string }[] {
  const lines = run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return lines.map((line) => {
    // name, type (may contain spaces), encoding, emb, sub, uni, object ID
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
    if (!m) throw new Error(`Unexpected pdffonts line: ${line}`);
    return { name: m[1], type: m[2], emb: m[4], sub: m[5] };
  });
}

/** One page rendered in greys (pdftoppm -gray, PGM): width, height and one byte per pixel. */
export function renderPage(file: string, page: number, dpi = 40) {
  const out = execFileSync(
    path.join(BIN, 'pdftoppm'),
    ['-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', file],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(out.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM image');
  const [width, height] = [Number(header[1]), Number(header[2])];
  return { width, height, pixels: out.subarray(header[0].length) };
}
