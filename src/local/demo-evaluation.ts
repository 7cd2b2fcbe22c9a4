import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import type { ActionArgs, ActionResult } from '../core/action';
import { loadTable } from '../core/workbook';
import { MATCHES_TAB, ROUNDS_TAB } from '../domain/tabs';
import { readCsvFile } from './csv-file';
import { DemoPair, demoContinuationCsv, demoEvaluationCsv } from './demo-answers';
import { LocalPaths, LocalSession } from './session';

type Step = (
  title: string,
  id: string,
  args?: Partial<ActionArgs>,
  at?: Date,
) => Promise<ActionResult>;

/** The demo's scheme year: its rounds and deadline, and the days staff run each action. */
const ROUNDS = [
  ['Mid-point', '2026-10-01', '2026-10-31', 'How is it going, half way through'],
  ['End', '2027-01-04', '2027-01-29', 'At the end of the scheme'],
];
const DEADLINE = '2027-01-22';
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

/**
 * The demo's second half of the year, on a simulated calendar: two evaluation rounds with their
 * reminders (part of the cohort answers, with some invalid values), the January decision, and
 * the evaluation summary.
 */
export async function runEvaluationDemo(
  paths: LocalPaths,
  step: Step,
): Promise<{ report: string }> {
  const dir = path.join(paths.out, 'demo');
  await writeRounds(paths);
  await step('Set the January deadline', 'settings', {
    positional: ['set', 'Continuation deadline', DEADLINE],
  });
  await step('', 'settings', { positional: ['set', 'Reminder spacing (days)', '7'] });

  const importCsv = async (
    title: string,
    form: string,
    name: string,
    rows: string[][],
    at: Date,
  ) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, stringify(rows));
    await step(title, 'import', { options: { form }, csv: readCsvFile(file) }, at);
  };

  await step(
    'Mid-point round: send the questionnaires (1 October)',
    'send-evaluation',
    {},
    day('2026-10-01'),
  );
  const pairs = await readPairs(paths);
  // 14 mentees and 4 mentors answer: 4 is too few to show mentors on their own.
  await importCsv(
    'Import the mid-point answers',
    'evaluation',
    'evaluation-mid-point.csv',
    demoEvaluationCsv('Mid-point', pairs, { mentees: 14, mentors: 4 }, day('2026-10-03'), 7),
    day('2026-10-06'),
  );
  await step('First reminders (8 October)', 'send-evaluation', {}, day('2026-10-08'));
  await step('Second reminders (15 October)', 'send-evaluation', {}, day('2026-10-15'));
  await step('No third reminder (22 October)', 'send-evaluation', {}, day('2026-10-22'));
  await step('The round has closed (2 November)', 'send-evaluation', {}, day('2026-11-02'));

  await step(
    'End round: send the questionnaires (4 January)',
    'send-evaluation',
    {},
    day('2027-01-04'),
  );
  await importCsv(
    'Import the end-of-scheme answers',
    'evaluation',
    'evaluation-end.csv',
    demoEvaluationCsv('End', pairs, { mentees: 12, mentors: 8 }, day('2027-01-06'), 11),
    day('2027-01-09'),
  );
  await step('Reminders (11 January)', 'send-evaluation', {}, day('2027-01-11'));

  await step('Ask pairs about continuing (5 January)', 'send-continuation', {}, day('2027-01-05'));
  await importCsv(
    'Import the continuation answers',
    'continuation',
    'continuation.csv',
    // The deadline day ends at midnight London time (GMT in January).
    demoContinuationCsv(pairs, day('2027-01-07'), new Date('2027-01-23T00:00:00Z')),
    day('2027-01-23'),
  );
  await step(
    'After the deadline: outcomes (23 January)',
    'send-continuation',
    {},
    day('2027-01-23'),
  );
  await step('Write the evaluation summary', 'evaluation-report', {}, day('2027-01-30'));
  return { report: path.resolve(paths.out, 'reports', 'evaluation.html') };
}

async function writeRounds(paths: LocalPaths): Promise<void> {
  const session = await LocalSession.open(paths);
  try {
    const table = loadTable(session.ports.workbook, ROUNDS_TAB);
    table.removeRows(() => true);
    for (const [Round, Opens, Closes, Notes] of ROUNDS)
      table.append({ Round, Opens, Closes, Notes });
    session.ports.workbook.writeTab(table.spec, table.toData());
    await session.commit();
  } finally {
    await session.release();
  }
}

async function readPairs(paths: LocalPaths): Promise<DemoPair[]> {
  const session = await LocalSession.open(paths);
  try {
    const matches = loadTable(session.ports.workbook, MATCHES_TAB);
    return matches.rows
      .map((_, row) => ({
        pairCode: matches.text(row, 'Pair code'),
        menteeCode: matches.text(row, 'Mentee code'),
        mentorCode: matches.text(row, 'Mentor code'),
      }))
      .filter((p) => p.pairCode);
  } finally {
    await session.release();
  }
}
