import type { ActionContext } from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer, tally } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { answerProblemsFor } from '../domain/answer-checks';
import { reviewApplications } from '../domain/review';
import type { FormDefinition } from '../domain/forms';
import { fnv1a64 } from '../domain/matching/input-hash';
import { peopleSettingProblem, requirePeopleSettings, type Settings } from '../domain/settings';
import type { Cell } from '../domain/table';
import { isDate } from '../domain/table';
import { APPLICATIONS_TAB, CHOICES_TAB, CONTINUATION_TAB, EVALUATIONS_TAB } from '../domain/tabs';
import { firstName, isValidEmail, normaliseEmail, plural } from '../domain/text';
import type { LogRecord } from '../ports';
import {
  applicationsAwaitingReview,
  awaitingReviewText,
  readApplications,
} from './applications-tab';
import { readCohort } from './cohort';
import { outcomeSummary } from './outcome-summary';
import { FormResponse, RecordCounts, recordApplications } from './record-applications';
import { recordChoices } from './record-choices';

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
  { live }: { live: boolean },
): IntakeResult {
  const settings = loadSettings(context.ports.workbook);
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
      return evaluations(context, form, responses);
    case 'continuation':
      return continuation(context, form, responses, history);
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
  // Problems are written at once, so staff see them before any review.
  const all = readApplications(table, settings.timeZone);
  const decisions = reviewApplications(all, settings);
  for (const row of recorded.touched)
    table.set(row, 'Problems', decisions[row].problems.join('\n'));
  saveTable(context.ports.workbook, table);
  const summary = [countsLine(form, responses.length, recorded.counts)];
  let outcomes: EffectOutcome[] = [];
  // Without a sender the submission is still recorded; the acknowledgement waits.
  const noSender = live
    ? peopleSettingProblem(settings, 'replyTo', 'acknowledgements come from it')
    : null;
  if (noSender && recorded.touched.length) summary.push(`No acknowledgement was sent. ${noSender}`);
  if (live && !noSender && recorded.touched.length) {
    const send = mailer();
    const link = settings.forms[form.id].link || 'the link you used before';
    outcomes = recorded.touched.flatMap((row) => {
      const application = all[row];
      if (!isValidEmail(application.email)) return [];
      const values = {
        Name: application.name,
        FirstName: firstName(application.name) || application.name,
        Role: form.id,
        FormLink: link,
        Problems: decisions[row].problems.map((p) => `- ${p}`).join('\n'),
      };
      const submitted = application.submitted ? application.submitted.toISOString() : 'undated';
      const sent = [
        send.send({
          key: `mail:acknowledged:${application.id}`,
          template: 'acknowledgement',
          to: [application.email],
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
 * What is wrong with an evaluation or continuation response: its answers checked against the
 * form, and its sender against the scheme. Recorded beside it, as applications' Problems are.
 */
function responseProblems(
  form: FormDefinition,
  r: FormResponse,
  cohort: ReturnType<typeof readCohort>,
): string {
  const email = normaliseEmail(r.email);
  const problems = answerProblemsFor(form, r.answers);
  if (!isValidEmail(email)) problems.unshift('The e-mail address is missing or not valid.');
  else if (!cohort.mentorByEmail.has(email) && !cohort.menteeByEmail.has(email))
    problems.unshift(`${email} is not the e-mail address of anyone in the scheme.`);
  return problems.join('\n');
}

function evaluations(
  context: ActionContext,
  form: FormDefinition,
  responses: readonly FormResponse[],
): IntakeResult {
  const table = loadTable(context.ports.workbook, EVALUATIONS_TAB);
  const cohort = readCohort(loadTable(context.ports.workbook, APPLICATIONS_TAB));
  const seen = new Set(
    table.rows.map(
      (_, r) => `${normaliseEmail(table.text(r, 'Email'))}|${table.text(r, 'Submitted')}`,
    ),
  );
  let added = 0;
  let withProblems = 0;
  for (const r of responses) {
    const email = normaliseEmail(r.email);
    const submitted: Cell = r.submitted ?? r.submittedText;
    const key = `${email}|${isDate(submitted) ? submitted.toISOString() : String(submitted)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const a = (f: string) => r.answers.get(f) ?? '';
    const scale = (f: string) => (/^[1-5]$/.test(a(f).trim()) ? Number(a(f)) : a(f));
    table.append({
      Email: email,
      Name: cohort.mentorByEmail.get(email)?.name ?? cohort.menteeByEmail.get(email)?.name ?? '',
      Role: a('role'),
      'Leadership skills': scale('leadership'),
      'Confidence and courage': scale('confidence'),
      'Less isolated': scale('isolation'),
      'Practical help': scale('practical'),
      'How often': a('frequency'),
      'How met': a('how'),
      Comments: a('comments'),
      Submitted: submitted,
      Problems: responseProblems(form, r, cohort),
    });
    added += 1;
    if (table.text(table.rows.length - 1, 'Problems')) withProblems += 1;
  }
  saveTable(context.ports.workbook, table);
  return {
    summary: [
      `${plural(added, 'evaluation')} recorded; ${responses.length - added} already there.`,
      ...(withProblems
        ? [
            `${plural(withProblems, 'evaluation')} with problems (see the Problems column of the Evaluations tab).`,
          ]
        : []),
    ],
    data: { added, unchanged: responses.length - added, problems: withProblems },
  };
}

function continuation(
  context: ActionContext,
  form: FormDefinition,
  responses: readonly FormResponse[],
  history: (key: string, previous: unknown) => LogRecord,
): IntakeResult {
  const table = loadTable(context.ports.workbook, CONTINUATION_TAB);
  const cohort = readCohort(loadTable(context.ports.workbook, APPLICATIONS_TAB));
  const rows = new Map(table.rows.map((_, r) => [normaliseEmail(table.text(r, 'Email')), r]));
  const counts: RecordCounts = { added: 0, updated: 0, unchanged: 0, older: 0 };
  const old: LogRecord[] = [];
  for (const r of [...responses].sort(
    (a, b) => (a.submitted?.getTime() ?? 0) - (b.submitted?.getTime() ?? 0),
  )) {
    const email = normaliseEmail(r.email);
    const mentor = cohort.mentorByEmail.get(email);
    const mentee = cohort.menteeByEmail.get(email);
    const cells: Record<string, Cell> = {
      Email: email,
      Name: mentor?.name ?? mentee?.name ?? '',
      Role: mentor ? 'Mentor' : mentee ? 'Mentee' : '',
      'Carry on?': r.answers.get('continue') ?? '',
      Comment: r.answers.get('comment') ?? '',
      Submitted: r.submitted ?? r.submittedText,
      Problems: responseProblems(form, r, cohort),
    };
    const row = rows.get(email);
    if (row === undefined) {
      rows.set(email, table.append(cells));
      counts.added += 1;
      continue;
    }
    const existing = table.get(row, 'Submitted');
    const incoming = cells.Submitted;
    if (isDate(existing) && isDate(incoming) && incoming.getTime() <= existing.getTime()) {
      if (incoming.getTime() === existing.getTime()) counts.unchanged += 1;
      else counts.older += 1;
      continue;
    }
    old.push(
      history(`continuation:${email}`, {
        'Carry on?': table.get(row, 'Carry on?'),
        Comment: table.get(row, 'Comment'),
        Submitted: existing,
        Problems: table.get(row, 'Problems'),
      }),
    );
    for (const [column, value] of Object.entries(cells)) table.set(row, column, value);
    counts.updated += 1;
  }
  keepHistory(context, old);
  saveTable(context.ports.workbook, table);
  return {
    summary: [
      countsLine(
        { title: 'Carrying on after the scheme' } as FormDefinition,
        responses.length,
        counts,
      ),
      ...(() => {
        const n = table.rows.filter((_, row) => table.text(row, 'Problems') !== '').length;
        return n
          ? [
              `${plural(n, 'response')} with problems (see the Problems column of the Continuation tab).`,
            ]
          : [];
      })(),
    ],
    data: { ...counts },
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

/** History first: if the run dies before the tab is saved, the earlier answers are still kept. */
function keepHistory(context: ActionContext, history: LogRecord[]): void {
  if (history.length > 0) context.ports.journal.append(history);
}
