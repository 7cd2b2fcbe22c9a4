import {
  JSON_OPTION,
  type Action,
  type ActionContext,
  type ActionResult,
  type StatusContext,
  type StatusSection,
} from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { loadTable } from '../core/workbook';
import type { Table, TabSpec } from '../domain/table';
import {
  APPLICATION_STATUSES,
  APPLICATIONS_TAB,
  MATCH_STATUSES,
  MATCHES_TAB,
  ROLES,
} from '../domain/tabs';
import { readPairs } from '../workflows/pairs';

/** E-mails named one by one on the screen; the rest are counted (all are in --json). */
const SHOWN = 5;

/**
 * `status`: where the scheme stands, in one screen. The applications and matches are counted
 * here; each action in `actions` that has a `status` adds its own lines and JSON, from its own
 * keys; then what the Log leaves uncertain and which jobs wait to continue.
 */
export function statusAction(
  { ports, run }: ActionContext,
  actions: readonly Action[],
): ActionResult {
  const ledger = EffectLedger.open(ports, run, 'status');
  const tabs = new Map<string, Table>();
  const tab = (spec: TabSpec) => {
    if (!tabs.has(spec.name)) tabs.set(spec.name, loadTable(ports.workbook, spec));
    return tabs.get(spec.name) as Table;
  };
  const context: StatusContext = { ports, ledger, tab };

  const applications = countApplications(tab(APPLICATIONS_TAB));
  const matches: Record<string, number> = Object.fromEntries(MATCH_STATUSES.map((s) => [s, 0]));
  for (const pair of readPairs(tab(MATCHES_TAB)))
    if (pair.status in matches) matches[pair.status] += 1;
  const sections = actions.flatMap((a) => (a.status ? [a.status(context)] : []));
  const uncertain = ledger
    .keys('mail:', 'uncertain')
    .map((key) => ({ key, detail: ledger.detail(key) }));
  const jobs = ports.jobs.pending();

  const columns = [...APPLICATION_STATUSES, 'Total'];
  const width = Math.max(...columns.map((c) => c.length)) + 1;
  const summary = [
    ['Role'.padEnd(8), ...columns.map((c) => c.padStart(width))].join(''),
    ...Object.entries(applications).map(([role, counts]) =>
      [role.padEnd(8), ...columns.map((c) => String(counts[c]).padStart(width))].join(''),
    ),
    `Matches: ${matches.Confirmed} confirmed, ${matches.Proposed} proposed, ${matches.Unmatched} unmatched, ${matches.Ended} ended.`,
    ...sections.flatMap((s) => s.lines),
  ];
  if (uncertain.length) {
    const named = uncertain.slice(0, SHOWN).map((u) => u.detail || u.key);
    const more = uncertain.length - named.length;
    summary.push(
      `E-mails that may or may not have gone (check, then set the Log row to "retry"): ${named.join('; ')}${more ? `; and ${more} more (status --json lists them)` : ''}.`,
    );
  }
  for (const job of jobs) {
    summary.push(
      `Still to do: ${job.job} (queued: ${job.reason}); it continues ${job.at.toISOString().slice(0, 16).replace('T', ' ')} UTC, or when you run it again.`,
    );
  }
  const data = merge(sections);
  return {
    summary,
    data: {
      applications,
      matches,
      ...data,
      emails: { ...(data.emails as object | undefined), uncertain },
      jobs: jobs.map((j) => ({ job: j.job, at: j.at.toISOString(), reason: j.reason })),
    },
  };
}

function countApplications(table: Table): Record<string, Record<string, number>> {
  const applications: Record<string, Record<string, number>> = {};
  for (const role of [...ROLES, 'Other']) {
    applications[role] = Object.fromEntries(
      [...APPLICATION_STATUSES, 'Other', 'Total'].map((s) => [s, 0]),
    );
  }
  for (const row of table.rows.keys()) {
    const role = (ROLES as readonly string[]).includes(table.text(row, 'Role'))
      ? table.text(row, 'Role')
      : 'Other';
    const status = table.text(row, 'Status');
    const counted = (APPLICATION_STATUSES as readonly string[]).includes(status) ? status : 'Other';
    applications[role][counted] += 1;
    applications[role].Total += 1;
  }
  if (applications.Other.Total === 0) delete applications.Other;
  return applications;
}

/** The sections' JSON, merged one level deep (two sections may both add to `emails`). */
function merge(sections: readonly StatusSection[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const section of sections) {
    for (const [key, value] of Object.entries(section.data)) {
      const existing = data[key];
      data[key] =
        isRecord(existing) && isRecord(value) ? { ...existing, ...value } : (value as unknown);
    }
  }
  return data;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `status` action. It shows the other actions' sections, so it is given the action list (as
 * a function: src/actions.ts, which lists this declaration, is still loading when it is made).
 */
export function statusDeclaration(actions: () => readonly Action[]): Action {
  return {
    id: 'status',
    menu: 'Status',
    functionName: 'showStatus',
    summary: 'Count applications per role and status, and list e-mails waiting or uncertain.',
    options: [JSON_OPTION],
    run: (context) => statusAction(context, actions()),
  };
}
