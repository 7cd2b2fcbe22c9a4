import { fnv1a64 } from './hash';
import { parseTimestamp } from './timestamps';
import type { Cell, Table, TabSpec } from './table';
import { headerKey } from './text';
import { MONTH_NAMES } from './month-names';

/**
 * Mentor certificates: who gets one, what is printed on it, in which order they are printed.
 * Pure: the workflow (src/workflows/make-certificates.ts) reads the tabs and carries it out.
 */

export const CERTIFICATE_ORDERS = [
  'Surname',
  'First name',
  'Library service',
  'Tab order',
] as const;
export type CertificateOrder = (typeof CERTIFICATE_ORDERS)[number];

export const CERTIFICATE_DELIVERIES = ['Hold for the conference', 'E-mail'] as const;
export type CertificateDelivery = (typeof CERTIFICATE_DELIVERIES)[number];

/** Columns the tool keeps for itself: never merged into a certificate. */
const BOOKKEEPING = [
  'Mentor',
  'Pairs',
  'Eligible',
  'Why',
  'Override',
  'Override reason',
  'Remake',
  'Version',
  'Certificate',
  'Certificate ID',
  'Made',
  'E-mailed',
] as const;

export const CERTIFICATES_TAB: TabSpec = {
  name: 'Certificates',
  columns: ['Mentor', 'Name', 'Library service', ...BOOKKEEPING.slice(1)],
  dropdowns: [
    { column: 'Eligible', values: ['Yes', 'No'] },
    { column: 'Override', values: ['Yes', 'No'] },
    { column: 'Remake', values: ['Yes'] },
  ],
};

/** A mentor's pairs as the Matches tab says (pair outcomes will refine this when they exist). */
export interface MentorPairs {
  email: string;
  name: string;
  service: string;
  /** The mentor's application status (Accepted, Withdrawn, ...). */
  status: string;
  /** Matches rows: the mentee's name and the pair's Status (Confirmed or Ended). */
  pairs: { mentee: string; status: string }[];
}

export interface Eligibility {
  eligible: boolean;
  why: string;
}

/**
 * THE RULE (docs/workbook.md says it in one sentence): a mentor gets a certificate when their
 * place is still Accepted and at least one of their pairs is Confirmed, that is it ran (or is
 * running) to the end of the scheme; a pair marked Ended ended early, and its mentor gets one
 * only when staff set Override to Yes, with the reason they accept.
 */
export function eligibility(mentor: MentorPairs): Eligibility {
  if (mentor.status !== 'Accepted') {
    return { eligible: false, why: `their application is ${mentor.status || 'not accepted'}` };
  }
  const ran = mentor.pairs.filter((p) => p.status === 'Confirmed');
  if (ran.length > 0) {
    return { eligible: true, why: `mentored ${ran.map((p) => p.mentee).join(', ')}` };
  }
  if (mentor.pairs.some((p) => p.status === 'Ended')) {
    return {
      eligible: false,
      why: 'their pair ended early: set Override to Yes, with the reason, if staff accept it',
    };
  }
  return { eligible: false, why: 'no longer paired in the Matches tab' };
}

/** Staff's Override, read strictly: Yes or No with a reason, or nothing. */
export function override(
  value: string,
  reason: string,
): { decision: boolean | null; problem: string | null } {
  const v = value.trim().toLowerCase();
  if (!v) return { decision: null, problem: null };
  if (v !== 'yes' && v !== 'no') {
    return { decision: null, problem: 'Override must be Yes, No or empty' };
  }
  if (!reason.trim()) {
    return { decision: null, problem: 'an Override needs its reason in "Override reason"' };
  }
  return { decision: v === 'yes', problem: null };
}

const PARTICLES = new Set([
  'ap',
  'ab',
  'ferch',
  'verch',
  'ó',
  'o',
  'ní',
  'nic',
  'mac',
  'mc',
  'uí',
  'ui',
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'di',
  'du',
  'del',
  'la',
  'le',
  'al',
  'el',
  'bin',
  'bint',
]);

/** "Siobhán Ní Bhriain" → "Ní Bhriain"; "Dafydd ap Gwilym" → "ap Gwilym"; one word → itself. */
export function surname(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words.join('');
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start -= 1;
  return words.slice(start).join(' ');
}

export interface OrderedMentor {
  name: string;
  service: string;
  /** Position in the Certificates tab (staff may sort it themselves: "Tab order"). */
  row: number;
}

/** The printing order staff chose; ties fall back to the full name, then the tab's order. */
export function orderForPrinting<T extends OrderedMentor>(
  mentors: readonly T[],
  order: CertificateOrder,
  locale: string,
): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const keyOf = (m: T): string => {
    switch (order) {
      case 'Surname':
        return `${surname(m.name)}\u0000${m.name}`;
      case 'First name':
        return m.name;
      case 'Library service':
        return `${m.service}\u0000${surname(m.name)}`;
      default:
        return '';
    }
  };
  return [...mentors].sort((a, b) => collator.compare(keyOf(a), keyOf(b)) || a.row - b.row);
}

/** "25 January 2023" in the scheme's zone and locale (Welsh: "25 Ionawr 2023"). */
export function formatCertificateDate(date: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}

export function isValidLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length === 1;
  } catch {
    return false;
  }
}

/**
 * What one certificate says: the scheme's own placeholders plus every column staff added to the
 * Certificates tab (a column "Hours" fills {{Hours}}). Dates in cells are printed like {{Date}}.
 */
export function mergeValues(
  table: Table,
  row: number,
  scheme: { schemeName: string; cohort: string; date: string },
  formatDate: (d: Date) => string,
): Record<string, string> {
  const own = new Set(BOOKKEEPING.map(headerKey));
  const values: Record<string, string> = {};
  table.header.forEach((column) => {
    if (!column.trim() || own.has(headerKey(column))) return;
    values[column.trim()] = cellText(table.get(row, column), formatDate);
  });
  values['Cohort'] = scheme.cohort;
  values['Scheme name'] = scheme.schemeName;
  values['Date'] = scheme.date;
  return values;
}

function cellText(value: Cell, formatDate: (d: Date) => string): string {
  if (value === null) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') return formatDate(value as Date);
  return String(value).trim();
}

/**
 * The hash in a certificate's key: the same inputs (placeholder values, template, layout) always
 * give the same key, so a certificate is made once; a changed name gives a new one.
 */
export function certificateHash(
  values: Readonly<Record<string, string>>,
  template: string,
): string {
  const entries = Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return fnv1a64(JSON.stringify({ template, values: entries }));
}

/** `certificate:<mentor>:v<version>:<hash>`: the Log key and the marker on the PDF. */
export function certificateKey(email: string, version: number, hash: string): string {
  return `certificate:${email}:v${version}:${hash}`;
}

export function parseCertificateKey(
  key: string,
): { email: string; version: number; hash: string } | null {
  const m = /^certificate:(.+):v(\d+):([0-9a-f]+)$/.exec(key);
  return m ? { email: m[1], version: Number(m[2]), hash: m[3] } : null;
}

/** "Siân Llywelyn – Cohort 1 certificate.pdf"; later versions say so: "… (v2).pdf". */
export function certificateFileName(name: string, cohort: string, version: number): string {
  return `${name} – ${cohort} certificate${version > 1 ? ` (v${version})` : ''}.pdf`;
}

/**
 * The "Certificate date" setting: a date as staff type it ("25 January 2027", 2027-01-25,
 * 25/01/2027) or as Sheets stores a typed date; null when it is none of these.
 */
export function parseCertificateDate(text: string, timeZone: string): Date | null {
  const value = String(text).trim();
  const words = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$/.exec(value);
  if (words) {
    const month = MONTH_NAMES.findIndex(
      (m) => m.startsWith(words[2].toLowerCase()) && words[2].length >= 3,
    );
    if (month < 0) return null;
    return parseTimestamp(
      `${words[3]}-${String(month + 1).padStart(2, '0')}-${words[1].padStart(2, '0')}`,
      timeZone,
    );
  }
  return parseTimestamp(value, timeZone);
}
