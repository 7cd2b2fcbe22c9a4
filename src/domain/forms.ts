import { AREAS } from './areas';
import { fnv1a64 } from './hash';

/**
 * Every form the scheme uses, defined once as data. The Google Forms the Apps Script back end
 * builds, the HTML the local back end renders and the CSV import all read these definitions, so
 * a question's title is also the CSV column Google writes for it.
 */
export type QuestionType = 'text' | 'paragraph' | 'choice' | 'checkboxes' | 'dropdown' | 'scale';

export interface Question {
  /** What the answer is called in code. */
  field: string;
  /** The question as applicants see it; also its CSV column header. */
  title: string;
  type: QuestionType;
  required: boolean;
  options?: readonly string[];
  /** The options are the accepted mentors, filled in when the form is built ("Name — Library service"). */
  mentorOptions?: boolean;
  help?: string;
  /**
   * Added to the form after schemes were already using it: an export from before then has no
   * such column, and is read as if every answer to it were blank (never refused for it).
   */
  addedLater?: boolean;
}

export type FormId = 'mentor' | 'mentee' | 'choices' | 'evaluation' | 'continuation' | 'concern';

export interface FormDefinition {
  id: FormId;
  title: string;
  description: string;
  /** The form collects the respondent's e-mail address itself (Google writes it as "Email address"). */
  collectsEmail: boolean;
  questions: readonly Question[];
}

/** A form as it should be: the definition, with the accepted mentors filled into its dropdowns. */
export interface FormSpec {
  definition: FormDefinition;
  /** The options of every question marked `mentorOptions` ("Name — Library service"). */
  mentorOptions: readonly string[];
  /** The form's description as shown (the choice form's lists every mentor and video). */
  description: string;
  /** Responses also go to a tab of the scheme's spreadsheet (never for the concern form). */
  linkResponses: boolean;
  /**
   * Collect the address of the respondent's signed-in Google account (they must sign in).
   * Default: a typed address, validated as one, so nobody needs a Google account.
   */
  verifiedEmail?: boolean;
}

export const TIMESTAMP_COLUMN = 'Timestamp';
export const EMAIL_COLUMN = 'Email address';
export const CONSENT_OPTION = 'I agree';

const identity: readonly Question[] = [
  { field: 'name', title: 'Full name', type: 'text', required: true },
  { field: 'service', title: 'Library service', type: 'text', required: true },
  { field: 'jobTitle', title: 'Job title', type: 'text', required: true },
  {
    field: 'headOfService',
    title: 'Are you the Head of Service managing libraries?',
    type: 'choice',
    options: ['Yes', 'No'],
    required: true,
    help: 'The scheme is for library Heads of Service. You do not need to come from a library background.',
  },
];

/** The consent question's wording: what an applicant agrees to. */
const CONSENT_TITLE = 'I agree to my information being used to run the scheme';
const CONSENT_HELP = 'We use your answers only to run and evaluate the peer-mentoring scheme.';

/**
 * The version of the consent wording: a fingerprint of it, so it changes whenever the wording
 * does and can never be forgotten. Each application records the version its applicant agreed
 * to (Applications: Consent version); a returning person who agreed to another is asked again.
 */
export const CONSENT_VERSION = fnv1a64(`${CONSENT_TITLE}\n${CONSENT_HELP}`).slice(0, 8);

/** The consent wording as an e-mail quotes it. */
export const CONSENT_WORDING = `${CONSENT_TITLE}. ${CONSENT_HELP}`;

const closing: readonly Question[] = [
  { field: 'notes', title: 'Anything else we should know?', type: 'paragraph', required: false },
  {
    field: 'consent',
    title: CONSENT_TITLE,
    type: 'checkboxes',
    options: [CONSENT_OPTION],
    required: true,
    // The version is shown, so what someone agreed to can be told from their row.
    help: `${CONSENT_HELP} (Consent wording version ${CONSENT_VERSION}.)`,
  },
];

/** The answer to the reuse question that carries a returning mentor's last profile over. */
export const REUSE_PROFILE_OPTION = 'Yes, use my last profile';
const LEAVE_BLANK =
  'If you were a mentor before and ticked the box above, you may leave this blank to keep your answer from last time.';

export const MENTOR_FORM: FormDefinition = {
  id: 'mentor',
  title: 'Apply to be a mentor',
  description:
    'Mentors support another Head of Service: pairs meet from {{SchemeStart}} to {{SchemeEnd}}. Places are limited, and you can apply as a mentor or as a mentee, not both. Please record a 2-minute introduction video: mentees will watch it at the launch day.',
  collectsEmail: true,
  questions: [
    ...identity,
    {
      field: 'reuseProfile',
      title: 'Use my profile from my last cohort for any answer I leave blank',
      type: 'checkboxes',
      options: [REUSE_PROFILE_OPTION],
      required: false,
      addedLater: true,
      help: 'Only if you were a mentor in an earlier cohort: we fill in your areas of support and your video link from your last application wherever you leave them blank below. Your other answers are always the ones you give now.',
    },
    // Not required in the form, so a returning mentor can leave them blank (the review still
    // asks everyone else for them).
    {
      field: 'areas',
      title: 'Areas where you can offer support',
      type: 'checkboxes',
      options: AREAS,
      required: false,
      help: LEAVE_BLANK,
    },
    {
      field: 'capacity',
      title: 'How many mentees could you support?',
      type: 'dropdown',
      options: ['1', '2', '3'],
      required: true,
    },
    {
      field: 'video',
      title: 'Link to your 2-minute introduction video',
      type: 'text',
      required: false,
      help: `A link to the video on Google Drive, YouTube or Vimeo, viewable by anyone with the link. ${LEAVE_BLANK}`,
    },
    ...closing,
  ],
};

export const MENTEE_FORM: FormDefinition = {
  id: 'mentee',
  title: 'Apply to be a mentee',
  description:
    'Mentees are supported by another Head of Service: pairs meet from {{SchemeStart}} to {{SchemeEnd}}. Places are limited, and you can apply as a mentor or as a mentee, not both.',
  collectsEmail: true,
  questions: [
    ...identity,
    {
      field: 'areas',
      title: 'Areas where you would like support',
      type: 'checkboxes',
      options: AREAS,
      required: true,
    },
    {
      field: 'goals',
      title: 'What would you like to gain from mentoring?',
      type: 'paragraph',
      required: true,
    },
    ...closing,
  ],
};

const mentorChoice = (field: string, title: string): Question => ({
  field,
  title,
  type: 'dropdown',
  required: true,
  mentorOptions: true,
});

export const CHOICE_FORM: FormDefinition = {
  id: 'choices',
  title: 'Choose three potential mentors',
  description:
    'Now that you have met the mentors and watched their introduction videos, choose three potential mentors, in order of preference. We will match you using your choices and the needs you set out in your application.',
  collectsEmail: true,
  questions: [
    mentorChoice('choice1', 'First choice of mentor'),
    mentorChoice('choice2', 'Second choice of mentor'),
    mentorChoice('choice3', 'Third choice of mentor'),
  ],
};

/** A question the e-mailed link fills in (a code or the round): answers stay pseudonymous. */
const prefilled = (field: string, title: string): Question[] => [
  {
    field,
    title,
    type: 'text',
    required: true,
    help: 'Filled in for you by the link in your e-mail: please leave it as it is.',
  },
];

const scale = (field: string, title: string): Question => ({
  field,
  title,
  type: 'scale',
  options: ['1', '5'],
  required: false,
  help: '1 = not at all, 5 = a great deal',
});

/** The scheme's aims (from its FAQ), each rated in the optional evaluation questionnaire. */
export const EVALUATION_FORM: FormDefinition = {
  id: 'evaluation',
  title: 'Peer mentoring: how is it going?',
  description:
    'This questionnaire is optional: answer as much or as little as you like. Your answers help us understand the impact of the scheme and improve it for future cohorts. The codes at the top come from your link and let us count your answers without asking your name; results are only ever shown for groups of five or more.',
  // Pseudonymous: the pre-filled link carries a participant code, so no identity is asked.
  collectsEmail: false,
  questions: [
    ...prefilled('participant', 'Your participant code'),
    ...prefilled('round', 'Questionnaire round'),
    scale('leadership', 'The scheme has helped me build or consolidate my leadership skills'),
    scale('confidence', 'The scheme has given me confidence and courage'),
    scale('isolation', 'The scheme has helped me feel less isolated as a leader'),
    scale(
      'practical',
      'I have received or given practical help (capital projects, restructures, budgets…)',
    ),
    {
      field: 'frequency',
      title: 'How often have you met?',
      type: 'choice',
      options: [
        'Every week or two',
        'About once a month',
        'Less than once a month',
        'We have not met yet',
      ],
      required: false,
    },
    {
      field: 'how',
      title: 'How have you met?',
      type: 'checkboxes',
      options: ['Online', 'In person'],
      required: false,
    },
    {
      field: 'comments',
      title: 'Anything else you would like to tell us?',
      type: 'paragraph',
      required: false,
    },
  ],
};

export const CONTINUATION_FORM: FormDefinition = {
  id: 'continuation',
  title: 'Carrying on after the scheme',
  description:
    'The scheme ends in January. You can carry on meeting if you both agree: please tell us what you would like to do. Your answer is private: we do not pass it on to your mentor or mentee, and we tell you both only the outcome.',
  // The link carries the pair's and the person's codes; each answers separately and privately.
  collectsEmail: false,
  questions: [
    ...prefilled('pair', 'Your pair code'),
    ...prefilled('participant', 'Your participant code'),
    {
      field: 'continue',
      title: 'Would you like to carry on meeting after the scheme ends?',
      type: 'choice',
      options: ['Yes', 'No', 'Not sure yet'],
      required: true,
    },
    { field: 'comment', title: 'Any comment?', type: 'paragraph', required: false },
  ],
};

export const CONCERN_FORM: FormDefinition = {
  id: 'concern',
  title: 'Raise a concern in confidence',
  description:
    "If something is not going well between you and your mentor or mentee, tell us here. Your message goes only to the scheme's professional supervisor and the scheme lead; it is not stored in the scheme's spreadsheet.",
  collectsEmail: true,
  questions: [
    {
      field: 'concern',
      title: 'What would you like to tell us?',
      type: 'paragraph',
      required: true,
    },
    {
      field: 'contact',
      title: 'Would you like the supervisor to contact you?',
      type: 'choice',
      options: ['Yes, please', 'No, thank you'],
      required: true,
    },
  ],
};

export const FORMS: Record<FormId, FormDefinition> = {
  mentor: MENTOR_FORM,
  mentee: MENTEE_FORM,
  choices: CHOICE_FORM,
  evaluation: EVALUATION_FORM,
  continuation: CONTINUATION_FORM,
  concern: CONCERN_FORM,
};

/** How a mentor appears in the choice form's dropdowns: distinguishable even with a shared name. */
export function mentorOption(mentor: { name: string; service: string }): string {
  return `${mentor.name.trim()} — ${mentor.service.trim()}`;
}

/** The columns of a CSV export of this form, in Google's order. */
export function csvColumns(form: FormDefinition): string[] {
  return [
    TIMESTAMP_COLUMN,
    ...(form.collectsEmail ? [EMAIL_COLUMN] : []),
    ...form.questions.map((q) => q.title),
  ];
}

export function findForm(id: string): FormDefinition | undefined {
  return (FORMS as Record<string, FormDefinition>)[id.trim().toLowerCase()];
}
