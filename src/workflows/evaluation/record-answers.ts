import type { ActionContext } from '../../core/action';
import { loadSettings, loadTable, saveTable } from '../../core/workbook';
import {
  AIMS,
  readContinuationAnswer,
  readEvaluationAnswer,
} from '../../domain/evaluation/answers';
import { dayAfter, parseDay, readRounds } from '../../domain/evaluation/rounds';
import type { FormDefinition } from '../../domain/forms';
import { Cell, isDate } from '../../domain/table';
import {
  APPLICATIONS_TAB,
  CONTINUATION_TAB,
  EVALUATIONS_TAB,
  MATCHES_TAB,
  ROUNDS_TAB,
} from '../../domain/tabs';
import { plural } from '../../domain/text';
import type { LogRecord } from '../../ports';
import { readCohort } from '../cohort';
import { compareResponses, FormResponse, inArrivalOrder, noCounts } from '../../domain/responses';
import { readActivePairs } from './pairs';

/**
 * Evaluation and continuation answers, from a live submission or a CSV import alike. One row
 * per person per round (evaluation) or per person per pair (continuation): a later answer
 * replaces the earlier one, whose values go to the Log; the same answer again changes nothing;
 * an older one is kept in the Log only. A continuation answer after the deadline never replaces
 * one given in time: it gets its own row, for staff to see. Nothing is dropped: an answer whose
 * code or values are wrong is recorded with a Problems sentence and left out of the figures.
 */
export function recordAnswers(
  context: ActionContext,
  form: FormDefinition,
  responses: readonly FormResponse[],
  history: (key: string, previous: unknown) => LogRecord,
): { summary: string[]; data: Record<string, unknown> } {
  const { ports } = context;
  const settings = loadSettings(ports.workbook);
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const active = readActivePairs(
    matches,
    readCohort(loadTable(ports.workbook, APPLICATIONS_TAB)),
    settings,
  );
  const evaluation = form.id === 'evaluation';
  const table = loadTable(ports.workbook, evaluation ? EVALUATIONS_TAB : CONTINUATION_TAB);
  const rounds = evaluation
    ? readRounds(loadTable(ports.workbook, ROUNDS_TAB), settings.timeZone).rounds
    : [];
  const deadlineDay = parseDay(settings.continuationDeadline, settings.timeZone);
  const deadline = deadlineDay ? dayAfter(deadlineDay, settings.timeZone) : null;

  const keyOf = (row: number) =>
    evaluation
      ? `${table.text(row, 'Round').toLowerCase()}|${table.text(row, 'Participant code').toUpperCase()}`
      : `${table.text(row, 'Pair code').toUpperCase()}|${table.text(row, 'Participant code').toUpperCase()}|${isLate(table.get(row, 'Submitted'))}`;
  function isLate(submitted: Cell): boolean {
    return !!deadline && isDate(submitted) && submitted.getTime() >= deadline.getTime();
  }
  const rows = new Map<string, number>();
  for (const row of table.rows.keys()) rows.set(keyOf(row), row);

  const counts = noCounts();
  const old: LogRecord[] = [];
  let problems = 0;
  const ordered = inArrivalOrder(responses);
  for (const r of ordered) {
    const submitted: Cell = r.submitted ?? r.submittedText;
    let cells: Record<string, Cell>;
    let key: string;
    let usable: boolean;
    if (evaluation) {
      const a = readEvaluationAnswer(r.answers, {
        codes: new Set(active.byCode.keys()),
        rounds: rounds.map((x) => x.name),
      });
      const raw = (f: string) => r.answers.get(f)?.trim() ?? '';
      if (a.problems.length) problems += 1;
      cells = {
        Round: a.round,
        'Participant code': a.code,
        Role: active.byCode.get(a.code)?.role ?? '',
        ...Object.fromEntries(
          AIMS.map((aim) => [aim.column, a.ratings[aim.field] ?? (raw(aim.field) || null)]),
        ),
        'How often': raw('frequency'),
        'How met': raw('how'),
        Comments: a.comments,
        Submitted: submitted,
        Problems: a.problems.join('\n'),
      };
      key = `${a.round.toLowerCase()}|${a.code}`;
      usable = active.byCode.has(a.code) && rounds.some((x) => x.name === a.round);
    } else {
      const a = readContinuationAnswer(r.answers, { pairs: active.pairMembers });
      const lateNote =
        deadline && r.submitted && r.submitted.getTime() >= deadline.getTime()
          ? ['Arrived after the continuation deadline: shown to staff, the outcome is unchanged.']
          : [];
      cells = {
        'Pair code': a.pair,
        'Participant code': a.code,
        Role: active.byCode.get(a.code)?.role ?? '',
        'Carry on?': a.answer || (r.answers.get('continue')?.trim() ?? ''),
        Comment: a.comment,
        Submitted: submitted,
        Problems: [...a.problems, ...lateNote].join('\n'),
      };
      key = `${a.pair}|${a.code}|${isLate(submitted)}`;
      usable = !!active.pairMembers.get(a.pair)?.includes(a.code);
      if (a.problems.length) problems += 1;
    }
    // An answer that cannot be linked to a person (a wrong code or round) always gets a row.
    const row = usable ? rows.get(key) : undefined;
    if (row === undefined) {
      const added = table.append(cells);
      if (usable) rows.set(key, added);
      counts.added += 1;
      continue;
    }
    // THE superseding rule (domain/responses): the newest answer wins; the rest go to the Log.
    const verdict = compareResponses(submitted, table.get(row, 'Submitted'));
    if (verdict === 'same') {
      counts.unchanged += 1;
      continue;
    }
    if (verdict === 'older') {
      counts.older += 1;
      old.push(history(`${form.id}:${key}`, { ...cells, note: 'older than the answer kept' }));
      continue;
    }
    old.push(
      history(
        `${form.id}:${key}`,
        Object.fromEntries(table.header.map((h) => [h, table.get(row, h)])),
      ),
    );
    for (const [column, value] of Object.entries(cells)) table.set(row, column, value);
    counts.updated += 1;
  }
  // History first: if the run dies before the tab is saved, the earlier answers are still kept.
  if (old.length) ports.journal.append(old);
  saveTable(ports.workbook, table);
  return {
    summary: [
      `${plural(responses.length, 'response')} to "${form.title}": ${counts.added} new, ${counts.updated} replacing an earlier answer, ${counts.unchanged} unchanged${counts.older ? `, ${counts.older} older than the answer kept (in the Log)` : ''}.`,
      ...(problems
        ? [
            `${plural(problems, 'response')} with problems: see the Problems column of the ${table.spec.name} tab.`,
          ]
        : []),
    ],
    data: { ...counts, problems },
  };
}
