import { isDateLike } from './runtime';
import { formatSimpleDate } from './utilities';
import { zonedParts, zonedToUtc } from './tz';

/** What a cell holds. Dates are stored as host Dates and copied out on every read. */
export type CellValue = string | number | boolean | Date;

export interface Cell {
  value: CellValue;
  formula?: string;
  numberFormat?: string;
  validation?: unknown;
  fontWeight?: 'normal' | 'bold';
}

export const MAX_CELL_CHARS = 50_000;
/** What getValues() returns for a formula cell (the fake does not evaluate formulas). */
export const FORMULA_VALUE = '#FORMULA';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.formula !== undefined || cell.value !== '');
}

/**
 * How Sheets stores a value written with setValue/setValues (user-entered semantics):
 * - null/undefined/'' clear the cell; numbers, booleans and dates are kept as they are;
 * - with number format '@' (plain text) a string is stored verbatim;
 * - "'..." is literal text without the quote;
 * - '=...' is a formula; '+...'/'-...' that is not a plain number becomes the formula '=+...';
 * - a plain number ('42', '-5', '3.5', '007', '1e3') becomes a number;
 * - 'TRUE'/'FALSE' (any case) become booleans;
 * - 'yyyy-MM-dd' and 'yyyy-MM-dd HH:mm[:ss]' become dates in the spreadsheet's time zone;
 * - anything else is text. Other objects are written as String(value).
 */
export function interpretWrite(
  raw: unknown,
  numberFormat: string | undefined,
  timeZone: string,
  fail: (message: string) => Error,
): { value: CellValue; formula?: string } {
  if (raw === null || raw === undefined) return { value: '' };
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  if (isDateLike(raw)) return { value: new Date(raw.getTime()) };
  const s = String(raw);
  if (s.length > MAX_CELL_CHARS) {
    throw fail(
      `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
    );
  }
  if (numberFormat === '@' || s === '') return { value: s };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=')) return { value: '', formula: s };
  const trimmed = s.trim();
  if (PLAIN_NUMBER.test(trimmed)) return { value: Number(trimmed) };
  if ((s.startsWith('+') || s.startsWith('-')) && s.length > 1)
    return { value: '', formula: `=${s}` };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  const date = parseIsoDate(trimmed, timeZone);
  if (date) return { value: date };
  return { value: s };
}

function parseIsoDate(s: string, timeZone: string): Date | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) {
    return undefined;
  }
  return new Date(zonedToUtc(y, mo, d, h, mi, sec, timeZone));
}

/** getValues() semantics for one cell (before dates are copied into the caller's realm). */
export function readValue(cell: Cell | undefined): CellValue {
  if (!cell) return '';
  if (cell.formula !== undefined) return FORMULA_VALUE;
  return cell.value;
}

/** getDisplayValues() semantics for one cell. */
export function displayValue(cell: Cell | undefined, timeZone: string): string {
  if (!cell) return '';
  if (cell.formula !== undefined) return FORMULA_VALUE;
  const v = cell.value;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatNumber(v, cell.numberFormat);
  if (typeof v === 'string') return v;
  const p = zonedParts(v.getTime(), timeZone);
  const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
  return formatSimpleDate(v.getTime(), timeZone, midnight ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm:ss');
}

/** Number formats understood for display: 0, 0.00, #,##0, #,##0.00, 0%, 0.0%; else String(n). */
export function formatNumber(n: number, numberFormat: string | undefined): string {
  const m = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(numberFormat ?? '');
  if (!m) return String(n);
  const scaled = m[3] ? n * 100 : n;
  let text = scaled.toFixed(m[2]?.length ?? 0);
  if (m[1]) {
    const [int, frac] = text.split('.');
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  return text + (m[3] ?? '');
}
