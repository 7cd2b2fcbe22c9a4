import type { Action, ActionContext, ActionResult } from '../core/action';
import { saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { normaliseEmail } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';

/**
 * `remove-pair-rule MENTEE MENTOR`: takes back a Keep (Lock) or a Never made by mistake, by
 * removing its row from the Pairing rules tab (what it said goes to the Log). The next `match`
 * no longer applies it; a pair already proposed or confirmed stays as it is.
 */
export function removePairRuleAction({ ports, run }: ActionContext, args: string[]): ActionResult {
  const [menteeArg, mentorArg, ...extra] = args;
  if (!menteeArg || !mentorArg || extra.length) {
    throw new UserError(
      'Name the mentee and the mentor by e-mail, e.g. remove-pair-rule mentee@example.org mentor@example.org.',
    );
  }
  const tables = loadMatchingTables(ports.workbook, ports.archives);
  const { rules, cohort } = tables;
  const mentee = normaliseEmail(menteeArg);
  const mentor = normaliseEmail(mentorArg);
  const rows = rules.rows
    .map((_, row) => row)
    .filter(
      (row) =>
        normaliseEmail(rules.text(row, 'Mentee')) === mentee &&
        normaliseEmail(rules.text(row, 'Mentor')) === mentor &&
        /^(lock|never)$/i.test(rules.text(row, 'Rule')),
    );
  const menteeName = cohort.menteeByEmail.get(mentee)?.name ?? menteeArg;
  const mentorName = cohort.mentorByEmail.get(mentor)?.name ?? mentorArg;
  if (!rows.length) {
    throw new UserError(
      `There is no Lock or Never for ${menteeName} and ${mentorName} in the Pairing rules tab: nothing was changed.`,
    );
  }
  const taken = rows.map((row) => rules.text(row, 'Rule'));
  ports.journal.append(
    rows.map((row) => ({
      time: ports.clock.now(),
      run,
      action: 'remove-pair-rule',
      key: `rule:${mentee}|${mentor}`,
      state: 'history' as const,
      detail: `Removed ${rules.text(row, 'Rule')} (${rules.text(row, 'Reason') || 'no reason given'})`,
    })),
  );
  const remove = new Set(rows);
  rules.removeRows((row) => remove.has(row));
  saveTable(ports.workbook, rules);
  const what = taken.some((r) => /^lock$/i.test(r)) ? 'Keep (Lock)' : 'Never';
  return {
    summary: [
      `The ${what} for ${menteeName} and ${mentorName} is taken back; run match again to see the effect.`,
    ],
    data: matchReport(tables.matches, cohort, matchingInput(tables)),
  };
}

/** The `remove-pair-rule` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const REMOVE_PAIR_RULE_ACTION: Action = {
  id: 'remove-pair-rule',
  archives: true,
  functionName: 'removePairRule',
  summary: 'Take back a Lock (Keep) or Never made by mistake; then match again.',
  usage: 'remove-pair-rule MENTEE-EMAIL MENTOR-EMAIL',
  maxArgs: 2,
  exposed: true,
  run: (context, args) => removePairRuleAction(context, args.positional),
};
