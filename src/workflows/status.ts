import type { ActionContext, ActionResult } from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { loadTable } from '../core/workbook';
import {
  APPLICATION_STATUSES,
  APPLICATIONS_TAB,
  MATCH_STATUSES,
  MATCHES_TAB,
  ROLES,
} from '../domain/tabs';
import { isValidEmail } from '../domain/text';

/** `status`: where the scheme stands, counted from the workbook and the Log. */
export function statusAction({ ports, run }: ActionContext): ActionResult {
  const table = loadTable(ports.workbook, APPLICATIONS_TAB);
  const ledger = EffectLedger.open(ports, run, 'status');
  const applications: Record<string, Record<string, number>> = {};
  for (const role of [...ROLES, 'Other']) {
    applications[role] = Object.fromEntries(
      [...APPLICATION_STATUSES, 'Other', 'Total'].map((s) => [s, 0]),
    );
  }
  let waiting = 0;
  const noAddress: string[] = [];
  for (const row of table.rows.keys()) {
    const role = (ROLES as readonly string[]).includes(table.text(row, 'Role'))
      ? table.text(row, 'Role')
      : 'Other';
    const status = table.text(row, 'Status');
    const counted = (APPLICATION_STATUSES as readonly string[]).includes(status) ? status : 'Other';
    applications[role][counted] += 1;
    applications[role].Total += 1;
    if (
      ['Accepted', 'Waitlisted', 'Ineligible'].includes(status) &&
      !isValidEmail(table.text(row, 'Email'))
    ) {
      noAddress.push(table.text(row, 'ID'));
    } else if (['Accepted', 'Waitlisted', 'Ineligible'].includes(status)) {
      const key = `mail:${status.toLowerCase()}:${table.text(row, 'ID')}`;
      if (ledger.state(key) !== 'done' && ledger.state(key) !== 'uncertain') waiting += 1;
    }
  }
  if (applications.Other.Total === 0) delete applications.Other;
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const matchCounts: Record<string, number> = Object.fromEntries(MATCH_STATUSES.map((s) => [s, 0]));
  for (const row of matches.rows.keys()) {
    const status = matches.text(row, 'Status');
    if (status in matchCounts) matchCounts[status] += 1;
  }
  const uncertain = ledger
    .keys('mail:', 'uncertain')
    .map((key) => ({ key, detail: ledger.detail(key) }));

  const columns = [...APPLICATION_STATUSES, 'Total'];
  const width = Math.max(...columns.map((c) => c.length)) + 1;
  const summary = [
    ['Role'.padEnd(8), ...columns.map((c) => c.padStart(width))].join(''),
    ...Object.entries(applications).map(([role, counts]) =>
      [role.padEnd(8), ...columns.map((c) => String(counts[c]).padStart(width))].join(''),
    ),
    `Decisions not yet e-mailed: ${waiting}.`,
    ...(noAddress.length
      ? [`No valid e-mail address, so they cannot be told: ${noAddress.join(', ')}.`]
      : []),
    `Matches: ${matchCounts.Confirmed} confirmed, ${matchCounts.Proposed} proposed, ${matchCounts.Unmatched} unmatched, ${matchCounts.Ended} ended.`,
  ];
  if (uncertain.length) {
    summary.push(
      `E-mails that may or may not have gone (check, then set the Log row to "retry"): ${uncertain.map((u) => u.detail || u.key).join('; ')}.`,
    );
  }
  return {
    summary,
    data: { applications, emails: { waiting, uncertain, noAddress }, matches: matchCounts },
  };
}
