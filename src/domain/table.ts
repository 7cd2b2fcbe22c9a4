import { headerKey } from './text';

/** What a workbook cell can hold, in Sheets and in an .xlsx alike. */
export type Cell = string | number | boolean | Date | null;

/** A whole tab as read or written in one batch: the header row, then every row under it. */
export interface TabData {
  header: string[];
  rows: Cell[][];
}

export interface TabSpec {
  name: string;
  /** The columns the tool needs, in the order a new tab gets them. */
  columns: readonly string[];
  /** Columns whose cells get a dropdown of these values (Sheets data validation). */
  dropdowns?: readonly { column: string; values: readonly string[] }[];
}

/**
 * A tab in memory. Columns are found by header name (ignoring case and spaces), so staff can move
 * columns and add their own: every column and cell the tool does not own is carried through.
 */
export class Table {
  readonly header: string[];
  readonly rows: Cell[][];
  private readonly index = new Map<string, number>();
  private readonly columnOf = new Map<string, number>();
  private changed: boolean;
  /** The workbook had no such tab: writing this table creates it. */
  readonly isNew: boolean;

  constructor(
    readonly spec: TabSpec,
    data: TabData | null,
  ) {
    this.header = data ? data.header.map((h) => (h == null ? '' : String(h))) : [];
    this.rows = data ? data.rows.map((r) => [...r]) : [];
    this.isNew = data === null;
    this.changed = this.isNew;
    this.header.forEach((h, i) => {
      const key = headerKey(h);
      if (key && !this.index.has(key)) this.index.set(key, i);
    });
    for (const column of spec.columns) this.ensureColumn(column);
    const width = this.header.length;
    for (const row of this.rows) while (row.length < width) row.push(null);
  }

  /** True when the tab must be written: it is new, gained a column or a cell changed. */
  get dirty(): boolean {
    return this.changed;
  }

  has(column: string): boolean {
    return this.index.has(headerKey(column));
  }

  ensureColumn(column: string): number {
    const key = headerKey(column);
    const existing = this.index.get(key);
    if (existing !== undefined) return existing;
    this.header.push(column);
    for (const row of this.rows) row.push(null);
    this.index.set(key, this.header.length - 1);
    this.changed = true;
    return this.header.length - 1;
  }

  private col(column: string): number {
    // Called for every cell read: remember each name's column (columns are only ever added).
    const known = this.columnOf.get(column);
    if (known !== undefined) return known;
    const i = this.index.get(headerKey(column));
    if (i === undefined) throw new Error(`Tab "${this.spec.name}" has no column "${column}".`);
    this.columnOf.set(column, i);
    return i;
  }

  get(row: number, column: string): Cell {
    const value = this.rows[row][this.col(column)];
    return value === undefined ? null : value;
  }

  /** The cell as trimmed text ('' when empty); dates as ISO strings. */
  text(row: number, column: string): string {
    const value = this.get(row, column);
    if (value === null) return '';
    if (isDate(value)) return value.toISOString();
    return String(value).trim();
  }

  set(row: number, column: string, value: Cell): void {
    const i = this.col(column);
    const normalised = value === '' ? null : value;
    if (!sameCell(this.rows[row][i], normalised)) {
      this.rows[row][i] = normalised;
      this.changed = true;
    }
  }

  append(values: Readonly<Record<string, Cell>>): number {
    this.rows.push(this.header.map(() => null));
    const row = this.rows.length - 1;
    for (const [column, value] of Object.entries(values)) this.set(row, column, value);
    this.changed = true;
    return row;
  }

  /** Removes the rows the tool owns and no longer needs (e.g. superseded proposals). */
  removeRows(remove: (row: number) => boolean): number {
    const keep = this.rows.filter((_, row) => !remove(row));
    const removed = this.rows.length - keep.length;
    if (removed > 0) {
      this.rows.splice(0, this.rows.length, ...keep);
      this.changed = true;
    }
    return removed;
  }

  toData(): TabData {
    return { header: [...this.header], rows: this.rows.map((r) => [...r]) };
  }
}

export function sameCell(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  if (isDate(x) || isDate(y)) {
    return isDate(x) && isDate(y) && x.getTime() === y.getTime();
  }
  return x === y;
}

/** Dates may come from another realm (the Apps Script fake in a vm), where instanceof fails. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
