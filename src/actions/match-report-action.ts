import { JSON_OPTION, type Action, type ActionContext, type ActionResult } from '../core/action';
import { plural } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { profileLines } from '../workflows/match-summary';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';

/** `match-report`: the Matches tab as the review screen shows it; changes nothing. */
export function matchReportAction({ ports }: ActionContext): ActionResult {
  const tables = loadMatchingTables(ports.workbook, ports.archives);
  const report = matchReport(tables.matches, tables.cohort, matchingInput(tables));
  const confirmed = report.matches.filter((m) => m.status === 'Confirmed').length;
  return {
    summary: [
      `${plural(report.matches.length, 'pair')} (${confirmed} confirmed), ${report.unmatched.length} unmatched, of ${plural(report.profile.mentees, 'accepted mentee')}.`,
      ...profileLines(report.profile),
      ...report.matches.map(
        (m) =>
          `${m.status === 'Confirmed' ? '✓' : '·'} ${withBefore(m.menteeName, m.menteeBefore)} → ${withBefore(m.mentorName, m.mentorBefore)}: ${m.why}`,
      ),
      ...report.unmatched.map((u) => `✗ ${withBefore(u.menteeName, u.menteeBefore)}: ${u.why}`),
    ],
    data: report,
  };
}

/** A name, with what they did in earlier cohorts when they took part before. */
function withBefore(name: string, before: string): string {
  return before ? `${name} [${before}]` : name;
}

/** The `review-matches` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const REVIEW_MATCHES_ACTION: Action = {
  id: 'review-matches',
  archives: true,
  menu: 'Review matches',
  functionName: 'reviewMatches',
  page: 'review-matches',
  summary:
    'Open the review screen: the profile, every pair and why, lock or forbid pairs, re-run, confirm.',
  options: [
    { name: 'port', value: 'N', description: 'local port for the page (default: any free port)' },
  ],
  run: matchReportAction,
};

/** The `match-report` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const MATCH_REPORT_ACTION: Action = {
  id: 'match-report',
  archives: true,
  functionName: 'matchReport',
  summary: "Show the pairs in the Matches tab with their reasons and both priorities' profiles.",
  options: [JSON_OPTION],
  exposed: true,
  run: matchReportAction,
};
