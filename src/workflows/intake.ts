import type { ActionContext } from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer, tally } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import type { FormResponse, RecordCounts } from '../domain/responses';
import { reviewApplications } from '../domain/review';
import type { FormDefinition } from '../domain/forms';
import { fnv1a64 } from '../domain/hash';
import { peopleSettingProblem, requirePeopleSettings, type Settings } from '../domain/settings';
import { APPLICATIONS_TAB, CHOICES_TAB, LOG_TAB } from '../domain/tabs';
import { firstName, isValidEmail, normaliseEmail, plural } from '../domain/text';
import type { LogRecord } from '../ports';
import {
  applicationsAwaitingReview,
  awaitingReviewText,
  readApplications,
} from './applications-tab';
import { readCohort } from './cohort';
import { applyHistory, readHistory } from './history';
import { outcomeSummary } from '../core/outcome-summary';
import { recordApplications } from './record-applications';
import { recordChoices } from './record-choices';
import { recordAnswers } from './evaluation/record-answers';

export interface IntakeResult {
  summary: string[];
  data: Record<string, unknown>;
}

/**
 * Every form response enters here, from a CSV import or a live submission alike: validated
 * with the same rules, written to its tab once, e-mails keyed so each goes once. A live
 * submission also acknowledges applicants (an import catches up on past responses, so it
 * does not).
 */
export function recordResponses(
  context: ActionContext,
  form: FormDefinition,
  responses: readonly FormResponse[],
  { live, settings: given }: { live: boolean; settings?: Settings },
): IntakeResult {
  // The sweep passes settings read leniently: a typo in Settings never stops intake.
  const settings = given ?? loadSettings(context.ports.workbook);
  const history = (key: string, previous: unknown): LogRecord => ({
    time: context.ports.clock.now(),
    run: context.run,
    action: live ? 'form-submission' : 'import',
    key: `history:${key}`,
    state: 'history',
    detail: `Answers replaced by a later response: ${JSON.stringify(previous)}`,
  });
  const mailer = () =>
    new Mailer(
      context.ports.mail,
      EffectLedger.open(context.ports, context.run, live ? 'form-submission' : 'import'),
      settings,
      loadTemplates(context.ports.workbook),
    );
  switch (form.id) {
    case 'mentor':
    case 'mentee':
      return applications(context, settings, form, responses, history, live, mailer);
    case 'choices':
      return choices(context, settings, responses, history, live, mailer);
    case 'evaluation':
    case 'continuation':
      return recordAnswers(context, form, responses, history);
    case 'concern':
      return concerns(context, settings, responses, mailer);
  }
}

function countsLine(form: FormDefinition, n: number, counts: RecordCounts): string {
  const parts = [
    `${counts.added} new`,
    `${counts.updated} updated`,
    `${counts.unchanged} unchanged`,
  ];
  if (counts.older) parts.push(`${counts.older} older than the answers already recorded (ignored)`);
  return `${plural(n, 'response')} to "${form.title}": ${parts.join(', ')}.`;
}

function applications(
  context: ActionContext,
  settings: Settings,
  form: FormDefinition,
  responses: readonly FormResponse[],
  history: (key: string, previous: unknown) => LogRecord,
  live: boolean,
  mailer: () => Mailer,
): IntakeResult {
  const table = loadTable(context.ports.workbook, APPLICATIONS_TAB);
  const recorded = recordApplications(table, form, responses, history);
  keepHistory(context, recorded.history);
  // A returning mentor's last profile fills the blanks of a response just recorded (when they
  // asked and agreed); Problems are written at once, so staff see them before any review.
  const read = readApplications(table, settings.timeZone);
  const { applications: all, held } = recorded.touched.length
    ? applyHistory(table, read, readHistory(context.ports.archives), recorded.touched)
    : { applications: read, held: new Map<number, string[]>() };
  const decisions = reviewApplications(all, settings, held);
  for (const row of recorded.touched)
    table.set(row, 'Problems', decisions[row].problems.join('\n'));
  // A live response's acknowledgement is owed from the moment it is recorded: the debt goes to
  // the Log before the tab, so a run that dies (or runs out of quota) before the e-mail leaves
  // it for the next sweep, which would otherwise see the response as already recorded.
  const owed = live ? acknowledgementsOwed(context, form) : new Set<string>();
  if (live && recorded.touched.length) {
    context.ports.journal.append(
      recorded.touched.map((row) => ({
        time: context.ports.clock.now(),
        run: context.run,
        action: 'form-submission',
        key: `${ACK_OWED}${form.id}:${all[row].id}`,
        state: 'note' as const,
        detail: 'an acknowledgement is owed for this response',
      })),
    );
  }
  saveTable(context.ports.workbook, table);
  const summary = [countsLine(form, responses.length, recorded.counts)];
  let outcomes: EffectOutcome[] = [];
  // Without a sender the submission is still recorded; the acknowledgement stays owed.
  const noSender = live
    ? peopleSettingProblem(settings, 'replyTo', 'acknowledgements come from it')
    : null;
  if (noSender && recorded.touched.length) summary.push(`No acknowledgement was sent. ${noSender}`);
  const toAcknowledge =
    live && !noSender
      ? all
          .map((_, row) => row)
          .filter((row) => recorded.touched.includes(row) || owed.has(all[row].id))
      : [];
  if (toAcknowledge.length) {
    const send = mailer();
    const link = settings.forms[form.id].link || 'the link you used before';
    outcomes = toAcknowledge.flatMap((row) => {
      const application = all[row];
      if (!isValidEmail(application.email)) return [];
      const values = {
        Name: application.name,
        FirstName: firstName(application.name) || application.name,
        Role: form.id,
        FormLink: link,
        Problems: decisions[row].problems.map((p) => `- ${p}`).join('\n'),
        // What was submitted in this address's name (the form cannot verify who sent it).
        Submitted: [
          `an application to be a ${form.id}`,
          application.name,
          application.jobTitle,
          application.service,
        ]
          .filter(Boolean)
          .join(', '),
      };
      const submitted = application.submitted ? application.submitted.toISOString() : 'undated';
      const sent = [
        send.send({
          key: `mail:acknowledged:${application.id}`,
          template: 'acknowledgement',
          to: [application.email],
          names: { [application.email]: application.name },
          values,
        }),
      ];
      const fixable = decisions[row].problems.filter((p) => !/Applied (twice|as both)/.test(p));
      if (fixable.length) {
        sent.push(
          send.send({
            key: `mail:application-problem:${application.id}:${submitted}`,
            template: 'application-problem',
            to: [application.email],
            names: { [application.email]: application.name },
            values: { ...values, Problems: fixable.map((p) => `- ${p}`).join('\n') },
          }),
        );
      }
      return sent;
    });
    summary.push(...outcomeSummary(tally(outcomes), 'e-mail', []));
  } else if (recorded.counts.added || recorded.counts.updated) {
    summary.push('Next: run review-applications.');
  }
  if (recorded.counts.updated)
    summary.push('Earlier answers of people who submitted again are kept in the Log tab.');
  return { summary, data: { ...recorded.counts, emails: tally(outcomes) } };
}

function choices(
  context: ActionContext,
  settings: Settings,
  responses: readonly FormResponse[],
  history: (key: string, previous: unknown) => LogRecord,
  live: boolean,
  mailer: () => Mailer,
): IntakeResult {
  const applicationsTable = loadTable(context.ports.workbook, APPLICATIONS_TAB);
  // Whether a choice can be used depends on who has a place: until the review has decided
  // that, an import is refused and a live choice is recorded and checked but not answered.
  const pending = applicationsAwaitingReview(applicationsTable);
  if (pending.length && !live) {
    throw new UserError(
      `${awaitingReviewText(pending)} not been reviewed yet, so the choices cannot be checked: run review-applications first, then import the choices again.`,
    );
  }
  const cohort = readCohort(applicationsTable);
  const table = loadTable(context.ports.workbook, CHOICES_TAB);
  const recorded = recordChoices(table, cohort, responses, history);
  keepHistory(context, recorded.history);
  saveTable(context.ports.workbook, table);
  const outcomes: EffectOutcome[] = [];
  const uncertain: string[] = [];
  // A live choice is answered only when what is wrong with it cannot change at review: it
  // names nobody awaiting review, and the mentee's own place is decided.
  const pendingEmails = new Set(pending.map((p) => p.email));
  const mentorPending = pending.some((p) => p.role === 'mentor');
  const mayChange = (p: (typeof recorded.problems)[number]) =>
    pendingEmails.has(p.email) ||
    p.choices.some(
      (c) =>
        pendingEmails.has(normaliseEmail(c)) ||
        (mentorPending && c !== '' && !cohort.mentorByEmail.has(normaliseEmail(c))),
    );
  const held = recorded.problems.filter(mayChange);
  const answerable = recorded.problems.filter((p) => !mayChange(p));
  if (answerable.length) {
    const send = mailer();
    for (const p of answerable) {
      const outcome = send.send({
        key: `mail:choice-problem:${p.email}:${p.submitted ? p.submitted.toISOString() : 'undated'}`,
        template: 'choice-problem',
        to: [p.email],
        names: { [p.email]: p.name },
        values: {
          Name: p.name || p.email,
          FirstName: firstName(p.name) || p.name || 'colleague',
          Problems: p.problems.map((line) => `- ${line}`).join('\n'),
          FormLink:
            settings.forms.choices.link ||
            'the link in the e-mail we sent you after the launch day',
        },
      });
      if (outcome === 'uncertain') uncertain.push(p.email);
      outcomes.push(outcome);
    }
  }
  return {
    summary: [
      countsLine(
        { title: 'Choose three potential mentors' } as FormDefinition,
        responses.length,
        recorded.counts,
      ),
      `${plural(recorded.problems.length, 'response')} with problems (see the Problems column of the Choices tab).`,
      ...(answerable.length
        ? outcomeSummary(tally(outcomes), 'request to resubmit', uncertain, 'requests to resubmit')
        : []),
      ...(held.length
        ? [
            `No request to resubmit was sent for ${plural(held.length, 'response')}, as ${awaitingReviewText(pending)} not been reviewed yet: run review-applications, then check the Problems column of the Choices tab.`,
          ]
        : []),
    ],
    data: {
      ...recorded.counts,
      problems: recorded.problems.length,
      resubmitRequests: tally(outcomes),
      resubmitHeld: held.length,
    },
  };
}

/**
 * A concern is forwarded to the supervisor and the scheme lead and never written to the
 * workbook, which every editor can read: the Log records only that one arrived and to whom it
 * went (keyed by a hash, so a re-delivered submission is not forwarded twice).
 */
function concerns(
  context: ActionContext,
  settings: Settings,
  responses: readonly FormResponse[],
  mailer: () => Mailer,
): IntakeResult {
  // Confidential: refuse rather than forward to nobody, or to an example address.
  requirePeopleSettings(
    settings,
    ['supervisorEmail', 'schemeLeadEmail'],
    'confidential concerns are forwarded to it',
  );
  const recipients = [...new Set([settings.supervisorEmail, settings.schemeLeadEmail])];
  const send = mailer();
  const outcomes = responses.map((r) =>
    send.send({
      key: `mail:concern:${fnv1a64(`${normaliseEmail(r.email)}|${r.submitted?.toISOString() ?? r.submittedText}|${r.answers.get('concern') ?? ''}`)}`,
      template: 'concern-forward',
      to: recipients,
      names: { [settings.supervisorEmail]: settings.supervisorName },
      values: {
        Sender: r.email || '(no e-mail address given)',
        Contact: r.answers.get('contact') ?? '',
        Concern: r.answers.get('concern') ?? '',
      },
    }),
  );
  const counts = tally(outcomes);
  return {
    summary: [
      `${plural(responses.length, 'concern')} forwarded in confidence to ${recipients.join(' and ')} (not stored in the workbook).`,
      ...outcomeSummary(counts, 'e-mail', []),
    ],
    data: { forwarded: counts.done, ...counts },
  };
}

const ACK_OWED = 'ack-owed:';

/** Applications of this form whose acknowledgement a live recording noted as owed. */
function acknowledgementsOwed(context: ActionContext, form: FormDefinition): Set<string> {
  const log = loadTable(context.ports.workbook, LOG_TAB);
  const prefix = `${ACK_OWED}${form.id}:`;
  const owed = new Set<string>();
  log.rows.forEach((_, row) => {
    const key = log.text(row, 'Key');
    if (key.startsWith(prefix)) owed.add(key.slice(prefix.length));
  });
  return owed;
}

/** History first: if the run dies before the tab is saved, the earlier answers are still kept. */
function keepHistory(context: ActionContext, history: LogRecord[]): void {
  if (history.length > 0) context.ports.journal.append(history);
}
