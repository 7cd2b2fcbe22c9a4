import { mailOutcomeWords } from '../core/outcome-summary';
import type {
  Action,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import {
  CONTINUATION_OUTCOMES,
  finalOutcome,
  pairOutcome,
} from '../domain/evaluation/continuation';
import { dayAfter, lastDayText, parseDay } from '../domain/evaluation/rounds';
import { CONTINUATION_FORM } from '../domain/forms';
import type { Settings } from '../domain/settings';
import { isDate, Table } from '../domain/table';
import { APPLICATIONS_TAB, CONTINUATION_TAB, MATCHES_TAB } from '../domain/tabs';
import { firstName, plural } from '../domain/text';
import { readCohort } from '../workflows/cohort';
import { runJob } from '../core/job';
import { continuationStatus } from '../workflows/evaluation/status-lines';
import { ActivePair, Participant, readActivePairs } from '../workflows/evaluation/pairs';

export const SEND_CONTINUATION = 'send-continuation';

const SENT = mailOutcomeWords('them');

/** The first instant after the deadline day, or one sentence saying what to fix. */
export function continuationDeadline(settings: Settings): Date {
  const day = parseDay(settings.continuationDeadline, settings.timeZone);
  if (!day) {
    throw new UserError(
      settings.continuationDeadline
        ? `In Settings, "Continuation deadline" must be a date such as 2027-01-24 (it is "${settings.continuationDeadline}").`
        : 'Fill in "Continuation deadline" in the Settings tab first (the last day to answer, e.g. 2027-01-24).',
    );
  }
  return dayAfter(day, settings.timeZone);
}

interface Answer {
  answer: string;
  submitted: Date | null;
  late: boolean;
}

/** Each person's answer for each pair: the latest on time, and the latest after the deadline. */
export function continuationAnswers(
  table: Table,
  deadline: Date,
): Map<string, { onTime?: Answer; late?: Answer }> {
  const answers = new Map<string, { onTime?: Answer; late?: Answer }>();
  for (const row of table.rows.keys()) {
    const key = `${table.text(row, 'Pair code').toUpperCase()}|${table.text(row, 'Participant code').toUpperCase()}`;
    const submittedCell = table.get(row, 'Submitted');
    const submitted = isDate(submittedCell) ? submittedCell : null;
    const late = submitted !== null && submitted.getTime() >= deadline.getTime();
    const entry = answers.get(key) ?? {};
    const slot = late ? 'late' : 'onTime';
    const current = entry[slot];
    if (!current || (submitted && (!current.submitted || submitted > current.submitted)))
      entry[slot] = { answer: table.text(row, 'Carry on?'), submitted, late };
    answers.set(key, entry);
  }
  return answers;
}

/**
 * `send-continuation`: asks both people of every active pair, separately and privately, whether
 * they want to carry on after the scheme (a link pre-filled with the pair's and their own code),
 * and keeps the pair's outcome in Matches from both answers. Only after the deadline does each
 * person get one outcome e-mail, in neutral words that are the same for both, so no e-mail can
 * later turn out untrue and no one learns the other's answer. A pair without both answers by the
 * deadline is for staff to decide (Staff decision column; Ending unless they choose otherwise).
 */
export function sendContinuationAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const deadline = continuationDeadline(settings);
  const now = ports.clock.now();
  const passed = now.getTime() >= deadline.getTime();
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  const active = readActivePairs(matches, cohort, settings);
  const answers = continuationAnswers(loadTable(ports.workbook, CONTINUATION_TAB), deadline);
  const ledger = EffectLedger.open(ports, run, SEND_CONTINUATION);
  const mailer = new Mailer(ports.mail, ledger, settings, loadTemplates(ports.workbook));
  if (!passed && active.pairs.length && !settings.forms.continuation.link)
    throw new UserError('The continuation form has no link yet: run "Set up forms" first.');
  let link: ((answers: Record<string, string>) => string) | undefined;

  const counts: Record<string, number> = Object.fromEntries(
    Object.values(CONTINUATION_OUTCOMES).map((o) => [o, 0]),
  );
  const late: string[] = [];
  const deadlineText = lastDayText(deadline, settings.timeZone);
  const outcomeKey = (pair: ActivePair, p: Participant) =>
    `mail:continuation-outcome:${pair.code}:${p.code}`;
  const both = (pair: ActivePair) =>
    [
      [pair.mentee, pair.mentor],
      [pair.mentor, pair.mentee],
    ] as const;

  // First every pair's outcome, from both answers (pure); then the e-mails, as a job.
  const todo: { pair: ActivePair; final: ReturnType<typeof finalOutcome>; asks: Participant[] }[] =
    [];
  for (const pair of active.pairs) {
    // Once both have been told, the outcome stands: nothing recomputes it.
    if ([pair.mentee, pair.mentor].every((p) => ledger.state(outcomeKey(pair, p)) === 'done')) {
      const told = Object.values(CONTINUATION_OUTCOMES).find((o) =>
        matches.text(pair.row, 'Outcome e-mail').endsWith(o),
      );
      counts[told ?? CONTINUATION_OUTCOMES.ending] += 1;
      continue;
    }
    const of = (p: Participant) => answers.get(`${pair.code}|${p.code}`) ?? {};
    const says = (p: Participant) => of(p).onTime?.answer ?? '';
    const outcome = pairOutcome(says(pair.mentee), says(pair.mentor), passed);
    counts[outcome] += 1;
    matches.set(pair.row, 'Mentee carry on?', says(pair.mentee) || 'No answer yet');
    matches.set(pair.row, 'Mentor carry on?', says(pair.mentor) || 'No answer yet');
    const lateNotes = [pair.mentee, pair.mentor]
      .filter((p) => of(p).late)
      .map((p) => `${p.role} answered "${of(p).late!.answer}" after the deadline`);
    if (lateNotes.length)
      late.push(`${pair.mentee.name} & ${pair.mentor.name}: ${lateNotes.join('; ')}.`);
    matches.set(
      pair.row,
      'Continuation',
      [
        outcome === CONTINUATION_OUTCOMES.staff
          ? 'Staff to decide: no agreement by the deadline (write Continuing or Ending at scheme close in Staff decision; Ending if left empty)'
          : outcome,
        ...lateNotes.map((n) => `${n} (outcome unchanged)`),
      ].join('. '),
    );
    if (!passed) {
      const asks = [pair.mentee, pair.mentor].filter((p) => !says(p));
      if (asks.length) todo.push({ pair, final: null, asks });
      continue;
    }
    const final = finalOutcome(outcome, matches.text(pair.row, 'Staff decision'));
    if (final) todo.push({ pair, final, asks: [] });
  }

  let asked = 0;
  let told = 0;
  const report = runJob(ports, {
    name: SEND_CONTINUATION,
    items: todo,
    timeZone: settings.timeZone,
    step: ({ pair, final, asks }) => {
      const results: EffectOutcome[] = [];
      for (const [p, partner] of both(pair)) {
        const values = {
          Name: p.name,
          FirstName: firstName(p.name) || p.name,
          Partner: partner.name,
        };
        if (!final) {
          if (!asks.includes(p)) continue;
          link ??= ports.forms.prefill(CONTINUATION_FORM, settings.forms.continuation, [
            'pair',
            'participant',
          ]);
          const sent = mailer.send({
            key: `mail:continuation:${pair.code}:${p.code}`,
            template: 'continuation-question',
            to: [p.email],
            values: {
              ...values,
              Deadline: deadlineText,
              FormLink: link({ pair: pair.code, participant: p.code }),
            },
          });
          if (sent === 'done') asked += 1;
          results.push(sent);
          continue;
        }
        const sent = mailer.send({
          // One outcome e-mail per person and pair, whatever staff change later.
          key: outcomeKey(pair, p),
          template:
            final === CONTINUATION_OUTCOMES.continuing
              ? 'continuation-continuing'
              : 'continuation-ending',
          to: [p.email],
          values: { ...values, FolderLink: pair.folder || 'your shared folder in Google Drive' },
        });
        if (sent === 'done') told += 1;
        results.push(sent);
      }
      const worst = results.find((r) => r !== 'done' && r !== 'already-done') ?? results[0];
      if (final) matches.set(pair.row, 'Outcome e-mail', `${SENT[worst]}: ${final}`);
      return worst;
    },
  });
  saveTable(ports.workbook, matches);
  // Before the deadline the job wakes just after it, to work out and send the outcomes.
  if (report.queued === null && !passed)
    ports.jobs.continueLater(
      SEND_CONTINUATION,
      new Date(deadline.getTime() + 600_000),
      'the continuation deadline',
    );
  const c = report.counts;
  const staff = counts[CONTINUATION_OUTCOMES.staff];
  return {
    summary: [
      `${plural(active.pairs.length, 'active pair')}: ${counts[CONTINUATION_OUTCOMES.continuing]} continuing, ${counts[CONTINUATION_OUTCOMES.ending]} ending at scheme close, ${counts[CONTINUATION_OUTCOMES.waiting]} waiting for answers, ${staff} for staff to decide (the Continuation column of Matches).`,
      passed
        ? `The deadline (${deadlineText}) has passed: sent ${plural(told, 'outcome e-mail')}, one to each person, saying only the outcome.`
        : `Asked ${plural(asked, 'person', 'people')} (each privately); answers can change until ${deadlineText}, and the outcome e-mails go after it (in Google by themselves; locally run this again then).`,
      ...(passed && staff
        ? [
            `${plural(staff, 'pair')} did not both answer by the deadline: write Continuing or Ending at scheme close in their Staff decision column (Ending if left empty), then run this again to tell them.`,
          ]
        : []),
      ...late.map((l) => `After the deadline: ${l}`),
      ...(c.queued
        ? [
            `${plural(c.queued, 'pair')} queued: daily e-mail limit; in Google they are tried again every hour.`,
          ]
        : []),
      ...(report.notReached
        ? [
            `${plural(report.notReached, 'pair')} still to do: the run stopped before the time limit and continues soon, by itself in Google.`,
          ]
        : []),
      ...(c.uncertain
        ? [
            `${plural(c.uncertain, 'e-mail')} may or may not have gone: check the Log, then set its row to "retry".`,
          ]
        : []),
      ...(c.failed
        ? [`E-mails to ${plural(c.failed, 'pair')} failed: see the Log tab for why.`]
        : []),
    ],
    data: { outcomes: counts, asked, told, ...c, late },
  };
}

/** `status`: the January decision, counted from the Continuation column of Matches. */
function sendContinuationStatus({ tab }: StatusContext): StatusSection {
  const { lines, counts } = continuationStatus(tab(MATCHES_TAB));
  return { lines, data: { continuation: counts } };
}

export const SEND_CONTINUATION_ACTION: Action = {
  id: SEND_CONTINUATION,
  menu: 'Ask pairs about continuing',
  functionName: 'sendContinuation',
  summary:
    'Ask both people of every pair, privately, whether to carry on after the scheme; after the deadline, tell each the outcome once.',
  resumable: true,
  run: sendContinuationAction,
  status: sendContinuationStatus,
};
