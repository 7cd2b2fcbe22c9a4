import type { Template } from '../templates';

/**
 * The e-mails of the evaluation rounds and the January decision. The questionnaire is optional
 * and every e-mail says so; the outcome e-mails are the same for both people of a pair and never
 * say who answered what.
 */
export const EVALUATION_TEMPLATES: readonly (Template & { placeholders: string })[] = [
  {
    id: 'evaluation-invite',
    subject: 'How is mentoring going? An optional questionnaire ({{Round}})',
    body: `Dear {{FirstName}},

We would like to hear how the {{Scheme}} is going for you. The questionnaire is optional and takes about five minutes:
{{FormLink}}

The link fills in a code instead of your name, so your answers are not shown with your name; results are only ever reported for groups of five or more people. It is open until {{Closes}}.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Round, FormLink, Closes, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'evaluation-reminder',
    subject: 'A reminder: the optional questionnaire ({{Round}})',
    body: `Dear {{FirstName}},

A gentle reminder about the optional questionnaire on the {{Scheme}}. If you would like to answer, the link is here until {{Closes}}:
{{FormLink}}

If you would rather not, there is nothing you need to do, and you will not hear from us about this round again after it closes.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Round, FormLink, Closes, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'continuation-question',
    subject: 'Carrying on after the scheme? Please tell us by {{Deadline}}',
    body: `Dear {{FirstName}},

The {{Scheme}} ends on {{SchemeEnd}}. You and {{Partner}} can carry on meeting afterwards if you both want to. Please tell us what you would like, privately, by {{Deadline}}:
{{FormLink}}

Your answer is not passed on to {{Partner}}. Once the deadline has passed we will tell you both the outcome only, in the same words. You can change your answer until then by filling in the form again.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders:
      'FirstName, Name, Partner, Deadline, FormLink, SchemeEnd, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'continuation-continuing',
    subject: 'Your mentoring pair after the scheme: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for telling us what you would like after the scheme. Your pair with {{Partner}} will carry on meeting after the scheme ends on {{SchemeEnd}}, as you both agreed.

Your shared folder stays available to you both:
{{FolderLink}}

The handbook in it has guidance on reviewing your goals and agreeing how often to meet from now on. The scheme's professional supervisor, {{SupervisorName}} ({{SupervisorEmail}}), remains available until the scheme closes.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders:
      'FirstName, Name, Partner, FolderLink, SchemeEnd, SupervisorName, SupervisorEmail, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'continuation-ending',
    subject: 'Your mentoring pair after the scheme: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for taking part in the {{Scheme}}. Your mentoring pair with {{Partner}} will come to a close when the scheme ends on {{SchemeEnd}}.

Your shared folder stays available to you both:
{{FolderLink}}

The handbook in it has guidance on closing a mentoring relationship well: looking back at what you set out to achieve, and agreeing how you would like to stay in touch. You are of course free to keep in touch with each other informally.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Partner, FolderLink, SchemeEnd, Scheme, Cohort, ReplyTo',
  },
];
