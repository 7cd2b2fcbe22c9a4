import { LOG_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';
import type { JournalPort, LogRecord } from '../ports';
import { inert } from './services';
import { cohortOf } from '../core/workbook';
import { SheetsWorkbook } from './sheets-workbook';

/**
 * The Log tab as the effect journal: each record is appended as it happens (appendRow is one
 * call and is kept even if the execution is stopped a moment later), never rewritten.
 */
export class SheetJournal implements JournalPort {
  private sheet: GoogleAppsScript.Spreadsheet.Sheet | null = null;
  private columns: number[] = [];

  constructor(
    private readonly app: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    /** The live check's throwaway cohort keeps its own Log (live-check-cohort.ts). */
    private readonly tabName = LOG_TAB.name,
  ) {}

  /** The current cohort, read once per execution, for records that do not say theirs. */
  private cohort: string | null = null;

  append(records: readonly LogRecord[]): void {
    const sheet = this.logSheet();
    const width = Math.max(...this.columns) + 1;
    const rows = records.map((r) => {
      const row: unknown[] = new Array(width).fill('');
      const cohort = r.cohort ?? (this.cohort ??= cohortOf(new SheetsWorkbook(this.app)));
      [r.time, r.run, r.action, r.key, r.state, r.detail, cohort].forEach((value, i) => {
        row[this.columns[i]] = inert(value);
      });
      return row;
    });
    if (rows.length === 1) sheet.appendRow(rows[0]);
    else {
      // Unlike appendRow, a range must lie inside the grid: grow it first, with room to spare.
      const last = sheet.getLastRow();
      const max = sheet.getMaxRows();
      if (last + rows.length > max) sheet.insertRowsAfter(max, last + rows.length - max + 1000);
      sheet.getRange(last + 1, 1, rows.length, width).setValues(rows);
    }
  }

  /** Finds the Log's columns by header name once per execution, creating the tab if needed. */
  private logSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    if (this.sheet) return this.sheet;
    const spreadsheet = this.app.getActiveSpreadsheet();
    let sheet = spreadsheet.getSheetByName(this.tabName);
    let header: string[] = [];
    if (!sheet) {
      sheet = spreadsheet.insertSheet(this.tabName);
      sheet.setFrozenRows(1);
    } else if (sheet.getLastColumn() > 0) {
      header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    }
    const missing = LOG_TAB.columns.filter(
      (c) => !header.some((h) => headerKey(h) === headerKey(c)),
    );
    if (missing.length) {
      if (header.length + missing.length > sheet.getMaxColumns()) {
        sheet.insertColumnsAfter(
          sheet.getMaxColumns(),
          header.length + missing.length - sheet.getMaxColumns(),
        );
      }
      sheet
        .getRange(1, header.length + 1, 1, missing.length)
        .setValues([missing])
        .setFontWeight('bold');
      header = [...header, ...missing];
    }
    this.columns = LOG_TAB.columns.map((c) =>
      header.findIndex((h) => headerKey(h) === headerKey(c)),
    );
    this.sheet = sheet;
    return sheet;
  }
}
