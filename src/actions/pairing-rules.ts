import type { Action, ActionContext, ActionResult } from '../core/action';
import { saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { headerKey, normaliseEmail } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';
import { readPairs } from '../workflows/pairs';

/**
 * `lock-pair MENTEE MENTOR` / `forbid-pair MENTEE MENTOR`: a staff rule in the Pairing rules tab.
 * A Lock keeps the pair whatever the choices say (a mentee has at most one Lock: a new one
 * replaces it); a Never means the pair is never proposed. The next `match` applies them.
 */
export function pairingRuleAction(
  { ports }: ActionContext,
  rule: 'Lock' | 'Never',
  args: string[],
): ActionResult {
  const [menteeArg, mentorArg] = args;
  if (!menteeArg || !mentorArg) {
    throw new UserError(
      `Name the mentee and the mentor by e-mail, e.g. ${rule === 'Lock' ? 'lock-pair' : 'forbid-pair'} mentee@example.org mentor@example.org.`,
    );
  }
  const tables = loadMatchingTables(ports.workbook, ports.archives);
  const mentee = normaliseEmail(menteeArg);
  const mentor = normaliseEmail(mentorArg);
  const menteePerson = tables.cohort.acceptedMentees.find((m) => m.email === mentee);
  const mentorPerson = tables.cohort.acceptedMentors.find((m) => m.email === mentor);
  if (!menteePerson)
    throw new UserError(
      `${menteeArg} is not an accepted mentee: check the address in the Applications tab.`,
    );
  if (!mentorPerson)
    throw new UserError(
      `${mentorArg} is not an accepted mentor: check the address in the Applications tab.`,
    );

  const confirmed = readPairs(tables.matches).some(
    (p) => p.status === 'Confirmed' && p.mentee === mentee && p.mentor === mentor,
  );
  if (rule === 'Never' && confirmed) {
    throw new UserError(
      `${menteePerson.name} and ${mentorPerson.name} are already a Confirmed pair: to part them, set that row's Status in the Matches tab to Ended.`,
    );
  }
  // A Lock that matching could never keep is refused now, not found out later.
  if (rule === 'Lock') {
    if (
      headerKey(menteePerson.service) !== '' &&
      headerKey(menteePerson.service) === headerKey(mentorPerson.service)
    )
      throw new UserError(
        `${menteePerson.name} and ${mentorPerson.name} are both from ${mentorPerson.service}, and the scheme never pairs people from the same library service: choose another mentor.`,
      );
    const confirmedRow = tables.matches.rows.findIndex(
      (_, row) =>
        tables.matches.text(row, 'Status') === 'Confirmed' &&
        normaliseEmail(tables.matches.text(row, 'Mentee')) === mentee,
    );
    if (confirmedRow >= 0) {
      const other =
        tables.matches.text(confirmedRow, 'Mentor name') ||
        tables.matches.text(confirmedRow, 'Mentor');
      throw new UserError(
        confirmed
          ? `${menteePerson.name} and ${mentorPerson.name} are already a Confirmed pair: there is nothing to lock.`
          : `${menteePerson.name} is already in a Confirmed pair with ${other}: to pair them with ${mentorPerson.name} instead, first set that row's Status in the Matches tab to Ended.`,
      );
    }
  }
  const { rules } = tables;
  const rows = rules.rows.map((_, row) => row);
  const same = rows.find(
    (row) =>
      normaliseEmail(rules.text(row, 'Mentee')) === mentee &&
      normaliseEmail(rules.text(row, 'Mentor')) === mentor,
  );
  const otherLock = rows.find(
    (row) =>
      rule === 'Lock' &&
      row !== same &&
      normaliseEmail(rules.text(row, 'Mentee')) === mentee &&
      rules.text(row, 'Rule') === 'Lock',
  );
  const reason =
    rule === 'Lock' ? 'Kept by staff in the review' : 'Ruled out by staff in the review';
  const target = same ?? otherLock;
  const replaced =
    same !== undefined && rules.text(same, 'Rule') && rules.text(same, 'Rule') !== rule
      ? `This replaces the ${rules.text(same, 'Rule')} on this pair.`
      : otherLock !== undefined
        ? `This replaces the earlier Lock of ${menteePerson.name} with ${tables.cohort.mentorByEmail.get(normaliseEmail(rules.text(otherLock, 'Mentor')))?.name ?? rules.text(otherLock, 'Mentor')}.`
        : '';
  if (target !== undefined) {
    rules.set(target, 'Mentor', mentor);
    rules.set(target, 'Rule', rule);
    if (!rules.text(target, 'Reason')) rules.set(target, 'Reason', reason);
    if (same !== undefined && otherLock !== undefined) {
      rules.set(otherLock, 'Rule', '');
      rules.set(otherLock, 'Reason', 'Replaced by a later Lock');
    }
  } else {
    rules.append({ Mentee: mentee, Mentor: mentor, Rule: rule, Reason: reason });
  }
  saveTable(ports.workbook, rules);
  const report = matchReport(tables.matches, tables.cohort, matchingInput(tables));
  return {
    summary: [
      rule === 'Lock'
        ? `${menteePerson.name} will be paired with ${mentorPerson.name} when you next run match.`
        : `${menteePerson.name} will never be paired with ${mentorPerson.name}; run match again to see the effect.`,
      ...(replaced ? [replaced] : []),
    ],
    data: report,
  };
}

/** The `lock-pair` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const LOCK_PAIR_ACTION: Action = {
  id: 'lock-pair',
  archives: true,
  functionName: 'lockPair',
  summary: 'Keep a pair whatever the choices say (a Lock in the Pairing rules tab).',
  usage: 'lock-pair MENTEE-EMAIL MENTOR-EMAIL',
  maxArgs: 2,
  exposed: true,
  run: (context, args) => pairingRuleAction(context, 'Lock', args.positional),
};

/** The `forbid-pair` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const FORBID_PAIR_ACTION: Action = {
  id: 'forbid-pair',
  archives: true,
  functionName: 'forbidPair',
  summary: 'Never propose a pair (a Never in the Pairing rules tab).',
  usage: 'forbid-pair MENTEE-EMAIL MENTOR-EMAIL',
  maxArgs: 2,
  exposed: true,
  run: (context, args) => pairingRuleAction(context, 'Never', args.positional),
};
