import type { SaxesParser, SaxesTagPlain } from 'saxes';

/**
 * A tab is parsed when a command first reads it, not when the workbook is opened: most
 * commands read a few tabs and only add rows to the Log, the largest (`match` on 1,000 pairs
 * never reads its 1.7 MB of XML). exceljs parses each tab as its reader hands it over while the
 * workbook loads, so a tab put off is handed over with its header row only: everything but its
 * other rows (columns, views, validations, merges, margins) is read as usual, the workbook has
 * every tab, and rows can be added below it. The rest is parsed by exceljs's own worksheet
 * parser, run synchronously here, the first time the tab is read or changed, or must be
 * rendered (xlsx-workbook.ts decides when).
 */

/** What exceljs's worksheet parser makes of a tab's XML (its model, before and after reconcile). */
export interface SheetModel {
  id?: number;
  name?: string;
  pageSetup?: unknown;
  dataValidations?: Record<string, Record<string, unknown> | undefined>;
  [part: string]: unknown;
}

/** The workbook-wide tables a tab's cells are resolved against (exceljs's reconcile options). */
export type SheetOptions = Record<string, unknown>;

interface WorksheetXform {
  parseOpen(tag: SaxesTagPlain): boolean;
  parseText(text: string): void;
  parseClose(name: string): boolean;
  reconcile(model: SheetModel, options: SheetOptions): void;
  model: SheetModel;
}

// The same modules exceljs's reader uses (in the CLI bundle, from its copy: scripts/build-cli.cjs).
const worksheetXform = (): new (options: unknown) => WorksheetXform =>
  require('exceljs/lib/xlsx/xform/sheet/worksheet-xform');
const saxes = (): { SaxesParser: new () => SaxesParser } => require('saxes');

/** A tab's XML cut to its header row, and the number of its last row (which holds a value). */
export interface HeaderOnly {
  xml: string;
  lastRow: number;
}

const ROW_NUMBER = /^<row\b[^>]*?\sr="(\d+)"/;
/** A cell's value, inline text or formula: a row holding one has values, as exceljs counts them. */
const HOLDS_VALUE = /<(?:v|is|f)\b/;

/**
 * The tab's XML with every row but the first (the header) left out, or null when the tab is
 * better parsed whole: without rows below its header, not numbering its rows, or ending
 * in rows without a value (new rows would go above them, which only the whole tab can tell).
 */
export function headerOnly(xml: string): HeaderOnly | null {
  const open = xml.indexOf('<sheetData>');
  const close = xml.lastIndexOf('</sheetData>');
  if (open < 0 || close < open) return null;
  const bodyStart = open + '<sheetData>'.length;
  const lastAt = xml.lastIndexOf('<row', close);
  const last = lastAt > open ? ROW_NUMBER.exec(xml.slice(lastAt, lastAt + 400)) : null;
  if (!last || Number(last[1]) < 2 || !HOLDS_VALUE.test(xml.slice(lastAt, close))) return null;
  const firstAt = xml.indexOf('<row', bodyStart);
  const first = ROW_NUMBER.exec(xml.slice(firstAt, firstAt + 400));
  if (!first) return null;
  let header = '';
  if (first[1] === '1') {
    const tagEnd = xml.indexOf('>', firstAt);
    const end = xml[tagEnd - 1] === '/' ? tagEnd + 1 : xml.indexOf('</row>', tagEnd) + 6;
    if (tagEnd < 0 || end < tagEnd) return null;
    header = xml.slice(firstAt, end);
  }
  return {
    xml: xml.slice(0, bodyStart) + header + xml.slice(close),
    lastRow: Number(last[1]),
  };
}

/**
 * Parses a tab's whole XML as exceljs's reader would (the same events, in the same order, into
 * the same parser), synchronously; `loadOptions` are the options exceljs gave that parser.
 */
export function parseSheetXml(xml: string, loadOptions: unknown): SheetModel {
  const xform = new (worksheetXform())(loadOptions);
  const parser = new (saxes().SaxesParser)();
  let error: unknown;
  let done = false;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    if (!done) xform.parseOpen(tag as SaxesTagPlain);
  });
  parser.on('text', (text) => {
    if (!done) xform.parseText(text);
  });
  parser.on('closetag', (tag) => {
    if (!done && !xform.parseClose(tag.name)) done = true;
  });
  parser.write(xml);
  if (error) throw error;
  return xform.model;
}

/** Resolves a parsed tab's text, formats and formulas against the workbook's tables. */
export function reconcileSheet(
  model: SheetModel,
  loadOptions: unknown,
  sheetOptions: SheetOptions,
): void {
  new (worksheetXform())(loadOptions).reconcile(model, { ...sheetOptions });
}
