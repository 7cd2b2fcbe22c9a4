import type { Action, ActionContext, ActionResult } from '../core/action';
import { saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { normaliseEmail, plural } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';
import { readPairs } from '../workflows/pairs';

/** `confirm-matches [--mentee EMAIL]`: Proposed pairs become Confirmed, the input to pair set-up. */
export function confirmMatchesAction({ ports }: ActionContext, mentee?: string): ActionResult {
  const tables = loadMatchingTables(ports.workbook, ports.archives);
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
      ...(proposed.length
        ? ["Next: set up each pair's folder and introduction (set-up-pairs)."]
        : confirmed
          ? ['No pair was waiting: every pair is already confirmed. Next: set-up-pairs.']
          : ['There are no proposed pairs to confirm: run match first.']),
    ],
    data: report,
  };
}

/** The `confirm-matches` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const CONFIRM_MATCHES_ACTION: Action = {
  id: 'confirm-matches',
  archives: true,
  menu: 'Confirm all proposed matches',
  functionName: 'confirmMatches',
  summary: "Turn proposed pairs into Confirmed pairs: all of them, or one mentee's with --mentee.",
  usage: 'confirm-matches [--mentee EMAIL]',
  maxArgs: 1,
  options: [{ name: 'mentee', value: 'EMAIL', description: "confirm only this mentee's pair" }],
  exposed: true,
  run: (context, args) =>
    confirmMatchesAction(
      context,
      (args.options.mentee as string | undefined) ?? args.positional[0],
    ),
};
