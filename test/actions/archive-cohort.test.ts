import { ERASURES_TAB } from '../../src/domain/tabs';
import { erasePersonAction } from '../../src/actions/erase-person';
import {
  archiveCohortAction,
  archiveKeys,
  ARCHIVE_COHORT_ACTION,
  COHORT_TABS,
} from '../../src/actions/archive-cohort';
import { cohortSummaryAction } from '../../src/actions/cohort-summary';
import { setUpPairsAction } from '../../src/actions/set-up-pairs';
import { settingsAction } from '../../src/actions/settings';
import { statusAction } from '../../src/actions/status';
import { ACTIONS } from '../../src/actions';
import { CRASH_AT } from '../../src/core/crash-points';
import { loadSettings } from '../../src/core/workbook';
import {
  filledRows,
  fingerprint,
  nextCohortName,
  rowKey,
  safeFileName,
} from '../../src/domain/archive';
import type { Cell, TabData } from '../../src/domain/table';
import type { FormsPort } from '../../src/ports';
import {
  APPLICATIONS_TAB,
  ARCHIVE_MANIFEST_TAB,
  EVALUATIONS_TAB,
  LOG_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  ROUNDS_TAB,
} from '../../src/domain/tabs';
import { crashAtEveryBoundary } from '../support/crash-loop';
import { memoryScheme, type MemoryScheme } from '../support/memory-scheme';

interface Scheme extends MemoryScheme {
  /** Every deleteResponses call, with whether the Log said "verified" when it was made. */
  emptied: { id: string; verified: boolean }[];
}

function tabRows(s: MemoryScheme, tab: string, values: Record<string, Cell>[]): void {
  const data = s.ports.workbook.readTab(tab) ?? { header: [], rows: [] };
  const header = [...data.header];
  for (const v of values) for (const k of Object.keys(v)) if (!header.includes(k)) header.push(k);
  s.ports.workbook.writeTab(
    { name: tab, columns: header },
    {
      header,
      rows: [
        ...data.rows.map((r) => header.map((_, i) => r[i] ?? null)),
        ...values.map((v) => header.map((h) => v[h] ?? null)),
      ],
    },
  );
}

/**
 * A cohort at its end: three confirmed pairs (set up, so the Log and Drive have their records),
 * each with its January outcome; a waitlisted mentee and a late mentor application; two pairing
 * rules, one lasting; evaluation answers; the forms set up.
 */
function endedCohort(): Scheme {
  const s = memoryScheme(3) as Scheme;
  for (const [form, id] of [
    ['Mentor application form ID', 'form-mentor'],
    ['Mentee application form ID', 'form-mentee'],
    ['Concern form ID', 'form-concern'],
  ])
    settingsAction(s.context(), ['set', form, id]);
  setUpPairsAction(s.context());
  const matches = s.ports.workbook.readTab(MATCHES_TAB.name)!;
  const at = (c: string) => matches.header.indexOf(c);
  matches.rows.forEach((row, i) => {
    row[at('Continuation')] = i === 0 ? 'Continuing' : 'Ending at scheme close';
  });
  s.ports.workbook.writeTab(MATCHES_TAB, matches);
  tabRows(s, APPLICATIONS_TAB.name, [
    {
      ID: 'W1',
      Role: 'Mentee',
      Name: 'Wyn Waiting',
      Email: 'wyn@lib.example',
      Status: 'Waitlisted',
    },
    { ID: 'L1', Role: 'Mentor', Name: 'Lowri Late', Email: 'lowri@lib.example', Status: 'Applied' },
  ]);
  tabRows(s, PAIRING_RULES_TAB.name, [
    {
      Mentee: 'mentee0@lib0.example',
      Mentor: 'mentor1@lib1.example',
      Rule: 'Never',
      Reason: 'Same council',
      Lasting: 'Yes',
    },
    {
      Mentee: 'mentee1@lib1.example',
      Mentor: 'mentor0@lib0.example',
      Rule: 'Never',
      Reason: 'This year only',
    },
  ]);
  tabRows(s, EVALUATIONS_TAB.name, [
    { Round: 'Mid-point', 'Participant code': 'P1', Role: 'Mentee', 'Leadership skills': 4 },
  ]);
  s.emptied = [];
  (s.ports.forms as FormsPort).deleteResponses = (form) => {
    const log = s.ports.workbook.rows(LOG_TAB.name);
    s.emptied.push({
      id: form.id,
      verified: log.some((r) => r.Key === archiveKeys('Cohort 1').verified && r.State === 'done'),
    });
    return 2;
  };
  return s;
}

/** The cohort's tabs as they were, before anything was archived. */
function before(s: MemoryScheme): Map<string, TabData> {
  const tabs = new Map<string, TabData>();
  for (const spec of COHORT_TABS) {
    const data = s.ports.workbook.readTab(spec.name);
    if (data) tabs.set(spec.name, data);
  }
  return tabs;
}

function rowSet(data: TabData | null): string[] {
  return data ? filledRows(data).map(rowKey) : [];
}

/** Every row the cohort had is in its one archive, tab by tab (the Log: at least those). */
function expectArchiveHoldsAll(s: MemoryScheme, original: Map<string, TabData>): void {
  expect(s.ports.archives.archives).toHaveLength(1);
  const archive = s.ports.archives.archives[0];
  expect(archive.cohort).toBe('Cohort 1');
  expect(archive.name).toBe('Libraries Connected Peer Mentoring Scheme – Cohort 1 archive');
  expect(archive.staff).toEqual(['staff@scheme.example']);
  const manifest = archive.workbook.rows(ARCHIVE_MANIFEST_TAB.name);
  for (const [name, data] of original) {
    const archived = archive.workbook.readTab(name);
    const entry = manifest.find((m) => m.Tab === name);
    expect(entry).toBeDefined();
    expect(fingerprint(archived)).toEqual({ rows: entry!.Rows, hash: entry!.Hash });
    if (name === LOG_TAB.name) {
      const rows = new Set(rowSet(archived));
      for (const row of rowSet(data)) expect(rows.has(row)).toBe(true);
    } else {
      expect(fingerprint(archived)).toEqual(fingerprint(data));
    }
  }
}

function expectNextCohortStarted(s: Scheme): void {
  expect(loadSettings(s.ports.workbook).cohort).toBe('Cohort 2');
  for (const tab of ['Choices', 'Matches', 'Evaluations', 'Continuation', 'Sessions'])
    expect(s.ports.workbook.rows(tab)).toEqual([]);
  const applications = s.ports.workbook.rows(APPLICATIONS_TAB.name);
  expect(applications.map((a) => [a.Email, a.Status, a['Carried over from']])).toEqual([
    ['wyn@lib.example', 'Applied', 'Cohort 1'],
    ['lowri@lib.example', 'Applied', 'Cohort 1'],
  ]);
  expect(s.ports.workbook.rows(PAIRING_RULES_TAB.name).map((r) => r.Reason)).toEqual([
    'Same council',
  ]);
  // The live Log keeps only what was written after the archive's copy of it.
  const log = s.ports.workbook.rows(LOG_TAB.name);
  expect(log.some((r) => String(r.Key).startsWith('mail:introduction:'))).toBe(false);
  expect(log.some((r) => r.Key === archiveKeys('Cohort 1').verified)).toBe(true);
  // Linked forms emptied once each, only after the archive was verified; the concern form kept.
  expect(s.emptied.every((e) => e.verified)).toBe(true);
  expect(new Set(s.emptied.map((e) => e.id))).toEqual(new Set(['form-mentor', 'form-mentee']));
  // The rounds start again for the new scheme year.
  expect(s.ports.workbook.rows(ROUNDS_TAB.name).length).toBeGreaterThan(0);
}

function confirmations(s: MemoryScheme, email: string): number {
  return s.ports.mail.sent.filter((m) => m.key === `mail:confirm-interest:Cohort 2:${email}`)
    .length;
}

describe('archive-cohort on in-memory ports', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('archives every tab, then starts the next cohort; a second run does nothing', () => {
    const s = endedCohort();
    const original = before(s);
    const result = archiveCohortAction(s.context(), { options: {}, positional: [] });
    expect(result.summary[0]).toMatch(
      /^Archived Cohort 1: 9 tabs, \d+ rows, each tab read back and checked\.$/,
    );
    expect(result.summary).toContain(
      'Carried 2 waitlisted or late applications over into Cohort 2 (marked "Carried over from: Cohort 1").',
    );
    expectArchiveHoldsAll(s, original);
    expectNextCohortStarted(s);
    // Each carried-over person is asked once to confirm their interest, in the new cohort's name.
    expect(confirmations(s, 'wyn@lib.example')).toBe(1);
    expect(confirmations(s, 'lowri@lib.example')).toBe(1);
    const mail = s.ports.mail.sent.find((m) => m.to[0] === 'wyn@lib.example')!;
    expect(mail.text).toContain('during Cohort 1');
    expect(mail.text).toContain('the next round, Cohort 2');

    // Every Log record carries its cohort: the archive's the old one, the invitations the new.
    const log = s.ports.workbook.rows(LOG_TAB.name);
    expect(log.every((r) => r.Cohort === 'Cohort 1' || r.Cohort === 'Cohort 2')).toBe(true);
    expect(log.find((r) => r.Key === archiveKeys('Cohort 1').verified)?.Cohort).toBe('Cohort 1');
    expect(
      log
        .filter((r) => String(r.Key).startsWith('mail:confirm-interest:'))
        .every((r) => r.Cohort === 'Cohort 2'),
    ).toBe(true);
    const archivedLog = s.ports.archives.archives[0].workbook.rows(LOG_TAB.name);
    expect(archivedLog.length).toBeGreaterThan(0);
    expect(archivedLog.every((r) => r.Cohort === 'Cohort 1')).toBe(true);
    const sent = s.ports.mail.sent.length;
    const again = archiveCohortAction(s.context(), { options: {}, positional: [] });
    expect(again.summary).toEqual([
      'Nothing to archive: Cohort 2 has no applications, matches or answers yet.',
    ]);
    expect(s.ports.archives.archives).toHaveLength(1);
    expect(s.ports.mail.sent).toHaveLength(sent);
    expect(statusAction(s.context(), ACTIONS).summary.join('\n')).toContain(
      'Archived cohorts: Cohort 1.',
    );
  });

  it('refuses while a job waits, or a confirmed pair has no outcome, changing nothing', () => {
    const s = endedCohort();
    s.ports.jobs.continueLater('send-evaluation', s.ports.clock.now(), 'daily e-mail limit');
    expect(() => archiveCohortAction(s.context(), { options: {}, positional: [] })).toThrow(
      'send-evaluation has work waiting: let it finish (or see "status"), then archive the cohort.',
    );
    s.ports.jobs.finished('send-evaluation');
    const matches = s.ports.workbook.readTab(MATCHES_TAB.name)!;
    matches.rows[1][matches.header.indexOf('Continuation')] = 'Waiting for answers';
    s.ports.workbook.writeTab(MATCHES_TAB, matches);
    expect(() => archiveCohortAction(s.context(), { options: {}, positional: [] })).toThrow(
      '1 confirmed pair has no outcome yet (Mentee 1 & Mentor 1): run "Ask pairs about continuing" or write a Staff decision in Matches, then archive the cohort.',
    );
    expect(s.ports.archives.archives).toHaveLength(0);
    // A staff decision is an outcome.
    matches.rows[1][matches.header.indexOf('Continuation')] = 'Staff to decide';
    matches.rows[1][matches.header.indexOf('Staff decision')] = 'Continuing';
    s.ports.workbook.writeTab(MATCHES_TAB, matches);
    archiveCohortAction(s.context(), { options: {}, positional: [] });
    expect(s.ports.archives.archives).toHaveLength(1);
  });

  it("gives a pair made again in the next cohort a folder of its own, never last cohort's", () => {
    const s = endedCohort();
    archiveCohortAction(s.context(), { options: {}, positional: [] });
    const before = s.ports.drive.children(s.rootId).length;
    expect(before).toBe(3);
    // Cohort 2: the same mentee and mentor, paired again (staff Locked it).
    tabRows(s, APPLICATIONS_TAB.name, [
      {
        ID: 'R0',
        Role: 'Mentor',
        Name: 'Mentor 0',
        Email: 'mentor0@lib0.example',
        Status: 'Accepted',
      },
      {
        ID: 'E0',
        Role: 'Mentee',
        Name: 'Mentee 0',
        Email: 'mentee0@lib0.example',
        Status: 'Accepted',
      },
    ]);
    tabRows(s, MATCHES_TAB.name, [
      { Mentee: 'mentee0@lib0.example', Mentor: 'mentor0@lib0.example', Status: 'Confirmed' },
    ]);
    setUpPairsAction(s.context());
    const folders = s.ports.drive.children(s.rootId);
    expect(folders).toHaveLength(before + 1);
    const fresh = folders.find((f) => String(f.key).startsWith('cohort:Cohort 2:'))!;
    expect(fresh.key).toBe('cohort:Cohort 2:folder:mentee0@lib0.example|mentor0@lib0.example');
    expect(s.ports.drive.children(fresh.id)).toHaveLength(3);
    expect(
      s.ports.mail.sent.filter((m) => m.key.startsWith('mail:introduction:mentee0@')),
    ).toHaveLength(2);
  });

  it('never writes over an earlier archive when a later cohort is given the same name', () => {
    const s = endedCohort();
    archiveCohortAction(s.context(), { options: {}, positional: [] });
    const archived = fingerprint(s.ports.archives.archives[0].workbook.readTab('Applications'));
    tabRows(s, APPLICATIONS_TAB.name, [
      { ID: 'N1', Role: 'Mentor', Name: 'Nia New', Email: 'nia@lib.example', Status: 'Accepted' },
    ]);
    settingsAction(s.context(), ['set', 'Cohort', 'Cohort 1']);
    expect(() => archiveCohortAction(s.context(), { options: {}, positional: [] })).toThrow(
      '"Cohort 1" is already archived: give this cohort a name of its own in Settings ("Cohort"), then archive it.',
    );
    // Once the Log has moved on too (a later cohort's archive took those records), the same.
    s.ports.workbook.writeTab(LOG_TAB, { header: [...LOG_TAB.columns], rows: [] });
    expect(() => archiveCohortAction(s.context(), { options: {}, positional: [] })).toThrow(
      /^There is already an archive of "Cohort 1" \(Libraries Connected Peer Mentoring Scheme – Cohort 1 archive\): give this cohort a name of its own/,
    );
    expect(s.ports.archives.archives).toHaveLength(1);
    expect(fingerprint(s.ports.archives.archives[0].workbook.readTab('Applications'))).toEqual(
      archived,
    );
  });

  it('names the next cohort from --next, else the "Next cohort" setting (then emptied)', () => {
    const a = endedCohort();
    archiveCohortAction(a.context(), { options: { next: '2027–28' }, positional: [] });
    expect(loadSettings(a.ports.workbook).cohort).toBe('2027–28');
    const b = endedCohort();
    settingsAction(b.context(), ['set', 'Next cohort', 'Second pilot']);
    archiveCohortAction(b.context(), { options: {}, positional: [] });
    expect(loadSettings(b.ports.workbook)).toMatchObject({
      cohort: 'Second pilot',
      nextCohort: '',
    });
  });

  it('loses nothing and makes one archive whatever effect boundary a run dies at', () => {
    let original = new Map<string, TabData>();
    const boundaries = crashAtEveryBoundary(
      () => {
        const s = endedCohort();
        original = before(s);
        return s;
      },
      (s) => archiveCohortAction(s.context(), { options: {}, positional: [] }),
      (s) => {
        // At the moment of the crash: a live tab that lost a row has all of them in the archive.
        const cleared = [...original].some(([name, data]) => {
          const now = new Set(rowSet(s.ports.workbook.readTab(name)));
          return rowSet(data).some((r) => !now.has(r));
        });
        if (cleared) expectArchiveHoldsAll(s, original);
        expect(s.ports.archives.archives.length).toBeLessThanOrEqual(1);
        archiveCohortAction(s.context(), { options: {}, positional: [] });
        expectArchiveHoldsAll(s, original);
        expectNextCohortStarted(s);
        for (const email of ['wyn@lib.example', 'lowri@lib.example']) {
          const states = s.ports.workbook
            .rows(LOG_TAB.name)
            .filter((r) => r.Key === `mail:confirm-interest:Cohort 2:${email}`)
            .map((r) => r.State);
          // Sent once; or, for the one e-mail a crash left uncertain, at most once and never again.
          expect(states.length).toBeGreaterThan(0);
          if (states.includes('done')) expect(confirmations(s, email)).toBe(1);
          else expect(confirmations(s, email)).toBeLessThanOrEqual(1);
        }
        expect(
          archiveCohortAction(s.context(), { options: {}, positional: [] }).summary[0],
        ).toMatch(/^Nothing to archive/);
      },
    );
    expect(boundaries).toBeGreaterThan(15);
  });

  it('is declared for the menu and the CLI, with --next', () => {
    expect(ARCHIVE_COHORT_ACTION).toMatchObject({
      id: 'archive-cohort',
      menu: 'Archive this cohort and start the next',
      functionName: 'archiveCohort',
    });
    expect(ARCHIVE_COHORT_ACTION.options?.map((o) => o.name)).toContain('next');
  });
});

describe('cohort-summary', () => {
  it('compares the archived cohorts with the live one, never averaging fewer than 5 answers', () => {
    const s = endedCohort();
    // Five more mid-point answers in the first cohort: enough for a mean.
    tabRows(
      s,
      EVALUATIONS_TAB.name,
      [5, 4, 4, 3, 5].map((n, i) => ({
        Round: 'Mid-point',
        'Participant code': `Q${i}`,
        Role: 'Mentor',
        'Leadership skills': n,
      })),
    );
    archiveCohortAction(s.context(), { options: {}, positional: [] });
    tabRows(s, APPLICATIONS_TAB.name, [
      { ID: 'N1', Role: 'Mentor', Name: 'Nia New', Email: 'nia@lib.example', Status: 'Accepted' },
    ]);
    const result = cohortSummaryAction(s.context());
    expect(result.summary).toEqual([
      'Cohort            Applicants  Mentors accepted  Mentees accepted  Pairs  Continuing',
      'Cohort 1                   8                 3                 3      3           1',
      'Cohort 2 (now)             3                 1                 0      0           0',
      '2 cohorts compared, with the evaluation means: memory://reports/cohorts.',
    ]);
    const report = s.ports.reports.published.get('cohorts')!;
    const means = report.sections[0].tables[1];
    expect(means.rows).toEqual([
      ['Cohort 1', 4.2, '–', '–', '–'],
      ['Cohort 2 (now)', '–', '–', '–', '–'],
    ]);
  });
});

describe('cohort names', () => {
  it('moves the number or the year range on', () => {
    expect(nextCohortName('Cohort 1')).toBe('Cohort 2');
    expect(nextCohortName('Cohort 09')).toBe('Cohort 10');
    expect(nextCohortName('2026–27')).toBe('2027–28');
    expect(nextCohortName('2099-00')).toBe('2100-01');
    expect(nextCohortName('Pilot 2026/2027')).toBe('Pilot 2027/2028');
    expect(nextCohortName('2022 pilot')).toBe('2023 pilot');
    expect(nextCohortName('Pilot')).toBe('Pilot 2');
  });

  it('makes any cohort a safe file name', () => {
    expect(safeFileName('2026/27: Pilot?')).toBe('2026-27- Pilot-');
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('  ...  ')).toBe('cohort');
    expect(safeFileName('Cohort 1. ')).toBe('Cohort 1');
  });
});

describe('archive-cohort and erasure evidence', () => {
  it('keeps the erasure evidence and its hash key in the live workbook across cohorts', () => {
    const s = endedCohort();
    // An erasure request in this cohort (a waitlisted applicant): its evidence row and the
    // scheme's hash key are made.
    erasePersonAction(s.context(), 'wyn@lib.example');
    const key = s.ports.workbook.rows(LOG_TAB.name).find((r) => r.Key === 'erasure-key');
    expect(key).toBeDefined();
    const evidence = s.ports.workbook.rows(ERASURES_TAB.name);
    archiveCohortAction(s.context(), { options: {}, positional: [] });
    expect(s.ports.workbook.rows(ERASURES_TAB.name)).toEqual(evidence);
    const live = s.ports.workbook.rows(LOG_TAB.name).filter((r) => r.Key === 'erasure-key');
    expect(live.map((r) => r.Detail)).toEqual([key!.Detail]);
  });
});
