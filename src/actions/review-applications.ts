import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadSettings, loadTable, saveTable } from '../core/workbook';
import { reviewApplications as decide } from '../domain/review';
import { APPLICATIONS_TAB } from '../domain/tabs';
import { plural } from '../domain/text';
import { readApplications } from '../workflows/applications-tab';
import { readCohort } from '../workflows/cohort';
import { applyHistory, readHistory } from '../workflows/history';
import { syncChoiceForm } from './set-up-forms';

/** `review-applications`: applies the scheme's rules, writing Status and Problems for each row. */
export function reviewApplicationsAction({ ports }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const table = loadTable(ports.workbook, APPLICATIONS_TAB);
  // Returning people: what they did before, and who must agree to the consent wording again.
  const { applications, held } = applyHistory(
    table,
    readApplications(table, settings.timeZone),
    readHistory(ports.archives),
  );
  const decisions = decide(applications, settings, held);
  const changes: string[] = [];
  for (const d of decisions) {
    const before = table.text(d.row, 'Status');
    table.set(d.row, 'Status', d.status);
    table.set(d.row, 'Problems', d.problems.join('\n'));
    table.set(d.row, 'Reviewed status', d.reviewedStatus);
    if (before !== d.status)
      changes.push(`${table.text(d.row, 'ID')}: ${before || '(blank)'} → ${d.status}`);
  }
  saveTable(ports.workbook, table);
  // The choice form offers exactly the accepted mentors: keep it in step (a no-op when it is).
  const formSynced = syncChoiceForm(ports, settings, readCohort(table));

  const withProblems = decisions.filter((d) => d.problems.length > 0).length;
  const returning = applications.filter((a) => table.text(a.row, 'Taken part before')).length;
  const overrides = decisions.filter((d) => d.staffOverride).length;
  const count = (role: string, status: string) =>
    decisions.filter((d, i) => applications[i].role === role && d.status === status).length;
  return {
    summary: [
      `Reviewed ${plural(decisions.length, 'application')}: ${plural(changes.length, 'status', 'statuses')} changed, ${plural(withProblems, 'application')} with problems noted.`,
      `Mentors: ${count('Mentor', 'Accepted')} accepted of ${settings.mentorPlaces} places, ${count('Mentor', 'Waitlisted')} waitlisted. Mentees: ${count('Mentee', 'Accepted')} accepted of ${settings.menteePlaces} places, ${count('Mentee', 'Waitlisted')} waitlisted.`,
      ...(overrides
        ? [`${plural(overrides, 'status', 'statuses')} set by staff kept as they are.`]
        : []),
      ...(returning
        ? [
            `${plural(returning, 'applicant')} took part before (see the Taken part before column)${held.size ? `; ${held.size} must agree to the current consent wording first` : ''}.`,
          ]
        : []),
      ...(formSynced ? ['The mentor choice form lists exactly the accepted mentors.'] : []),
      ...(changes.length ? ['Next: run notify-applicants to tell people.'] : []),
    ],
    data: {
      reviewed: decisions.length,
      changed: changes,
      withProblems,
      staffOverrides: overrides,
      returning,
      freshConsent: held.size,
    },
  };
}

/** The `review-applications` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const REVIEW_APPLICATIONS_ACTION: Action = {
  id: 'review-applications',
  archives: true,
  menu: 'Review applications',
  functionName: 'reviewApplications',
  summary:
    "Apply the scheme's rules: write Problems, accept within the places in order of submission, waitlist the rest.",
  run: reviewApplicationsAction,
};
