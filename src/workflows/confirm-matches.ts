import type { ActionContext, ActionResult } from '../core/action';
import { saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { normaliseEmail, plural } from '../domain/text';
import { matchReport } from './match-report';
import { loadMatchingTables, matchingInput } from './matching-input';

/** `confirm-matches [--mentee EMAIL]`: Proposed pairs become Confirmed, the input to pair set-up. */
export function confirmMatchesAction({ ports }: ActionContext, mentee?: string): ActionResult {
  const tables = loadMatchingTables(ports.workbook);
  const { matches } = tables;
  const only = mentee ? normaliseEmail(mentee) : null;
  const proposed = matches.rows
    .map((_, row) => row)
    .filter((row) => matches.text(row, 'Status') === 'Proposed')
    .filter((row) => only === null || normaliseEmail(matches.text(row, 'Mentee')) === only);
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
      ...(proposed.length
        ? ["Next: set up each pair's folder and introduction (set-up-pairs)."]
        : confirmed
          ? ['No pair was waiting: every pair is already confirmed. Next: set-up-pairs.']
          : ['There are no proposed pairs to confirm: run match first.']),
    ],
    data: report,
  };
}
