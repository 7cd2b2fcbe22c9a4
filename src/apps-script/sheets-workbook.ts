import { Cell, TabData, TabSpec, sameCell } from '../domain/table';
import { SETTINGS_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';
import type { WorkbookPort } from '../ports';
import { inert } from './services';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The bound Google Sheet. A tab is read with one getValues (and one getFormulas, so that
 * formulas staff put in their own columns are written back as formulas, not frozen values) and
 * written with one setValues, whatever the number of rows.
 */
export class SheetsWorkbook implements WorkbookPort {
  private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  private readonly sheets = new Map<string, Sheet | null>();
  private readonly lastRead = new Map<string, { values: unknown[][]; formulas: string[][] }>();
  /**
   * The Settings tab as first read in this execution: every action, the layout check and the
   * archives read it, and each read is three calls. Only this tool writes it during an action
   * (writeTab refreshes it); an edit staff make meanwhile is seen by the next execution.
   */
  private settings: TabData | null | undefined;

  /** The bound spreadsheet, or `spreadsheet` (an archive) when given. */
  constructor(
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ) {
    this.spreadsheet = spreadsheet ?? app.getActiveSpreadsheet();
  }

  readTab(name: string): TabData | null {
    const isSettings = name === SETTINGS_TAB.name;
    if (isSettings && this.settings !== undefined) return this.settings && copyTab(this.settings);
    const read = this.readSheet(name);
    if (isSettings) this.settings = read && copyTab(read);
    return read;
  }

  private readSheet(name: string): TabData | null {
    const sheet = this.sheet(name);
    if (!sheet) return null;
    const range = sheet.getDataRange();
    const values = range.getValues();
    const formulas = range.getFormulas();
    this.lastRead.set(name, { values, formulas });
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '')
      return { header: [], rows: [] };
    const [header, ...rows] = values;
    return {
      header: header.map((h) => String(h)),
      rows: rows.map((row) => row.map((v) => (v === '' ? null : (v as Cell)))),
    };
  }

  writeTab(spec: TabSpec, data: TabData): void {
    if (spec.name === SETTINGS_TAB.name) this.settings = copyTab(data);
    let sheet = this.sheet(spec.name);
    const created = !sheet;
    if (!sheet) {
      sheet = this.spreadsheet.insertSheet(spec.name);
      this.sheets.set(spec.name, sheet);
    }
    const before = this.lastRead.get(spec.name);
    const grid = [data.header, ...data.rows];
    const width = data.header.length;
    const values = grid.map((row, r) =>
      Array.from({ length: width }, (_, c) => {
        const value = row[c] ?? null;
        const formula = before?.formulas[r]?.[c];
        if (formula && sameCell(before?.values[r]?.[c] as Cell, value)) return formula;
        return value === null ? '' : inert(value);
      }),
    );
    const maxRows = sheet.getMaxRows();
    if (grid.length > maxRows) sheet.insertRowsAfter(maxRows, grid.length - maxRows);
    const maxColumns = sheet.getMaxColumns();
    if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
    sheet.getRange(1, 1, grid.length, width).setValues(values);
    const leftover = (before?.values.length ?? 0) - grid.length;
    if (leftover > 0) sheet.getRange(grid.length + 1, 1, leftover, width).clearContent();
    this.lastRead.set(spec.name, {
      values: grid.map((r) => r.map((v) => v ?? '')),
      formulas: before?.formulas ?? [],
    });
    const headerGrew = !before || (before.values[0]?.length ?? 0) < width;
    if (created || headerGrew)
      this.layOut(sheet, spec, data.header, Math.max(maxRows, grid.length));
  }

  /** Frozen bold header and the dropdowns: only when a tab or a column is new. */
  private layOut(sheet: Sheet, spec: TabSpec, header: readonly string[], rows: number): void {
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, header.length).setFontWeight('bold');
    for (const dropdown of spec.dropdowns ?? []) {
      const c = header.findIndex((h) => headerKey(h) === headerKey(dropdown.column));
      if (c < 0 || rows < 2) continue;
      const rule = this.app
        .newDataValidation()
        .requireValueInList([...dropdown.values], true)
        .setAllowInvalid(true)
        .build();
      sheet.getRange(2, c + 1, rows - 1, 1).setDataValidation(rule);
    }
  }

  private sheet(name: string): Sheet | null {
    if (!this.sheets.has(name)) this.sheets.set(name, this.spreadsheet.getSheetByName(name));
    return this.sheets.get(name) ?? null;
  }
}

function copyTab(data: TabData): TabData {
  return {
    header: [...data.header],
    rows: data.rows.map((r) => r.map((c) => (c instanceof Date ? new Date(c) : c))),
  };
}
