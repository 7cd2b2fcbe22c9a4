import type * as PdfLib from 'pdf-lib';
import { UserError } from '../domain/errors';
import { settled } from './sync-promise';

/**
 * pdf-lib is loaded when a PDF is first merged, not at the start of every execution (menu
 * clicks, form submissions and triggers all run the script's top level): the bundle builds its
 * classes only then.
 */
const pdfLib = (): typeof PdfLib => require('pdf-lib') as typeof PdfLib;

/**
 * PDFs merged into one, every page of each in the order given (pdf-lib, made synchronous by the
 * build: sync-promise.ts). Parsing at full speed and saving in one go never waits for a timer,
 * which Apps Script does not have. The key goes in the Subject and Keywords, as the local back
 * end's combined PDF carries it, so a file made by a run that died before marking it can be
 * recognised by its content. Fixed dates keep the same inputs giving the same bytes.
 */
export function mergePdfs(
  parts: readonly { name: string; bytes: Uint8Array }[],
  meta: { key: string; title: string },
): Uint8Array {
  const { ParseSpeeds, PDFDocument } = pdfLib();
  const merged = settled(PDFDocument.create({ updateMetadata: false }));
  for (const part of parts) {
    let source: PdfLib.PDFDocument;
    try {
      source = settled(
        PDFDocument.load(part.bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false }),
      );
    } catch {
      throw new UserError(
        `The certificate "${part.name}" is not a PDF that can be read: write Yes in Remake on its row in the Certificates tab and run "Make certificates" again.`,
      );
    }
    for (const page of settled(merged.copyPages(source, source.getPageIndices()))) {
      merged.addPage(page);
    }
  }
  merged.setTitle(meta.title);
  merged.setSubject(meta.key);
  merged.setKeywords([meta.key]);
  merged.setCreator('peer-mentoring');
  merged.setProducer('pdf-lib');
  merged.setCreationDate(new Date(0));
  merged.setModificationDate(new Date(0));
  return settled(merged.save({ objectsPerTick: Infinity, addDefaultPage: false }));
}

/** The key a combined PDF carries (its Subject), or null for any other or unreadable file. */
export function pdfKey(bytes: Uint8Array): string | null {
  const { ParseSpeeds, PDFDocument } = pdfLib();
  try {
    const doc = settled(
      PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false }),
    );
    return doc.getSubject() ?? null;
  } catch {
    return null;
  }
}

/** A one-page blank PDF (the live check merges two). */
export function blankPdf(title: string): Uint8Array {
  const { PDFDocument } = pdfLib();
  const doc = settled(PDFDocument.create());
  doc.setTitle(title);
  doc.addPage();
  return settled(doc.save({ objectsPerTick: Infinity }));
}
