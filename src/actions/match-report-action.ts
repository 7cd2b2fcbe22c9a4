import type { ActionContext, ActionResult } from '../core/action';
import { plural } from '../domain/text';
import { matchReport } from '../workflows/match-report';
import { profileLines } from '../workflows/match-summary';
import { loadMatchingTables, matchingInput } from '../workflows/matching-input';

/** `match-report`: the Matches tab as the review screen shows it; changes nothing. */
export function matchReportAction({ ports }: ActionContext): ActionResult {
  const tables = loadMatchingTables(ports.workbook);
  const report = matchReport(tables.matches, tables.cohort, matchingInput(tables));
  const confirmed = report.matches.filter((m) => m.status === 'Confirmed').length;
  return {
    summary: [
      `${plural(report.matches.length, 'pair')} (${confirmed} confirmed), ${report.unmatched.length} unmatched, of ${plural(report.profile.mentees, 'accepted mentee')}.`,
      ...profileLines(report.profile),
      ...report.matches.map(
        (m) =>
          `${m.status === 'Confirmed' ? '✓' : '·'} ${m.menteeName} → ${m.mentorName}: ${m.why}`,
      ),
      ...report.unmatched.map((u) => `✗ ${u.menteeName}: ${u.why}`),
    ],
    data: report,
  };
}
