import { fnv1a64 } from './hash';
import type { Cell, TabData, TabSpec } from './table';
import { headerKey, normaliseEmail } from './text';

/**
 * Erasure and retention as pure rules over tab data: who a row belongs to, what in it names a
 * person, and what replaces it. The workflows (src/workflows/erasure) apply these to every store.
 */

/** What replaces a name or address in a row that stays (a pair's row keeps the partner). */
export const ERASED = '[erased]';

/** The people being erased: addresses (normalised) and the names found next to them. */
export interface Subject {
  emails: ReadonlySet<string>;
  names: ReadonlySet<string>;
}

export function subject(emails: Iterable<string>, names: Iterable<string> = []): Subject {
  return {
    emails: new Set([...emails].map(normaliseEmail).filter(Boolean)),
    // A name shorter than three letters would match inside other words' text: never used alone.
    names: new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 3)),
  };
}

/**
 * A keyed hash that recognises a repeated request without keeping the address: FNV-1a over the
 * scheme's own random key and the address. Not a cipher: it only has to differ per address and
 * mean nothing without the key.
 */
export function personHash(key: string, email: string): string {
  return fnv1a64(`${key}|${normaliseEmail(email)}`).slice(0, 12);
}

/** A fresh random key (128 bits as hex) for personHash, made once per scheme. */
export function newErasureKey(random: () => number = Math.random): string {
  let key = '';
  for (let i = 0; i < 32; i += 1) key += Math.floor(random() * 16).toString(16);
  return key;
}

/** Tabs whose rows belong to one person: the row goes, not just the name in it. */
const OWN_ROW_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  applications: ['Email'],
  choices: ['Mentee email'],
  certificates: ['Mentor'],
  pairingrules: ['Mentee', 'Mentor'],
};

/** Columns that hold free text people wrote (kept a shorter time than the rest). */
export const FREE_TEXT_COLUMNS = [
  'Goals',
  'Notes',
  'Comments',
  'Comment',
  'Override reason',
] as const;

/** Columns that name or identify a person in the tool's tabs (blanked when a cohort is due). */
export const PERSONAL_COLUMNS = [
  'Name',
  'Email',
  'Library service',
  'Job title',
  'Video link',
  'Mentee',
  'Mentor',
  'Mentee name',
  'Mentor name',
  'Mentee email',
  'Choice 1',
  'Choice 2',
  'Choice 3',
  'Folder',
  'Folder ID',
  'Pairs',
  'Certificate',
  'Certificate ID',
  'Why',
  'Shared areas',
] as const;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern finding any of the subject's addresses and whole names, case-insensitively. */
export function subjectPattern(who: Subject): RegExp | null {
  const parts = [
    ...[...who.emails].map(escapeRegExp),
    // Whole names only: "Ann Jones" never matches inside "Joanne Jonesy".
    ...[...who.names].map((n) => `(?<![\\p{L}\\p{N}])${escapeRegExp(n)}(?![\\p{L}\\p{N}])`),
  ];
  if (parts.length === 0) return null;
  // Longest first, so an address wins over a name inside it.
  parts.sort((a, b) => b.length - a.length);
  return new RegExp(parts.join('|'), 'giu');
}

/** True when the text names the subject (an address or a whole name). */
export function mentions(text: string, who: Subject): boolean {
  const pattern = subjectPattern(who);
  return pattern !== null && new RegExp(pattern.source, 'iu').test(text);
}

export interface ScrubResult {
  data: TabData;
  /** Rows removed because they were the person's own. */
  removed: number;
  /** Rows kept with the person's name or address taken out. */
  changed: number;
  /** Indices (in the new data) of the changed rows. */
  changedRows: number[];
}

/**
 * The tab without the subject: a row that is theirs (their application, their choices, their
 * certificate, a pairing rule naming them) is removed; in any other row every cell naming them
 * has the name or address replaced by `replace` (a pair's row keeps the partner's data).
 */
export function scrubTab(
  tabName: string,
  data: TabData,
  who: Subject,
  { keepRows = false }: { keepRows?: boolean } = {},
): ScrubResult {
  const pattern = subjectPattern(who);
  if (!pattern) return { data, removed: 0, changed: 0, changedRows: [] };
  const replace = () => ERASED;
  const keys = data.header.map((h) => headerKey(String(h ?? '')));
  // Kept rows (an anonymised past cohort) still count for the cross-cohort figures.
  const own = (keepRows ? [] : (OWN_ROW_COLUMNS[headerKey(tabName)] ?? []))
    .map((c) => keys.indexOf(headerKey(c)))
    .filter((i) => i >= 0);
  const rows: Cell[][] = [];
  const changedRows: number[] = [];
  let removed = 0;
  for (const row of data.rows) {
    if (own.some((i) => who.emails.has(normaliseEmail(String(row[i] ?? ''))))) {
      removed += 1;
      continue;
    }
    let changed = false;
    const next = row.map((cell) => {
      if (typeof cell !== 'string') return cell;
      const text = cell.replace(pattern, replace);
      if (text !== cell) changed = true;
      return text;
    });
    if (changed) changedRows.push(rows.length);
    rows.push(next);
  }
  return {
    data: { header: [...data.header], rows },
    removed,
    changed: changedRows.length,
    changedRows,
  };
}

/**
 * The Log without the subject: in Key and Detail each address or name becomes `#<hash>`, so a
 * keyed record still says that an effect happened (and is never repeated) without saying for
 * whom; an earlier-answers (`history`) record naming them loses its detail altogether.
 */
export function scrubLog(
  data: TabData,
  who: Subject,
  hashOf: (found: string) => string,
  only: (row: readonly Cell[], at: (column: string) => number) => boolean = () => true,
): { data: TabData; changed: number } {
  const pattern = subjectPattern(who);
  if (!pattern) return { data, changed: 0 };
  const column = (name: string) =>
    data.header.findIndex((h) => headerKey(String(h)) === headerKey(name));
  const at = (name: string) => data.header.findIndex((h) => headerKey(String(h)) === name);
  const key = at('key');
  const detail = at('detail');
  const state = at('state');
  let changed = 0;
  const rows = data.rows.map((row) => {
    const k = String(row[key] ?? '');
    const d = String(row[detail] ?? '');
    const test = new RegExp(pattern.source, 'iu');
    if (!only(row, column) || (!test.test(k) && !test.test(d))) return row;
    changed += 1;
    const next = [...row];
    const hashed = (text: string) => text.replace(pattern, (found) => `#${hashOf(found)}`);
    if (key >= 0) next[key] = hashed(k);
    if (detail >= 0) next[detail] = String(row[state] ?? '') === 'history' ? ERASED : hashed(d);
    return next;
  });
  return { data: { header: [...data.header], rows }, changed };
}

/**
 * Every address and name a tab holds for the people in it (the people of a past cohort whose
 * retention has run out): the addresses of the personal columns and the names beside them.
 */
export function peopleIn(data: TabData): { emails: string[]; names: string[] } {
  const keys = data.header.map((h) => headerKey(String(h ?? '')));
  const emails = new Set<string>();
  const names = new Set<string>();
  const emailCols = ['email', 'mentee', 'mentor', 'menteeemail'].map((k) => keys.indexOf(k));
  const nameCols = ['name', 'menteename', 'mentorname'].map((k) => keys.indexOf(k));
  for (const row of data.rows) {
    for (const i of emailCols) {
      const v = i >= 0 ? normaliseEmail(String(row[i] ?? '')) : '';
      if (v.includes('@')) emails.add(v);
    }
    for (const i of nameCols) {
      const v = i >= 0 ? String(row[i] ?? '').trim() : '';
      if (v && v !== ERASED) names.add(v);
    }
  }
  return { emails: [...emails], names: [...names] };
}

/** Blanks the given columns of a tab; returns how many cells held something. */
export function blankColumns(
  data: TabData,
  columns: readonly string[],
): { data: TabData; cells: number } {
  const wanted = new Set(columns.map(headerKey));
  const cols = data.header
    .map((h, i) => (wanted.has(headerKey(String(h ?? ''))) ? i : -1))
    .filter((i) => i >= 0);
  let cells = 0;
  const rows = data.rows.map((row) => {
    const next = [...row];
    for (const i of cols) {
      if (next[i] !== null && next[i] !== undefined && String(next[i]).trim() !== '') {
        cells += 1;
        next[i] = null;
      }
    }
    return next;
  });
  return { data: { header: [...data.header], rows }, cells };
}

/** The date `months` calendar months after `from` (the day a retention period runs out). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/** A spec for writing a tab back exactly as read (its own columns, no new ones). */
export function specOf(name: string, data: TabData): TabSpec {
  return { name, columns: data.header.filter((h) => String(h ?? '') !== '') };
}
