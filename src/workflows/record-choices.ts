import { assessChoices } from '../domain/choices';
import {
  compareResponses,
  FormResponse,
  inArrivalOrder,
  noCounts,
  RecordCounts,
} from '../domain/responses';
import type { Cell, Table } from '../domain/table';
import { isValidEmail, normaliseEmail } from '../domain/text';
import type { LogRecord } from '../ports';
import { asChoiceMentors, Cohort } from './cohort';

export interface ChoiceProblem {
  email: string;
  name: string;
  submitted: Date | null;
  problems: string[];
  /** The choices as stored (a mentor's e-mail, or the text given). */
  choices: string[];
}

/**
 * Writes choice-form responses into the Choices tab, one row per mentee, mentors identified by
 * e-mail. The newest response wins (compareResponses; the earlier is kept in the Log); a response that breaks a rule
 * is still recorded, with its Problems, and returned so its sender can be asked to resubmit.
 */
export function recordChoices(
  table: Table,
  cohort: Cohort,
  responses: readonly FormResponse[],
  makeHistory: (email: string, previous: Record<string, Cell>) => LogRecord,
): { counts: RecordCounts; history: LogRecord[]; problems: ChoiceProblem[] } {
  const counts = noCounts();
  const history: LogRecord[] = [];
  const problems: ChoiceProblem[] = [];
  const rows = new Map<string, number>();
  table.rows.forEach((_, row) => rows.set(normaliseEmail(table.text(row, 'Mentee email')), row));
  const mentors = asChoiceMentors(cohort);

  for (const response of inArrivalOrder(responses)) {
    const email = normaliseEmail(response.email);
    const mentee = cohort.menteeByEmail.get(email);
    const answers = ['choice1', 'choice2', 'choice3'].map((f) => response.answers.get(f) ?? '');
    const assessment = assessChoices(
      { email, service: mentee?.service ?? '', accepted: mentee?.status === 'Accepted' },
      answers,
      mentors,
    );
    if (!isValidEmail(email))
      assessment.problems.unshift('The e-mail address is missing or not valid.');
    const cells: Record<string, Cell> = {
      'Mentee email': email || response.email,
      'Mentee name': mentee?.name ?? '',
      'Choice 1': assessment.stored[0] ?? '',
      'Choice 2': assessment.stored[1] ?? '',
      'Choice 3': assessment.stored[2] ?? '',
      Submitted: response.submitted ?? response.submittedText,
      Problems: assessment.problems.join('\n'),
    };
    const row = email ? rows.get(email) : undefined;
    if (row === undefined) {
      const added = table.append(cells);
      if (email) rows.set(email, added);
      counts.added += 1;
    } else {
      const order = compareResponses(cells.Submitted, table.get(row, 'Submitted'));
      if (order === 'same') {
        counts.unchanged += 1;
        continue;
      }
      if (order === 'older') {
        counts.older += 1;
        continue;
      }
      const previous: Record<string, Cell> = {};
      for (const column of ['Choice 1', 'Choice 2', 'Choice 3', 'Submitted', 'Problems']) {
        previous[column] = table.get(row, column);
      }
      history.push(makeHistory(email, previous));
      for (const [column, value] of Object.entries(cells)) table.set(row, column, value);
      counts.updated += 1;
    }
    if (assessment.problems.length && isValidEmail(email)) {
      problems.push({
        email,
        name: mentee?.name ?? '',
        submitted: response.submitted,
        problems: assessment.problems,
        choices: assessment.stored,
      });
    }
  }
  return { counts, history, problems };
}
