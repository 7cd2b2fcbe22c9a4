import * as z from 'zod/mini';
import type { FormId } from './forms';
import {
  CERTIFICATE_DELIVERIES,
  CERTIFICATE_ORDERS,
  CertificateDelivery,
  CertificateOrder,
  isValidLocale,
  parseCertificateDate,
} from './certificates';
import { UserError } from './errors';
import { headerKey, isValidEmail } from './text';
import { isValidTimeZone } from './timestamps';

/**
 * The Settings tab: one row per setting. Staff edit the Value column; every action reads the
 * settings once and checks them here, so a typo is one clear sentence, not a strange result.
 */
export interface Settings {
  schemeName: string;
  cohort: string;
  /** The name archive-cohort gives the next cohort ('' = the next number or year). */
  nextCohort: string;
  /** The workbook's layout of tabs and columns (LAYOUT_VERSION; no row: an older workbook). */
  layoutVersion: number;
  staffEmails: string[];
  schemeLeadEmail: string;
  supervisorName: string;
  supervisorEmail: string;
  replyTo: string;
  senderName: string;
  mentorPlaces: number;
  menteePlaces: number;
  defaultMentorCapacity: number;
  timeZone: string;
  dailyEmailLimit: number;
  schemeStart: string;
  schemeEnd: string;
  matchingPriority: 'any-choice' | 'first-choice';
  rootFolderId: string;
  handbookFileId: string;
  templatesFolderId: string;
  certificateTemplateId: string;
  certificatesFolderId: string;
  certificateOrder: CertificateOrder;
  certificateDelivery: CertificateDelivery;
  /** As typed; blank until the first certificates are made (then that day). */
  certificateDate: string;
  locale: string;
  dailyCertificateLimit: number;
  calendarId: string;
  supervisorBookingLink: string;
  dailyInvitationLimit: number;
  reminderSpacingDays: number;
  /** The last day for the January continuation answers, as written (checked when used). */
  continuationDeadline: string;
  /** Months personal data is kept after its cohort is archived (the retention schedule). */
  retentionMonths: number;
  /** Months concerns' records and free-text answers are kept after their cohort is archived. */
  freeTextRetentionMonths: number;
  forms: Record<FormId, { id: string; link: string }>;
  /** Forms that collect a Google-verified address (respondents must sign in); default none. */
  verifiedEmailForms: FormId[];
}

const FORM_LABELS: Record<FormId, string> = {
  mentor: 'Mentor application',
  mentee: 'Mentee application',
  choices: 'Mentor choice',
  evaluation: 'Evaluation',
  continuation: 'Continuation',
  concern: 'Concern',
};

export function formSettingLabel(form: FormId, part: 'id' | 'link'): string {
  return `${FORM_LABELS[form]} form ${part === 'id' ? 'ID' : 'link'}`;
}

export interface SettingDef {
  field: keyof Settings;
  /** For the per-form settings: which form, and its ID or its link. */
  form?: FormId;
  part?: 'id' | 'link';
  label: string;
  defaultValue: string;
  meaning: string;
  schema: Parser<Settings[keyof Settings]>;
  rule: string;
}

/** What a setting's schema offers: zod/mini schemas keep the Apps Script bundle small. */
interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false };
}

const text = z.string().check(z.trim(), z.minLength(1));
const optional = z.pipe(
  z.string(),
  z.transform((s: string) => s.trim()),
);
/** A person's address: blank until staff fill it in (an action that needs it says so). */
const personEmail = z.string().check(
  z.trim(),
  z.refine((s: string) => s === '' || isValidEmail(s)),
);
const personEmails = z
  .pipe(
    z.string(),
    z.transform((s: string) =>
      s
        .split(/[,;\s]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  )
  .check(z.refine((list: string[]) => list.every(isValidEmail)));
const count = (max: number) =>
  z
    .pipe(
      z.string().check(z.trim(), z.regex(/^\d+$/)),
      z.transform((v: string) => Number(v)),
    )
    .check(z.refine((n: number) => n >= 1 && n <= max));

const FORM_NAMES: Record<string, FormId> = {
  mentor: 'mentor',
  mentee: 'mentee',
  choice: 'choices',
  choices: 'choices',
  evaluation: 'evaluation',
  continuation: 'continuation',
  concern: 'concern',
};
const formList = z
  .pipe(
    z.string(),
    z.transform((s: string) =>
      s
        .split(/[,;]+/)
        .map((f) =>
          f
            .trim()
            .toLowerCase()
            .replace(/\s+form$/, ''),
        )
        .filter((f) => f !== '' && f !== 'none'),
    ),
  )
  .check(z.refine((list: string[]) => list.every((f) => f in FORM_NAMES)))
  .check(
    z.overwrite((list: string[]) => [...new Set(list.map((f) => FORM_NAMES[f]))]),
  ) as unknown as Parser<FormId[]>;

/** "Mentor form ID", "Mentor form link", …: written by set-up-forms, read by every e-mail that links a form. */
const FORM_SETTING_DEFS: SettingDef[] = (Object.keys(FORM_LABELS) as FormId[]).flatMap((form) => [
  {
    field: 'forms',
    form,
    part: 'id' as const,
    label: `${FORM_LABELS[form]} form ID`,
    defaultValue: '',
    meaning: `Which form the ${FORM_LABELS[form].toLowerCase()} responses come from (its Google Forms ID; locally, its preview). Filled in by "Set up forms".`,
    schema: optional as Parser<Settings[keyof Settings]>,
    rule: '',
  },
  {
    field: 'forms',
    form,
    part: 'link' as const,
    label: `${FORM_LABELS[form]} form link`,
    defaultValue: '',
    meaning: `The public link to the ${FORM_LABELS[form].toLowerCase()} form, put in the e-mails that ask people to fill it in. Filled in by "Set up forms".`,
    schema: optional as Parser<Settings[keyof Settings]>,
    rule: '',
  },
]);

/** The layout this version of the tool reads and writes (see migrateLayout in actions/init). */
export const LAYOUT_VERSION = 2;

export const SETTING_DEFS: readonly SettingDef[] = [
  def(
    'schemeName',
    'Scheme name',
    'Libraries Connected Peer Mentoring Scheme',
    'Shown in e-mails and forms.',
    text,
    'must not be empty',
  ),
  def(
    'cohort',
    'Cohort',
    'Cohort 1',
    'The name of this round of the scheme, e.g. "2026–27".',
    text,
    'must not be empty',
  ),
  def(
    'nextCohort',
    'Next cohort',
    '',
    'The name "Archive this cohort and start the next" gives the next cohort; left blank, the Cohort name with its number moved on ("Cohort 1" becomes "Cohort 2", "2026–27" becomes "2027–28"). Emptied once used.',
    optional,
    '',
  ),
  def(
    'staffEmails',
    'Staff emails',
    '',
    'Scheme staff, separated by commas: they can open every pair folder.',
    personEmails,
    'must be e-mail addresses separated by commas',
  ),
  def(
    'schemeLeadEmail',
    'Scheme lead email',
    '',
    'The member of staff who leads the scheme: receives confidential concerns.',
    personEmail,
    'must be an e-mail address',
  ),
  def(
    'supervisorName',
    'Supervisor name',
    '',
    'The professional supervisor pairs can turn to: named in every introduction.',
    optional,
    '',
  ),
  def(
    'supervisorEmail',
    'Supervisor email',
    '',
    'How pairs reach the supervisor: in every introduction, and receives confidential concerns.',
    personEmail,
    'must be an e-mail address',
  ),
  def(
    'replyTo',
    'Reply-to',
    '',
    "The address the scheme's e-mails come from; replies go here.",
    personEmail,
    'must be an e-mail address',
  ),
  def(
    'senderName',
    'Sender name',
    'Peer Mentoring Scheme',
    'The name e-mails come from.',
    text,
    'must not be empty',
  ),
  def(
    'mentorPlaces',
    'Mentor places',
    '25',
    'How many mentors can be accepted.',
    count(10000),
    'must be a whole number from 1 to 10,000',
  ),
  def(
    'menteePlaces',
    'Mentee places',
    '35',
    'How many mentees can be accepted.',
    count(10000),
    'must be a whole number from 1 to 10,000',
  ),
  def(
    'defaultMentorCapacity',
    'Default mentor capacity',
    '1',
    'Mentees per mentor when a mentor did not say.',
    count(3),
    'must be 1, 2 or 3',
  ),
  def(
    'timeZone',
    'Time zone',
    'Europe/London',
    'Used to read form timestamps and show dates.',
    z.string().check(z.trim(), z.refine(isValidTimeZone)),
    'must be a time zone such as Europe/London',
  ),
  def(
    'dailyEmailLimit',
    'Daily email limit',
    '100',
    'E-mail recipients per day (100 on a personal Google account, 1,500 on Workspace).',
    count(100000),
    'must be a whole number of 1 or more',
  ),
  def(
    'schemeStart',
    'Scheme start',
    '1 July',
    'When pairs start meeting (shown in e-mails).',
    text,
    'must not be empty',
  ),
  def(
    'schemeEnd',
    'Scheme end',
    '31 January',
    'When the scheme ends and pairs decide whether to continue.',
    text,
    'must not be empty',
  ),
  def(
    'matchingPriority',
    'Matching priority',
    'Any choice',
    '"Any choice": match as many mentees as possible to one of their three choices, then most first choices. "First choice": most first choices first.',
    z.pipe(
      z.string().check(
        z.trim(),
        z.refine((v) => /^(any|first)([\s_-]+choice)?$/i.test(v)),
      ),
      z.transform((v: string) =>
        /^first/i.test(v) ? ('first-choice' as const) : ('any-choice' as const),
      ),
    ),
    'must be "Any choice" or "First choice"',
  ),
  def(
    'rootFolderId',
    'Root folder',
    '',
    "The Drive folder (its ID; locally, a path under out/drive) that holds every pair's folder.",
    optional,
    '',
  ),
  def(
    'handbookFileId',
    'Handbook file',
    '',
    "The scheme handbook (its Drive file ID; locally, a path under out/drive): copied into every pair's folder.",
    optional,
    '',
  ),
  def(
    'templatesFolderId',
    'Templates folder',
    '',
    "A Drive folder (its ID; locally, a path under out/drive) whose files are copied into every pair's folder.",
    optional,
    '',
  ),
  ...CERTIFICATE_SETTING_DEFS(),
  def(
    'calendarId',
    'Calendar',
    '',
    "The Google Calendar that holds the scheme's sessions (its ID); empty: the calendar of whoever runs Send session invitations.",
    optional,
    '',
  ),
  def(
    'supervisorBookingLink',
    'Supervisor booking link',
    '',
    "The supervisor's own booking page for 1:1s (a web address): shown in introductions and drop-in invitations.",
    z
      .pipe(
        z.string(),
        z.transform((s: string) => s.trim()),
      )
      .check(z.refine((s: string) => s === '' || /^https?:\/\/\S+$/i.test(s))),
    'must be a web address starting with https://',
  ),
  def(
    'dailyInvitationLimit',
    'Daily invitation limit',
    '100',
    'Calendar invitations, updates and cancellations sent per day (Google limits invitations to outside addresses; the rest wait for the next day).',
    count(100000),
    'must be a whole number of 1 or more',
  ),
  def(
    'reminderSpacingDays',
    'Reminder spacing (days)',
    '7',
    'Days between the optional questionnaire and each of its (at most two) reminders.',
    count(60),
    'must be a whole number of days from 1 to 60',
  ),
  def(
    'continuationDeadline',
    'Continuation deadline',
    '',
    'The last day (e.g. 2027-01-24) for pairs to say whether they will carry on after the scheme.',
    optional,
    '',
  ),
  def(
    'retentionMonths',
    'Keep personal data (months)',
    '24',
    'How long the names, addresses and answers of a past cohort are kept after it is archived; then "Apply the retention schedule" erases them (UK GDPR: no longer than needed).',
    count(120),
    'must be a whole number of months from 1 to 120',
  ),
  def(
    'freeTextRetentionMonths',
    'Keep free text and concerns (months)',
    '12',
    "How long a past cohort's free-text answers (goals, notes, comments) and the Log's records of concerns are kept after it is archived: no longer than the personal data.",
    count(120),
    'must be a whole number of months from 1 to 120',
  ),
  def(
    'verifiedEmailForms',
    'Forms needing a Google sign-in',
    'None',
    'Forms that collect the address of a signed-in Google account instead of an address the respondent types: "None" (most councils use Microsoft 365, so nobody is asked to sign in to Google), or any of Mentor, Mentee, Choice, Concern (the Evaluation and Continuation forms ask no address, so listing them changes nothing).',
    formList,
    'must be "None" or form names (Mentor, Mentee, Choice, Evaluation, Continuation, Concern) separated by commas',
  ),
  def(
    'layoutVersion',
    'Workbook layout version',
    String(LAYOUT_VERSION),
    "Which layout of tabs and columns this workbook has, set by the tool: a workbook made by an older version is brought up to date once, with a copy kept first (locally <name>.before-v2.xlsx; in Google a copy in Drive). Please don't change it.",
    count(1000),
    'must be a whole number (the tool sets it)',
  ),
  ...FORM_SETTING_DEFS,
];

/** One of a fixed list, typed in any case: "surname" is "Surname". */
function oneOf<T extends string>(values: readonly T[]) {
  return z.pipe(
    z.string().check(
      z.trim(),
      z.refine((v) => values.some((x) => x.toLowerCase() === v.toLowerCase())),
    ),
    z.transform((v: string) => values.find((x) => x.toLowerCase() === v.toLowerCase()) as T),
  );
}

function CERTIFICATE_SETTING_DEFS(): SettingDef[] {
  return [
    def(
      'certificateTemplateId',
      'Certificate template',
      '',
      'The Google Slides certificate (its ID): {{Name}}, {{Library service}}, {{Cohort}}, {{Scheme name}}, {{Date}} and any column of the Certificates tab, in double braces, are filled in. Locally the tool draws its own certificate.',
      optional,
      '',
    ),
    def(
      'certificatesFolderId',
      'Certificates folder',
      '',
      "The Drive folder (its ID, or locally its path) that receives each mentor's certificate PDF and the combined PDF for printing.",
      optional,
      '',
    ),
    def(
      'certificateOrder',
      'Certificate order',
      'Surname',
      'The order of the combined PDF for printing: Surname, First name, Library service, or Tab order (the order of the Certificates tab).',
      oneOf(CERTIFICATE_ORDERS),
      `must be ${CERTIFICATE_ORDERS.map((o) => `"${o}"`).join(', ')}`,
    ),
    def(
      'certificateDelivery',
      'Certificate delivery',
      'Hold for the conference',
      '"Hold for the conference": certificates are made but e-mailed only when staff choose "E-mail certificates". "E-mail": each is e-mailed as soon as it is made.',
      oneOf(CERTIFICATE_DELIVERIES),
      'must be "Hold for the conference" or "E-mail"',
    ),
    def(
      'certificateDate',
      'Certificate date',
      '',
      'The date printed on the certificates, e.g. 25 January 2027; left blank, the day they are first made (written here then).',
      z.string().check(
        z.trim(),
        z.refine((v) => v === '' || parseCertificateDate(v, 'UTC') !== null),
      ),
      'must be a date such as 25 January 2027, or blank',
    ),
    def(
      'locale',
      'Locale',
      'en-GB',
      'How dates are written on certificates: en-GB gives "25 January 2027", cy (Welsh) "25 Ionawr 2027".',
      z.string().check(z.trim(), z.refine(isValidLocale)),
      'must be a language tag such as en-GB or cy',
    ),
    def(
      'dailyCertificateLimit',
      'Daily certificate limit',
      '250',
      'Certificates made per 24 hours: Google lets a personal account create 250 Slides files a day (Workspace 1,500).',
      count(100000),
      'must be a whole number of 1 or more',
    ),
  ];
}

function def<K extends keyof Settings>(
  field: K,
  label: string,
  defaultValue: string,
  meaning: string,
  schema: Parser<Settings[K]>,
  rule: string,
): SettingDef {
  return {
    field,
    label,
    defaultValue,
    meaning,
    schema: schema as Parser<Settings[keyof Settings]>,
    rule,
  };
}

export function settingDef(key: string): SettingDef | undefined {
  return SETTING_DEFS.find((d) => headerKey(d.label) === headerKey(key));
}

/** Reads settings from label → value pairs; a missing setting takes its default. */
export function parseSettings(values: ReadonlyMap<string, string>): Settings {
  return readSettings(values, false).settings;
}

/**
 * The same, but a setting that does not validate takes its default and is reported instead of
 * stopping everything: form submissions are recorded whatever staff mistyped.
 */
export function parseSettingsLeniently(values: ReadonlyMap<string, string>): {
  settings: Settings;
  problems: string[];
} {
  return readSettings(values, true);
}

function readSettings(
  values: ReadonlyMap<string, string>,
  lenient: boolean,
): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const byKey = new Map([...values].map(([k, v]) => [headerKey(k), v]));
  const settings: Partial<Record<keyof Settings, unknown>> = {};
  const forms = Object.fromEntries(
    (Object.keys(FORM_LABELS) as FormId[]).map((f) => [f, { id: '', link: '' }]),
  ) as Settings['forms'];
  settings.forms = forms;
  for (const d of SETTING_DEFS) {
    const raw = byKey.get(headerKey(d.label));
    const value = raw === undefined || String(raw).trim() === '' ? d.defaultValue : String(raw);
    let parsed = d.schema.safeParse(value);
    if (!parsed.success) {
      const problem = `In Settings, "${d.label}" ${d.rule} (it is "${value}"): please correct it.`;
      if (!lenient) throw new UserError(problem);
      problems.push(problem);
      parsed = d.schema.safeParse(d.defaultValue);
      if (!parsed.success) continue;
    }
    if (d.form && d.part) forms[d.form][d.part] = String(parsed.data);
    else settings[d.field] = parsed.data;
  }
  // Free text and concerns are the most sensitive: never kept longer than the rest.
  const keep = settings.retentionMonths as number;
  if ((settings.freeTextRetentionMonths as number) > keep) {
    const problem = `In Settings, "Keep free text and concerns (months)" must not be more than "Keep personal data (months)" (${keep}): please correct it.`;
    if (!lenient) throw new UserError(problem);
    problems.push(problem);
    settings.freeTextRetentionMonths = keep;
  }
  return { settings: settings as Settings, problems };
}

export const DEFAULT_SETTINGS: Settings = parseSettings(new Map());

/**
 * A value as the Settings tab holds it: a number for a numeric setting (so the spreadsheet
 * treats it as one: "025" is stored as 25), otherwise the trimmed text.
 */
export function settingCell(d: SettingDef, value: string): string | number {
  const parsed = d.schema.safeParse(value);
  if (parsed.success && typeof parsed.data === 'number') return parsed.data;
  return value.trim();
}

/** The sentence saying why a setting's value is not valid, or null when it is. */
export function settingProblem(d: SettingDef, value: string): string | null {
  const effective = value.trim() === '' ? d.defaultValue : value;
  return d.schema.safeParse(effective).success ? null : `"${d.label}" ${d.rule}`;
}

/** The settings that name a person or an address people write to. */
export type PeopleSetting =
  'staffEmails' | 'schemeLeadEmail' | 'supervisorName' | 'supervisorEmail' | 'replyTo';

/**
 * An address that cannot be anyone's: the documentation domains (example.org, example.com,
 * example.net and their subdomains, RFC 2606) that placeholders use, and the .invalid TLD.
 */
export function isPlaceholderAddress(email: string): boolean {
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  return /(^|\.)example\.(org|com|net)$/.test(domain) || /(^|\.)invalid$/.test(domain);
}

/** Why a people setting cannot be used yet (one sentence), or null when it can. */
export function peopleSettingProblem(
  settings: Settings,
  field: PeopleSetting,
  purpose: string,
): string | null {
  const label = SETTING_DEFS.find((d) => d.field === field)?.label ?? field;
  const value = settings[field];
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.every((v) => v.trim() === ''))
    return `In Settings, fill in "${label}" (it is blank): ${purpose}.`;
  const placeholder = list.find((v) => v.includes('@') && isPlaceholderAddress(v));
  if (placeholder)
    return `In Settings, replace "${label}" (${placeholder} is an example address, not a real one): ${purpose}.`;
  return null;
}

/** Refuses (one sentence naming the setting) unless every one of these settings is usable. */
export function requirePeopleSettings(
  settings: Settings,
  fields: readonly PeopleSetting[],
  purpose: string,
): void {
  for (const field of fields) {
    const problem = peopleSettingProblem(settings, field, purpose);
    if (problem) throw new UserError(problem);
  }
}
