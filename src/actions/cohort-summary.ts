import { JSON_OPTION, type Action, type ActionContext, type ActionResult } from '../core/action';
import { loadSettings } from '../core/workbook';
import { cohortFigures, cohortSummaryReport, SUMMARY_COLUMNS } from '../domain/cohort-summary';
import { lastDayText } from '../domain/evaluation/rounds';
import { APPLICATIONS_TAB, EVALUATIONS_TAB, MATCHES_TAB } from '../domain/tabs';
import type { WorkbookPort } from '../ports';

function tabsOf(workbook: Pick<WorkbookPort, 'readTab'>) {
  return {
    applications: workbook.readTab(APPLICATIONS_TAB.name),
    matches: workbook.readTab(MATCHES_TAB.name),
    evaluations: workbook.readTab(EVALUATIONS_TAB.name),
  };
}

/**
 * `cohort-summary` ("Compare cohorts"): the figures of every archived cohort and of the live
 * one side by side, so the scheme can show how it evolves; published as a report (a tab in
 * Google, out/reports/cohorts.html locally) and printed. Changes nothing else.
 */
export function cohortSummaryAction({ ports }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const figures = [
    ...ports.archives
      .list()
      .filter((a) => a.cohort !== settings.cohort)
      .map((a) => cohortFigures(a.cohort, 'archive', tabsOf(ports.archives.open(a.id)))),
    cohortFigures(settings.cohort, 'live', tabsOf(ports.workbook)),
  ];
  const report = cohortSummaryReport(
    figures,
    lastDayText(new Date(ports.clock.now().getTime() + 1), settings.timeZone),
  );
  const published = ports.reports.publish(report);
  const table = [
    [...SUMMARY_COLUMNS],
    ...figures.map((f) => [
      f.source === 'live' ? `${f.cohort} (now)` : f.cohort,
      ...[f.applicants, f.mentors, f.mentees, f.pairs, f.continuing].map(String),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)) + 2);
  return {
    summary: [
      ...table.map((r) =>
        r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join(''),
      ),
      `${figures.length === 1 ? 'One cohort' : `${figures.length} cohorts`} compared, with the evaluation means: ${published.where}.`,
    ],
    data: { where: published.where, cohorts: figures },
  };
}

export const COHORT_SUMMARY_ACTION: Action = {
  id: 'cohort-summary',
  menu: 'Compare cohorts',
  functionName: 'cohortSummary',
  summary:
    'Compare the cohorts: applicants, accepted mentors and mentees, pairs, continuing pairs and the evaluation means, from the archives and the live tabs.',
  options: [JSON_OPTION],
  archives: true,
  run: cohortSummaryAction,
};
