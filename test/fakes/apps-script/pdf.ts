import fontkit from '@pdf-lib/fontkit';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { __awaiter, settled } from '../../../src/apps-script/sync-promise';

/**
 * Real PDFs for the fake's exports, drawn with pdf-lib: one page per slide, each text box a line
 * in DejaVu Sans, embedded as a subset as Google's exports embed theirs, so that a merge, a page
 * count and the text of each page (pdftotext) are what they would be with Google's files.
 *
 * The fake is synchronous, as Apps Script is, and pdf-lib is asynchronous only in form: while a
 * PDF is drawn, pdf-lib's tslib gets the same synchronous `__awaiter` the Apps Script build uses
 * (src/apps-script/sync-promise.ts), and the font subset is written at once instead of on the
 * next tick (fontkit's `encodeStream` waits for one; its `encode` does not).
 */
const pdfLibDir = path.dirname(require.resolve('pdf-lib/package.json'));
// The very module objects pdf-lib uses (jest's registry), so only `require` will do.
/* eslint-disable @typescript-eslint/no-require-imports */
const tslib = require(require.resolve('tslib', { paths: [pdfLibDir] })) as { __awaiter: unknown };
const subsetEmbedder = (
  require('pdf-lib/cjs/core/embedders/CustomFontSubsetEmbedder') as {
    default: { prototype: { serializeFont(): unknown } };
  }
).default.prototype;
/* eslint-enable @typescript-eslint/no-require-imports */

const FONT = path.join(
  path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
  'DejaVuSans.ttf',
);
let parsed: fontkit.Font | undefined;
/** fontkit, with the font parsed once for every PDF the fake draws. */
const cachedFontkit = {
  create: () => (parsed ??= fontkit.create(fs.readFileSync(FONT))),
} as unknown as typeof fontkit;

function serializeSubsetNow(this: {
  subset: {
    encodeStream(): { push(chunk: unknown): boolean; end(): void };
    encode(s: unknown): void;
  };
}): Uint8Array {
  const stream = this.subset.encodeStream();
  const parts: Uint8Array[] = [];
  stream.push = (chunk) => {
    if (chunk) parts.push(chunk as Uint8Array);
    return true;
  };
  this.subset.encode(stream);
  stream.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function synchronously<T>(fn: () => T): T {
  const saved = { awaiter: tslib.__awaiter, serialize: subsetEmbedder.serializeFont };
  tslib.__awaiter = __awaiter;
  subsetEmbedder.serializeFont = serializeSubsetNow;
  try {
    return fn();
  } finally {
    tslib.__awaiter = saved.awaiter;
    subsetEmbedder.serializeFont = saved.serialize;
  }
}

/** Google Slides' default page, 16:9 (10 × 5.625 inches), in points. */
const PAGE: [number, number] = [720, 405];

/** A PDF of these slides (each a list of text boxes), as Google's export would print them. */
export function drawSlidesPdf(slides: readonly (readonly string[])[], title: string): Uint8Array {
  return synchronously(() => {
    const doc = settled(PDFDocument.create());
    doc.registerFontkit(cachedFontkit);
    const font: PDFFont = settled(doc.embedFont(FONT_BYTES(), { subset: true }));
    doc.setTitle(title);
    doc.setProducer('Google Slides (fake)');
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    for (const slide of slides) {
      const page = doc.addPage(PAGE);
      let y = PAGE[1] - 50;
      for (const box of slide) {
        for (const line of box.split('\n')) {
          if (line.trim()) page.drawText(line, { x: 40, y, size: 16, font });
          y -= 24;
        }
      }
    }
    if (slides.length === 0) doc.addPage(PAGE);
    return settled(doc.save({ objectsPerTick: Infinity }));
  });
}

// The bytes are only handed to the cached fontkit, which ignores them after the first parse.
const FONT_BYTES = (() => {
  let bytes: Uint8Array | undefined;
  return () => (bytes ??= new Uint8Array(fs.readFileSync(FONT)));
})();

/** What a reader of the PDF sees, page by page, line by line (Poppler's pdftotext). */
export function pdfPagesText(bytes: Uint8Array): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    fs.writeFileSync(file, bytes);
    const text = execFileSync(
      path.join(process.env.POPPLER_PATH || '/usr/bin', 'pdftotext'),
      ['-enc', 'UTF-8', file, '-'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const pages = text.split('\f');
    pages.pop(); // pdftotext ends every page, the last one too, with a form feed
    return pages.map((page) => page.split('\n').filter((line) => line.trim() !== ''));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True for bytes that start like a PDF file. */
export function isPdf(bytes: Uint8Array | undefined): bytes is Uint8Array {
  return !!bytes && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}
