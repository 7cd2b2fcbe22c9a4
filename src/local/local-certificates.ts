import type Fontkit from '@pdf-lib/fontkit';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { UserError } from '../domain/errors';
import { fnv1a64 } from '../domain/hash';
import type { CertificateRequest, CertificatesPort, CombinedRequest, DriveItem } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { safeName } from './local-drive';

/**
 * DejaVu Serif (the dejavu-fonts-ttf package): it covers every Latin letter a name in these
 * islands needs (ŵ, ŷ, Ł, Ő, Ø, fadas, ...), where the standard PDF fonts cannot even encode
 * them. Its licence (Bitstream Vera, public-domain changes) allows embedding it in documents.
 * It is embedded WHOLE (`subset: false`): font subsetting is known to corrupt glyphs.
 */
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const CERTIFICATE_FONTS = {
  regular: path.join(FONT_DIR, 'DejaVuSerif.ttf'),
  bold: path.join(FONT_DIR, 'DejaVuSerif-Bold.ttf'),
};

/** Which certificate PDF in this folder is for which key, and what it says. */
const RECORD = '.certificates.json';
/** Requests made during a command, drawn when it finishes (pdf-lib is asynchronous). */
const PENDING = '.pending-certificates';

interface Made {
  name: string;
  values?: Record<string, string>;
  /** For a combined PDF: the keys of its certificates, in order. */
  parts?: string[];
}
type Record_ = Record<string, Made>;

interface PendingRequest {
  key: string;
  folderId: string;
  name: string;
}

/**
 * Certificates as real PDFs under out/drive. The workflows are synchronous (like Apps Script)
 * and pdf-lib is not, so making one is two steps, each crash-safe: `ensureCertificate` records
 * the certificate (its key, file name and values) in the folder's `.certificates.json` and
 * leaves a request in `.pending-certificates`; `flush()`, when the command finishes (or, after
 * a crash, when the next one starts), draws every waiting request into its PDF, atomically.
 * The key is also the PDF's Subject, so a certificate can be traced to its Log row.
 */
export class LocalCertificates implements CertificatesPort {
  readonly usesTemplate = false;
  private readonly root: string;
  private glyphs: { has(cp: number): boolean } | null = null;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  ensureCertificate(request: CertificateRequest): DriveItem & { created: boolean } {
    this.checkGlyphs(request.values);
    return this.ensure(request.key, request.folderId, request.name, {
      values: { ...request.values },
    });
  }

  ensureCombined(request: CombinedRequest): DriveItem & { created: boolean } {
    const parts = request.certificates.map((c) => {
      const dir = this.dir(path.posix.dirname(c.id));
      const found = Object.entries(readRecord(dir)).find(
        ([, m]) => m.name === path.posix.basename(c.id),
      );
      if (!found) throw new Error(`${c.id} is not a certificate this tool made.`);
      return found[0];
    });
    return this.ensure(request.key, request.folderId, request.name, { parts });
  }

  /** Draws every waiting request into its PDF; returns how many. */
  async flush(): Promise<number> {
    const pendingDir = path.join(this.root, PENDING);
    if (!fs.existsSync(pendingDir)) return 0;
    const waiting = fs.readdirSync(pendingDir).filter((f) => f.endsWith('.json'));
    // Certificates first: a combined PDF is drawn from the same records.
    const requests = waiting
      .map((f) => ({
        file: path.join(pendingDir, f),
        ...(JSON.parse(fs.readFileSync(path.join(pendingDir, f), 'utf8')) as PendingRequest),
      }))
      .map((r) => ({ ...r, made: readRecord(this.dir(r.folderId))[r.key] }))
      .sort((a, b) => Number(Boolean(a.made?.parts)) - Number(Boolean(b.made?.parts)));
    for (const r of requests) {
      const dir = this.dir(r.folderId);
      if (r.made) {
        const pages = r.made.parts
          ? r.made.parts.map((key) => readRecord(dir)[key]?.values ?? {})
          : [r.made.values ?? {}];
        writeFileAtomic(path.join(dir, r.made.name), await drawCertificates(pages, r.key));
      }
      fs.rmSync(r.file);
    }
    return requests.length;
  }

  /**
   * Deletes the certificates (and combined PDFs) of the folder's record whose key matches, and
   * their record entries (which hold the printed values): only files the tool made.
   */
  removeCertificates(folderId: string, matches: (key: string) => boolean): number {
    let dir: string;
    try {
      dir = this.dir(folderId);
    } catch {
      return 0;
    }
    const record = readRecord(dir);
    const gone = Object.keys(record).filter(matches);
    if (gone.length === 0) return 0;
    for (const key of gone) {
      fs.rmSync(path.join(dir, record[key].name), { force: true });
      fs.rmSync(this.pendingFile(key), { force: true });
    }
    const kept = Object.fromEntries(Object.entries(record).filter(([k]) => !gone.includes(k)));
    writeFileAtomic(path.join(dir, RECORD), JSON.stringify(kept, null, 1));
    return gone.length;
  }

  private ensure(
    key: string,
    folderId: string,
    wantedName: string,
    made: Omit<Made, 'name'>,
  ): DriveItem & { created: boolean } {
    const dir = this.dir(folderId);
    const record = readRecord(dir);
    const known = record[key];
    const pending = this.pendingFile(key);
    if (known && (fs.existsSync(path.join(dir, known.name)) || fs.existsSync(pending))) {
      return { ...this.item(path.join(dir, known.name)), created: false };
    }
    // A new file name; a name taken by another certificate (or by staff) gets "(2)", ...
    const taken = new Set(
      Object.entries(record)
        .filter(([k]) => k !== key)
        .map(([, m]) => m.name),
    );
    const base = safeName(wantedName);
    let name = known?.name ?? base;
    for (let n = 2; !known && (taken.has(name) || fs.existsSync(path.join(dir, name))); n++) {
      name = base.replace(/(\.pdf)?$/i, ` (${n})$1`);
    }
    // Recorded first, then requested: a crash in between leaves a record without a file, which
    // the next run requests again under the same name.
    writeFileAtomic(
      path.join(dir, RECORD),
      JSON.stringify({ ...record, [key]: { name, ...made } }, null, 1),
    );
    fs.mkdirSync(path.dirname(pending), { recursive: true });
    const request: PendingRequest = { key, folderId, name };
    writeFileAtomic(pending, JSON.stringify(request));
    return { ...this.item(path.join(dir, name)), created: true };
  }

  private checkGlyphs(values: Readonly<Record<string, string>>): void {
    if (!this.glyphs) {
      const regular = fontkit().create(fs.readFileSync(CERTIFICATE_FONTS.regular));
      const bold = fontkit().create(fs.readFileSync(CERTIFICATE_FONTS.bold));
      this.glyphs = {
        has: (cp) => regular.hasGlyphForCodePoint(cp) && bold.hasGlyphForCodePoint(cp),
      };
    }
    for (const [placeholder, text] of Object.entries(values)) {
      const missing = [...text.normalize('NFC')].filter(
        (ch) => !/\s/.test(ch) && !this.glyphs!.has(ch.codePointAt(0)!),
      );
      if (missing.length) {
        throw new UserError(
          `The certificate font cannot print "${missing.join('')}" in ${placeholder} "${text}": correct it in the Certificates tab.`,
        );
      }
    }
  }

  private pendingFile(key: string): string {
    return path.join(this.root, PENDING, `${fnv1a64(key)}.json`);
  }

  private dir(id: string): string {
    const parts = String(id)
      .split('/')
      .filter((p) => p !== '');
    if (path.isAbsolute(id) || parts.some((p) => p === '.' || p === '..')) {
      throw new Error(`There is no folder "${id}" in ${this.root}.`);
    }
    const dir = path.join(this.root, ...parts);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new Error(`There is no folder "${id}" in ${this.root}.`);
    }
    return dir;
  }

  private item(abs: string): DriveItem {
    const id = path.relative(this.root, abs).split(path.sep).join('/');
    return { id, name: path.basename(abs), url: pathToFileURL(abs).href };
  }
}

function readRecord(dir: string): Record_ {
  try {
    const text = fs.readFileSync(path.join(dir, RECORD), 'utf8');
    return text.trim() ? (JSON.parse(text) as Record_) : {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UserError(
      `The certificates record ${path.join(dir, RECORD)} is damaged: restore it from a backup.`,
    );
  }
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];

/** pdf-lib and fontkit (the CLI's largest libraries) load when a certificate is first made. */
const pdfLib = (): typeof import('pdf-lib') => require('pdf-lib');
const fontkit = (): typeof Fontkit => require('@pdf-lib/fontkit');

/** One page per certificate, every page in one document with the fonts embedded once. */
export async function drawCertificates(
  pages: readonly Readonly<Record<string, string>>[],
  key: string,
): Promise<Uint8Array> {
  const doc = await pdfLib().PDFDocument.create();
  doc.registerFontkit(fontkit());
  const regular = await doc.embedFont(fs.readFileSync(CERTIFICATE_FONTS.regular), {
    subset: false,
  });
  const bold = await doc.embedFont(fs.readFileSync(CERTIFICATE_FONTS.bold), { subset: false });
  const first = pages[0] ?? {};
  doc.setTitle(
    pages.length === 1
      ? `Certificate: ${first['Name'] ?? ''}`
      : `Certificates: ${first['Cohort'] ?? ''}`,
  );
  doc.setSubject(key);
  doc.setKeywords([key]);
  doc.setCreator('peer-mentoring');
  // Fixed dates keep a PDF byte-for-byte the same for the same inputs.
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  for (const values of pages) drawPage(doc.addPage(A4_LANDSCAPE), values, regular, bold);
  return doc.save();
}

function drawPage(
  page: PDFPage,
  v: Readonly<Record<string, string>>,
  regular: PDFFont,
  bold: PDFFont,
): void {
  const { rgb } = pdfLib();
  const INK = rgb(0.12, 0.12, 0.16);
  const ACCENT = rgb(0.1, 0.32, 0.46);
  const { width, height } = page.getSize();
  page.drawRectangle({
    x: 28,
    y: 28,
    width: width - 56,
    height: height - 56,
    borderColor: ACCENT,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 38,
    y: 38,
    width: width - 76,
    height: height - 76,
    borderColor: ACCENT,
    borderWidth: 0.8,
  });
  const line = (text: string, y: number, font: PDFFont, size: number, color = INK) => {
    let s = size;
    while (s > 8 && font.widthOfTextAtSize(text, s) > width - 140) s -= 1;
    page.drawText(text, {
      x: (width - font.widthOfTextAtSize(text, s)) / 2,
      y,
      size: s,
      font,
      color,
    });
  };
  line(v['Scheme name'] ?? '', height - 120, bold, 26, ACCENT);
  line('Certificate of mentoring', height - 170, regular, 20);
  line('This is to certify that', height - 230, regular, 15);
  line(v['Name'] ?? '', height - 290, bold, 40);
  if (v['Library service']) line(v['Library service'], height - 330, regular, 17);
  line(`served as a mentor in ${v['Cohort'] ?? ''}`, height - 380, regular, 16);
  line(v['Date'] ?? '', 110, regular, 14);
}
