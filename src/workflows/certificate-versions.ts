import type { EffectLedger } from '../core/effect-ledger';
import { RESERVE_MS } from '../core/job';
import {
  certificateFileName,
  certificateHash,
  certificateKey,
  formatCertificateDate,
  mergeValues,
  orderForPrinting,
  parseCertificateDate,
  parseCertificateKey,
} from '../domain/certificates';
import { isUserError, UserError } from '../domain/errors';
import { fnv1a64 } from '../domain/hash';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { headerKey } from '../domain/text';
import type { DriveItem, Ports } from '../ports';
import type { CertificateRow } from './certificates-tab';

/**
 * A certificate's versions: which one a mentor's row should have now (the same inputs keep it;
 * changed inputs or a staff Remake ask for the next), making it once by its key, finding it again
 * in the Log, and the combined PDF for printing. Used by make-certificates (src/actions).
 */

const DAY_MS = 24 * 3_600_000;
/** Apps Script's limit for one execution. */
const EXECUTION_MS = 6 * 60_000;
/** Locally the tool draws the certificate itself: a new layout would be a new input. */
const LOCAL_LAYOUT = 'pdf-lib certificate 1';

export interface CertificateRun {
  ports: Ports;
  settings: Settings;
  table: Table;
  ledger: EffectLedger;
  folderId: string;
  date: string;
}

/** While the day's certificates are all made, when room comes back (a rolling 24 hours). */
export function quotaFreesAt(r: CertificateRun): Date | null {
  const now = r.ports.clock.now().getTime();
  const today = r.ledger.doneTimes('certificate:', new Date(now - DAY_MS));
  const limit = r.settings.dailyCertificateLimit;
  if (today.length < limit) return null;
  return new Date(today[today.length - limit].getTime() + DAY_MS + 60_000);
}

/** The Certificates folder (and, in Google, the Slides template), checked before anything. */
export function checkSources(settings: Settings, ports: Ports, mode: 'make' | 'send'): string {
  const needTemplate = mode === 'make' && ports.certificates.usesTemplate;
  const missing = [
    ['Certificates folder', settings.certificatesFolderId],
    ...(needTemplate ? [['Certificate template', settings.certificateTemplateId]] : []),
  ].filter(([, v]) => !v);
  if (missing.length) {
    throw new UserError(
      `Fill in ${missing.map(([k]) => `"${k}"`).join(' and ')} in the Settings tab first: certificates are made from ${missing.length > 1 ? 'them' : 'it'}.`,
    );
  }
  const folder = ports.drive.find(settings.certificatesFolderId);
  if (!folder) {
    throw new UserError(
      `The Certificates folder in Settings (${settings.certificatesFolderId}) cannot be opened: check the ID and that you can edit it.`,
    );
  }
  if (needTemplate && !ports.drive.find(settings.certificateTemplateId)) {
    throw new UserError(
      `The Certificate template in Settings (${settings.certificateTemplateId}) cannot be opened: check the ID of the Google Slides file.`,
    );
  }
  return folder.id;
}

/**
 * The date printed on every certificate: the setting, or today, written into the setting on
 * the first run so that every later run (and remake) prints the same date.
 */
export function certificateDate(table: Table, settings: Settings, ports: Ports): string {
  let date = settings.certificateDate
    ? parseCertificateDate(settings.certificateDate, settings.timeZone)
    : null;
  if (!date) {
    date = ports.clock.now();
    const row = table.rows.findIndex(
      (_, r) => headerKey(table.text(r, 'Setting')) === headerKey('Certificate date'),
    );
    const value = dayInZone(date, settings.timeZone);
    if (row >= 0) table.set(row, 'Value', value);
    else table.append({ Setting: 'Certificate date', Value: value });
  }
  return formatCertificateDate(date, settings.timeZone, settings.locale);
}

function dayInZone(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export interface Wanted {
  key: string;
  version: number;
  values: Record<string, string>;
  upToDate: boolean;
}

/**
 * The certificate this row should have. Its version is the tab's Version (or, if the tab was
 * not saved after a crash, the newest in the Log); the same inputs keep it, changed inputs or a
 * staff Remake ask for the next one. A re-run after a crash computes the same key again.
 */
export function wantedCertificate(r: CertificateRun, row: CertificateRow): Wanted {
  const values = mergeValues(
    r.table,
    row.row,
    { schemeName: r.settings.schemeName, cohort: r.settings.cohort, date: r.date },
    (d) => formatCertificateDate(d, r.settings.timeZone, r.settings.locale),
  );
  const template = r.ports.certificates.usesTemplate
    ? r.settings.certificateTemplateId
    : LOCAL_LAYOUT;
  const hash = certificateHash(values, template);
  const shown = Number(r.table.text(row.row, 'Version'));
  const versions = r.ledger
    .keys(`certificate:${row.email}:`, 'done')
    .map(parseCertificateKey)
    .filter((k): k is NonNullable<typeof k> => k !== null && k.email === row.email);
  const base =
    Number.isInteger(shown) && shown > 0 ? shown : Math.max(0, ...versions.map((v) => v.version));
  const baseHash = versions.find((v) => v.version === base)?.hash;
  const remake = /^yes$/i.test(r.table.text(row.row, 'Remake')) && shown > 0;
  if (base > 0 && baseHash === hash && !remake) {
    return { key: certificateKey(row.email, base, hash), version: base, values, upToDate: true };
  }
  const version = base + 1;
  return { key: certificateKey(row.email, version, hash), version, values, upToDate: false };
}

export function makeOne(
  r: CertificateRun,
  row: CertificateRow,
  wanted: Wanted,
): DriveItem & { created: boolean } {
  const done =
    r.ledger.state(wanted.key) === 'done' ? itemFromDetail(r.ledger.detail(wanted.key)) : null;
  const item =
    done ??
    r.ports.certificates.ensureCertificate({
      key: wanted.key,
      name: certificateFileName(
        wanted.values['Name'] || row.name,
        r.settings.cohort,
        wanted.version,
      ),
      folderId: r.folderId,
      templateId: r.settings.certificateTemplateId,
      values: wanted.values,
    });
  const created = 'created' in item && item.created === true;
  r.ledger.boundary(`made ${wanted.key}`);
  r.ledger.recordDone([{ key: wanted.key, detail: detailOf(item) }]);
  setMade(r, row, wanted.version, item);
  return { ...item, created };
}

function setMade(r: CertificateRun, row: CertificateRow, version: number, item: DriveItem): void {
  const t = r.table;
  if (Number(t.text(row.row, 'Version')) !== version) {
    t.set(row.row, 'Made', r.ports.clock.now());
    t.set(row.row, 'E-mailed', null);
  }
  t.set(row.row, 'Version', version);
  t.set(row.row, 'Certificate', item.url);
  t.set(row.row, 'Certificate ID', item.id);
  t.set(row.row, 'Remake', null);
}

/** The current certificate of a row that needs no new one: from the Log, where it is kept. */
export function recorded(
  r: CertificateRun,
  row: CertificateRow,
  wanted: Wanted,
): { key: string; item: DriveItem } | null {
  if (r.ledger.state(wanted.key) !== 'done') return null;
  const item = itemFromDetail(r.ledger.detail(wanted.key));
  if (!item) return null;
  setMade(r, row, wanted.version, item);
  return { key: wanted.key, item };
}

function detailOf(item: DriveItem): string {
  return `${item.name}; link ${item.url}; id ${item.id}`;
}

function itemFromDetail(detail: string): DriveItem | null {
  const m = /^(.*); link (\S+); id (.+)$/.exec(detail);
  return m ? { name: m[1], url: m[2], id: m[3] } : null;
}

export interface Combined {
  /** The combined PDF, or null when there is none (yet). */
  item: (DriveItem & { created: boolean }) | null;
  /** True when it is left for the next execution, which has the time for it (Google). */
  later: boolean;
  /** Why it could not be made, as the one sentence staff see. */
  problem: string | null;
}

/**
 * One PDF for printing, in the order staff chose; a new one whenever the list changes. Where
 * combining counts against the execution's time (Google reads every certificate from Drive), it
 * is started only with time for all of it; otherwise the job continues in a new execution, which
 * finds every certificate made and has its whole time for the combined PDF.
 */
export function combine(
  r: CertificateRun,
  job: string,
  eligible: readonly CertificateRow[],
  current: ReadonlyMap<CertificateRow, { key: string; item: DriveItem }>,
): Combined {
  const none = { item: null, later: false, problem: null };
  const ready = eligible.filter((row) => current.has(row));
  if (ready.length === 0) return none;
  const ordered = orderForPrinting(
    ready.map((row) => ({
      ...row,
      service: r.table.text(row.row, 'Library service'),
    })),
    r.settings.certificateOrder,
    r.settings.locale,
  );
  const list = ordered.map((row) => current.get(eligible.find((e) => e.row === row.row)!)!);
  const key = `certificates-combined:${fnv1a64(list.map((c) => c.key).join('\n'))}`;
  if (r.ledger.state(key) === 'done') {
    const item = itemFromDetail(r.ledger.detail(key));
    if (item) return { ...none, item: { ...item, created: false } };
  }
  const need = (r.ports.certificates.combineMsEach ?? 0) * list.length;
  if (need > 0 && r.ports.jobs.remainingMs() < need + RESERVE_MS) {
    if (need + RESERVE_MS > EXECUTION_MS) {
      return {
        ...none,
        problem: `${list.length} certificates are too many to combine into one PDF in one run (about ${Math.ceil(need / 60_000)} minutes of the 6 a run may take): print them from the Certificates folder.`,
      };
    }
    r.ports.jobs.continueLater(job, new Date(r.ports.clock.now().getTime() + 60_000), 'time limit');
    return { ...none, later: true };
  }
  let item: (DriveItem & { created: boolean }) | null;
  try {
    item = r.ports.certificates.ensureCombined({
      key,
      name: `${r.settings.cohort} – all certificates (${r.settings.certificateOrder.toLowerCase()}).pdf`,
      folderId: r.folderId,
      certificates: list.map((c) => c.item),
    });
  } catch (error) {
    if (isUserError(error)) return { ...none, problem: error.message };
    throw error;
  }
  if (!item) return none;
  r.ledger.boundary(`made ${key}`);
  r.ledger.recordDone([{ key, detail: detailOf(item) }]);
  return { ...none, item };
}
