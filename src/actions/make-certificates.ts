import type {
  Action,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { jobSummary, JobReport, runJob } from '../core/job';
import { Mailer } from '../core/mailer';
import { loadTable, loadTemplates, saveTable, settingsFromTable } from '../core/workbook';
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
import { UserError } from '../domain/errors';
import { fnv1a64 } from '../domain/hash';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, MATCHES_TAB, SETTINGS_TAB } from '../domain/tabs';
import { firstName, headerKey, plural } from '../domain/text';
import type { DriveItem, Ports } from '../ports';
import {
  CERTIFICATES_TAB,
  CertificateRow,
  mentorsWhoMentored,
  syncCertificatesTab,
} from '../workflows/certificates-tab';
import { readCohort } from '../workflows/cohort';
import { readPairs } from '../workflows/pairs';

export const MAKE_CERTIFICATES = 'make-certificates';
export const SEND_CERTIFICATES = 'send-certificates';
const DAY_MS = 24 * 3_600_000;
/** Locally the tool draws the certificate itself: a new layout would be a new input. */
const LOCAL_LAYOUT = 'pdf-lib certificate 1';

const EMAILED = {
  done: 'Sent',
  'already-done': 'Sent',
  queued: 'Queued: daily e-mail limit',
  uncertain: 'Uncertain: check with the mentor, then set the Log row to retry',
  failed: 'Failed: see the Log',
} as const;

/**
 * `make-certificates`: one PDF certificate per eligible mentor, made once for the same inputs
 * (the key is the mentor, the version and a hash of every merged value), then one combined PDF
 * in the printing order staff chose, and, if the delivery setting says so, one e-mail each.
 * A changed name or a staff "Remake" makes the next version; earlier ones stay in the Log and
 * the folder. Stops before the time limit, the day's certificate limit or e-mail quota, and
 * continues later; a crash between making a PDF and recording it never makes a second.
 */
export function makeCertificatesAction(context: ActionContext): ActionResult {
  return certificates(context, 'make');
}

/** `send-certificates`: e-mails each current certificate not yet e-mailed (held ones too). */
export function sendCertificatesAction(context: ActionContext): ActionResult {
  return certificates(context, 'send');
}

interface Run {
  ports: Ports;
  settings: Settings;
  table: Table;
  ledger: EffectLedger;
  folderId: string;
  date: string;
}

function certificates({ ports, run }: ActionContext, mode: 'make' | 'send'): ActionResult {
  const job = mode === 'make' ? MAKE_CERTIFICATES : SEND_CERTIFICATES;
  const settingsTable = loadTable(ports.workbook, SETTINGS_TAB);
  const settings = settingsFromTable(settingsTable);
  const folderId = checkSources(settings, ports, mode);
  const date = certificateDate(settingsTable, settings, ports);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  const table = loadTable(ports.workbook, CERTIFICATES_TAB);
  const { rows, problems } = syncCertificatesTab(
    table,
    mentorsWhoMentored(readPairs(loadTable(ports.workbook, MATCHES_TAB)), cohort),
  );
  const ledger = EffectLedger.open(ports, run, job);
  const r: Run = { ports, settings, table, ledger, folderId, date };
  const eligible = rows.filter((row) => row.gets);
  const wanted = new Map(eligible.map((row) => [row, wantedCertificate(r, row)]));
  const toMake = (row: CertificateRow) =>
    mode === 'make' && !wanted.get(row)!.upToDate && ledger.state(wanted.get(row)!.key) !== 'done';

  const made: DriveItem[] = [];
  const current = new Map<CertificateRow, { key: string; item: DriveItem }>();
  for (const row of eligible) {
    const have = toMake(row) ? null : recorded(r, row, wanted.get(row)!);
    if (have) current.set(row, have);
  }
  const deliver = mode === 'send' || settings.certificateDelivery === 'E-mail';
  const mailer = deliver
    ? new Mailer(ports.mail, ledger, settings, loadTemplates(ports.workbook))
    : null;
  const report = runJob(ports, {
    name: job,
    items: mode === 'make' ? eligible : eligible.filter((row) => current.has(row)),
    timeZone: settings.timeZone,
    // Sending only, every item is one e-mail: the runner asks the Log and the quota first.
    ...(mode === 'send' && mailer
      ? { mail: { mailer, key: (row: CertificateRow) => `mail:${current.get(row)!.key}` } }
      : {}),
    limit: {
      reason: 'daily certificate limit',
      blockedUntil: (row) => (toMake(row) ? quotaFreesAt(r) : null),
    },
    step: (row) => {
      let outcome: EffectOutcome = 'already-done';
      if (toMake(row)) {
        const item = makeOne(r, row, wanted.get(row)!);
        if (item.created) made.push(item);
        current.set(row, { key: wanted.get(row)!.key, item });
        outcome = 'done';
      }
      const have = current.get(row);
      if (!mailer || !have) return outcome;
      const sent = mailer.send({
        key: `mail:${have.key}`,
        template: 'certificate',
        to: [row.email],
        values: { Name: row.name, FirstName: firstName(row.name) || row.name },
        attachments: [have.item],
      });
      table.set(row.row, 'E-mailed', EMAILED[sent]);
      return sent;
    },
  });
  // The runner answers uncertain e-mails from the Log without a step: the tab says so too.
  for (const row of report.uncertain) table.set(row.row, 'E-mailed', EMAILED.uncertain);
  const complete = !report.notReached && !report.waiting;
  const combined = mode === 'make' && complete ? combine(r, eligible, current) : null;
  saveTable(ports.workbook, settingsTable);
  saveTable(ports.workbook, table);
  return summary({
    mode,
    eligible,
    current,
    made,
    report,
    mailLines: mailer
      ? jobSummary(report, {
          job,
          noun: 'certificate e-mail',
          item: 'mentor',
          describe: (row) => row.name,
        })
      : [],
    combined,
    problems,
  });
}

/** While the day's certificates are all made, when room comes back (a rolling 24 hours). */
function quotaFreesAt(r: Run): Date | null {
  const now = r.ports.clock.now().getTime();
  const today = r.ledger.doneTimes('certificate:', new Date(now - DAY_MS));
  const limit = r.settings.dailyCertificateLimit;
  if (today.length < limit) return null;
  return new Date(today[today.length - limit].getTime() + DAY_MS + 60_000);
}

/** The Certificates folder (and, in Google, the Slides template), checked before anything. */
function checkSources(settings: Settings, ports: Ports, mode: 'make' | 'send'): string {
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
function certificateDate(table: Table, settings: Settings, ports: Ports): string {
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

interface Wanted {
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
function wantedCertificate(r: Run, row: CertificateRow): Wanted {
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

function makeOne(r: Run, row: CertificateRow, wanted: Wanted): DriveItem & { created: boolean } {
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

function setMade(r: Run, row: CertificateRow, version: number, item: DriveItem): void {
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
function recorded(
  r: Run,
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

/** One PDF for printing, in the order staff chose; a new one whenever the list changes. */
function combine(
  r: Run,
  eligible: readonly CertificateRow[],
  current: ReadonlyMap<CertificateRow, { key: string; item: DriveItem }>,
): (DriveItem & { created: boolean }) | null {
  const ready = eligible.filter((row) => current.has(row));
  if (ready.length === 0) return null;
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
    if (item) return { ...item, created: false };
  }
  const item = r.ports.certificates.ensureCombined({
    key,
    name: `${r.settings.cohort} – all certificates (${r.settings.certificateOrder.toLowerCase()}).pdf`,
    folderId: r.folderId,
    certificates: list.map((c) => c.item),
  });
  if (item) r.ledger.recordDone([{ key, detail: detailOf(item) }]);
  return item;
}

function summary(s: {
  mode: 'make' | 'send';
  eligible: readonly CertificateRow[];
  current: ReadonlyMap<CertificateRow, unknown>;
  made: readonly DriveItem[];
  report: JobReport<CertificateRow>;
  mailLines: readonly string[];
  combined: (DriveItem & { created: boolean }) | null;
  problems: readonly string[];
}): ActionResult {
  const have = `${s.current.size} of ${plural(s.eligible.length, 'eligible mentor')} ${s.current.size === 1 ? 'has' : 'have'} one.`;
  const lines = s.mode === 'make' ? [`Made ${plural(s.made.length, 'certificate')}; ${have}`] : [];
  if (s.mode === 'send') lines.push(`${s.mailLines[0] ?? 'Sent 0 certificate e-mails.'} ${have}`);
  // The e-mail lines (queued, failed, uncertain) and the time-limit line, in every job's words.
  lines.push(...s.mailLines.slice(s.mode === 'send' ? 1 : 0));
  if (!s.mailLines.length && s.report.notReached) {
    lines.push(
      `${plural(s.report.notReached, 'mentor')} still to do: the run stopped before the time limit and continues in a minute.`,
    );
  }
  if (s.report.waiting) {
    lines.push(
      `${plural(s.report.waiting, 'certificate')} still to make: the day's certificate limit is reached; the job continues when the first of the last 24 hours' certificates are a day old (locally: run make-certificates again then).`,
    );
  }
  if (s.mode === 'send' && s.current.size < s.eligible.length) {
    const missing = s.eligible.length - s.current.size;
    lines.push(
      `${plural(missing, 'eligible mentor')} ${missing === 1 ? 'has' : 'have'} no certificate yet: run "Make certificates" first.`,
    );
  }
  if (s.combined) {
    lines.push(
      `For printing: ${s.combined.name} (${s.combined.created ? 'new' : 'unchanged'}) ${s.combined.url}`,
    );
  }
  lines.push(...s.problems);
  return {
    summary: lines,
    data: {
      eligible: s.eligible.length,
      withCertificate: s.current.size,
      made: s.made.map((m) => m.id),
      remaining: s.report.notReached + s.report.waiting,
      combined: s.combined?.id ?? null,
      emailed: s.mailLines.length ? s.report.counts.done : 0,
      queued: s.mailLines.length ? s.report.counts.queued : 0,
      uncertain: s.mailLines.length ? s.report.counts.uncertain : 0,
    },
  };
}

/** Where certificates stand, from this action's own keys and tab: shown by `status`. */
export function certificatesStatus({ ledger, tab }: StatusContext): StatusSection {
  const table = tab(CERTIFICATES_TAB);
  if (table.rows.length === 0) return { lines: [], data: {} };
  const rows = table.rows.map((_, row) => ({
    mentor: table.text(row, 'Mentor'),
    name: table.text(row, 'Name'),
    eligible: table.text(row, 'Eligible'),
    override: table.text(row, 'Override'),
    version: table.text(row, 'Version'),
    emailed: table.text(row, 'E-mailed') || 'Not yet',
  }));
  const made = ledger.keys('certificate:', 'done').length;
  const withOne = rows.filter((r) => r.version).length;
  const emailed = rows.filter((r) => r.emailed === EMAILED.done).length;
  return {
    lines: [
      `Certificates: ${plural(rows.length, 'mentor')} listed, ${withOne} with a certificate (${plural(made, 'version')} made in all), ${emailed} e-mailed. Each mentor's: the Certificates tab, or status --json.`,
    ],
    data: { certificates: rows },
  };
}

/** `make-certificates` as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const MAKE_CERTIFICATES_ACTION: Action = {
  id: MAKE_CERTIFICATES,
  menu: 'Make certificates',
  functionName: 'makeCertificates',
  summary:
    'Make each eligible mentor\'s certificate (Certificates tab) once, and one PDF of them all for printing; e-mails them too if "Certificate delivery" says so.',
  resumable: true,
  run: makeCertificatesAction,
  status: certificatesStatus,
};

/** `send-certificates`: the held certificates, e-mailed when staff choose. */
export const SEND_CERTIFICATES_ACTION: Action = {
  id: SEND_CERTIFICATES,
  menu: 'E-mail certificates',
  functionName: 'sendCertificates',
  summary: 'E-mail each mentor their certificate as an attachment, once (held ones too).',
  resumable: true,
  run: sendCertificatesAction,
};
