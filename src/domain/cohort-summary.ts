import { AIMS } from './evaluation/answers';
import { CONTINUATION_OUTCOMES, finalOutcome } from './evaluation/continuation';
import type { Report } from './report';
import { Table, type TabData } from './table';
import { APPLICATIONS_TAB, EVALUATIONS_TAB, MATCHES_TAB } from './tabs';

/** Answers below this many are not averaged on their own (the evaluation summary's rule). */
export const SMALLEST_GROUP = 5;

/** One cohort's figures, from its Applications, Matches and Evaluations tabs. */
export interface CohortFigures {
  cohort: string;
  /** Where they come from: "archive" or "live". */
  source: 'archive' | 'live';
  applicants: number;
  mentors: number;
  mentees: number;
  pairs: number;
  continuing: number;
  /** Mean rating per aim (1–5, one decimal); null with fewer than SMALLEST_GROUP answers. */
  means: Record<string, number | null>;
  answers: number;
}

export function cohortFigures(
  cohort: string,
  source: 'archive' | 'live',
  tabs: { applications: TabData | null; matches: TabData | null; evaluations: TabData | null },
): CohortFigures {
  const apps = new Table(APPLICATIONS_TAB, tabs.applications);
  const matches = new Table(MATCHES_TAB, tabs.matches);
  const evaluations = new Table(EVALUATIONS_TAB, tabs.evaluations);
  let applicants = 0;
  let mentors = 0;
  let mentees = 0;
  for (const row of apps.rows.keys()) {
    if (!apps.text(row, 'Email')) continue;
    applicants += 1;
    if (apps.text(row, 'Status') !== 'Accepted') continue;
    if (apps.text(row, 'Role') === 'Mentor') mentors += 1;
    if (apps.text(row, 'Role') === 'Mentee') mentees += 1;
  }
  let pairs = 0;
  let continuing = 0;
  for (const row of matches.rows.keys()) {
    const status = matches.text(row, 'Status');
    if (!matches.text(row, 'Mentor') || (status !== 'Confirmed' && status !== 'Ended')) continue;
    pairs += 1;
    const text = matches.text(row, 'Continuation');
    const outcome = Object.values(CONTINUATION_OUTCOMES).find((o) => text.startsWith(o));
    if (outcome && finalOutcome(outcome, matches.text(row, 'Staff decision')) === 'Continuing')
      continuing += 1;
  }
  const means: Record<string, number | null> = {};
  let answers = 0;
  for (const aim of AIMS) {
    const values = evaluations.rows
      .map((_, r) => Number(evaluations.text(r, aim.column)))
      .filter((v) => Number.isFinite(v) && v >= 1 && v <= 5);
    answers = Math.max(answers, values.length);
    means[aim.label] =
      values.length >= SMALLEST_GROUP
        ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
        : null;
  }
  return { cohort, source, applicants, mentors, mentees, pairs, continuing, means, answers };
}

export const SUMMARY_COLUMNS = [
  'Cohort',
  'Applicants',
  'Mentors accepted',
  'Mentees accepted',
  'Pairs',
  'Continuing',
] as const;

/** The cross-cohort comparison as a report: counts per cohort, then the evaluation means. */
export function cohortSummaryReport(figures: readonly CohortFigures[], generated: string): Report {
  const name = (f: CohortFigures) => (f.source === 'live' ? `${f.cohort} (now)` : f.cohort);
  return {
    id: 'cohorts',
    title: 'Cohorts compared',
    generated,
    sections: [
      {
        heading: 'How the scheme has grown',
        paragraphs: [
          'Each past cohort from its archive, and the cohort running now from the live tabs. Continuing: pairs whose January outcome was to carry on.',
        ],
        tables: [
          {
            id: 'counts',
            caption: 'People and pairs per cohort',
            header: [...SUMMARY_COLUMNS],
            rows: figures.map((f) => [
              name(f),
              f.applicants,
              f.mentors,
              f.mentees,
              f.pairs,
              f.continuing,
            ]),
            chart: {
              kind: 'grouped',
              title: 'People and pairs per cohort',
              series: SUMMARY_COLUMNS.slice(1),
              measure: 'People or pairs',
            },
            notes: [],
          },
          {
            id: 'means',
            caption: 'Mean rating of each aim (1–5) per cohort',
            header: ['Cohort', ...AIMS.map((a) => a.label)],
            rows: figures.map((f) => [name(f), ...AIMS.map((a) => f.means[a.label] ?? '–')]),
            notes: [`A mean from fewer than ${SMALLEST_GROUP} answers is not shown (–).`],
          },
        ],
      },
    ],
  };
}
