import type { ActionContext, ActionResult } from '../../core/action';
import { EffectLedger, EffectOutcome } from '../../core/effect-ledger';
import { Mailer, tally } from '../../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../../core/workbook';
import { UserError } from '../../domain/errors';
import { isOpen, lastDayText, readRounds, Round, roundKey } from '../../domain/evaluation/rounds';
import { EVALUATION_FORM } from '../../domain/forms';
import type { Settings } from '../../domain/settings';
import type { Table } from '../../domain/table';
import { APPLICATIONS_TAB, EVALUATIONS_TAB, MATCHES_TAB, ROUNDS_TAB } from '../../domain/tabs';
import { firstName, plural } from '../../domain/text';
import type { Ports } from '../../ports';
import { readCohort } from '../cohort';
import { hasTime, scheduleNext } from './job';
import { Participant, readActivePairs } from './pairs';

export const SEND_EVALUATION = 'send-evaluation';
/** The issue's rule: at most two reminders per round, and none once someone has answered. */
export const MAX_REMINDERS = 2;
const DAY_MS = 86_400_000;

export const inviteKey = (round: Round, code: string) =>
  `mail:evaluation:${roundKey(round)}:${code}`;
export const reminderKey = (round: Round, code: string, n: number) =>
  `mail:evaluation-reminder:${roundKey(round)}:${code}:${n}`;

/** Rounds from the Rounds tab, or one sentence saying what to fix. */
export function loadRounds(ports: Ports, settings: Settings): Round[] {
  const table = ports.workbook.readTab(ROUNDS_TAB.name);
  if (!table)
    throw new UserError(
      'The workbook has no Rounds tab: run "Set up workbook" to add it, then check its dates.',
    );
  const { rounds, problems } = readRounds(loadTable(ports.workbook, ROUNDS_TAB), settings.timeZone);
  if (problems.length) throw new UserError(problems[0]);
  return rounds;
}

/** Participant codes that have answered each round (any answer counts, even one with problems). */
export function answeredCodes(evaluations: Table): Map<string, Set<string>> {
  const answered = new Map<string, Set<string>>();
  for (const row of evaluations.rows.keys()) {
    const round = evaluations.text(row, 'Round').toLowerCase();
    const code = evaluations.text(row, 'Participant code').toUpperCase();
    if (!round || !code) continue;
    if (!answered.has(round)) answered.set(round, new Set());
    answered.get(round)!.add(code);
  }
  return answered;
}

/**
 * `send-evaluation`: for every open round, each participant of an active pair gets one e-mail
 * with a link pre-filled with their code and the round; those who have not answered get at most
 * two reminders, each `Reminder spacing (days)` after the last e-mail, and nothing once the round
 * has closed. A long job: it continues by itself when the next reminders are due.
 */
export function sendEvaluationAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const rounds = loadRounds(ports, settings);
  const now = ports.clock.now();
  const open = rounds.filter((r) => isOpen(r, now));
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  const active = readActivePairs(matches, cohort, settings);
  const answered = answeredCodes(loadTable(ports.workbook, EVALUATIONS_TAB));
  const ledger = EffectLedger.open(ports, run, SEND_EVALUATION);
  const mailer = new Mailer(ports.mail, ledger, settings, loadTemplates(ports.workbook));
  if (open.length && active.participants.length && !settings.forms.evaluation.link)
    throw new UserError('The evaluation form has no link yet: run "Set up forms" first.');

  let link: ((answers: Record<string, string>) => string) | undefined;
  const formLink = (p: Participant, round: Round) => {
    link ??= ports.forms.prefill(EVALUATION_FORM, settings.forms.evaluation, [
      'participant',
      'round',
    ]);
    return link({ participant: p.code, round: round.name });
  };
  const outcomes: EffectOutcome[] = [];
  const lines: string[] = [];
  let nextDue: Date | null = null;
  let stoppedForTime = false;
  const spacing = settings.reminderSpacingDays * DAY_MS;

  for (const round of open) {
    const done = answered.get(round.name.toLowerCase()) ?? new Set<string>();
    const counts = { invited: 0, reminded: 0 };
    for (const p of active.participants) {
      if (done.has(p.code)) continue;
      const step = nextStep(p, round);
      if (!step) continue;
      if (step.due.getTime() > now.getTime()) {
        if (step.due.getTime() < round.closes.getTime() && (!nextDue || step.due < nextDue))
          nextDue = step.due;
        continue;
      }
      if (!hasTime(ports)) {
        stoppedForTime = true;
        break;
      }
      const outcome = mailer.send({
        key: step.key,
        template: step.template,
        to: [p.email],
        values: {
          Name: p.name,
          FirstName: firstName(p.name) || p.name,
          Round: round.name,
          FormLink: formLink(p, round),
          Closes: lastDayText(round.closes, settings.timeZone),
        },
      });
      outcomes.push(outcome);
      if (outcome === 'done')
        counts[step.template === 'evaluation-invite' ? 'invited' : 'reminded'] += 1;
      // The reminder after this one is due a spacing later (if the round is still open then).
      const following = new Date(now.getTime() + spacing);
      if (
        outcome === 'done' &&
        step.n < MAX_REMINDERS &&
        following < round.closes &&
        (!nextDue || following < nextDue)
      )
        nextDue = following;
    }
    const answeredHere = active.participants.filter((p) => done.has(p.code)).length;
    lines.push(
      `${round.name}: ${plural(counts.invited, 'questionnaire')} and ${plural(counts.reminded, 'reminder')} sent; ${answeredHere} of ${active.participants.length} participants have answered.`,
    );
    if (stoppedForTime) break;
  }

  function nextStep(p: Participant, round: Round) {
    const invite = inviteKey(round, p.code);
    const state = ledger.state(invite);
    if (state === 'uncertain') return null;
    if (state !== 'done') return { key: invite, template: 'evaluation-invite', due: now, n: 0 };
    let last = ledger.doneAt(invite) ?? now;
    for (let n = 1; n <= MAX_REMINDERS; n += 1) {
      const key = reminderKey(round, p.code, n);
      const s = ledger.state(key);
      if (s === 'done') {
        last = ledger.doneAt(key) ?? last;
        continue;
      }
      if (s === 'uncertain') return null;
      return { key, template: 'evaluation-reminder', due: new Date(last.getTime() + spacing), n };
    }
    return null;
  }

  saveTable(ports.workbook, matches);
  const scheduled = scheduleNext(
    ports,
    SEND_EVALUATION,
    { stoppedForTime, outcomes, nextDue },
    settings.timeZone,
    'next reminders',
  );
  const counts = tally(outcomes);
  const upcoming = rounds.filter((r) => r.opens.getTime() > now.getTime());
  return {
    summary: [
      ...(open.length
        ? lines
        : [
            `No evaluation round is open today${upcoming.length ? `; the next, "${upcoming[0].name}", opens ${lastDayText(new Date(upcoming[0].opens.getTime() + 1), settings.timeZone)}` : ''}. Rounds are in the Rounds tab.`,
          ]),
      ...(counts.queued
        ? [
            `${plural(counts.queued, 'e-mail')} queued: daily e-mail limit. They go out tomorrow (in Google automatically).`,
          ]
        : []),
      ...(counts.uncertain
        ? [
            `${plural(counts.uncertain, 'e-mail')} may or may not have gone: check the Log, then set its row to "retry".`,
          ]
        : []),
      ...(counts.failed
        ? [`${plural(counts.failed, 'e-mail')} failed: see the Log tab for why.`]
        : []),
      ...(scheduled === 'due' && nextDue
        ? [
            `Reminders to those who have not answered are due from ${lastDayText(new Date(nextDue.getTime() + 1), settings.timeZone)} (in Google they go by themselves; locally run this again).`,
          ]
        : []),
      ...(stoppedForTime
        ? ['The run stopped before the time limit and continues in a minute.']
        : []),
    ],
    data: { open: open.map((r) => r.name), ...counts, nextDue: nextDue?.toISOString() ?? null },
  };
}
