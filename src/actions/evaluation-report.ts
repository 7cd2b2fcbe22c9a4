import type { Action, ActionContext, ActionResult } from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { loadSettings, loadTable } from '../core/workbook';
import { readEvaluationAnswer, AIMS } from '../domain/evaluation/answers';
import { CONTINUATION_OUTCOMES } from '../domain/evaluation/continuation';
import { evaluationSummary, Role, SummaryAnswer } from '../domain/evaluation/summary';
import { isDate } from '../domain/table';
import { APPLICATIONS_TAB, EVALUATIONS_TAB, MATCHES_TAB } from '../domain/tabs';
import { lastDayText } from '../domain/evaluation/rounds';
import { readCohort } from '../workflows/cohort';
import { readActivePairs } from '../workflows/evaluation/pairs';
import { inviteKey, loadRounds } from './send-evaluation';

/** The Evaluations columns as the answers' fields, so a row is checked like a response. */
const FIELD_OF_COLUMN: Record<string, string> = {
  Round: 'round',
  'Participant code': 'participant',
  ...Object.fromEntries(AIMS.map((a) => [a.column, a.field])),
  'How often': 'frequency',
  'How met': 'how',
  Comments: 'comments',
};

/**
 * `evaluation-report`: the evaluation summary staff read at a glance, rebuilt from the workbook
 * each time: in Google the "Evaluation summary" tab with its charts, locally
 * out/reports/evaluation.html. Changes nothing else.
 */
export function evaluationReportAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const rounds = loadRounds(ports, settings);
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const active = readActivePairs(
    matches,
    readCohort(loadTable(ports.workbook, APPLICATIONS_TAB)),
    settings,
  );
  const ledger = EffectLedger.open(ports, run, 'evaluation-report');
  const names = rounds.map((r) => r.name);

  const asked = new Map<string, Record<Role, number>>();
  for (const round of rounds) {
    const count: Record<Role, number> = { Mentor: 0, Mentee: 0 };
    for (const p of active.participants)
      if (ledger.state(inviteKey(round, p.code)) === 'done') count[p.role] += 1;
    asked.set(round.name, count);
  }

  // One answer per person per round: the latest (the superseding rule), linked to a participant.
  const evaluations = loadTable(ports.workbook, EVALUATIONS_TAB);
  const latest = new Map<string, { at: number; answer: SummaryAnswer }>();
  for (const row of evaluations.rows.keys()) {
    const answers = new Map(
      Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [
        field,
        evaluations.has(column) ? evaluations.text(row, column) : '',
      ]),
    );
    const a = readEvaluationAnswer(answers, {
      codes: new Set(active.byCode.keys()),
      rounds: names,
    });
    const person = active.byCode.get(a.code);
    if (!person || !names.includes(a.round)) continue;
    const submitted = evaluations.get(row, 'Submitted');
    const at = isDate(submitted) ? submitted.getTime() : 0;
    const key = `${a.round}|${a.code}`;
    if ((latest.get(key)?.at ?? -1) > at) continue;
    latest.set(key, {
      at,
      answer: {
        round: a.round,
        role: person.role,
        ratings: a.ratings,
        frequency: a.frequency,
        how: a.how,
        comments: a.comments,
      },
    });
  }

  const outcomes: Record<string, number> = {};
  for (const pair of active.pairs) {
    const text = matches.text(pair.row, 'Continuation');
    const outcome = Object.values(CONTINUATION_OUTCOMES).find((o) => text.startsWith(o));
    if (outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  const report = evaluationSummary({
    rounds: names,
    asked,
    answers: [...latest.values()].map((l) => l.answer),
    outcomes,
    // The day only: a second run on the same day rewrites nothing.
    generated: lastDayText(new Date(ports.clock.now().getTime() + 1), settings.timeZone),
  });
  const published = ports.reports.publish(report);
  return {
    summary: [
      `Evaluation summary of ${latest.size} answers over ${rounds.length} rounds, with ${published.charts} charts: ${published.where}.`,
      'Groups of fewer than 5 people are not shown on their own.',
    ],
    data: { where: published.where, charts: published.charts, answers: latest.size, report },
  };
}

export const EVALUATION_REPORT_ACTION: Action = {
  id: 'evaluation-report',
  menu: 'Evaluation summary',
  functionName: 'evaluationSummary',
  summary:
    'Summarise the questionnaires and the January decision (response rates, the aims, how pairs met, outcomes, comments); small groups are never shown.',
  run: evaluationReportAction,
};
