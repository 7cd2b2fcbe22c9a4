import type { Action } from './core/action';
import { UserError } from './domain/errors';
import { importResponses } from './workflows/import-responses';
import { initWorkbook } from './workflows/init';
import { notifyApplicantsAction } from './workflows/notify-applicants';
import { reviewApplicationsAction } from './workflows/review-applications';
import { settingsAction } from './workflows/settings';
import { statusAction } from './workflows/status';

/**
 * Every staff action, declared once. The Sheet's Mentoring menu, the top-level functions of
 * dist/Code.js and the CLI's commands are all generated from this list.
 */
export const ACTIONS: readonly Action[] = [
  {
    id: 'init',
    menu: 'Set up workbook',
    functionName: 'setUpWorkbook',
    summary:
      'Create the tabs, settings and e-mail templates the scheme needs (never changes what staff set).',
    run: initWorkbook,
  },
  {
    id: 'settings',
    functionName: 'showSettings',
    summary: 'Show the settings, or change one: settings set "Mentor places" 25.',
    usage: 'settings [set NAME VALUE]',
    run: (context, args) => settingsAction(context, args.positional),
  },
  {
    id: 'import',
    functionName: 'importResponses',
    summary: 'Import applications from a CSV exported from Google Forms or its response sheet.',
    usage: 'import --form mentor|mentee FILE.csv',
    options: [
      {
        name: 'form',
        value: 'mentor|mentee',
        description: 'which form the CSV comes from',
        required: true,
      },
    ],
    readsCsv: true,
    run: (context, args) => {
      if (!args.csv)
        throw new UserError(
          'Name the CSV file to import, e.g. import --form mentor responses.csv.',
        );
      return importResponses(context, String(args.options.form ?? ''), args.csv);
    },
  },
  {
    id: 'review-applications',
    menu: 'Review applications',
    functionName: 'reviewApplications',
    summary:
      "Apply the scheme's rules: write Problems, accept within the places in order of submission, waitlist the rest.",
    run: reviewApplicationsAction,
  },
  {
    id: 'notify-applicants',
    menu: 'Notify applicants',
    functionName: 'notifyApplicants',
    summary: 'E-mail each applicant whose status changed (accepted, waitlisted, ineligible), once.',
    run: notifyApplicantsAction,
  },
  {
    id: 'status',
    menu: 'Status',
    functionName: 'showStatus',
    summary: 'Count applications per role and status, and list e-mails waiting or uncertain.',
    options: [{ name: 'json', description: 'print the result as JSON' }],
    run: statusAction,
  },
];

export function findAction(id: string): Action | undefined {
  return ACTIONS.find((a) => a.id === id);
}
