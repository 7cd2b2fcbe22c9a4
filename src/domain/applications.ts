import * as z from 'zod/mini';
import { parseAreas } from './areas';
import { CONSENT_OPTION, CONSENT_VERSION, FormDefinition, REUSE_PROFILE_OPTION } from './forms';
import type { Cell } from './table';
import type { Role } from './tabs';
import { isValidEmail } from './text';

/** One person's application, as the review reads it from a row of the Applications tab. */
export interface Application {
  row: number;
  id: string;
  role: Role | '';
  name: string;
  email: string;
  service: string;
  jobTitle: string;
  headOfService: string;
  areas: string;
  capacity: string;
  video: string;
  goals: string;
  consent: string;
  /** The consent wording's version they agreed to ('' before versions were recorded). */
  consentVersion?: string;
  /** Mentors: their answer to "Use my profile from my last cohort…". */
  reuseProfile?: string;
  submitted: Date | null;
  status: string;
  reviewedStatus: string;
}

/** Form field → Applications column. */
export const FIELD_COLUMNS: Record<string, string> = {
  email: 'Email',
  name: 'Name',
  service: 'Library service',
  jobTitle: 'Job title',
  headOfService: 'Head of Service',
  areas: 'Areas',
  capacity: 'Capacity',
  video: 'Video link',
  goals: 'Goals',
  notes: 'Notes',
  consent: 'Consent',
  reuseProfile: 'Use last profile',
};

/** Applications column: the version of the consent wording the applicant agreed to. */
export const CONSENT_VERSION_COLUMN = 'Consent version';

export function roleOf(form: FormDefinition): Role {
  return form.id === 'mentor' ? 'Mentor' : 'Mentee';
}

/** The cells a form response fills in, answers kept as the applicant typed them. */
export function responseCells(
  form: FormDefinition,
  email: string,
  answers: ReadonlyMap<string, string>,
): Record<string, Cell> {
  const cells: Record<string, Cell> = { Role: roleOf(form), Email: email.trim() };
  for (const question of form.questions) {
    const column = FIELD_COLUMNS[question.field];
    if (!column) continue;
    const answer = (answers.get(question.field) ?? '').trim();
    cells[column] = question.field === 'capacity' && /^\d+$/.test(answer) ? Number(answer) : answer;
  }
  // What they agreed to is the wording the form shows now (its version is in the help text).
  if (form.questions.some((q) => q.field === 'consent'))
    cells[CONSENT_VERSION_COLUMN] = isAgreement(String(cells.Consent ?? '')) ? CONSENT_VERSION : '';
  return cells;
}

const required = (what: string) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, `${what} is missing.`),
      z.maxLength(300, `${what} is too long (over 300 characters).`),
    );

const common = {
  name: required('Full name'),
  email: z.string().check(
    z.trim(),
    z.minLength(1, 'Email address is missing.'),
    z.refine((v) => v === '' || isValidEmail(v), {
      message: 'Email address is not a valid e-mail address.',
    }),
  ),
  service: required('Library service'),
  jobTitle: required('Job title'),
  headOfService: z.string().check(
    z.trim(),
    z.refine((v) => /^(yes|no)$/i.test(v), {
      message: 'The Head of Service question must be answered Yes or No.',
    }),
  ),
  areas: z.string().check(
    z.superRefine((value, ctx) => {
      const { areas, unknown } = parseAreas(value);
      if (areas.length === 0 && unknown.length === 0) {
        ctx.issues.push({ code: 'custom', message: 'No areas were chosen.', input: value });
      }
      for (const text of unknown) {
        ctx.issues.push({
          code: 'custom',
          message: `"${text}" is not one of the scheme's areas.`,
          input: value,
        });
      }
    }),
  ),
};

const mentorSchema = z.object({
  ...common,
  capacity: z.string().check(
    z.trim(),
    z.refine((v) => /^[123]$/.test(v), { message: 'Number of mentees must be 1, 2 or 3.' }),
  ),
  video: z.string().check(
    z.trim(),
    z.minLength(1, 'The introduction video link is missing.'),
    z.refine((v) => v === '' || /^https?:\/\/\S+$/i.test(v), {
      message: 'The introduction video link is not a web address (it should start with https://).',
    }),
  ),
});

const menteeSchema = z.object({
  ...common,
  goals: required('What they would like to gain from mentoring'),
});

/** Invalid or missing answers, as plain sentences for the Problems column. */
export function answerProblems(application: Application): string[] {
  if (application.role !== 'Mentor' && application.role !== 'Mentee') {
    return ['Role must be Mentor or Mentee.'];
  }
  const schema = application.role === 'Mentor' ? mentorSchema : menteeSchema;
  const result = schema.safeParse(application);
  const problems = result.success ? [] : result.error.issues.map((issue) => issue.message);
  if (!application.submitted) problems.push('The submission time is missing or not a date.');
  return [...new Set(problems)];
}

export function isHeadOfService(application: Application): boolean {
  return /^yes$/i.test(application.headOfService.trim());
}

export function gaveConsent(application: Pick<Application, 'consent'>): boolean {
  return isAgreement(application.consent);
}

/** A ticked box: its option's text, or Yes/true as a spreadsheet may hold it. */
function isAgreement(text: string, option = CONSENT_OPTION): boolean {
  const answer = text.trim().toLowerCase();
  return answer === option.toLowerCase() || answer === 'yes' || answer === 'true';
}

/** A mentor asked for their last profile to fill what they left blank. */
export function wantsLastProfile(application: Application): boolean {
  return isAgreement(application.reuseProfile ?? '', REUSE_PROFILE_OPTION);
}
