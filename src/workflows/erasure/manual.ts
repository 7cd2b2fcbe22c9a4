import type { Ports } from '../../ports';

/** The stores erasure and the retention schedule reach, in the order they are erased. */
export type Store =
  | 'drive'
  | 'calendar'
  | 'forms'
  | 'certificates'
  | 'mail'
  | 'pages'
  | 'log'
  | 'archives'
  | 'tabs'
  | 'choice-form'
  | 'reports';

/** How staff read each store in a listing and in the evidence record. */
export const STORE_LABELS: Record<Store, string> = {
  drive: 'pair folders (sharing removed, moved to the bin)',
  calendar: 'calendar guest lists',
  forms: 'form responses inside the forms',
  certificates: 'certificate PDFs',
  mail: "the tool's copies of e-mails and invitations",
  log: 'Log records (now a hash)',
  archives: 'archived cohorts',
  tabs: 'workbook tabs',
  pages: "the tool's pages (the launch-day gallery, reports)",
  'choice-form': 'the mentor choice form (rebuilt without them)',
  reports: 'the evaluation summary (rebuilt without them)',
};

/**
 * What the tool cannot erase itself, for staff to do by hand: one sentence each, naming no one
 * (the same lines go into the evidence record).
 */
export function manualSteps(
  ports: Ports,
  done: { trashed: boolean; unreached: readonly string[] },
): string[] {
  const steps: string[] = [];
  if (!ports.mail.eraseCopies) {
    steps.push(
      "Delete the scheme's sent e-mails to or about this person from the Sent folder of the account that sends them, and any replies in staff mailboxes (the tool cannot reach mailboxes).",
    );
  }
  if (done.trashed) {
    steps.push(
      'Empty the Drive bin of the account that runs the tool, or let Google do it after 30 days (what was moved there can still be restored until then).',
    );
  }
  if (!ports.forms.deleteResponses) {
    steps.push(
      'Delete this person from any CSV export of the forms you keep (the tool only imported it), and from the forms themselves if they collect responses.',
    );
  } else {
    steps.push(
      "If anyone turned on Google Forms' e-mail notifications of new responses, delete those e-mails too.",
    );
  }
  for (const store of done.unreached) {
    steps.push(`The ${store} could not be reached just now: run the erasure again later.`);
  }
  steps.push(
    'Delete any copy kept outside the tool (printed certificates, notes, downloads, the calendar invitations in guests\u2019 own calendars).',
  );
  return steps;
}
