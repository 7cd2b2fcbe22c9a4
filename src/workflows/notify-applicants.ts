import type { ActionContext, ActionResult } from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer, tally } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates } from '../core/workbook';
import { APPLICATIONS_TAB } from '../domain/tabs';
import { firstName, isValidEmail, plural } from '../domain/text';
import { UserError } from '../domain/errors';
import { applicationsAwaitingReview, awaitingReviewText } from './applications-tab';
import { outcomeSummary } from './outcome-summary';

const TEMPLATE_FOR: Record<string, (role: string) => string> = {
  Accepted: (role) => (role === 'Mentor' ? 'accepted-mentor' : 'accepted-mentee'),
  Waitlisted: () => 'waitlisted',
  Ineligible: () => 'ineligible',
};

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
  const ledger = EffectLedger.open(ports, run, 'notify-applicants');
  const mailer = new Mailer(ports.mail, ledger, settings, templates);

  const outcomes: EffectOutcome[] = [];
  const noAddress: string[] = [];
  const uncertain: string[] = [];
  for (const row of table.rows.keys()) {
    const status = table.text(row, 'Status');
    const templateFor = TEMPLATE_FOR[status];
    if (!templateFor) continue;
    const id = table.text(row, 'ID');
    const email = table.text(row, 'Email');
    if (!isValidEmail(email)) {
      noAddress.push(id);
      continue;
    }
    const role = table.text(row, 'Role');
    const name = table.text(row, 'Name');
    const key = `mail:${status.toLowerCase()}:${id}`;
    const outcome = mailer.send({
      key,
      template: templateFor(role),
      to: [email],
      values: {
        Name: name,
        FirstName: firstName(name) || name,
        Role: role.toLowerCase(),
        Problems: table
          .text(row, 'Problems')
          .split('\n')
          .filter(Boolean)
          .map((p) => `- ${p}`)
          .join('\n'),
      },
    });
    if (outcome === 'uncertain') uncertain.push(`${id} (${email})`);
    outcomes.push(outcome);
  }
  const counts = tally(outcomes);
  return {
    summary: [
      ...outcomeSummary(counts, 'e-mail', uncertain),
      ...(noAddress.length
        ? [
            `${plural(noAddress.length, 'applicant')} could not be e-mailed as they gave no valid address: ${noAddress.join(', ')}.`,
          ]
        : []),
    ],
    data: { ...counts, noAddress, uncertain },
  };
}
