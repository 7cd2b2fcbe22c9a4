import * as z from 'zod/mini';
import type { FormId } from './forms';
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
  forms: Record<FormId, { id: string; link: string }>;
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

interface SettingDef {
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

/** "Mentor form ID", "Mentor form link", …: written by set-up-forms, read by every e-mail that links a form. */
const FORM_SETTING_DEFS: SettingDef[] = (Object.keys(FORM_LABELS) as FormId[]).flatMap((form) => [
  {
    field: 'forms',
    form,
    part: 'id' as const,
    label: `${FORM_LABELS[form]} form ID`,
    defaultValue: '',
    meaning: 'Filled in by "Set up forms".',
    schema: optional as Parser<Settings[keyof Settings]>,
    rule: '',
  },
  {
    field: 'forms',
    form,
    part: 'link' as const,
    label: `${FORM_LABELS[form]} form link`,
    defaultValue: '',
    meaning: 'The public link of the form, filled in by "Set up forms".',
    schema: optional as Parser<Settings[keyof Settings]>,
    rule: '',
  },
]);

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
        z.refine((v) => /^(any|first)( choice)?$/i.test(v)),
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
    "The Drive folder (its ID, or locally its path) that holds every pair's folder.",
    optional,
    '',
  ),
  def(
    'handbookFileId',
    'Handbook file',
    '',
    "The scheme handbook (Drive file ID, or locally its path): copied into every pair's folder.",
    optional,
    '',
  ),
  def(
    'templatesFolderId',
    'Templates folder',
    '',
    "A Drive folder (ID or local path) whose files are copied into every pair's folder.",
    optional,
    '',
  ),
  ...FORM_SETTING_DEFS,
];

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
  const byKey = new Map([...values].map(([k, v]) => [headerKey(k), v]));
  const settings: Partial<Record<keyof Settings, unknown>> = {};
  const forms = Object.fromEntries(
    (Object.keys(FORM_LABELS) as FormId[]).map((f) => [f, { id: '', link: '' }]),
  ) as Settings['forms'];
  settings.forms = forms;
  for (const d of SETTING_DEFS) {
    const raw = byKey.get(headerKey(d.label));
    const value = raw === undefined || String(raw).trim() === '' ? d.defaultValue : String(raw);
    const parsed = d.schema.safeParse(value);
    if (!parsed.success) {
      throw new UserError(
        `In Settings, "${d.label}" ${d.rule} (it is "${value}"): please correct it.`,
      );
    }
    if (d.form && d.part) forms[d.form][d.part] = String(parsed.data);
    else settings[d.field] = parsed.data;
  }
  return settings as Settings;
}

export const DEFAULT_SETTINGS: Settings = parseSettings(new Map());

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
