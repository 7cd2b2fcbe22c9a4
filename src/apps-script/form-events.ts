import {
  EMAIL_COLUMN,
  TIMESTAMP_COLUMN,
  type FormDefinition,
  type Question,
} from '../domain/forms';
import { headerKey } from '../domain/text';
import { parseTimestamp } from '../domain/timestamps';

/** A form the scheme built: its ID, its URL (as recorded) and its definition. */
export interface KnownForm {
  formId: string;
  url: string;
  definition: FormDefinition;
}

/** One submitted response, read from a trigger's event. */
export interface FormSubmission {
  formId: string;
  definitionId: string;
  /** The collected address, as given ('' when the form does not collect one). */
  email: string;
  submitted: Date | null;
  /** The timestamp as the event gave it (kept for a record when it could not be read). */
  submittedText: string;
  /** Every question's answer by field ('' when unanswered); checkboxes joined with ", ". */
  answers: Map<string, string>;
  /** The form response's ID (form triggers only). */
  responseId?: string;
}

/** What a spreadsheet onFormSubmit trigger passes. */
interface SheetEvent {
  range: { getSheet(): { getFormUrl(): string | null }; getValues?(): unknown[][] };
  namedValues: Record<string, readonly string[]>;
  values?: readonly string[];
}

/** What a form onFormSubmit trigger passes. */
interface FormEvent {
  response: GoogleAppsScript.Forms.FormResponse;
  source: { getId(): string };
}

/**
 * The submission an onFormSubmit event carries, for either trigger: the spreadsheet's (the form
 * found by the response tab's form URL) or a form's own (found by the form's ID). Null when the
 * event is not a form submission or comes from a form not in `forms`.
 * A response tab's timestamp without a zone is read in `timeZone` (default Europe/London).
 */
export function submissionFromEvent(
  event: unknown,
  forms: readonly KnownForm[],
  options: { timeZone?: string } = {},
): FormSubmission | null {
  if (!event || typeof event !== 'object') return null;
  const timeZone = options.timeZone ?? 'Europe/London';
  if (isFormEvent(event)) return fromFormEvent(event, forms);
  if (isSheetEvent(event)) return fromSheetEvent(event, forms, timeZone);
  return null;
}

function isFormEvent(event: object): event is FormEvent {
  const e = event as Partial<FormEvent>;
  return (
    typeof e.response?.getItemResponses === 'function' && typeof e.source?.getId === 'function'
  );
}

function isSheetEvent(event: object): event is SheetEvent {
  const e = event as Partial<SheetEvent>;
  return (
    typeof e.range?.getSheet === 'function' &&
    typeof e.namedValues === 'object' &&
    e.namedValues !== null
  );
}

function fromFormEvent(event: FormEvent, forms: readonly KnownForm[]): FormSubmission | null {
  const formId = event.source.getId();
  const known = forms.find((f) => f.formId === formId);
  if (!known) return null;
  const answers = emptyAnswers(known.definition);
  for (const itemResponse of event.response.getItemResponses()) {
    const question = findQuestion(known.definition, itemResponse.getItem().getTitle());
    if (!question) continue;
    answers.set(question.field, answerText(itemResponse.getResponse()));
  }
  let email = '';
  try {
    email = String(event.response.getRespondentEmail() ?? '').trim();
  } catch {
    email = ''; // forms that collect no address
  }
  const at = event.response.getTimestamp();
  const submitted = isDateLike(at) ? new Date(at.getTime()) : null;
  return {
    formId,
    definitionId: known.definition.id,
    email,
    submitted,
    submittedText: submitted ? submitted.toISOString() : '',
    answers,
    responseId: event.response.getId(),
  };
}

function fromSheetEvent(
  event: SheetEvent,
  forms: readonly KnownForm[],
  timeZone: string,
): FormSubmission | null {
  const formUrl = event.range.getSheet().getFormUrl();
  if (!formUrl) return null;
  const known = forms.find((f) => sameForm(formUrl, f));
  if (!known) return null;

  const byKey = new Map<string, string>();
  for (const [column, values] of Object.entries(event.namedValues)) {
    // A title seen twice (a question made again) has two columns: the newest answer counts.
    const answered = Array.from(values ?? []).filter((v) => String(v).trim() !== '');
    const value = answered.length ? String(answered[answered.length - 1]) : '';
    const key = headerKey(column);
    if (!byKey.has(key) || value !== '') byKey.set(key, value);
  }
  const named = (title: string): string =>
    event.namedValues[title]?.[0] ?? byKey.get(headerKey(title)) ?? '';

  const answers = emptyAnswers(known.definition);
  for (const question of known.definition.questions) {
    const exact = event.namedValues[question.title];
    const answered = exact ? Array.from(exact).filter((v) => String(v).trim() !== '') : [];
    const value = answered.length
      ? String(answered[answered.length - 1])
      : (byKey.get(headerKey(question.title)) ?? '');
    answers.set(question.field, value.trim());
  }

  const submittedText = String(named(TIMESTAMP_COLUMN)).trim();
  let submitted = timestampCell(event);
  submitted ??= submittedText ? parseTimestamp(submittedText, timeZone) : null;
  return {
    formId: known.formId,
    definitionId: known.definition.id,
    email: String(named(EMAIL_COLUMN)).trim(),
    submitted,
    submittedText,
    answers,
  };
}

/** The response row's first cell when it holds a date: exact, whatever the sheet's locale. */
function timestampCell(event: SheetEvent): Date | null {
  if (typeof event.range.getValues !== 'function') return null;
  try {
    const first = event.range.getValues()[0]?.[0];
    return isDateLike(first) ? new Date(first.getTime()) : null;
  } catch {
    return null;
  }
}

function emptyAnswers(definition: FormDefinition): Map<string, string> {
  return new Map(definition.questions.map((q) => [q.field, '']));
}

function findQuestion(definition: FormDefinition, title: string): Question | undefined {
  return (
    definition.questions.find((q) => q.title === title) ??
    definition.questions.find((q) => headerKey(q.title) === headerKey(title))
  );
}

/** A checkbox answer (an array) reads as Google's CSV writes it: values joined with ", ". */
function answerText(response: unknown): string {
  if (Array.isArray(response) || isArrayLike(response))
    return Array.from(response as ArrayLike<unknown>, (v) => String(v)).join(', ');
  return response === null || response === undefined ? '' : String(response).trim();
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (
    typeof v === 'object' && v !== null && typeof (v as ArrayLike<unknown>).length === 'number'
  );
}

function isDateLike(v: unknown): v is Date {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Date).getTime === 'function' &&
    !Number.isNaN((v as Date).getTime())
  );
}

/**
 * Whether a response tab's form URL names this form. Sheets gives the form's own URL
 * (…/forms/d/<id>/viewform), the form's published URL is …/forms/d/e/<key>/viewform; either may
 * carry /u/0/ or /a/<domain>/, a trailing /viewform or /edit, a query or a fragment.
 */
export function sameForm(url: string, form: { formId: string; url: string }): boolean {
  const key = formKey(url);
  if (key === null) return normaliseUrl(url) === normaliseUrl(form.url);
  return key === formKey(form.url) || key === `id:${form.formId}`;
}

function formKey(url: string): string | null {
  const m = /\/forms\/(?:u\/\d+\/|a\/[^/]+\/)?d\/(e\/)?([A-Za-z0-9_-]+)/.exec(
    stripUserSegments(url),
  );
  if (!m) return null;
  return `${m[1] ? 'e' : 'id'}:${m[2]}`;
}

function stripUserSegments(url: string): string {
  return String(url)
    .trim()
    .replace(/\/u\/\d+(?=\/)/g, '')
    .replace(/\/a\/[^/]+(?=\/forms\/)/g, '');
}

function normaliseUrl(url: string): string {
  return stripUserSegments(url)
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\/(viewform|edit|formResponse|closedform)$/, '')
    .replace(/^http:/, 'https:')
    .toLowerCase();
}
