import type { ActionContext, ActionResult } from '../core/action';
import { saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { normaliseEmail, plural } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';
import { readPairs } from '../workflows/pairs';

/** `confirm-matches [--mentee EMAIL]`: Proposed pairs become Confirmed, the input to pair set-up. */
export function confirmMatchesAction({ ports }: ActionContext, mentee?: string): ActionResult {
  const tables = loadMatchingTables(ports.workbook);
  const { matches } = tables;
  const only = mentee ? normaliseEmail(mentee) : null;
  const proposed = readPairs(matches)
    .filter((p) => p.status === 'Proposed' && (only === null || p.mentee === only))
    .map((p) => p.row);
  if (only !== null && proposed.length === 0) {
    throw new UserError(
      `There is no proposed match for ${mentee} in the Matches tab: run match first, or check the address.`,
    );
  }
  for (const row of proposed) matches.set(row, 'Status', 'Confirmed');
  saveTable(ports.workbook, matches);
  const report = matchReport(matches, tables.cohort, matchingInput(tables));
  const confirmed = report.matches.filter((m) => m.status === 'Confirmed').length;
  return {
    summary: [
      `Confirmed ${plural(proposed.length, 'pair')}; ${plural(confirmed, 'pair')} confirmed in all.`,
      ...(proposed.length ? ["Next: set up each pair's folder and introduction."] : []),
    ],
    data: report,
  };
}
