import type {
  Action,
  ActionArgs,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { jobSummary, runJob } from '../core/job';
import { Mailer } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import {
  archiveName,
  filledRows,
  fingerprint,
  headerWidth,
  nextCohortName,
  rowKey,
  cellText,
  type TabFingerprint,
} from '../domain/archive';
import { CERTIFICATES_TAB } from '../domain/certificates';
import { ERASURE_KEY } from '../workflows/erasure/evidence';
import { UserError } from '../domain/errors';
import { CONTINUATION_OUTCOMES, finalOutcome } from '../domain/evaluation/continuation';
import { defaultRounds } from '../domain/evaluation/rounds';
import { FORMS } from '../domain/forms';
import type { Settings } from '../domain/settings';
import { Table, type TabData, type TabSpec } from '../domain/table';
import {
  APPLICATIONS_TAB,
  ARCHIVE_MANIFEST_TAB,
  CORE_TABS,
  LOG_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  ROUNDS_TAB,
  SETTINGS_TAB,
  TEMPLATES_TAB,
} from '../domain/tabs';
import { firstName, headerKey, isValidEmail, normaliseEmail, plural } from '../domain/text';
import type { ArchiveRef, ArchiveWorkbook, Ports } from '../ports';
import { UNLINKED } from './set-up-forms';

export const ARCHIVE_COHORT = 'archive-cohort';

/**
 * The tabs that belong to one cohort: every tab of the tool but Settings and Templates (which
 * carry on), the Log included. On Google the linked forms' response tabs are archived too.
 */
export const COHORT_TABS: readonly TabSpec[] = [
  ...CORE_TABS.filter((t) => t !== SETTINGS_TAB && t !== TEMPLATES_TAB && t !== LOG_TAB),
  CERTIFICATES_TAB,
  LOG_TAB,
];

/** Tabs whose rows do not make a cohort worth archiving on their own. */
const BOOKKEEPING = new Set([LOG_TAB.name, PAIRING_RULES_TAB.name, ROUNDS_TAB.name]);

/** Application statuses carried into the next cohort: waitlisted, or never reviewed (late). */
const CARRIED_STATUSES = new Set(['waitlisted', 'applied', '']);

export const CARRIED_COLUMN = 'Carried over from';

/** The Log keys of archiving `cohort` (the archive made; verified; each form emptied; done). */
export const archiveKeys = (cohort: string) => ({
  made: `archive:${cohort}`,
  verified: `archive:${cohort}:verified`,
  form: (formId: string) => `archive:${cohort}:form:${formId}`,
  cleared: `archive:${cohort}:cleared`,
});

/** The e-mail asking a carried-over applicant to confirm their interest, once per cohort. */
export function confirmInterestKey(cohort: string, email: string): string {
  return `mail:confirm-interest:${cohort}:${normaliseEmail(email)}`;
}

/** What the Log keeps of a verified archive: enough to check it and to carry on after a crash. */
interface Verified {
  id: string;
  next: string;
  tabs: Record<string, TabFingerprint>;
}

function parseVerified(detail: string): Verified | null {
  try {
    const parsed = JSON.parse(detail) as Verified;
    return typeof parsed.id === 'string' && parsed.tabs ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * `archive-cohort` ("Archive this cohort and start the next"). In order, each step recorded in
 * the Log, so a run that dies anywhere is carried on by the next:
 *
 * 1. copy every tab of the cohort, as it is now, into the cohort's archive (one per cohort,
 *    found again by cohort: a re-run rewrites the same one, never makes a second), with the
 *    "About this archive" manifest (rows and hash per tab); read it back and compare;
 * 2. record `archive:<cohort>:verified` with those counts and hashes. Nothing live is touched
 *    before this line exists, and once it does the archive is never written again;
 * 3. empty the linked forms of their responses (they are in the archive now);
 * 4. clear the live tabs: a row goes only if the same row is in the verified archive, so a row
 *    that arrived since (or this run's own Log lines) stays; lasting pairing rules stay;
 *    waitlisted and late applications come back as the next cohort's, flagged;
 * 5. the Settings get the next cohort's name; then each carried-over applicant is asked, once,
 *    to confirm their interest (a keyed e-mail job that continues on later runs).
 */
export function archiveCohortAction({ ports, run }: ActionContext, args: ActionArgs): ActionResult {
  const settings = loadSettings(ports.workbook);
  const cohort = settings.cohort;
  const keys = archiveKeys(cohort);
  const ledger = EffectLedger.open(ports, run, ARCHIVE_COHORT);
  const lines: string[] = [];
  let recorded =
    ledger.state(keys.verified) === 'done' ? parseVerified(ledger.detail(keys.verified)) : null;

  let ref: ArchiveRef;
  if (recorded && ledger.state(keys.cleared) === 'done' && worthArchiving(snapshot(ports))) {
    // This name was archived and the cohort moved on; staff named the new one the same.
    throw new UserError(
      `"${cohort}" is already archived: give this cohort a name of its own in Settings ("Cohort"), then archive it.`,
    );
  }
  if (!recorded) {
    const live = snapshot(ports);
    if (!worthArchiving(live)) {
      const mail = confirmInterest(ports, ledger, settings);
      return {
        summary: [
          `Nothing to archive: ${cohort} has no applications, matches or answers yet.`,
          ...mail,
        ],
        data: { archived: false, cohort },
      };
    }
    refuseWhileBusy(ports, live);
    const next = nextName(args, settings);
    const earlier = ports.archives.list().find((a) => a.cohort === cohort);
    // An archive of this name that this cohort's Log did not start (and that holds tabs) is an
    // earlier cohort's of the same name: never written over.
    if (
      earlier &&
      ledger.state(keys.made) !== 'done' &&
      ports.archives.open(earlier.id).readTab(ARCHIVE_MANIFEST_TAB.name)
    ) {
      throw new UserError(
        `There is already an archive of "${cohort}" (${earlier.name}): give this cohort a name of its own in Settings ("Cohort"), then archive it.`,
      );
    }
    ref = ensureArchive(ports, ledger, settings);
    const archive = ports.archives.open(ref.id);
    const tabs = writeArchive(ports, ledger, archive, live, cohort);
    const verified: Verified = { id: ref.id, next, tabs };
    ledger.recordDone([{ key: keys.verified, detail: JSON.stringify(verified) }]);
    recorded = verified;
    lines.push(
      `Archived ${cohort}: ${plural(Object.keys(tabs).length, 'tab')}, ${plural(
        Object.values(tabs).reduce((n, t) => n + t.rows, 0),
        'row',
      )}, each tab read back and checked.`,
    );
  } else {
    ref = ensureArchive(ports, ledger, settings);
    const archive = ports.archives.open(ref.id);
    if (!matches(archive, recorded.tabs)) {
      // Locally the archive file is written when the command ends: one killed in between left
      // the Log saying "verified" and no file, but also the live tabs untouched. Copy again.
      const live = snapshot(ports);
      if (!liveStillHolds(live, recorded.tabs)) {
        throw new UserError(
          `The archive of ${cohort} (${ref.name}) no longer holds what the Log says was archived, and the live tabs have changed: nothing more was cleared; restore the archive from Drive's version history (or a backup), then run this again.`,
        );
      }
      const tabs = writeArchive(ports, ledger, archive, cut(live, recorded.tabs), cohort);
      if (!sameTabs(tabs, recorded.tabs))
        throw new UserError(
          `The archive of ${cohort} could not be written again as it was: nothing more was cleared; run this again.`,
        );
    }
    lines.push(`${cohort} is archived (${ref.name}); carrying on where the last run stopped.`);
  }

  const emptied = emptyForms(ports, ledger, settings, keys);
  const archive = ports.archives.open(ref.id);
  const carried = clearLiveTabs(ports, (l) => ledger.boundary(l), archive, recorded, cohort);
  startNextCohort(ports, recorded.next);
  ledger.recordDone([{ key: keys.cleared, detail: `next cohort: ${recorded.next}` }]);
  // From here on this run's records belong to the new cohort.
  ledger.cohort = recorded.next;
  const next = { ...settings, cohort: recorded.next };
  lines.push(
    `Cleared the live tabs for ${recorded.next}: Settings, Templates, the forms and ${plural(carried.rules, 'lasting pairing rule')} were kept.`,
  );
  if (emptied.length)
    lines.push(`Emptied the ${emptied.join(', ')} forms of ${cohort}'s responses.`);
  if (carried.applications)
    lines.push(
      `Carried ${plural(carried.applications, 'waitlisted or late application')} over into ${recorded.next} (marked "${CARRIED_COLUMN}: ${cohort}").`,
    );
  lines.push(`The archive: ${ref.name} (${ref.url}).`);
  lines.push(...confirmInterest(ports, ledger, next));
  return {
    summary: lines,
    data: { archived: true, cohort, next: recorded.next, archive: ref, tabs: recorded.tabs },
  };
}

/** Every cohort tab as it is now (the Log as it was before this run wrote to it). */
function snapshot(ports: Ports): Map<string, { spec: TabSpec; data: TabData }> {
  const tabs = new Map<string, { spec: TabSpec; data: TabData }>();
  for (const spec of COHORT_TABS) {
    const data = ports.workbook.readTab(spec.name);
    if (data) tabs.set(spec.name, { spec, data });
  }
  for (const name of ports.forms.responseTabs?.() ?? []) {
    const data = ports.workbook.readTab(name);
    if (data && !tabs.has(name)) tabs.set(name, { spec: { name, columns: [] }, data });
  }
  return tabs;
}

function worthArchiving(live: Map<string, { data: TabData }>): boolean {
  for (const [name, { data }] of live) {
    // A form's response tab is emptied with its form; on its own it is no cohort to archive.
    if (BOOKKEEPING.has(name) || !COHORT_TABS.some((t) => t.name === name)) continue;
    if (name === APPLICATIONS_TAB.name) {
      const carried = data.header.findIndex(
        (h) => headerKey(String(h)) === headerKey(CARRIED_COLUMN),
      );
      const rows = filledRows(data).filter((r) => carried < 0 || r[carried] === '');
      if (rows.length) return true;
    } else if (filledRows(data).length) return true;
  }
  return false;
}

function refuseWhileBusy(ports: Ports, live: Map<string, { data: TabData }>): void {
  const waiting = ports.jobs.pending().filter((j) => j.job !== ARCHIVE_COHORT);
  if (waiting.length) {
    throw new UserError(
      `${waiting.map((j) => j.job).join(', ')} ${waiting.length === 1 ? 'has' : 'have'} work waiting: let ${waiting.length === 1 ? 'it' : 'them'} finish (or see "status"), then archive the cohort.`,
    );
  }
  const matches = new Table(MATCHES_TAB, live.get(MATCHES_TAB.name)?.data ?? null);
  const open: string[] = [];
  for (const row of matches.rows.keys()) {
    if (matches.text(row, 'Status') !== 'Confirmed') continue;
    const text = matches.text(row, 'Continuation');
    const outcome = Object.values(CONTINUATION_OUTCOMES).find((o) => text.startsWith(o));
    if (outcome && finalOutcome(outcome, matches.text(row, 'Staff decision'))) continue;
    open.push(
      `${matches.text(row, 'Mentee name') || matches.text(row, 'Mentee')} & ${matches.text(row, 'Mentor name') || matches.text(row, 'Mentor')}`,
    );
  }
  if (open.length) {
    throw new UserError(
      `${plural(open.length, 'confirmed pair')} ${open.length === 1 ? 'has' : 'have'} no outcome yet (${open.slice(0, 3).join('; ')}${open.length > 3 ? '; …' : ''}): run "Ask pairs about continuing" or write a Staff decision in Matches, then archive the cohort.`,
    );
  }
}

function nextName(args: ActionArgs, settings: Settings): string {
  const given = typeof args.options.next === 'string' ? args.options.next.trim() : '';
  const next = given || settings.nextCohort || nextCohortName(settings.cohort);
  if (headerKey(next) === headerKey(settings.cohort))
    throw new UserError(
      `The next cohort needs a name other than "${settings.cohort}": give one with --next, or in the "Next cohort" setting.`,
    );
  return next;
}

function ensureArchive(ports: Ports, ledger: EffectLedger, settings: Settings): ArchiveRef {
  const made = ports.archives.ensure({
    cohort: settings.cohort,
    name: archiveName(settings.schemeName, settings.cohort),
    staff: settings.staffEmails,
  });
  ledger.recordDone([{ key: archiveKeys(settings.cohort).made, detail: made.id }]);
  const { created: _created, ...ref } = made;
  return ref;
}

/** Writes each tab and the manifest, saves, reads every tab back: their fingerprints. */
function writeArchive(
  ports: Ports,
  ledger: EffectLedger,
  archive: ArchiveWorkbook,
  live: Map<string, { spec: TabSpec; data: TabData }>,
  cohort: string,
): Record<string, TabFingerprint> {
  const expected: Record<string, TabFingerprint> = {};
  for (const [name, { spec, data }] of live) {
    archive.writeTab({ name, columns: [], dropdowns: spec.dropdowns }, data);
    expected[name] = fingerprint(data);
    ledger.boundary(`archived tab ${name}`);
  }
  const at = ports.clock.now();
  archive.writeTab(ARCHIVE_MANIFEST_TAB, {
    header: [...ARCHIVE_MANIFEST_TAB.columns],
    rows: Object.entries(expected).map(([tab, f]) => [tab, f.rows, f.hash, at, cohort]),
  });
  archive.save();
  ledger.boundary('archive saved');
  for (const [name, want] of Object.entries(expected)) {
    const back = fingerprint(archive.readTab(name));
    if (back.rows !== want.rows || back.hash !== want.hash) {
      throw new UserError(
        `The archive's "${name}" tab did not read back as written (${back.rows} rows of ${want.rows}): nothing was cleared; run this again.`,
      );
    }
  }
  return expected;
}

function matches(archive: ArchiveWorkbook, tabs: Record<string, TabFingerprint>): boolean {
  return Object.entries(tabs).every(([name, want]) => {
    const back = fingerprint(archive.readTab(name));
    return back.rows === want.rows && back.hash === want.hash;
  });
}

function sameTabs(a: Record<string, TabFingerprint>, b: Record<string, TabFingerprint>): boolean {
  const names = Object.keys(b);
  return (
    Object.keys(a).length === names.length &&
    names.every((n) => a[n]?.hash === b[n].hash && a[n]?.rows === b[n].rows)
  );
}

/** The Log grew since it was archived (this run's lines): only its first rows must match. */
function cut(
  live: Map<string, { spec: TabSpec; data: TabData }>,
  tabs: Record<string, TabFingerprint>,
): Map<string, { spec: TabSpec; data: TabData }> {
  const out = new Map<string, { spec: TabSpec; data: TabData }>();
  for (const [name, tab] of live) {
    if (!tabs[name]) continue;
    if (name !== LOG_TAB.name) out.set(name, tab);
    else {
      const filled = tab.data.rows.filter((r) => r.some((v) => cellText(v) !== ''));
      out.set(name, {
        spec: tab.spec,
        data: { header: tab.data.header, rows: filled.slice(0, tabs[name].rows) },
      });
    }
  }
  return out;
}

function liveStillHolds(
  live: Map<string, { spec: TabSpec; data: TabData }>,
  tabs: Record<string, TabFingerprint>,
): boolean {
  const kept = cut(live, tabs);
  return Object.entries(tabs).every(([name, want]) => {
    const f = fingerprint(kept.get(name)?.data ?? null);
    return f.rows === want.rows && f.hash === want.hash;
  });
}

/** The linked forms, emptied once each (their responses are in the archive now). */
function emptyForms(
  ports: Ports,
  ledger: EffectLedger,
  settings: Settings,
  keys: ReturnType<typeof archiveKeys>,
): string[] {
  const emptied: string[] = [];
  const remove = ports.forms.deleteResponses?.bind(ports.forms);
  if (!remove) return emptied;
  for (const form of Object.values(FORMS)) {
    const { id } = settings.forms[form.id];
    // The concern form's answers are never in the workbook, so never in the archive: the
    // retention schedule deals with them, not the archive.
    if (!id || UNLINKED.includes(form.id)) continue;
    if (ledger.state(keys.form(form.id)) === 'done') continue;
    const count = remove({ id, linked: true }, 'all');
    ledger.boundary(`emptied form ${form.id}`);
    if (count === null) {
      throw new UserError(
        `The ${form.title} form could not be opened to empty it of ${settings.cohort}'s responses (they are safe in the archive): run "Archive this cohort" again in a few minutes.`,
      );
    }
    ledger.recordDone([{ key: keys.form(form.id), detail: `${count} responses deleted` }]);
    emptied.push(form.title);
  }
  return emptied;
}

/** Each live cohort tab without the rows the archive holds; returns what was kept or carried. */
function clearLiveTabs(
  ports: Ports,
  boundary: (label: string) => void,
  archive: ArchiveWorkbook,
  recorded: Verified,
  cohort: string,
): { rules: number; applications: number } {
  let rules = 0;
  let applications = 0;
  for (const spec of COHORT_TABS) {
    if (!recorded.tabs[spec.name]) continue;
    const archived = archive.readTab(spec.name);
    if (!archived) continue;
    const table = loadTable(ports.workbook, spec);
    const columns = archived.header.map((h) => {
      const key = headerKey(String(h ?? ''));
      return key ? table.header.findIndex((x) => headerKey(x) === key) : -1;
    });
    const width = headerWidth(archived);
    const inArchive = new Map<string, number>();
    for (const row of filledRows(archived)) {
      const k = rowKey(row);
      inArchive.set(k, (inArchive.get(k) ?? 0) + 1);
    }
    const lasting = (row: number) =>
      spec === PAIRING_RULES_TAB && /^(y|yes|true)$/i.test(table.text(row, 'Lasting'));
    table.removeRows((row) => {
      if (lasting(row)) return false;
      // The key for erasure evidence hashes outlives every cohort: a repeated request years
      // later is still recognised (docs/data-protection.md).
      if (spec === LOG_TAB && table.text(row, 'Key') === ERASURE_KEY) return false;
      const values = table.rows[row];
      const k = rowKey(columns.slice(0, width).map((c) => (c < 0 ? '' : cellText(values[c]))));
      const n = inArchive.get(k) ?? 0;
      if (n === 0) return false;
      inArchive.set(k, n - 1);
      return true;
    });
    if (spec === PAIRING_RULES_TAB) rules = table.rows.filter((_, r) => lasting(r)).length;
    if (spec === APPLICATIONS_TAB)
      applications = carryOver(table, new Table(APPLICATIONS_TAB, archived), cohort);
    if (spec === ROUNDS_TAB && table.rows.length === 0) {
      for (const round of defaultRounds(ports.clock.now(), loadSettings(ports.workbook).timeZone))
        table.append(round);
    }
    saveTable(ports.workbook, table);
    boundary(`cleared tab ${spec.name}`);
  }
  return { rules, applications };
}

/** Waitlisted and unreviewed applications come back as the next cohort's, once each. */
function carryOver(live: Table, archived: Table, cohort: string): number {
  const present = new Set(
    live.rows.map(
      (_, r) =>
        `${normaliseEmail(live.text(r, 'Email'))}|${live.text(r, 'Role')}|${live.text(r, CARRIED_COLUMN)}`,
    ),
  );
  let count = 0;
  for (const row of archived.rows.keys()) {
    const status = archived.text(row, 'Status').toLowerCase();
    const email = normaliseEmail(archived.text(row, 'Email'));
    if (!email || !CARRIED_STATUSES.has(status)) continue;
    const key = `${email}|${archived.text(row, 'Role')}|${cohort}`;
    if (present.has(key)) {
      count += 1;
      continue;
    }
    const values: Record<string, TabData['rows'][number][number]> = {};
    archived.header.forEach((h, c) => {
      if (h && live.has(h)) values[h] = archived.rows[row][c];
    });
    values.Status = 'Applied';
    values.Problems = null;
    values['Reviewed status'] = null;
    values[CARRIED_COLUMN] = cohort;
    live.append(values);
    present.add(key);
    count += 1;
  }
  return count;
}

function startNextCohort(ports: Ports, next: string): void {
  const table = loadTable(ports.workbook, SETTINGS_TAB);
  const rowOf = (label: string) =>
    table.rows.findIndex((_, r) => headerKey(table.text(r, 'Setting')) === headerKey(label));
  const cohortRow = rowOf('Cohort');
  if (cohortRow >= 0) table.set(cohortRow, 'Value', next);
  else table.append({ Setting: 'Cohort', Value: next });
  const nextRow = rowOf('Next cohort');
  if (nextRow >= 0) table.set(nextRow, 'Value', null);
  saveTable(ports.workbook, table);
}

interface Carried {
  row: number;
  email: string;
  from: string;
}

function carriedApplicants(table: Table): Carried[] {
  if (!table.has(CARRIED_COLUMN)) return [];
  const out: Carried[] = [];
  const seen = new Set<string>();
  for (const row of table.rows.keys()) {
    const from = table.text(row, CARRIED_COLUMN);
    const email = table.text(row, 'Email');
    // One e-mail per person, even for someone carried over in both roles.
    if (!from || !isValidEmail(email) || table.text(row, 'Status') !== 'Applied') continue;
    if (seen.has(normaliseEmail(email))) continue;
    seen.add(normaliseEmail(email));
    out.push({ row, email, from });
  }
  return out;
}

/** One e-mail to each carried-over applicant asking them to confirm their interest. */
function confirmInterest(ports: Ports, ledger: EffectLedger, settings: Settings): string[] {
  const table = loadTable(ports.workbook, APPLICATIONS_TAB);
  const items = carriedApplicants(table);
  if (!items.length) return [];
  const mailer = new Mailer(ports.mail, ledger, settings, loadTemplates(ports.workbook));
  const key = (c: Carried) => confirmInterestKey(settings.cohort, c.email);
  if (items.every((c) => mailer.known(key(c)))) return [];
  const report = runJob(ports, {
    name: ARCHIVE_COHORT,
    items,
    timeZone: settings.timeZone,
    mail: { mailer, key },
    step: (c) => {
      const name = table.text(c.row, 'Name');
      return mailer.send({
        key: key(c),
        template: 'confirm-interest',
        to: [c.email],
        names: { [c.email]: name },
        values: {
          Name: name,
          FirstName: firstName(name) || name,
          Role: table.text(c.row, 'Role').toLowerCase(),
          PreviousCohort: c.from,
        },
      });
    },
  });
  return jobSummary(report, {
    job: ARCHIVE_COHORT,
    noun: 'e-mail asking a carried-over applicant to confirm their interest',
    nouns: 'e-mails asking carried-over applicants to confirm their interest',
    item: 'applicant',
    describe: (c) => c.email,
  });
}

/** The archives so far, and carried-over applicants not yet asked. */
export function archiveCohortStatus({ ports, ledger, tab }: StatusContext): StatusSection {
  const archives = ports.archives.list();
  const settings = loadSettings(ports.workbook);
  const waiting = carriedApplicants(tab(APPLICATIONS_TAB)).filter(
    (c) => ledger.state(confirmInterestKey(settings.cohort, c.email)) === 'new',
  ).length;
  return {
    lines: [
      ...(archives.length
        ? [`Archived cohorts: ${archives.map((a) => a.cohort).join(', ')}.`]
        : []),
      ...(waiting
        ? [`Carried-over applicants not yet asked to confirm their interest: ${waiting}.`]
        : []),
    ],
    data: { archives: archives.map((a) => ({ cohort: a.cohort, name: a.name, url: a.url })) },
  };
}

export const ARCHIVE_COHORT_ACTION: Action = {
  id: ARCHIVE_COHORT,
  menu: 'Archive this cohort and start the next',
  functionName: 'archiveCohort',
  summary:
    "Copy the cohort's tabs into its archive, check it, then clear them for the next cohort (Settings, Templates, lasting pairing rules and the forms are kept).",
  options: [
    {
      name: 'next',
      value: 'NAME',
      description:
        'the next cohort\'s name (default: the "Next cohort" setting, or the number moved on)',
    },
    { name: 'json', description: 'print the result as JSON' },
  ],
  archives: true,
  resumable: true,
  run: archiveCohortAction,
  status: archiveCohortStatus,
};
