import { a1Notation, type GridBox } from './a1';
import type { FakeRuntime } from './runtime';
import type { FakeSheet } from './sheet';
import { displayValue, interpretWrite, readValue, type Cell } from './values';

type RangeMethods =
  | 'getRow'
  | 'getColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getA1Notation'
  | 'getSheet'
  | 'getValue'
  | 'getValues'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getFormula'
  | 'getFormulas'
  | 'setValue'
  | 'setValues'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'getNumberFormat'
  | 'getNumberFormats'
  | 'setDataValidation'
  | 'getDataValidation'
  | 'getDataValidations'
  | 'setFontWeight'
  | 'getFontWeight'
  | 'clearContent';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

/** Number format of a cell nobody formatted. */
export const DEFAULT_NUMBER_FORMAT = 'General';

/** A rectangle of a FakeSheet; all reads return full rectangular arrays. */
export class FakeRange implements Pick<Range, RangeMethods> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly sheet: FakeSheet,
    private readonly box: GridBox,
  ) {}

  private get cells(): number {
    return this.box.numRows * this.box.numColumns;
  }

  private get self(): Range {
    return this as unknown as Range;
  }

  /** A realm-native 2-D array built from each cell. */
  private grid<T>(f: (cell: Cell | undefined) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.box.numRows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.box.numColumns; c++) {
        row.push(f(this.sheet.cell(this.box.row + r, this.box.column + c)));
      }
      out.push(this.rt.array(row));
    }
    return this.rt.array(out);
  }

  private first(): Cell | undefined {
    return this.sheet.cell(this.box.row, this.box.column);
  }

  private out(v: ReturnType<typeof readValue>): unknown {
    return v instanceof Date ? this.rt.date(v.getTime()) : v;
  }

  /** Throws Sheets' message unless `data` is numRows x numColumns. */
  private checkShape(data: unknown, method: string): unknown[][] {
    if (!Array.isArray(data))
      throw this.rt.signatureError([data], `SpreadsheetApp.Range.${method}`);
    const { numRows, numColumns } = this.box;
    if (data.length !== numRows) {
      throw this.rt.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${numRows}.`,
      );
    }
    for (const row of data) {
      if (!Array.isArray(row))
        throw this.rt.signatureError([data], `SpreadsheetApp.Range.${method}`);
      if (row.length !== numColumns) {
        throw this.rt.error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`,
        );
      }
    }
    return data as unknown[][];
  }

  /** Writes every cell from f(rowOffset, colOffset) after interpreting all (all or nothing). */
  private write(f: (r: number, c: number) => unknown): void {
    const fail = (m: string) => this.rt.error(m);
    const tz = this.sheet.timeZone();
    const pending: Array<[number, number, ReturnType<typeof interpretWrite>]> = [];
    for (let r = 0; r < this.box.numRows; r++) {
      for (let c = 0; c < this.box.numColumns; c++) {
        const row = this.box.row + r;
        const col = this.box.column + c;
        const fmt = this.sheet.cell(row, col)?.numberFormat;
        pending.push([row, col, interpretWrite(f(r, c), fmt, tz, fail)]);
      }
    }
    for (const [row, col, w] of pending) {
      if (w.value === '' && w.formula === undefined && !this.sheet.cell(row, col)) continue;
      const cell = this.sheet.cellForWrite(row, col);
      cell.value = w.value;
      if (w.formula === undefined) delete cell.formula;
      else cell.formula = w.formula;
    }
  }

  private eachCell(f: (cell: Cell, r: number, c: number) => void): void {
    for (let r = 0; r < this.box.numRows; r++) {
      for (let c = 0; c < this.box.numColumns; c++) {
        f(this.sheet.cellForWrite(this.box.row + r, this.box.column + c), r, c);
      }
    }
  }

  getRow(): number {
    this.rt.hit('Range', 'getRow');
    return this.box.row;
  }

  getColumn(): number {
    this.rt.hit('Range', 'getColumn');
    return this.box.column;
  }

  getNumRows(): number {
    this.rt.hit('Range', 'getNumRows');
    return this.box.numRows;
  }

  getNumColumns(): number {
    this.rt.hit('Range', 'getNumColumns');
    return this.box.numColumns;
  }

  getLastRow(): number {
    this.rt.hit('Range', 'getLastRow');
    return this.box.row + this.box.numRows - 1;
  }

  getLastColumn(): number {
    this.rt.hit('Range', 'getLastColumn');
    return this.box.column + this.box.numColumns - 1;
  }

  getA1Notation(): string {
    this.rt.hit('Range', 'getA1Notation');
    return a1Notation(this.box);
  }

  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    this.rt.hit('Range', 'getSheet');
    return this.sheet as unknown as GoogleAppsScript.Spreadsheet.Sheet;
  }

  getValue(): unknown {
    this.rt.hit('Range', 'getValue');
    return this.out(readValue(this.first()));
  }

  getValues(): unknown[][] {
    this.rt.hit('Range', 'getValues', this.cells);
    return this.grid((cell) => this.out(readValue(cell)));
  }

  getDisplayValue(): string {
    this.rt.hit('Range', 'getDisplayValue');
    return displayValue(this.first(), this.sheet.timeZone());
  }

  getDisplayValues(): string[][] {
    this.rt.hit('Range', 'getDisplayValues', this.cells);
    const tz = this.sheet.timeZone();
    return this.grid((cell) => displayValue(cell, tz));
  }

  getFormula(): string {
    this.rt.hit('Range', 'getFormula');
    return this.first()?.formula ?? '';
  }

  getFormulas(): string[][] {
    this.rt.hit('Range', 'getFormulas', this.cells);
    return this.grid((cell) => cell?.formula ?? '');
  }

  setValue(value: unknown): Range {
    this.rt.hit('Range', 'setValue');
    this.write(() => value);
    return this.self;
  }

  setValues(values: unknown[][]): Range {
    this.rt.hit('Range', 'setValues', this.cells);
    const data = this.checkShape(values, 'setValues');
    this.write((r, c) => data[r][c]);
    return this.self;
  }

  setNumberFormat(numberFormat: string): Range {
    this.rt.hit('Range', 'setNumberFormat');
    if (typeof numberFormat !== 'string') {
      throw this.rt.signatureError([numberFormat], 'SpreadsheetApp.Range.setNumberFormat');
    }
    this.eachCell((cell) => (cell.numberFormat = numberFormat));
    return this.self;
  }

  setNumberFormats(numberFormats: string[][]): Range {
    this.rt.hit('Range', 'setNumberFormats', this.cells);
    const data = this.checkShape(numberFormats, 'setNumberFormats');
    this.eachCell((cell, r, c) => (cell.numberFormat = String(data[r][c])));
    return this.self;
  }

  getNumberFormat(): string {
    this.rt.hit('Range', 'getNumberFormat');
    return this.first()?.numberFormat ?? DEFAULT_NUMBER_FORMAT;
  }

  getNumberFormats(): string[][] {
    this.rt.hit('Range', 'getNumberFormats', this.cells);
    return this.grid((cell) => cell?.numberFormat ?? DEFAULT_NUMBER_FORMAT);
  }

  setDataValidation(rule: DataValidation | null): Range {
    this.rt.hit('Range', 'setDataValidation');
    this.eachCell((cell) => {
      if (rule === null || rule === undefined) delete cell.validation;
      else cell.validation = rule;
    });
    return this.self;
  }

  getDataValidation(): DataValidation | null {
    this.rt.hit('Range', 'getDataValidation');
    return (this.first()?.validation as DataValidation | undefined) ?? null;
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    this.rt.hit('Range', 'getDataValidations', this.cells);
    return this.grid((cell) => (cell?.validation as DataValidation | undefined) ?? null);
  }

  setFontWeight(fontWeight: FontWeight | null): Range {
    this.rt.hit('Range', 'setFontWeight');
    const weight = fontWeight ?? 'normal';
    if (weight !== 'bold' && weight !== 'normal') {
      throw this.rt.error(`Invalid argument: fontWeight (${String(fontWeight)})`);
    }
    this.eachCell((cell) => (cell.fontWeight = weight));
    return this.self;
  }

  getFontWeight(): FontWeight {
    this.rt.hit('Range', 'getFontWeight');
    return this.first()?.fontWeight ?? 'normal';
  }

  /** Clears values and formulas; keeps formats and validation. */
  clearContent(): Range {
    this.rt.hit('Range', 'clearContent');
    for (let r = 0; r < this.box.numRows; r++) {
      for (let c = 0; c < this.box.numColumns; c++) {
        const cell = this.sheet.cell(this.box.row + r, this.box.column + c);
        if (!cell) continue;
        cell.value = '';
        delete cell.formula;
      }
    }
    return this.self;
  }
}
