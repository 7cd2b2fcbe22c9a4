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
import { loadSettings, loadTable, loadTemplates } from '../core/workbook';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB } from '../domain/tabs';
import { firstName, isValidEmail, plural } from '../domain/text';
import { UserError } from '../domain/errors';
import { CONSENT_VERSION, CONSENT_WORDING } from '../domain/forms';
import { needsFreshConsent } from '../domain/returning';
import { applicationsAwaitingReview, awaitingReviewText } from '../workflows/applications-tab';

export const NOTIFY_APPLICANTS = 'notify-applicants';

const TEMPLATE_FOR: Record<string, (role: string) => string> = {
  Accepted: (role) => (role === 'Mentor' ? 'accepted-mentor' : 'accepted-mentee'),
  Waitlisted: () => 'waitlisted',
  Ineligible: () => 'ineligible',
};

/** The key of the one e-mail telling applicant `id` about decision `status`. */
export function decisionKey(status: string, id: string): string {
  return `mail:${status.toLowerCase()}:${id}`;
}

/** The key of the one request to applicant `id` to agree to consent wording `version`. */
export function consentAgainKey(id: string, version: string = CONSENT_VERSION): string {
  return `mail:consent-again:${id}:${version}`;
}

interface Decision {
  row: number;
  id: string;
  email: string;
  status: string;
  key: string;
  template: string;
}

/**
 * Rows with a decision to tell, or a returning person to ask for fresh consent (the review
 * holds them at Applied), split into those with a usable address and those without.
 */
function decisions(table: Table): { told: Decision[]; noAddress: string[] } {
  const told: Decision[] = [];
  const noAddress: string[] = [];
  for (const row of table.rows.keys()) {
    const status = table.text(row, 'Status');
    const role = table.text(row, 'Role');
    const id = table.text(row, 'ID');
    const askAgain = needsFreshConsent(
      {
        role: /^mentor$/i.test(role) ? 'Mentor' : /^mentee$/i.test(role) ? 'Mentee' : '',
        status,
        consent: table.text(row, 'Consent'),
        consentVersion: table.text(row, 'Consent version'),
      },
      table.text(row, 'Taken part before') !== '',
    );
    const decision = TEMPLATE_FOR[status]
      ? { key: decisionKey(status, id), template: TEMPLATE_FOR[status](role) }
      : askAgain
        ? { key: consentAgainKey(id), template: 'consent-again' }
        : null;
    if (!decision) continue;
    const email = table.text(row, 'Email');
    if (isValidEmail(email)) told.push({ row, id, email, status, ...decision });
    else noAddress.push(id);
  }
  return { told, noAddress };
}

/** `notify-applicants`: one e-mail per person per decision (accepted, waitlisted, ineligible). */
export function notifyApplicantsAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const templates = loadTemplates(ports.workbook);
  const table = loadTable(ports.workbook, APPLICATIONS_TAB);
  // A decision may still change when the review sees the newer applications (a second
  // application makes an accepted person's place a question for staff): decide first.
  const pending = applicationsAwaitingReview(table);
  if (pending.length)
    throw new UserError(
      `${awaitingReviewText(pending)} not been reviewed yet, and may change other decisions: run review-applications first, then notify-applicants.`,
    );
  const ledger = EffectLedger.open(ports, run, NOTIFY_APPLICANTS);
  const mailer = new Mailer(ports.mail, ledger, settings, templates);

  const { told, noAddress } = decisions(table);
  const report = runJob(ports, {
    name: NOTIFY_APPLICANTS,
    items: told,
    timeZone: settings.timeZone,
    mail: { mailer, key: (d) => d.key },
    step: ({ row, email, key, template }) => {
      const role = table.text(row, 'Role');
      const name = table.text(row, 'Name');
      return mailer.send({
        key,
        template,
        to: [email],
        names: { [email]: name },
        values: {
          Name: name,
          FirstName: firstName(name) || name,
          Role: role.toLowerCase(),
          ConsentWording: CONSENT_WORDING,
          FormLink:
            settings.forms[role.toLowerCase() === 'mentor' ? 'mentor' : 'mentee'].link ||
            'the link you used before',
          Problems: table
            .text(row, 'Problems')
            .split('\n')
            .filter(Boolean)
            .map((p) => `- ${p}`)
            .join('\n'),
        },
      });
    },
  });
  return {
    summary: [
      ...jobSummary(report, {
        job: NOTIFY_APPLICANTS,
        noun: 'e-mail',
        item: 'applicant',
        describe: (d) => `${d.id} (${d.email})`,
      }),
      ...(noAddress.length
        ? [
            `${plural(noAddress.length, 'applicant')} could not be e-mailed as they gave no valid address: ${noAddress.join(', ')}.`,
          ]
        : []),
    ],
    data: {
      ...report.counts,
      remaining: report.notReached,
      noAddress,
      uncertain: report.uncertain.map((d) => `${d.id} (${d.email})`),
    },
  };
}

/** Decisions not yet e-mailed (neither sent nor uncertain), and who cannot be told. */
export function notifyApplicantsStatus({ ledger, tab }: StatusContext): StatusSection {
  const { told, noAddress } = decisions(tab(APPLICATIONS_TAB));
  const waiting = told.filter((d) => {
    const state = ledger.state(d.key);
    return state !== 'done' && state !== 'uncertain';
  }).length;
  return {
    lines: [
      `Decisions not yet e-mailed: ${waiting}.`,
      ...(noAddress.length
        ? [`No valid e-mail address, so they cannot be told: ${noAddress.join(', ')}.`]
        : []),
    ],
    data: { emails: { waiting, noAddress } },
  };
}

/** The `notify-applicants` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const NOTIFY_APPLICANTS_ACTION: Action = {
  id: 'notify-applicants',
  menu: 'Notify applicants',
  functionName: 'notifyApplicants',
  summary: 'E-mail each applicant whose status changed (accepted, waitlisted, ineligible), once.',
  resumable: true,
  run: notifyApplicantsAction,
  status: notifyApplicantsStatus,
};
