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
import { isValidEmail, normaliseEmail } from '../domain/text';
import { continuationStatus } from './evaluation/status-lines';

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
  const continuation = continuationStatus(matches);
  summary.push(...continuation.lines);
  if (uncertain.length) {
    summary.push(
      `E-mails that may or may not have gone (check, then set the Log row to "retry"): ${uncertain.map((u) => u.detail || u.key).join('; ')}.`,
    );
  }
  const pairs = matches.rows
    .map((_, row) => row)
    .filter((row) => ['Confirmed', 'Ended'].includes(matches.text(row, 'Status')))
    .map((row) => {
      const key = `${normaliseEmail(matches.text(row, 'Mentee'))}|${normaliseEmail(matches.text(row, 'Mentor'))}`;
      const share = ledger.detail(`share:${key}`).replace(/^editors: /, '');
      return {
        mentee: matches.text(row, 'Mentee name') || matches.text(row, 'Mentee'),
        mentor: matches.text(row, 'Mentor name') || matches.text(row, 'Mentor'),
        status: matches.text(row, 'Status'),
        folder: matches.text(row, 'Folder'),
        access: share ? share.split(/,\s*/) : [],
        introduction: matches.text(row, 'Introduced') || 'Not yet',
      };
    });
  const jobs = ports.jobs.pending();
  if (pairs.length) {
    summary.push('', 'Pairs:');
    const SHOWN = 30;
    if (pairs.length > SHOWN)
      summary.push(`  (the first ${SHOWN} of ${pairs.length}; every pair is in the Matches tab)`);
    for (const p of pairs.slice(0, SHOWN)) {
      summary.push(
        `  ${p.mentee} & ${p.mentor}${p.status === 'Ended' ? ' (ended)' : ''}: introduction ${p.introduction.toLowerCase()}; folder ${p.folder || 'not made yet'}${p.access.length ? `; access: ${p.access.join(', ')}` : ''}`,
      );
    }
  }
  for (const job of jobs) {
    summary.push(
      `Still to do: ${job.job} (queued: ${job.reason}); it continues ${job.at.toISOString().slice(0, 16).replace('T', ' ')} UTC, or when you run it again.`,
    );
  }
  return {
    summary,
    data: {
      applications,
      emails: { waiting, uncertain, noAddress },
      matches: matchCounts,
      continuation: continuation.counts,
      pairs,
      jobs: jobs.map((j) => ({ job: j.job, at: j.at.toISOString(), reason: j.reason })),
    },
  };
}
