import { mailOutcomeWords } from '../core/outcome-summary';
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
import { APPLICATIONS_TAB, MATCHES_TAB, SETTINGS_TAB } from '../domain/tabs';
import { firstName, plural } from '../domain/text';
import type { DriveItem } from '../ports';
import {
  CertificateRun,
  Combined,
  certificateDate,
  checkSources,
  combine,
  makeOne,
  quotaFreesAt,
  recorded,
  wantedCertificate,
} from '../workflows/certificate-versions';
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

const EMAILED = mailOutcomeWords('the mentor');

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
  const r: CertificateRun = { ports, settings, table, ledger, folderId, date };
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
  const combined = mode === 'make' && complete ? combine(r, job, eligible, current) : null;
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

function summary(s: {
  mode: 'make' | 'send';
  eligible: readonly CertificateRow[];
  current: ReadonlyMap<CertificateRow, unknown>;
  made: readonly DriveItem[];
  report: JobReport<CertificateRow>;
  mailLines: readonly string[];
  combined: Combined | null;
  problems: readonly string[];
}): ActionResult {
  const combined = s.combined?.item ?? null;
  const have = `${s.current.size} of ${plural(s.eligible.length, 'eligible mentor')} ${s.current.size === 1 ? 'has' : 'have'} one.`;
  const lines = s.mode === 'make' ? [`Made ${plural(s.made.length, 'certificate')}; ${have}`] : [];
  if (s.mode === 'send') lines.push(`${s.mailLines[0] ?? 'Sent 0 certificate e-mails.'} ${have}`);
  // The e-mail lines (queued, failed, uncertain) and the time-limit line, in every job's words.
  lines.push(...s.mailLines.slice(s.mode === 'send' ? 1 : 0));
  if (!s.mailLines.length && s.report.notReached) {
    lines.push(
      `${plural(s.report.notReached, 'mentor')} still to do: the run stopped before the time limit and continues soon, by itself in Google.`,
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
  if (s.combined?.later) {
    lines.push(
      'The combined PDF for printing is made next, in a run of its own that starts by itself in a minute (it needs the time to read every certificate).',
    );
  } else if (s.combined?.problem) {
    lines.push(s.combined.problem);
  } else if (s.mode === 'make' && s.combined && !combined && s.current.size) {
    lines.push('No combined PDF here: print the PDFs in the Certificates folder.');
  }
  if (combined) {
    lines.push(
      `For printing: ${combined.name} (${combined.created ? 'new' : 'unchanged'}) ${combined.url}`,
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
      combined: combined?.id ?? null,
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
