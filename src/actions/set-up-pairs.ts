import { mailOutcomeWords } from '../core/outcome-summary';
import type {
  Action,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { jobSummary, runJob } from '../core/job';
import { Mailer } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { requirePeopleSettings, type Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../domain/tabs';
import { renderTemplate, Template } from '../domain/templates';
import { firstName, normaliseEmail, plural } from '../domain/text';
import type { DriveItem, Ports } from '../ports';
import { Cohort, readCohort } from '../workflows/cohort';
import { Pair, readPairs } from '../workflows/pairs';
import { cohortScope } from '../core/cohort-scope';

export const SET_UP_PAIRS = 'set-up-pairs';

/** This action's effect keys: a pair's folder, each copy in it, its sharing, its introduction. */
const keys = {
  folder: (pair: Pair) => `folder:${pair.key}`,
  copy: (pair: Pair, sourceId: string) => `copy:${pair.key}:${sourceId}`,
  share: (pair: Pair) => `share:${pair.key}`,
  introduction: (pair: Pair) => `mail:introduction:${pair.key}`,
  ended: (pair: Pair) => `ended:${pair.key}`,
  unshare: (pair: Pair, withdrawn: string[]) => `unshare:${pair.key}:${withdrawn.join(',')}`,
};

const INTRODUCED = mailOutcomeWords('the pair');

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

  const pairs = readPairs(matches).filter((p) => p.mentor);
  const confirmed = pairs.filter((p) => p.status === 'Confirmed');
  const todo = confirmed.filter((p) => p.introduced !== INTRODUCED.done);
  // After the first cohort the Drive markers carry the cohort: a pair made again in a later
  // cohort (a Lock) gets a folder of its own, never last cohort's (core/cohort-scope.ts).
  const scope = cohortScope(ports.archives, settings.cohort);
  const driveKey = (key: string) => (scope ? `cohort:${scope}:${key}` : key);
  const context = {
    ports,
    settings,
    templates,
    matches,
    cohort,
    ledger,
    mailer,
    sources,
    driveKey,
  };
  const report = runJob(ports, {
    name: SET_UP_PAIRS,
    items: todo,
    timeZone: settings.timeZone,
    step: (pair) => setUpPair(pair, context),
  });
  const ended = pairs.filter((p) => p.status === 'Ended');
  const revoked = endedPairs(ended, { ports, settings, matches, cohort, ledger });
  saveTable(ports.workbook, matches);

  const { counts } = report;
  const setUp = todo.length - report.notReached;
  return {
    summary: [
      ...jobSummary(report, {
        job: SET_UP_PAIRS,
        noun: 'introduction',
        item: 'pair',
        headline: `Set up ${plural(setUp, 'pair')} of ${confirmed.length} confirmed; sent ${plural(counts.done, 'introduction')}.`,
        describe: pairName,
      }),
      ...(confirmed.length
        ? []
        : ['No pair is confirmed yet: confirm the proposed pairs first (confirm-matches).']),
      ...revoked,
    ],
    data: {
      confirmed: confirmed.length,
      setUp,
      sent: counts.done,
      queued: counts.queued,
      uncertain: counts.uncertain,
      remaining: report.notReached,
      revoked,
    },
  };
}

function pairName(pair: Pair): string {
  return `${pair.menteeName || pair.mentee} & ${pair.mentorName || pair.mentor}`;
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

interface PairContext {
  ports: Ports;
  settings: Settings;
  templates: ReadonlyMap<string, Template>;
  matches: Table;
  cohort: Cohort;
  ledger: EffectLedger;
  mailer: Mailer;
  sources: Sources;
  /** The key a Drive item is marked with (the Log key, with the cohort after the first). */
  driveKey(key: string): string;
}

function setUpPair(pair: Pair, c: PairContext): EffectOutcome {
  const mentee = c.cohort.menteeByEmail.get(pair.mentee);
  const mentor = c.cohort.mentorByEmail.get(pair.mentor);
  const menteeName = mentee?.name ?? pair.menteeName ?? pair.mentee;
  const mentorName = mentor?.name ?? pair.mentorName ?? pair.mentor;
  const folderTemplate = c.templates.get('pair-folder') as Template;
  const name = renderTemplate(folderTemplate, {
    Cohort: c.settings.cohort,
    Scheme: c.settings.schemeName,
    Mentee: menteeName,
    Mentor: mentorName,
  }).subject;
  const folder = readyFolder(pair, c) ?? makeFolder(pair, name, c);
  const outcome = c.mailer.send({
    key: keys.introduction(pair),
    template: 'introduction',
    to: [pair.mentee, pair.mentor],
    names: { [pair.mentee]: menteeName, [pair.mentor]: mentorName },
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
function readyFolder(pair: Pair, c: PairContext): DriveItem | null {
  const { folderId: id, folder: url } = pair;
  const done = (key: string) => c.ledger.state(key) === 'done';
  const complete =
    id &&
    url &&
    done(keys.folder(pair)) &&
    done(keys.share(pair)) &&
    c.sources.copies.every((s) => done(keys.copy(pair, s.id)));
  return complete ? { id, url, name: '' } : null;
}

function makeFolder(pair: Pair, name: string, c: PairContext): DriveItem {
  const folder = c.ports.drive.ensureFolder({
    key: c.driveKey(keys.folder(pair)),
    name,
    parentId: c.sources.rootId,
    knownId: pair.folderId || undefined,
  });
  c.ledger.boundary(`made ${keys.folder(pair)}`);
  for (const source of c.sources.copies) {
    c.ports.drive.ensureCopy({
      key: c.driveKey(keys.copy(pair, source.id)),
      sourceId: source.id,
      folderId: folder.id,
    });
    c.ledger.boundary(`made ${keys.copy(pair, source.id)}`);
  }
  const editors = [pair.mentor, pair.mentee, ...c.settings.staffEmails.map(normaliseEmail)];
  c.ports.drive.shareFolder(folder.id, editors);
  c.ledger.boundary(`made ${keys.share(pair)}`);
  c.ledger.recordDone([
    { key: keys.folder(pair), detail: `${folder.name} ${folder.url}` },
    ...c.sources.copies.map((s) => ({ key: keys.copy(pair, s.id), detail: s.name })),
    { key: keys.share(pair), detail: `editors: ${[...new Set(editors)].join(', ')}` },
  ]);
  c.matches.set(pair.row, 'Folder', folder.url);
  c.matches.set(pair.row, 'Folder ID', folder.id);
  return folder;
}

/** Ended pairs keep their folder; anyone who has withdrawn from the scheme loses access. */
function endedPairs(
  ended: Pair[],
  c: Pick<PairContext, 'ports' | 'settings' | 'matches' | 'cohort' | 'ledger'>,
): string[] {
  const lines: string[] = [];
  for (const pair of ended) {
    const { folderId } = pair;
    if (!folderId) continue;
    const withdrawn = [pair.mentee, pair.mentor].filter((email) => {
      const person = c.cohort.menteeByEmail.get(email) ?? c.cohort.mentorByEmail.get(email);
      return person?.status === 'Withdrawn';
    });
    if (withdrawn.length === 0) {
      const told = keys.ended(pair);
      if (c.ledger.state(told) !== 'done') {
        lines.push(
          `Ended pair ${pair.menteeName} & ${pair.mentorName}: neither has withdrawn, so both keep access to their folder; change its sharing in Drive if one of them should not.`,
        );
        c.ledger.recordDone([{ key: told, detail: 'both kept access' }]);
      }
      continue;
    }
    const key = keys.unshare(pair, withdrawn);
    if (c.ledger.state(key) === 'done') continue;
    const keep = [pair.mentee, pair.mentor].filter((e) => !withdrawn.includes(e));
    const { removed } = c.ports.drive.shareFolder(folderId, [
      ...keep,
      ...c.settings.staffEmails.map(normaliseEmail),
    ]);
    c.ledger.recordDone([{ key, detail: `removed: ${removed.join(', ') || 'nobody'}` }]);
    if (removed.length) {
      lines.push(
        `Ended pair ${pair.menteeName} & ${pair.mentorName}: ${removed.join(', ')} no longer ${removed.length === 1 ? 'has' : 'have'} access to their folder (it is kept).`,
      );
    }
  }
  return lines;
}

/**
 * Where pair set-up stands, from this action's own keys: one line of counts for the screen; every
 * pair (folder, who can open it, introduction) in `--json`, as in the Matches tab.
 */
export function setUpPairsStatus({ ledger, tab }: StatusContext): StatusSection {
  const pairs = readPairs(tab(MATCHES_TAB)).filter(
    (p) => p.mentor && (p.status === 'Confirmed' || p.status === 'Ended'),
  );
  const listed = pairs.map((p) => {
    const share = ledger.detail(keys.share(p)).replace(/^editors: /, '');
    return {
      mentee: p.menteeName || p.mentee,
      mentor: p.mentorName || p.mentor,
      status: p.status,
      folder: p.folder,
      access: share ? share.split(/,\s*/) : [],
      introduction: p.introduced || 'Not yet',
    };
  });
  const confirmed = listed.filter((p) => p.status === 'Confirmed');
  if (confirmed.length === 0 && listed.length === 0) return { lines: [], data: { pairs: listed } };
  const count = (test: (p: (typeof listed)[number]) => boolean) => confirmed.filter(test).length;
  const introduced = count((p) => p.introduction === INTRODUCED.done);
  const queued = count((p) => p.introduction === INTRODUCED.queued);
  const uncertain = count((p) => p.introduction === INTRODUCED.uncertain);
  const parts = [
    `${count((p) => Boolean(p.folder))} with a folder`,
    `${introduced} introduced`,
    ...(queued ? [`${queued} introductions queued`] : []),
    ...(uncertain ? [`${uncertain} uncertain`] : []),
  ];
  return {
    lines: [
      `Pair set-up: ${plural(confirmed.length, 'confirmed pair')}, ${parts.join(', ')}. Each pair's folder and introduction: the Matches tab, or status --json.`,
    ],
    data: { pairs: listed },
  };
}

/** The `set-up-pairs` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const SET_UP_PAIRS_ACTION: Action = {
  id: 'set-up-pairs',
  menu: 'Set up pair folders and introductions',
  functionName: 'setUpPairs',
  summary:
    'Give every confirmed pair its private shared folder (handbook and templates inside) and one introduction e-mail; safe to run again.',
  resumable: true,
  run: setUpPairsAction,
  status: setUpPairsStatus,
};
