import type { ActionContext, ActionResult } from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { requirePeopleSettings, type Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../domain/tabs';
import { renderTemplate, Template } from '../domain/templates';
import { firstName, normaliseEmail, plural } from '../domain/text';
import { startOfNextDay } from '../domain/timestamps';
import type { DriveItem, Ports } from '../ports';
import { Cohort, readCohort } from './cohort';

export const SET_UP_PAIRS = 'set-up-pairs';
/** Stop this long before the execution limit: enough to save the Matches tab and schedule. */
const RESERVE_MS = 45_000;

const INTRODUCED = {
  done: 'Sent',
  'already-done': 'Sent',
  queued: 'Queued: daily e-mail limit',
  uncertain: 'Uncertain: check with the pair, then set the Log row to retry',
  failed: 'Failed: see the Log',
} as const;

interface PairRow {
  row: number;
  key: string;
  mentee: string;
  mentor: string;
}

/**
 * `set-up-pairs`: for every Confirmed pair not yet set up, a private folder under the scheme's
 * root folder with the handbook and every template copied in, shared with the pair and the
 * staff only, and one introduction e-mail. Every step is keyed, so a run stopped by the time
 * limit, the e-mail quota or a crash picks up where it stopped and never does anything twice.
 * A pair marked Ended keeps its folder; whoever has withdrawn from the scheme loses access.
 */
export function setUpPairsAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  // Checked before any folder or e-mail: folders are shared with staff, introductions name the supervisor.
  requirePeopleSettings(settings, ['staffEmails'], 'pair folders are shared with them');
  requirePeopleSettings(
    settings,
    ['replyTo', 'supervisorName', 'supervisorEmail'],
    'every introduction names them',
  );
  const sources = scheme(settings, ports);
  const templates = loadTemplates(ports.workbook);
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  const ledger = EffectLedger.open(ports, run, SET_UP_PAIRS);
  const mailer = new Mailer(ports.mail, ledger, settings, templates);

  const pairs = pairRows(matches);
  const todo = pairs.confirmed.filter((p) => matches.text(p.row, 'Introduced') !== INTRODUCED.done);
  const outcomes: EffectOutcome[] = [];
  let stoppedForTime = 0;
  for (const [i, pair] of todo.entries()) {
    if (ports.jobs.remainingMs() < RESERVE_MS) {
      stoppedForTime = todo.length - i;
      break;
    }
    outcomes.push(
      setUpPair(pair, { ports, settings, templates, matches, cohort, ledger, mailer, sources }),
    );
  }
  const revoked = endedPairs(pairs.ended, { ports, settings, matches, cohort, ledger });
  saveTable(ports.workbook, matches);

  const queued = outcomes.filter((o) => o === 'queued').length;
  if (stoppedForTime) {
    ports.jobs.continueLater(
      SET_UP_PAIRS,
      new Date(ports.clock.now().getTime() + 60_000),
      'time limit',
    );
  } else if (queued) {
    ports.jobs.continueLater(
      SET_UP_PAIRS,
      startOfNextDay(ports.clock.now(), settings.timeZone),
      'daily e-mail limit',
    );
  } else {
    ports.jobs.finished(SET_UP_PAIRS);
  }
  const sent = outcomes.filter((o) => o === 'done').length;
  const uncertain = outcomes.filter((o) => o === 'uncertain').length;
  return {
    summary: [
      `Set up ${plural(outcomes.length, 'pair')} of ${pairs.confirmed.length} confirmed; sent ${plural(sent, 'introduction')}.`,
      ...(queued
        ? [
            `${plural(queued, 'introduction')} queued: daily e-mail limit. They go out tomorrow, automatically in Google (or run set-up-pairs again).`,
          ]
        : []),
      ...(stoppedForTime
        ? [
            `${plural(stoppedForTime, 'pair')} still to do: the run stopped before the time limit and continues in a minute.`,
          ]
        : []),
      ...(uncertain
        ? [
            `${plural(uncertain, 'introduction')} may or may not have gone (the Introduced column says which): check with the pair, then set the Log row to "retry".`,
          ]
        : []),
      ...revoked,
    ],
    data: {
      confirmed: pairs.confirmed.length,
      setUp: outcomes.length,
      sent,
      queued,
      uncertain,
      remaining: stoppedForTime,
      revoked,
    },
  };
}

interface Sources {
  rootId: string;
  copies: DriveItem[];
}

/** The scheme's root folder, handbook and templates, checked before anything is made. */
function scheme(settings: Settings, ports: Ports): Sources {
  const missing = [
    ['Root folder', settings.rootFolderId],
    ['Handbook file', settings.handbookFileId],
    ['Templates folder', settings.templatesFolderId],
  ].filter(([, v]) => !v);
  if (missing.length) {
    throw new UserError(
      `Fill in ${missing.map(([k]) => `"${k}"`).join(', ')} in the Settings tab first: pair folders are made from them.`,
    );
  }
  const root = ports.drive.find(settings.rootFolderId);
  if (!root)
    throw new UserError(
      `The Root folder in Settings (${settings.rootFolderId}) cannot be opened: check the ID and that you can edit it.`,
    );
  const handbook = ports.drive.find(settings.handbookFileId);
  if (!handbook)
    throw new UserError(
      `The Handbook file in Settings (${settings.handbookFileId}) cannot be opened: check the ID.`,
    );
  if (!ports.drive.find(settings.templatesFolderId)) {
    throw new UserError(
      `The Templates folder in Settings (${settings.templatesFolderId}) cannot be opened: check the ID.`,
    );
  }
  return {
    rootId: root.id,
    copies: [handbook, ...ports.drive.listFiles(settings.templatesFolderId)],
  };
}

function pairRows(matches: Table): { confirmed: PairRow[]; ended: PairRow[] } {
  const confirmed: PairRow[] = [];
  const ended: PairRow[] = [];
  for (const row of matches.rows.keys()) {
    const mentee = normaliseEmail(matches.text(row, 'Mentee'));
    const mentor = normaliseEmail(matches.text(row, 'Mentor'));
    if (!mentee || !mentor) continue;
    const pair = { row, key: `${mentee}|${mentor}`, mentee, mentor };
    const status = matches.text(row, 'Status');
    if (status === 'Confirmed') confirmed.push(pair);
    if (status === 'Ended') ended.push(pair);
  }
  return { confirmed, ended };
}

interface PairContext {
  ports: Ports;
  settings: Settings;
  templates: ReadonlyMap<string, Template>;
  matches: Table;
  cohort: Cohort;
  ledger: EffectLedger;
  mailer: Mailer;
  sources: Sources;
}

function setUpPair(pair: PairRow, c: PairContext): EffectOutcome {
  const mentee = c.cohort.menteeByEmail.get(pair.mentee);
  const mentor = c.cohort.mentorByEmail.get(pair.mentor);
  const menteeName = mentee?.name ?? c.matches.text(pair.row, 'Mentee name') ?? pair.mentee;
  const mentorName = mentor?.name ?? c.matches.text(pair.row, 'Mentor name') ?? pair.mentor;
  const folderTemplate = c.templates.get('pair-folder') as Template;
  const name = renderTemplate(folderTemplate, {
    Cohort: c.settings.cohort,
    Scheme: c.settings.schemeName,
    Mentee: menteeName,
    Mentor: mentorName,
  }).subject;
  const folder = readyFolder(pair, c) ?? makeFolder(pair, name, c);
  const outcome = c.mailer.send({
    key: `mail:introduction:${pair.key}`,
    template: 'introduction',
    to: [pair.mentee, pair.mentor],
    values: {
      Mentee: menteeName,
      Mentor: mentorName,
      MenteeFirstName: firstName(menteeName) || menteeName,
      MentorFirstName: firstName(mentorName) || mentorName,
      MenteeService: mentee?.service ?? '',
      MentorService: mentor?.service ?? '',
      FolderLink: folder.url,
    },
  });
  c.matches.set(pair.row, 'Introduced', INTRODUCED[outcome]);
  return outcome;
}

/**
 * A folder finished on an earlier run (made, filled, shared, all in the Log) needs no Drive
 * call at all: a pair whose introduction waited for tomorrow's quota costs one e-mail.
 */
function readyFolder(pair: PairRow, c: PairContext): DriveItem | null {
  const id = c.matches.text(pair.row, 'Folder ID');
  const url = c.matches.text(pair.row, 'Folder');
  const done = (key: string) => c.ledger.state(key) === 'done';
  const complete =
    id &&
    url &&
    done(`folder:${pair.key}`) &&
    done(`share:${pair.key}`) &&
    c.sources.copies.every((s) => done(`copy:${pair.key}:${s.id}`));
  return complete ? { id, url, name: '' } : null;
}

function makeFolder(pair: PairRow, name: string, c: PairContext): DriveItem {
  const folder = c.ports.drive.ensureFolder({
    key: `folder:${pair.key}`,
    name,
    parentId: c.sources.rootId,
    knownId: c.matches.text(pair.row, 'Folder ID') || undefined,
  });
  for (const source of c.sources.copies) {
    c.ports.drive.ensureCopy({
      key: `copy:${pair.key}:${source.id}`,
      sourceId: source.id,
      folderId: folder.id,
    });
  }
  const editors = [pair.mentor, pair.mentee, ...c.settings.staffEmails.map(normaliseEmail)];
  c.ports.drive.shareFolder(folder.id, editors);
  c.ledger.recordDone([
    { key: `folder:${pair.key}`, detail: `${folder.name} ${folder.url}` },
    ...c.sources.copies.map((s) => ({ key: `copy:${pair.key}:${s.id}`, detail: s.name })),
    { key: `share:${pair.key}`, detail: `editors: ${[...new Set(editors)].join(', ')}` },
  ]);
  c.matches.set(pair.row, 'Folder', folder.url);
  c.matches.set(pair.row, 'Folder ID', folder.id);
  return folder;
}

/** Ended pairs keep their folder; anyone who has withdrawn from the scheme loses access. */
function endedPairs(
  ended: PairRow[],
  c: Pick<PairContext, 'ports' | 'settings' | 'matches' | 'cohort' | 'ledger'>,
): string[] {
  const lines: string[] = [];
  for (const pair of ended) {
    const folderId = c.matches.text(pair.row, 'Folder ID');
    if (!folderId) continue;
    const withdrawn = [pair.mentee, pair.mentor].filter((email) => {
      const person = c.cohort.menteeByEmail.get(email) ?? c.cohort.mentorByEmail.get(email);
      return person?.status === 'Withdrawn';
    });
    if (withdrawn.length === 0) {
      const told = `ended:${pair.key}`;
      if (c.ledger.state(told) !== 'done') {
        lines.push(
          `Ended pair ${c.matches.text(pair.row, 'Mentee name')} & ${c.matches.text(pair.row, 'Mentor name')}: neither has withdrawn, so both keep access to their folder; change its sharing in Drive if one of them should not.`,
        );
        c.ledger.recordDone([{ key: told, detail: 'both kept access' }]);
      }
      continue;
    }
    const key = `unshare:${pair.key}:${withdrawn.join(',')}`;
    if (c.ledger.state(key) === 'done') continue;
    const keep = [pair.mentee, pair.mentor].filter((e) => !withdrawn.includes(e));
    const { removed } = c.ports.drive.shareFolder(folderId, [
      ...keep,
      ...c.settings.staffEmails.map(normaliseEmail),
    ]);
    c.ledger.recordDone([{ key, detail: `removed: ${removed.join(', ') || 'nobody'}` }]);
    if (removed.length) {
      lines.push(
        `Ended pair ${c.matches.text(pair.row, 'Mentee name')} & ${c.matches.text(pair.row, 'Mentor name')}: ${removed.join(', ')} no longer ${removed.length === 1 ? 'has' : 'have'} access to their folder (it is kept).`,
      );
    }
  }
  return lines;
}
