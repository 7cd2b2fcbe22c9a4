import { fnv1a64 } from './hash';
import { isDate, type Cell, type TabData } from './table';

/**
 * What an archive is checked by: a tab's rows (those with any value) and a hash of its header
 * and values, computed the same way from the live tab, from the archive as written and from the
 * archive read back, so a copy that lost or changed a single cell is caught before anything is
 * cleared. Values are compared as text (a number as JavaScript writes it, a date as its instant),
 * which every back end returns unchanged.
 */
export interface TabFingerprint {
  rows: number;
  hash: string;
}

/** A cell as the fingerprint sees it: blank cells and empty text are the same. */
export function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  return String(value);
}

/** The header's width without trailing blank columns (a sheet may report them). */
export function headerWidth(data: TabData): number {
  let w = data.header.length;
  while (w > 0 && cellText(data.header[w - 1]).trim() === '') w -= 1;
  return w;
}

/** The tab's rows that hold any value, each cut to the header's width, as text. */
export function filledRows(data: TabData): string[][] {
  const w = headerWidth(data);
  return data.rows
    .map((row) => Array.from({ length: w }, (_, c) => cellText(row[c])))
    .filter((row) => row.some((v) => v !== ''));
}

/** One row as a single string, to find the same row again in another copy of the tab. */
export function rowKey(row: readonly string[]): string {
  return JSON.stringify(row);
}

export function fingerprint(data: TabData | null): TabFingerprint {
  if (!data) return { rows: 0, hash: fnv1a64('[]') };
  const header = data.header.slice(0, headerWidth(data)).map((h) => cellText(h));
  const rows = filledRows(data);
  return { rows: rows.length, hash: fnv1a64(JSON.stringify([header, ...rows])) };
}

/** "<Scheme> – <Cohort> archive": the archive spreadsheet's name in Drive. */
export function archiveName(schemeName: string, cohort: string): string {
  return `${schemeName} – ${cohort} archive`;
}

/**
 * The cohort as a file name, on every system: characters Windows, macOS or Linux refuse (and
 * control characters) become "-", spaces are kept, trailing dots and spaces go, reserved device
 * names get a "_" and the length is capped. Different cohorts can share a safe name ("A/B" and
 * "A:B"), so the local back end also records the cohort inside each archive.
 */
export function safeFileName(cohort: string): string {
  let name = cohort
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) name = 'cohort';
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `_${name}`;
  return name.slice(0, 120);
}

/**
 * The next cohort's name when staff gave none: the last number in the name goes up by one
 * ("Cohort 1" → "Cohort 2"); a year range moves on a year ("2026–27" → "2027–28",
 * "2026/2027" → "2027/2028"); a name without a number gets " 2".
 */
export function nextCohortName(current: string): string {
  const name = current.trim();
  const range = /(\d{4})(\s*[–—\-/]\s*)(\d{2}|\d{4})(?!.*\d)/.exec(name);
  if (range) {
    const start = Number(range[1]);
    const end = range[3];
    const nextEnd =
      end.length === 2 ? String((Number(end) + 1) % 100).padStart(2, '0') : String(Number(end) + 1);
    return (
      name.slice(0, range.index) +
      `${start + 1}${range[2]}${nextEnd}` +
      name.slice(range.index + range[0].length)
    );
  }
  const last = /(\d+)(?!.*\d)/.exec(name);
  if (last) {
    const next = String(Number(last[1]) + 1).padStart(last[1].length, '0');
    return name.slice(0, last.index) + next + name.slice(last.index + last[1].length);
  }
  return `${name} 2`;
}
