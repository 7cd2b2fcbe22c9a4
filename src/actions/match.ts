import { JSON_OPTION, type Action, type ActionContext, type ActionResult } from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { saveTable } from '../core/workbook';
import { matchCohort, MatchResult } from '../domain/matching';
import type { Table } from '../domain/table';
import { plural } from '../domain/text';
import type { Cohort } from '../workflows/cohort';
import { matchReport } from '../workflows/match-report';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';
import { profileLines } from '../workflows/match-summary';
import { readPairs } from '../workflows/pairs';

/**
 * `match`: proposes pairs. Only the tool's own Proposed and Unmatched rows are replaced;
 * Confirmed and Ended pairs, and any column staff added, stay as they are. Each run logs the
 * algorithm, the settings and a hash of its input, so a result can always be explained.
 */
export function matchAction({ ports, run }: ActionContext): ActionResult {
  const tables = loadMatchingTables(ports.workbook, ports.archives);
  const input = matchingInput(tables);
  const result = matchCohort(input);
  writeProposals(tables.matches, result, tables.cohort);
  saveTable(ports.workbook, tables.matches);
  saveTable(ports.workbook, tables.choices);
  EffectLedger.forNotes(ports, run, 'match').note(
    `match:${run}`,
    'note',
    JSON.stringify({
      algorithm: result.algorithm,
      priority: result.priority,
      defaultMentorCapacity: tables.settings.defaultMentorCapacity,
      inputHash: result.inputHash,
      profile: result.profile,
    }),
  );
  const report = matchReport(tables.matches, tables.cohort, input, result);
  return {
    summary: [
      `Matched ${result.profile.matched} of ${plural(result.profile.mentees, 'mentee')} (${result.algorithm}, input ${result.inputHash}).`,
      ...profileLines(result.profile),
      ...(result.unmatched.length
        ? [`${plural(result.unmatched.length, 'mentee')} could not be matched: see the Why column.`]
        : []),
      ...report.notices,
      'The proposals are in the Matches tab: review them, then confirm (confirm-matches, or set Status to Confirmed).',
    ],
    data: {
      matches: result.matches.map((m) => ({
        mentee: m.mentee,
        mentor: m.mentor,
        rank: m.rank,
        sharedAreas: m.sharedAreas,
        why: m.why,
      })),
      unmatched: result.unmatched.map((u) => ({ mentee: u.mentee, why: u.why })),
      profile: result.profile,
      algorithm: result.algorithm,
      inputHash: result.inputHash,
      priority: result.priority,
      profiles: report.profiles,
      report,
    },
  };
}

function writeProposals(matches: Table, result: MatchResult, cohort: Cohort): void {
  const ownRows = new Map<string, number>();
  for (const pair of readPairs(matches)) {
    if (pair.status === 'Proposed' || pair.status === 'Unmatched')
      ownRows.set(pair.mentee, pair.row);
  }
  const wanted = new Set<number>();
  const upsert = (mentee: string, cells: Record<string, string | number | null>) => {
    const existing = ownRows.get(mentee);
    if (existing !== undefined) {
      for (const [column, value] of Object.entries(cells)) matches.set(existing, column, value);
      wanted.add(existing);
    } else {
      wanted.add(matches.append(cells));
    }
  };
  const proposals = result.matches.filter((m) => m.fixed !== 'confirmed');
  for (const m of [...proposals].sort((a, b) => a.mentee.localeCompare(b.mentee))) {
    upsert(m.mentee, {
      Mentee: m.mentee,
      'Mentee name': cohort.menteeByEmail.get(m.mentee)?.name ?? m.mentee,
      Mentor: m.mentor,
      'Mentor name': cohort.mentorByEmail.get(m.mentor)?.name ?? m.mentor,
      'Choice rank': m.rank,
      'Shared areas': m.sharedAreas.join(', '),
      Why: m.why,
      Status: 'Proposed',
    });
  }
  for (const u of [...result.unmatched].sort((a, b) => a.mentee.localeCompare(b.mentee))) {
    upsert(u.mentee, {
      Mentee: u.mentee,
      'Mentee name': cohort.menteeByEmail.get(u.mentee)?.name ?? u.mentee,
      Mentor: null,
      'Mentor name': null,
      'Choice rank': null,
      'Shared areas': null,
      Why: u.why,
      Status: 'Unmatched',
    });
  }
  const stale = new Set([...ownRows.values()].filter((row) => !wanted.has(row)));
  matches.removeRows((row) => stale.has(row));
}

/** The `match` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const MATCH_ACTION: Action = {
  id: 'match',
  archives: true,
  menu: 'Match mentees with mentors',
  functionName: 'matchMentees',
  summary:
    "Propose pairs from mentees' three choices and needs (Matches tab); Confirmed pairs and Locks are kept.",
  options: [JSON_OPTION],
  exposed: true,
  run: matchAction,
};
