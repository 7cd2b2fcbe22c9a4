import type { Application } from '../domain/applications';
import { ArchivedCohort, buildHistory, History, historyText, NO_HISTORY } from '../domain/history';
import { carryOver, freshConsentProblem } from '../domain/returning';
import { Table } from '../domain/table';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../domain/tabs';
import { normaliseEmail } from '../domain/text';
import type { ArchivePort } from '../ports';
import { readPairs } from './pairs';

/**
 * THE reader of the archives' people: every archived cohort's Applications and Matches, read
 * once per action (one open and two tab reads per archive), into the pure History.
 */
export function readHistory(archives: ArchivePort): History {
  const refs = archives.list();
  if (refs.length === 0) return NO_HISTORY;
  const cohorts: ArchivedCohort[] = refs.map((ref) => {
    const workbook = archives.open(ref.id);
    const applications = new Table(APPLICATIONS_TAB, workbook.readTab(APPLICATIONS_TAB.name));
    const matches = new Table(MATCHES_TAB, workbook.readTab(MATCHES_TAB.name));
    return {
      cohort: ref.cohort,
      applications: applications.rows.map((_, row) => {
        const role = applications.text(row, 'Role');
        return {
          email: normaliseEmail(applications.text(row, 'Email')),
          role: /^mentor$/i.test(role) ? 'Mentor' : /^mentee$/i.test(role) ? 'Mentee' : '',
          name: applications.text(row, 'Name'),
          status: applications.text(row, 'Status'),
          consentVersion: applications.text(row, 'Consent version'),
          areas: applications.text(row, 'Areas'),
          video: applications.text(row, 'Video link'),
        };
      }),
      pairs: readPairs(matches),
    };
  });
  return buildHistory(cohorts);
}

/**
 * What history says about each row of the live Applications tab: "Taken part before" for every
 * row; a returning mentor's last profile carried into the rows just recorded (`recorded`: a new
 * response is the only time a mentor asks for it); and the rows held for fresh consent, with
 * the sentence for their Problems. `applications` are the rows as read before the carry-over;
 * the carried cells are written to the table and to the returned applications.
 */
export function applyHistory(
  table: Table,
  applications: readonly Application[],
  history: History,
  recorded: readonly number[] = [],
): { applications: Application[]; held: Map<number, string[]> } {
  const held = new Map<number, string[]>();
  const updated = applications.map((a) => {
    const person = history.people.get(normaliseEmail(a.email));
    table.set(a.row, 'Taken part before', historyText(person));
    let application = a;
    if (recorded.includes(a.row)) {
      const carried = carryOver(a, person);
      for (const [column, value] of Object.entries(carried.cells)) table.set(a.row, column, value);
      table.set(a.row, 'Profile carried over', carried.note);
      application = {
        ...a,
        areas: carried.cells.Areas ?? a.areas,
        video: carried.cells['Video link'] ?? a.video,
      };
    }
    const problem = freshConsentProblem(a, person);
    if (problem) held.set(a.row, [problem]);
    return application;
  });
  return { applications: updated, held };
}
