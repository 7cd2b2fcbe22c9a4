import type { Action } from './core/action';
import { UserError } from './domain/errors';
import { confirmMatchesAction } from './workflows/confirm-matches';
import { galleryAction } from './workflows/gallery';
import { importResponses } from './workflows/import-responses';
import { initWorkbook } from './workflows/init';
import { matchAction } from './workflows/match';
import { matchReportAction } from './workflows/match-report-action';
import { notifyApplicantsAction } from './workflows/notify-applicants';
import { pairingRuleAction } from './workflows/pairing-rules';
import { recordMissedResponses } from './workflows/record-missed-responses';
import { reviewApplicationsAction } from './workflows/review-applications';
import { setUpFormsAction, syncChoiceFormAction } from './workflows/set-up-forms';
import { setUpPairsAction } from './workflows/set-up-pairs';
import { settingsAction } from './workflows/settings';
import { statusAction } from './workflows/status';

const JSON_OPTION = { name: 'json', description: 'print the result as JSON' };

/**
 * Every staff action, declared once. The Sheet's Mentoring menu, the top-level functions of
 * dist/Code.js (menu items and the review screen's server calls) and the CLI's commands are all
 * generated from this list.
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
    summary: 'Import form responses from a CSV exported from Google Forms or its response sheet.',
    usage: 'import --form mentor|mentee|choices FILE.csv',
    options: [
      {
        name: 'form',
        value: 'mentor|mentee|choices',
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
    id: 'record-responses',
    menu: 'Record missed responses',
    functionName: 'recordMissedResponses',
    summary:
      "Record every form response not recorded yet (the forms' own responses are the source of truth); safe to run again.",
    run: (context, args) => recordMissedResponses(context, args.positional),
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
    id: 'set-up-forms',
    menu: 'Set up forms',
    functionName: 'setUpForms',
    summary:
      'Create or repair the six forms (applications, mentor choice, evaluation, continuation, concern), record their links in Settings and start recording submissions.',
    run: setUpFormsAction,
  },
  {
    id: 'sync-choice-form',
    menu: 'Update the mentor choice form',
    functionName: 'syncChoiceForm',
    summary:
      "Rebuild the choice form's mentor dropdowns and description from the accepted mentors.",
    run: syncChoiceFormAction,
  },
  {
    id: 'gallery',
    functionName: 'showGallery',
    summary:
      'Write the launch-day gallery of accepted mentors and their introduction videos (in Google: the web app).',
    htmlFile: 'gallery.html',
    run: galleryAction,
  },
  {
    id: 'match',
    menu: 'Match mentees with mentors',
    functionName: 'matchMentees',
    summary:
      "Propose pairs from mentees' three choices and needs (Matches tab); Confirmed pairs and Locks are kept.",
    options: [JSON_OPTION],
    exposed: true,
    run: matchAction,
  },
  {
    id: 'review-matches',
    menu: 'Review matches',
    functionName: 'reviewMatches',
    page: 'review-matches',
    summary:
      'Open the review screen: the profile, every pair and why, lock or forbid pairs, re-run, confirm.',
    options: [
      { name: 'port', value: 'N', description: 'local port for the page (default: any free port)' },
    ],
    run: matchReportAction,
  },
  {
    id: 'match-report',
    functionName: 'matchReport',
    summary: "Show the pairs in the Matches tab with their reasons and both priorities' profiles.",
    options: [JSON_OPTION],
    exposed: true,
    run: matchReportAction,
  },
  {
    id: 'lock-pair',
    functionName: 'lockPair',
    summary: 'Keep a pair whatever the choices say (a Lock in the Pairing rules tab).',
    usage: 'lock-pair MENTEE-EMAIL MENTOR-EMAIL',
    exposed: true,
    run: (context, args) => pairingRuleAction(context, 'Lock', args.positional),
  },
  {
    id: 'forbid-pair',
    functionName: 'forbidPair',
    summary: 'Never propose a pair (a Never in the Pairing rules tab).',
    usage: 'forbid-pair MENTEE-EMAIL MENTOR-EMAIL',
    exposed: true,
    run: (context, args) => pairingRuleAction(context, 'Never', args.positional),
  },
  {
    id: 'confirm-matches',
    menu: 'Confirm all proposed matches',
    functionName: 'confirmMatches',
    summary:
      "Turn proposed pairs into Confirmed pairs: all of them, or one mentee's with --mentee.",
    usage: 'confirm-matches [--mentee EMAIL]',
    options: [{ name: 'mentee', value: 'EMAIL', description: "confirm only this mentee's pair" }],
    exposed: true,
    run: (context, args) =>
      confirmMatchesAction(
        context,
        (args.options.mentee as string | undefined) ?? args.positional[0],
      ),
  },
  {
    id: 'set-up-pairs',
    menu: 'Set up pair folders and introductions',
    functionName: 'setUpPairs',
    summary:
      'Give every confirmed pair its private shared folder (handbook and templates inside) and one introduction e-mail; safe to run again.',
    resumable: true,
    run: setUpPairsAction,
  },
  {
    id: 'status',
    menu: 'Status',
    functionName: 'showStatus',
    summary: 'Count applications per role and status, and list e-mails waiting or uncertain.',
    options: [JSON_OPTION],
    run: statusAction,
  },
];

export function findAction(id: string): Action | undefined {
  return ACTIONS.find((a) => a.id === id);
}
