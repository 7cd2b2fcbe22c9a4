import type { Action, ActionContext, ActionResult } from '../core/action';
import { refreshManifest } from '../workflows/archive-manifest';
import { EffectLedger } from '../core/effect-ledger';
import { loadSettings } from '../core/workbook';
import {
  addMonths,
  blankColumns,
  ERASED,
  FREE_TEXT_COLUMNS,
  peopleIn,
  PERSONAL_COLUMNS,
  personHash,
  scrubLog,
  scrubTab,
  specOf,
  subject,
  type Subject,
} from '../domain/erasure';
import { isDate, type TabData } from '../domain/table';
import { ARCHIVE_MANIFEST_TAB, LOG_TAB, MATCHES_TAB, SESSIONS_TAB } from '../domain/tabs';
import { headerKey, normaliseEmail, plural } from '../domain/text';
import type { ArchiveRef, ArchiveWorkbook, Ports } from '../ports';
import { erasureKey } from '../workflows/erasure/evidence';
import { manualSteps, STORE_LABELS, type Store } from '../workflows/erasure/manual';
import {
  column,
  eraseCertificates,
  eraseFromCalendar,
  eraseFromDrive,
  eraseFromForms,
  eraseMailCopies,
  logKeysNaming,
  text,
} from '../workflows/erasure/stores';
import { PERSON_TABS } from './erase-person';

interface Due {
  ref: ArchiveRef;
  archived: Date;
  /** When its personal data is due (the Archived date plus "Keep personal data"). */
  personalDue: Date;
  /** When its free text is due (plus "Keep free text and concerns"). */
  freeTextDue: Date;
}

/** When the archive was archived: its manifest's Archived column (the retention counts from it). */
function archivedOn(archive: ArchiveWorkbook): Date | null {
  const times = column(archive.readTab(ARCHIVE_MANIFEST_TAB.name), 'Archived')
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
  const manifest = archive.readTab(ARCHIVE_MANIFEST_TAB.name);
  const at = manifest?.header.findIndex((h) => headerKey(String(h)) === 'archived') ?? -1;
  for (const row of manifest?.rows ?? []) {
    const cell = at >= 0 ? row[at] : null;
    if (isDate(cell)) times.push(cell.getTime());
  }
  return times.length ? new Date(Math.max(...times)) : null;
}

/** An archive's tabs anonymised: personal columns (and, once due, free text) blanked. */
function anonymiseArchive(
  archive: ArchiveWorkbook,
  who: Subject,
  columns: readonly string[],
  hash: (found: string) => string,
  apply: boolean,
): number {
  let items = 0;
  for (const name of archive.tabNames()) {
    if (name === ARCHIVE_MANIFEST_TAB.name) continue;
    const data = archive.readTab(name);
    if (!data) continue;
    let next: TabData;
    let n: number;
    if (name === LOG_TAB.name) {
      const log = scrubLog(data, who, hash);
      next = log.data;
      n = log.changed;
    } else {
      const blanked = blankColumns(data, columns);
      const scrubbed = scrubTab(name, blanked.data, who, { keepRows: true });
      next = scrubbed.data;
      n = blanked.cells + scrubbed.changed;
    }
    items += n;
    if (apply && n) archive.writeTab(specOf(name, next), next);
  }
  if (apply && items) {
    refreshManifest(archive);
    archive.save();
  }
  return items;
}

/**
 * `purge-personal-data` ("Apply the retention schedule"): for every archived cohort whose
 * retention period has run out (from its Archived date: "Keep personal data (months)", and the
 * shorter "Keep free text and concerns (months)"), lists what is due and, with --apply (in the
 * Sheet: after a Yes), erases it everywhere: the archive's names, addresses and free text are
 * blanked (the rows stay, so the cross-cohort figures still count them), the pair folders lose
 * their sharing and go to the bin, the people leave the calendar events and the forms, their
 * certificates and the tool's copies of their e-mails go, and older Log records keep a hash.
 * People of the live cohort (returning ones too) keep their live data. Safe to run again: a
 * second run finds nothing due.
 */
export function purgePersonalDataAction(
  { ports, run }: ActionContext,
  { apply = false }: { apply?: boolean } = {},
): ActionResult {
  const settings = loadSettings(ports.workbook);
  const now = ports.clock.now();
  const ledger = EffectLedger.open(ports, run, 'purge-personal-data');
  let key = erasureKey(ledger, false);
  const hash = (found: string) => personHash(key || 'dry-run', found);
  const live = new Set(
    PERSON_TABS.flatMap((tab) => {
      const data = ports.workbook.readTab(tab);
      return ['Email', 'Mentee', 'Mentor', 'Mentee email'].flatMap((c) => column(data, c));
    })
      .map(normaliseEmail)
      .filter(Boolean),
  );

  const archives: Due[] = [];
  const undated: string[] = [];
  for (const ref of ports.archives.list()) {
    const archived = archivedOn(ports.archives.open(ref.id));
    if (!archived) {
      undated.push(ref.cohort);
      continue;
    }
    archives.push({
      ref,
      archived,
      personalDue: addMonths(archived, settings.retentionMonths),
      freeTextDue: addMonths(archived, settings.freeTextRetentionMonths),
    });
  }
  // The scheme's hash key is made before any Log is read for rewriting (it is a Log record).
  if (apply && !key && archives.some((d) => d.personalDue <= now)) key = erasureKey(ledger, true);
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: settings.timeZone, dateStyle: 'long' }).format(d);
  const lines: string[] = [];
  const totals: Partial<Record<Store, number>> = {};
  const add = (store: Store, n: number | null) => {
    if (n) totals[store] = (totals[store] ?? 0) + n;
    return n ?? 0;
  };
  let trashed = false;
  const notYet: string[] = [];

  for (const due of archives) {
    const archive = ports.archives.open(due.ref.id);
    if (due.freeTextDue > now) {
      notYet.push(
        `${due.ref.cohort}: free text from ${day(due.freeTextDue)}, the rest from ${day(due.personalDue)}`,
      );
      continue;
    }
    const personal = due.personalDue <= now;
    if (!personal)
      notYet.push(`${due.ref.cohort}: names and addresses from ${day(due.personalDue)}`);
    const people = archive.tabNames().reduce(
      (all, name) => {
        const p = peopleIn(archive.readTab(name) ?? { header: [], rows: [] });
        p.emails.forEach((e) => all.emails.add(e));
        p.names.forEach((n) => all.names.add(n));
        return all;
      },
      { emails: new Set<string>(), names: new Set<string>() },
    );
    // Returning people keep what the live cohort holds about them: only the archive's copy goes.
    const gone = [...people.emails].filter((e) => !live.has(e));
    const who = personal ? subject(people.emails, people.names) : subject([]);
    const counts: string[] = [];
    const count = (store: Store, n: number | null) => {
      const c = add(store, n);
      if (c) counts.push(`${STORE_LABELS[store]} ${c}`);
    };
    if (personal) {
      const matches = archive.readTab(MATCHES_TAB.name);
      const sessions = archive.readTab(SESSIONS_TAB.name);
      const events = column(sessions, 'Event');
      const folders = column(matches, 'Folder ID').filter(Boolean);
      const keys = logKeysNaming(ports.workbook, subject(gone)).concat(
        logKeysNaming(archive, subject(gone)),
      );
      const drive = eraseFromDrive(ports, folders, [...people.emails], apply);
      if (drive) trashed = true;
      count('drive', drive);
      count(
        'calendar',
        eraseFromCalendar(
          ports,
          column(sessions, 'ID').map((id, i) => ({ id, event: events[i] ?? '' })),
          [...people.emails],
          apply,
        ),
      );
      count('forms', eraseFromForms(ports, settings, gone, apply));
      const certificates = eraseCertificates(
        ports,
        settings,
        keys.filter((k) => gone.some((e) => k.startsWith(`certificate:${e}:`))),
        apply,
      );
      if (certificates) trashed = true;
      count('certificates', certificates);
      count('mail', eraseMailCopies(ports, keys, [...gone, ...people.names], apply));
      // The live Log's records about them, from before the cohort was archived.
      const log = ports.workbook.readTab(LOG_TAB.name);
      if (log) {
        const scrubbed = scrubLog(log, subject(gone, people.names), hash, (row, at) => {
          const t = row[at('Time')];
          const time = isDate(t) ? t.getTime() : Date.parse(text(t));
          return !Number.isNaN(time) && time <= due.archived.getTime();
        });
        count('log', scrubbed.changed);
        if (apply && scrubbed.changed) ports.workbook.writeTab(LOG_TAB, scrubbed.data);
      }
    }
    count(
      'archives',
      anonymiseArchive(
        archive,
        who,
        personal ? [...PERSONAL_COLUMNS, ...FREE_TEXT_COLUMNS] : FREE_TEXT_COLUMNS,
        hash,
        apply,
      ),
    );
    if (counts.length) {
      lines.push(
        `${due.ref.cohort} (archived ${day(due.archived)}): ${personal ? 'personal data and free text' : 'free text'} due; ${counts.join(', ')}.`,
      );
      if (apply)
        ledger.recordDone([
          {
            key: `retention:${due.ref.id}:${personal ? 'all' : 'free-text'}`,
            detail: counts.join('; '),
          },
        ]);
    }
  }
  // Concerns: the Log records only that one arrived and to whom; even that goes once due.
  const concerns = concernRecords(ports, now, settings.freeTextRetentionMonths, apply);
  if (concerns) {
    add('log', concerns);
    lines.push(
      `${plural(concerns, 'record')} of forwarded concerns older than ${settings.freeTextRetentionMonths} months: detail ${apply ? 'erased' : 'due'}.`,
    );
  }

  const found = Object.values(totals).reduce((n, c) => n + (c ?? 0), 0);
  const summary: string[] = [];
  if (found === 0) summary.push('Nothing is due under the retention schedule.');
  else
    summary.push(
      apply
        ? `Applied the retention schedule: ${plural(found, 'item')} erased or anonymised.`
        : `Due under the retention schedule (${plural(found, 'item')}; nothing has been changed yet):`,
      ...lines.map((l) => `- ${l}`),
    );
  if (notYet.length) summary.push(`Not yet due: ${notYet.join('; ')}.`);
  if (undated.length)
    summary.push(
      `${undated.join(', ')}: the archive has no Archived date in its "${ARCHIVE_MANIFEST_TAB.name}" tab, so it is never purged automatically; check it by hand.`,
    );
  if (found && apply) {
    summary.push(
      'Still to do by hand:',
      ...manualSteps(ports, { trashed, unreached: [] }).map((m) => `- ${m}`),
    );
  } else if (found) {
    summary.push('To apply it: purge-personal-data --apply (in the Sheet: answer Yes).');
  }
  return { summary, data: { found, totals, apply } };
}

/** The Log's forwarded-concern records older than the free-text period: detail erased. */
function concernRecords(ports: Ports, now: Date, months: number, apply: boolean): number {
  const log = ports.workbook.readTab(LOG_TAB.name);
  if (!log) return 0;
  const at = (c: string) => log.header.findIndex((h) => headerKey(String(h)) === headerKey(c));
  const [time, key, detail] = [at('Time'), at('Key'), at('Detail')];
  let n = 0;
  const rows = log.rows.map((row) => {
    const t = row[time];
    const ms = isDate(t) ? t.getTime() : Date.parse(text(t));
    const old = !Number.isNaN(ms) && addMonths(new Date(ms), months) <= now;
    if (!old || !text(row[key]).startsWith('mail:concern:') || text(row[detail]) === ERASED)
      return row;
    n += 1;
    const next = [...row];
    next[detail] = ERASED;
    return next;
  });
  if (apply && n) ports.workbook.writeTab(LOG_TAB, { header: log.header, rows });
  return n;
}

export const PURGE_PERSONAL_DATA_ACTION: Action = {
  id: 'purge-personal-data',
  archives: true,
  menu: 'Apply the retention schedule',
  functionName: 'purgePersonalData',
  summary:
    "List the archived cohorts' personal data whose retention period has run out (a dry run); with --apply, erase or anonymise it in every store.",
  usage: 'purge-personal-data [--apply]',
  options: [{ name: 'apply', description: 'erase what is due (without it: only list it)' }],
  confirm: { preview: {}, apply: { apply: true } },
  run: (context, args) => purgePersonalDataAction(context, { apply: Boolean(args.options.apply) }),
};
