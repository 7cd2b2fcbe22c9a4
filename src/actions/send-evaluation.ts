import type {
  Action,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { jobSummary, runJob } from '../core/job';
import { Mailer } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { isOpen, lastDayText, readRounds, Round, roundKey } from '../domain/evaluation/rounds';
import { EVALUATION_FORM } from '../domain/forms';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, EVALUATIONS_TAB, MATCHES_TAB, ROUNDS_TAB } from '../domain/tabs';
import { firstName, plural } from '../domain/text';
import type { Ports } from '../ports';
import { readCohort } from '../workflows/cohort';
import { Participant, readActivePairs } from '../workflows/evaluation/pairs';

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
  if (!ports.workbook.readTab(ROUNDS_TAB.name))
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

interface Due {
  participant: Participant;
  round: Round;
  key: string;
  template: 'evaluation-invite' | 'evaluation-reminder';
  /** 0 for the questionnaire, 1 or 2 for a reminder. */
  n: number;
}

/**
 * `send-evaluation`: for every open round, each participant of an active pair gets one e-mail
 * with a link pre-filled with their code and the round; those who have not answered get at most
 * two reminders, each `Reminder spacing (days)` after the last e-mail, and nothing once the round
 * has closed. A long job on the shared runner; it also asks to wake when the next reminders are due.
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
  const spacing = settings.reminderSpacingDays * DAY_MS;

  // What is due now, and when the next reminder will be (if its round is still open then).
  const due: Due[] = [];
  let nextDue: Date | null = null;
  const later = (at: Date, round: Round) => {
    if (at.getTime() < round.closes.getTime() && (!nextDue || at < nextDue)) nextDue = at;
  };
  for (const round of open) {
    const done = answered.get(round.name.toLowerCase()) ?? new Set<string>();
    for (const participant of active.participants) {
      if (done.has(participant.code)) continue;
      const step = nextStep(ledger, participant, round, spacing, now);
      if (!step) continue;
      if (step.at.getTime() > now.getTime()) later(step.at, round);
      else due.push({ participant, round, ...step });
    }
  }

  let link: ((answers: Record<string, string>) => string) | undefined;
  const sent = { invited: 0, reminded: 0 };
  const report = runJob(ports, {
    name: SEND_EVALUATION,
    items: due,
    timeZone: settings.timeZone,
    mail: { mailer, key: (d) => d.key },
    step: ({ participant: p, round, key, template, n }) => {
      link ??= ports.forms.prefill(EVALUATION_FORM, settings.forms.evaluation, [
        'participant',
        'round',
      ]);
      const outcome = mailer.send({
        key,
        template,
        to: [p.email],
        values: {
          Name: p.name,
          FirstName: firstName(p.name) || p.name,
          Round: round.name,
          FormLink: link({ participant: p.code, round: round.name }),
          Closes: lastDayText(round.closes, settings.timeZone),
        },
      });
      if (outcome === 'done') {
        sent[n === 0 ? 'invited' : 'reminded'] += 1;
        if (n < MAX_REMINDERS) later(new Date(now.getTime() + spacing), round);
      }
      return outcome;
    },
  });
  saveTable(ports.workbook, matches);
  const wake = report.queued === null ? (nextDue as Date | null) : null;
  if (wake) ports.jobs.continueLater(SEND_EVALUATION, wake, 'next reminders');

  const upcoming = rounds.filter((r) => r.opens.getTime() > now.getTime());
  const lines = open.map((round) => {
    const done = answered.get(round.name.toLowerCase()) ?? new Set<string>();
    const n = active.participants.filter((p) => done.has(p.code)).length;
    return `${round.name}: ${n} of ${active.participants.length} participants have answered (the questionnaire is optional).`;
  });
  return {
    summary: [
      ...(open.length
        ? [
            `Sent ${plural(sent.invited, 'questionnaire')} and ${plural(sent.reminded, 'reminder')}.`,
            ...jobSummary(report, {
              job: SEND_EVALUATION,
              noun: 'e-mail',
              item: 'e-mail',
              describe: (d) => d.participant.email,
            }).slice(1),
            ...lines,
          ]
        : [
            `No evaluation round is open today${upcoming.length ? `; the next, "${upcoming[0].name}", opens ${lastDayText(new Date(upcoming[0].opens.getTime() + 1), settings.timeZone)}` : ''}. Rounds are in the Rounds tab.`,
          ]),
      ...(wake
        ? [
            `Reminders to those who have not answered are due from ${lastDayText(new Date(wake.getTime() + 1), settings.timeZone)} (in Google they go by themselves; locally run this again).`,
          ]
        : []),
    ],
    data: {
      open: open.map((r) => r.name),
      ...report.counts,
      ...sent,
      nextDue: wake?.toISOString() ?? null,
    },
  };
}

/** The next e-mail of a person in a round and when it is due; null when there is none. */
function nextStep(ledger: EffectLedger, p: Participant, round: Round, spacing: number, now: Date) {
  const invite = inviteKey(round, p.code);
  const state = ledger.state(invite);
  // An uncertain e-mail is "due" so that the runner reports it (it is never sent again blindly).
  if (state !== 'done')
    return { key: invite, template: 'evaluation-invite' as const, at: now, n: 0 };
  let last = ledger.doneAt(invite) ?? now;
  for (let n = 1; n <= MAX_REMINDERS; n += 1) {
    const key = reminderKey(round, p.code, n);
    const s = ledger.state(key);
    if (s === 'done') {
      last = ledger.doneAt(key) ?? last;
      continue;
    }
    return {
      key,
      template: 'evaluation-reminder' as const,
      at: s === 'uncertain' ? now : new Date(last.getTime() + spacing),
      n,
    };
  }
  return null;
}

/** `status`: each round's questionnaires, reminders and answers. */
function sendEvaluationStatus({ ports, ledger, tab }: StatusContext): StatusSection {
  let rounds: Round[] = [];
  try {
    rounds = readRounds(tab(ROUNDS_TAB), loadSettings(ports.workbook).timeZone).rounds;
  } catch {
    return { lines: [], data: {} };
  }
  const answered = answeredCodes(tab(EVALUATIONS_TAB));
  const data: Record<string, { sent: number; reminders: number; answered: number }> = {};
  for (const round of rounds) {
    const sent = ledger.keys(`mail:evaluation:${roundKey(round)}:`, 'done').length;
    if (!sent) continue;
    data[round.name] = {
      sent,
      reminders: ledger.keys(`mail:evaluation-reminder:${roundKey(round)}:`, 'done').length,
      answered: answered.get(round.name.toLowerCase())?.size ?? 0,
    };
  }
  return {
    lines: Object.entries(data).map(
      ([name, d]) =>
        `Evaluation ${name}: ${plural(d.sent, 'questionnaire')} sent, ${plural(d.reminders, 'reminder')}, ${plural(d.answered, 'answer')}.`,
    ),
    data: { evaluation: data },
  };
}

export const SEND_EVALUATION_ACTION: Action = {
  id: SEND_EVALUATION,
  menu: 'Send evaluation questionnaires',
  functionName: 'sendEvaluation',
  summary:
    'E-mail everyone in a pair the optional questionnaire of each open round (Rounds tab), once, and at most two reminders to those who have not answered.',
  resumable: true,
  run: sendEvaluationAction,
  status: sendEvaluationStatus,
};
