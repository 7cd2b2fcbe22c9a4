import type * as ExcelJS from 'exceljs';

/**
 * Saving a large workbook is mostly exceljs turning every cell of every tab back into XML, though
 * a command changes only a few tabs (`match` on 1,000 pairs: Matches and the Log, not the
 * 2,000 applications). So a tab the command did not change is written from the XML it was read
 * from. That XML numbers its text and its formats by the old file's shared-string and style
 * tables, and exceljs builds both tables afresh, so each number is translated to the new
 * tables' (which then hold exactly the text and formats some cell uses: an erased name is gone
 * from the file once no cell holds it). Nothing else in the XML is touched.
 *
 * A tab the command only added rows to, below all it had (the Log, as every command writes
 * it), is written the same way, with just the new rows rendered by exceljs and put at its end.
 *
 * Only a plain tab is written this way: cells, rows, columns, views, validations, merges, page
 * margins. A tab that points outside itself (links, notes, drawings, tables, conditional formats,
 * extensions, Excel's data types) is rendered by exceljs as before, and so is any tab whose XML holds a number the
 * old tables do not (a damaged file): the whole save then starts again without reuse.
 */

/**
 * What a tab's XML may not hold to be written again as it is: each refers outside the tab (to a
 * part or a table exceljs rebuilds or drops: links, formats of conditional formatting, the
 * metadata of Excel's data types and pictures in cells).
 */
const POINTS_OUTSIDE =
  /\br:id=|\bdxfId=|\s[cv]m="|<(?:\w+:)?(?:extLst|conditionalFormatting|hyperlinks?|legacyDrawing|drawing|tableParts|picture|oleObjects|controls)\b/;
/** A text cell's start tag and value (its number in the shared strings). */
const TEXT_VALUE = /(\st="s"[^>]*><v>)(\d+)<\/v>/g;
/** A text cell, with or without its value. */
const TEXT_CELL = /\st="s"/g;
/** A cell's or row's format number. */
const STYLED = /(<(?:c|row)\b[^>]*?\ss=")(\d+)"/g;
const COLUMN = /<col\b[^>]*>/g;
const COLUMN_STYLE = /(\sstyle=")(\d+)"/;

/** The file's own tables, as exceljs read them (its reader's model, before it drops them). */
export interface ReadTables {
  sharedStrings?: { values: unknown[] };
  styles?: { getStyleModel(id: number): object | null };
}

/** The tables exceljs builds while saving (its writer's model). */
interface WriteTables {
  sharedStrings: { add(value: unknown): number; model: { count: number } };
  styles: { addStyleModel(model: object, cellType?: number): number };
  worksheets: { id: number }[];
}

/** exceljs's writer, as far as this file uses it (instance methods shadow its own). */
interface Writer {
  prepareModel(model: WriteTables, options: unknown): void;
  addWorksheets(zip: unknown, model: WriteTables): Promise<void>;
  writeBuffer(): Promise<ExcelJS.Buffer>;
}

class NotReusable extends Error {}

/** A tab to save from the XML it was read from; `appendedFrom`: the first row added since. */
export interface ReusedSheet {
  xml: string;
  appendedFrom?: number;
}

const DIMENSION = /<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"\s*\/>/;

/** The corners of a `<dimension>`, as column and row numbers. */
function corners(xml: string): [number, number, number, number] | null {
  const m = DIMENSION.exec(xml);
  if (!m) return null;
  const col = (letters: string) =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [col(m[1]), Number(m[2]), col(m[3] ?? m[1]), Number(m[4] ?? m[2])];
}

function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** The tab's XML (renumbered) with the rendered new rows after its own, and its size grown. */
function withRows(xml: string, rendered: string): string {
  const end = xml.lastIndexOf('</sheetData>');
  const from = rendered.indexOf('<sheetData>');
  const to = rendered.lastIndexOf('</sheetData>');
  if (end < 0 || from < 0 || to < from) throw new NotReusable('rows');
  // exceljs marks each row with an attribute of a namespace the tab's own XML may not declare.
  const rows = rendered
    .slice(from + '<sheetData>'.length, to)
    .replace(/ x14ac:dyDescent="[^"]*"/g, '');
  let whole = xml.slice(0, end) + rows + xml.slice(end);
  const [old, added] = [corners(xml), corners(rendered)];
  if (old && added) {
    const [left, top] = [Math.min(old[0], added[0]), Math.min(old[1], added[1])];
    const [right, bottom] = [Math.max(old[2], added[2]), Math.max(old[3], added[3])];
    whole = whole.replace(
      DIMENSION,
      `<dimension ref="${letters(left)}${top}:${letters(right)}${bottom}"/>`,
    );
  }
  return whole;
}

/** True when a tab's XML can be written again as it is (see POINTS_OUTSIDE). */
export function isPlainSheetXml(xml: string): boolean {
  return xml.includes('<sheetData') && !POINTS_OUTSIDE.test(xml);
}

/**
 * Translates old shared-string and style numbers into the new tables (adding to them what the
 * tabs use), for every tab of one save; throws NotReusable at a number the old tables lack.
 */
class Renumbering {
  private readonly styles = new Map<number, string>();
  private readonly strings: Int32Array;

  constructor(
    private readonly read: ReadTables,
    private readonly write: WriteTables,
    private readonly numberType: number,
  ) {
    this.strings = new Int32Array(read.sharedStrings?.values.length ?? 0).fill(-1);
  }

  private style(old: string): string {
    const id = Number(old);
    let now = this.styles.get(id);
    if (now === undefined) {
      const model = this.read.styles?.getStyleModel(id);
      if (!model) throw new NotReusable(`style ${id}`);
      // A copy: exceljs remembers a style by its object, and another cell's type may have
      // given this object a date format.
      now = String(this.write.styles.addStyleModel({ ...model }, this.numberType));
      this.styles.set(id, now);
    }
    return now;
  }

  private string(old: string): number {
    const id = Number(old);
    if (!(id < this.strings.length)) throw new NotReusable(`shared string ${id}`);
    if (this.strings[id] < 0) {
      const value = this.read.sharedStrings!.values[id];
      if (value === undefined || value === null) throw new NotReusable(`shared string ${id}`);
      this.strings[id] = this.write.sharedStrings.add(value);
    } else {
      // What exceljs's own add counts: every use of a text, for the table's count.
      this.write.sharedStrings.model.count += 1;
    }
    return this.strings[id];
  }

  /** The tab's XML, renumbered. */
  sheet(xml: string): string {
    const start = xml.indexOf('<sheetData');
    const end = xml.indexOf('</sheetData>');
    const head = xml
      .slice(0, start)
      .replace(COLUMN, (tag) =>
        tag.includes(' style="')
          ? tag.replace(COLUMN_STYLE, (_, a: string, n: string) => `${a}${this.style(n)}"`)
          : tag,
      );
    if (end < 0) return head + xml.slice(start); // <sheetData/>: no cells
    // Each text cell's number, its <v> straight after its start tag (as Excel, LibreOffice and
    // exceljs write it: a tab written otherwise is rendered by exceljs instead), then each
    // cell's and row's format.
    let renumbered = 0;
    const texts = xml.slice(start, end).replace(TEXT_VALUE, (_, open: string, n: string) => {
      renumbered += 1;
      return `${open}${this.string(n)}</v>`;
    });
    let textCells = 0;
    TEXT_CELL.lastIndex = 0;
    while (TEXT_CELL.exec(texts)) textCells += 1;
    if (textCells !== renumbered) throw new NotReusable('a text cell without its number');
    const body = texts.replace(STYLED, (_, open: string, n: string) => `${open}${this.style(n)}"`);
    return head + body + xml.slice(end);
  }
}

/**
 * Saves `book`, writing each tab of `reuse` (tab id → the XML it was read from; unchanged since)
 * from that XML and every other tab as exceljs renders it. Resolves to the file's bytes and the
 * names of the tabs written from their own XML. `beforeRenderingAll` runs before exceljs is
 * left to render every tab itself (a tab whose rows are not all in `book` must get them then).
 */
export async function writeReusing(
  book: ExcelJS.Workbook,
  reuse: ReadonlyMap<number, ReusedSheet>,
  read: ReadTables,
  numberType: number,
  beforeRenderingAll: () => void,
): Promise<{ bytes: ExcelJS.Buffer; reused: string[] }> {
  const writer = book.xlsx as unknown as Writer;
  const sheets = book.worksheets.filter((s) => reuse.has(s.id));
  const { prepareModel, addWorksheets } = Object.getPrototypeOf(writer) as Partial<Writer>;
  // An exceljs without these steps of its own is left to save the usual way.
  if (!sheets.length || typeof prepareModel !== 'function' || typeof addWorksheets !== 'function') {
    beforeRenderingAll();
    return { bytes: await book.xlsx.writeBuffer(), reused: [] };
  }
  const xmlOf = new Map<number, string>();
  // exceljs builds each tab's model from its rows; a reused tab's rows are left out of it
  // (all but the added ones, which it renders).
  const hidden = sheets.map((sheet) => {
    const holder = sheet as unknown as { _rows: unknown[] };
    const rows = holder._rows;
    const from = reuse.get(sheet.id)!.appendedFrom;
    const added: unknown[] = [];
    if (from !== undefined) for (let r = from - 1; r < rows.length; r += 1) added[r] = rows[r];
    holder._rows = added;
    return () => {
      holder._rows = rows;
    };
  });
  const appended = new Set(
    sheets.filter((s) => reuse.get(s.id)!.appendedFrom !== undefined).map((s) => s.id),
  );
  writer.prepareModel = function (model, options) {
    prepareModel.call(this, model, options);
    // Before any part is written: the content types and the workbook's links list the
    // shared-strings part only when it has text, and a reused tab may hold the only text.
    const renumbering = new Renumbering(read, model, numberType);
    for (const sheet of sheets) xmlOf.set(sheet.id, renumbering.sheet(reuse.get(sheet.id)!.xml));
  };
  writer.addWorksheets = async function (zip, model) {
    await addWorksheets.call(this, zip, {
      ...model,
      worksheets: model.worksheets.filter((s) => !xmlOf.has(s.id)),
    });
    // The added rows, rendered as a tab of their own, go at the end of the tab's own XML.
    const rendered = new Map<string, string>();
    await addWorksheets.call(
      this,
      { append: (xml: string, { name }: { name: string }) => rendered.set(name, xml) },
      { ...model, worksheets: model.worksheets.filter((s) => appended.has(s.id)) },
    );
    for (const id of appended) {
      const rows = rendered.get(`xl/worksheets/sheet${id}.xml`);
      if (rows === undefined) throw new NotReusable('rows');
      xmlOf.set(id, withRows(xmlOf.get(id)!, rows));
    }
    for (const [id, xml] of xmlOf)
      (zip as { append(data: string, options: { name: string }): void }).append(xml, {
        name: `xl/worksheets/sheet${id}.xml`,
      });
  };
  try {
    const bytes = await writer.writeBuffer();
    return { bytes, reused: sheets.map((s) => s.name) };
  } catch (error) {
    if (!(error instanceof NotReusable)) throw error;
  } finally {
    for (const restore of hidden) restore();
    delete (writer as Partial<Writer>).prepareModel;
    delete (writer as Partial<Writer>).addWorksheets;
  }
  // A number the old tables lack (a damaged file): every tab is rendered, as exceljs would.
  beforeRenderingAll();
  return { bytes: await book.xlsx.writeBuffer(), reused: [] };
}
