import { ACTIONS } from '../actions';
import { newRunId, type Action, type ActionContext } from '../core/action';
import { loadTable, saveTable } from '../core/workbook';
import { AREAS } from '../domain/areas';
import {
  CHOICE_FORM,
  CONSENT_OPTION,
  MENTEE_FORM,
  MENTOR_FORM,
  mentorOption,
  type FormDefinition,
} from '../domain/forms';
import type { FormResponse } from '../domain/responses';
import { APPLICATIONS_TAB, MATCHES_TAB, SETTINGS_TAB } from '../domain/tabs';
import { headerKey, normaliseEmail } from '../domain/text';
import type { DrivePort, JobsPort, MailPort, OutgoingMail, Ports, WorkbookPort } from '../ports';
import { readPairs } from '../workflows/pairs';
import { recordResponses } from '../workflows/intake';
import { JsonProperty } from './json-property';
import type { AssumptionResult } from './live-check';
import { appsScriptPorts } from './run-action';
import { EXECUTION_BUDGET_MS } from './script-jobs';
import type { AppsScriptServices } from './services';
import { SheetJournal } from './sheet-journal';

/**
 * The live check's throwaway cohort: two mentors and two mentees, all the deployer's own
 * +aliases, recorded, reviewed, matched, confirmed and set up as pairs with the real
 * SpreadsheetApp, DriveApp and MailApp, then removed again.
 *
 * It never touches the scheme's own tabs, Settings, Log, jobs or folders: its tabs are its own
 * ("Live check <stamp> · Applications", …, its own Settings and Log), its pair folders sit under
 * a root folder it makes, and its job state lives in this execution only. What it made is
 * written down (a script property) before it is made, so a check that dies half-way is cleaned
 * up by the next one. Its mail port and Drive port refuse any address that is not the
 * deployer's own or a +alias of it: no real person is e-mailed or shared with, whatever the data.
 */
export const MANIFEST_PROPERTY = 'peer-mentoring.live-check';

export interface CohortManifest {
  stamp: string;
  /** Every tab of the throwaway cohort starts with this. */
  prefix: string;
  /** The sheets that existed before: never deleted by the clean-up. */
  sheetsBefore: number[];
  /** The throwaway root folder: everything the check made in Drive is under it. */
  rootId?: string;
}

type Verdict = AssumptionResult;

/** `me+anything@domain` or `me@domain` itself, case-insensitively. */
export function isOwnAddress(address: string, me: string): boolean {
  const split = (a: string) => {
    const [local = '', domain = ''] = normaliseEmail(a).split('@');
    return { local: local.split('+')[0], domain };
  };
  const a = split(address);
  const b = split(me);
  return b.local !== '' && a.local === b.local && a.domain === b.domain && a.domain !== '';
}

export function alias(me: string, tag: string): string {
  const [local, domain] = normaliseEmail(me).split('@');
  return `${local.split('+')[0]}+${tag}@${domain}`;
}

/** Tabs named `<prefix><name>`: the cohort's own workbook inside the development Sheet. */
function prefixedWorkbook(inner: WorkbookPort, prefix: string): WorkbookPort {
  return {
    readTab: (name) => inner.readTab(prefix + name),
    writeTab: (spec, data) => inner.writeTab({ ...spec, name: prefix + spec.name }, data),
  };
}

class Refused extends Error {}

/** Sends only to the deployer's own addresses, and remembers whom it sent to. */
function ownMailOnly(inner: MailPort, me: string, sent: OutgoingMail[]): MailPort {
  return {
    remainingDailyQuota: () => inner.remainingDailyQuota(),
    send(mail) {
      const stranger = [...mail.to, ...mail.cc, mail.replyTo].find(
        (a) => a && !isOwnAddress(a, me),
      );
      if (stranger) throw new Refused(`the live check does not e-mail ${stranger}`);
      inner.send(mail);
      sent.push(mail);
    },
  };
}

/** Shares only with the deployer's own addresses. */
function ownSharingOnly(inner: DrivePort, me: string): DrivePort {
  return {
    listFiles: (id) => inner.listFiles(id),
    find: (id) => inner.find(id),
    ensureFolder: (r) => inner.ensureFolder(r),
    ensureCopy: (r) => inner.ensureCopy(r),
    sharedWith: (id) => inner.sharedWith(id),
    trashFolder: (id) => inner.trashFolder(id),
    shareFolder(folderId, editors) {
      const stranger = editors.find((e) => !isOwnAddress(e, me));
      if (stranger) throw new Refused(`the live check does not share with ${stranger}`);
      return inner.shareFolder(folderId, editors);
    },
  };
}

/** This execution only: a tiny cohort never needs a continuation, and the scheme's jobs are not touched. */
function oneExecutionJobs(startedAt: Date, waiting: string[]): JobsPort {
  return {
    remainingMs: () => EXECUTION_BUDGET_MS - (Date.now() - startedAt.getTime()),
    continueLater: (job, _at, reason) => void waiting.push(`${job}: ${reason}`),
    finished: () => undefined,
    pending: () => [],
  };
}

function throwawayPorts(
  services: AppsScriptServices,
  prefix: string,
  me: string,
  sent: OutgoingMail[],
  waiting: string[],
): Ports {
  const base = appsScriptPorts(services);
  const startedAt = new Date();
  let drive: DrivePort | undefined;
  return {
    workbook: prefixedWorkbook(base.workbook, prefix),
    journal: new SheetJournal(services.SpreadsheetApp, `${prefix}Log`),
    mail: ownMailOnly(base.mail, me, sent),
    clock: base.clock,
    get reports(): never {
      throw new Refused('the throwaway cohort publishes no report');
    },
    archives: base.archives,
    jobs: oneExecutionJobs(startedAt, waiting),
    get drive() {
      return (drive ??= ownSharingOnly(base.drive, me));
    },
    get forms(): never {
      throw new Refused('the throwaway cohort uses no form');
    },
    get certificates(): never {
      throw new Refused('the throwaway cohort makes no certificate');
    },
    get calendar(): never {
      throw new Refused('the throwaway cohort sends no invitation');
    },
  };
}

const cohortManifest = (services: AppsScriptServices) =>
  new JsonProperty<CohortManifest>(services, MANIFEST_PROPERTY);

function setSettings(workbook: WorkbookPort, values: Record<string, string>): void {
  const table = loadTable(workbook, SETTINGS_TAB);
  for (const [label, value] of Object.entries(values)) {
    const row = table.rows.findIndex(
      (_, r) => headerKey(table.text(r, 'Setting')) === headerKey(label),
    );
    if (row >= 0) table.set(row, 'Value', value);
    else table.append({ Setting: label, Value: value });
  }
  saveTable(workbook, table);
}

function response(email: string, answers: Record<string, string>, at: Date): FormResponse {
  return {
    email,
    submitted: at,
    submittedText: at.toISOString(),
    answers: new Map(Object.entries(answers)),
  };
}

const action = (id: string): Action => ACTIONS.find((a) => a.id === id) as Action;

function message(error: unknown): string {
  return String((error as { message?: unknown })?.message ?? error);
}

/**
 * Makes the throwaway cohort and takes it through review, a match, confirmation and pair
 * set-up, under the script lock. Returns a verdict per step; everything it made stays until
 * `cleanUpThrowawayCohort` (run even when a step failed).
 */
export function runThrowawayCohort(services: AppsScriptServices, now = new Date()): Verdict[] {
  const verdicts: Verdict[] = [];
  const say = (id: string, assumption: string, ok: boolean | null, detail: string) =>
    verdicts.push({
      id,
      assumption,
      result: ok === null ? 'unknown' : ok ? 'confirmed' : 'refuted',
      detail,
    });
  const me = normaliseEmail(services.Session.getActiveUser().getEmail());
  if (!me.includes('@')) {
    say('throwaway-cohort', 'The throwaway cohort runs', null, 'the caller has no address');
    return verdicts;
  }
  if (cohortManifest(services).read()) {
    // An earlier check died before its clean-up: clean that first, then start afresh.
    verdicts.push(...cleanUpThrowawayCohort(services));
  }
  // "2026-12-01 22h30": readable, and no character a tab name or an A1 reference minds.
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ').replace(':', 'h');
  const prefix = `Live check ${stamp} · `;
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const manifest: CohortManifest = {
    stamp,
    prefix,
    sheetsBefore: spreadsheet.getSheets().map((s) => s.getSheetId()),
  };
  cohortManifest(services).write(manifest);

  const lock = services.LockService.getScriptLock();
  if (!lock.tryLock(30_000)) {
    say(
      'throwaway-cohort',
      'The throwaway cohort runs',
      null,
      'another Mentoring action was running',
    );
    return verdicts;
  }
  const sent: OutgoingMail[] = [];
  const waiting: string[] = [];
  let step = 'making the root folder';
  try {
    const root = services.DriveApp.createFolder(`Live check ${stamp} (safe to delete)`);
    manifest.rootId = root.getId();
    cohortManifest(services).write(manifest);
    const handbook = root.createFile(
      'Live check handbook.txt',
      'A handbook for the live check.',
      'text/plain',
    );
    const templates = root.createFolder('Live check templates');
    templates.createFile('Live check session notes.txt', 'Session notes.', 'text/plain');

    const ports = throwawayPorts(services, prefix, me, sent, waiting);
    const context = (): ActionContext => ({ ports, run: newRunId(new Date()) });
    const run = (id: string, positional: string[] = []) => {
      step = id;
      return action(id).run(context(), { options: {}, positional });
    };
    run('init');
    step = 'the throwaway Settings';
    setSettings(ports.workbook, {
      'Scheme name': 'Live check',
      Cohort: `Live check ${stamp}`,
      'Staff emails': me,
      'Scheme lead email': me,
      'Supervisor name': 'Live check supervisor',
      'Supervisor email': alias(me, 'lc-supervisor'),
      'Reply-to': me,
      'Root folder': root.getId(),
      'Handbook file': handbook.getId(),
      'Templates folder': templates.getId(),
    });

    step = 'recording the test applications';
    const people = {
      mentors: [1, 2, 3].map((n) => ({
        email: alias(me, `lc-mentor${n}`),
        name: `Live Check Mentor ${n}`,
        service: `Live check mentor service ${n}`,
      })),
      mentees: [1, 2].map((n) => ({
        email: alias(me, `lc-mentee${n}`),
        name: `Live Check Mentee ${n}`,
        service: `Live check mentee service ${n}`,
      })),
    };
    const common = (p: { name: string; service: string }) => ({
      name: p.name,
      service: p.service,
      jobTitle: 'Head of Libraries',
      headOfService: 'Yes',
      areas: AREAS[0],
      notes: '',
      consent: CONSENT_OPTION,
    });
    const record = (form: FormDefinition, responses: FormResponse[]) =>
      recordResponses(context(), form, responses, { live: false });
    record(
      MENTOR_FORM,
      people.mentors.map((p) =>
        response(p.email, { ...common(p), capacity: '1', video: 'https://vimeo.com/1' }, now),
      ),
    );
    record(
      MENTEE_FORM,
      people.mentees.map((p) => response(p.email, { ...common(p), goals: 'Live check' }, now)),
    );
    const review = run('review-applications');
    const statuses = readStatuses(ports.workbook);
    const everyone = [...people.mentors, ...people.mentees];
    const accepted = everyone.filter((p) => statuses.get(p.email) === 'Accepted').length;
    say(
      'cohort-review',
      'Review applications accepts the throwaway cohort (3 mentors, 2 mentees) in its own tabs',
      accepted === everyone.length,
      `${accepted} of ${everyone.length} accepted; ${review.summary[0] ?? ''}`,
    );

    step = 'recording the test choices';
    // Mentee 1 puts mentor 1 first, mentee 2 mentor 2; both put mentor 3 last (three valid
    // choices each, so no "problem with your choices" e-mail goes out).
    record(
      CHOICE_FORM,
      people.mentees.map((p, i) =>
        response(
          p.email,
          {
            choice1: mentorOption(people.mentors[i]),
            choice2: mentorOption(people.mentors[1 - i]),
            choice3: mentorOption(people.mentors[2]),
          },
          now,
        ),
      ),
    );
    run('match');
    const proposed = readPairs(loadTable(ports.workbook, MATCHES_TAB)).filter(
      (p) => p.status === 'Proposed',
    );
    const asChosen = proposed.filter((p) =>
      people.mentees.some((m, i) => p.mentee === m.email && p.mentor === people.mentors[i].email),
    ).length;
    say(
      'cohort-match',
      'Match proposes each mentee their first choice',
      asChosen === 2,
      `${proposed.length} proposed, ${asChosen} as first chosen`,
    );
    run('confirm-matches');

    const sentBefore = sent.length;
    const quotaBefore = services.MailApp.getRemainingDailyQuota();
    const pairs = run('set-up-pairs');
    const quotaAfter = services.MailApp.getRemainingDailyQuota();
    const confirmed = readPairs(loadTable(ports.workbook, MATCHES_TAB)).filter(
      (p) => p.status === 'Confirmed',
    );
    say(
      'cohort-pairs',
      'Set up pair folders and introductions sets up every confirmed pair in one execution',
      confirmed.length === 2 &&
        confirmed.every((p) => p.folderId && p.introduced === 'Sent') &&
        !waiting.length,
      [pairs.summary[0] ?? '', ...waiting].join(' '),
    );

    step = 'checking the pair folders';
    const sharing = confirmed.map((p) => {
      const folder = services.DriveApp.getFolderById(p.folderId);
      const people = [...folder.getEditors(), ...folder.getViewers()].map((u) =>
        normaliseEmail(u.getEmail()),
      );
      const owner = normaliseEmail(folder.getOwner()?.getEmail() ?? '');
      const expected = new Set([p.mentee, p.mentor, me]);
      const inside =
        folder.getParents().hasNext() && folder.getParents().next().getId() === root.getId();
      return {
        private: String(folder.getSharingAccess()) === String(services.DriveApp.Access.PRIVATE),
        strangers: people.filter((e) => !expected.has(e)),
        missing: [p.mentee, p.mentor].filter((e) => !people.includes(e) && e !== owner),
        inside,
      };
    });
    const strangers = sharing.flatMap((s) => s.strangers);
    const missing = sharing.flatMap((s) => s.missing);
    say(
      'pair-folders-restricted',
      "Each pair folder is private (no link sharing), under the root folder, and shared with the pair and staff only (Drive accepts a +alias as an editor's address)",
      sharing.length === 2 &&
        sharing.every((s) => s.private && s.inside) &&
        !strangers.length &&
        !missing.length,
      [
        `${sharing.filter((s) => s.private).length} of ${sharing.length} private`,
        strangers.length ? `also shared with ${strangers.join(', ')}` : '',
        missing.length ? `not listed as editors: ${missing.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );

    const introductions = sent.slice(sentBefore);
    const recipients = introductions.reduce((n, m) => n + m.to.length + m.cc.length, 0);
    say(
      'mail-quota-per-recipient',
      "Each introduction counts one quota unit per recipient (To and Cc); every e-mail went to the deployer's own +aliases only",
      introductions.length === 2 ? quotaBefore - quotaAfter === recipients : null,
      `${introductions.length} introductions to ${recipients} recipients; quota ${quotaBefore} → ${quotaAfter}; ${sent.length} e-mails in all`,
    );
  } catch (error) {
    say(
      'throwaway-cohort',
      'The throwaway cohort runs from review to pair set-up',
      false,
      `stopped at ${step}: ${message(error)}`,
    );
  } finally {
    services.SpreadsheetApp.flush();
    lock.releaseLock();
  }
  return verdicts;
}

function readStatuses(workbook: WorkbookPort): Map<string, string> {
  const table = loadTable(workbook, APPLICATIONS_TAB);
  return new Map(
    table.rows.map((_, r) => [normaliseEmail(table.text(r, 'Email')), table.text(r, 'Status')]),
  );
}

/**
 * Removes what the throwaway cohort made, and only that: its tabs (those with its prefix that
 * were not there before it started), every file and folder under its root folder and the root
 * itself (to the bin), then the note of what it made. The e-mails it sent cannot be unsent.
 */
export function cleanUpThrowawayCohort(services: AppsScriptServices): Verdict[] {
  const manifest = cohortManifest(services).read();
  if (!manifest) return [];
  const problems: string[] = [];
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const before = new Set(manifest.sheetsBefore);
  let tabs = 0;
  for (const sheet of spreadsheet.getSheets()) {
    if (!sheet.getName().startsWith(manifest.prefix) || before.has(sheet.getSheetId())) continue;
    try {
      spreadsheet.deleteSheet(sheet);
      tabs += 1;
    } catch (error) {
      problems.push(`tab "${sheet.getName()}": ${message(error)}`);
    }
  }
  let items = 0;
  if (manifest.rootId) {
    try {
      const root = services.DriveApp.getFolderById(manifest.rootId);
      items = binTree(root, problems);
    } catch (error) {
      problems.push(`root folder ${manifest.rootId}: ${message(error)}`);
    }
  }
  const left = spreadsheet
    .getSheets()
    .filter((s) => s.getName().startsWith(manifest.prefix) && !before.has(s.getSheetId())).length;
  if (!problems.length) cohortManifest(services).remove();
  return [
    {
      id: 'cohort-clean-up',
      assumption:
        'The throwaway cohort is removed: its tabs deleted, its folders and files in the bin (nothing else touched)',
      result: problems.length || left ? 'refuted' : 'confirmed',
      detail: `${tabs} tabs deleted, ${items} Drive items binned${problems.length ? `; ${problems.join('; ')}` : ''}`,
    },
  ];
}

/** Bins a folder's files and folders (depth first), then the folder: the count binned. */
function binTree(folder: GoogleAppsScript.Drive.Folder, problems: string[]): number {
  let n = 0;
  const files = folder.getFiles();
  while (files.hasNext()) {
    const file = files.next();
    try {
      if (!file.isTrashed()) {
        file.setTrashed(true);
        n += 1;
      }
    } catch (error) {
      problems.push(`file ${file.getId()}: ${message(error)}`);
    }
  }
  const folders = folder.getFolders();
  while (folders.hasNext()) n += binTree(folders.next(), problems);
  if (!folder.isTrashed()) {
    folder.setTrashed(true);
    n += 1;
  }
  return n;
}
