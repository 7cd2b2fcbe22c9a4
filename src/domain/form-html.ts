import { EMAIL_COLUMN, type FormSpec, type Question } from './forms';
import { escapeHtml } from './templates';

/**
 * A form as it is built, shared by both back ends: the options each question offers (the accepted
 * mentors filled in) and a scale's ends; and, for the local back end, a standalone HTML preview of
 * the Google Form. Pure: no Google, no Node.
 */

/** The one option of a mentor dropdown while no mentor is accepted: Forms refuses an empty list. */
export const NO_MENTORS_OPTION = 'No mentors yet';

/** The options a question offers as built: the spec's mentors for `mentorOptions` questions. */
export function questionOptions(question: Question, spec: FormSpec): string[] {
  const given = question.mentorOptions ? spec.mentorOptions : (question.options ?? []);
  const options = distinct(given);
  return question.mentorOptions && options.length === 0 ? [NO_MENTORS_OPTION] : options;
}

/** Trimmed, without blanks or repeats (Forms rejects both), in the order given. */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = String(raw).trim();
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    out.push(value);
  }
  return out;
}

export interface Scale {
  lower: number;
  upper: number;
  /** What the ends mean ("Not at all"), or '' when the definition does not say. */
  lowerLabel: string;
  upperLabel: string;
}

/**
 * A 'scale' question's ends: `options` are the ends (['1', '5'], or ['1 — Not at all', '5 —
 * Completely']); labels not given there are read from the help ("1 = not at all, 5 = completely").
 * Forms allows a lower end of 0 or 1 and an upper end of 3 to 10; other values are brought within.
 */
export function scaleOf(question: Question): Scale {
  const options = question.options ?? [];
  const first = splitEnd(options[0]);
  const last = splitEnd(options[options.length - 1]);
  const lower = first.value === 0 ? 0 : 1;
  const upper = Math.min(10, Math.max(3, last.value ?? 5));
  return {
    lower,
    upper,
    lowerLabel: first.label || labelFromHelp(question.help, lower),
    upperLabel: last.label || labelFromHelp(question.help, upper),
  };
}

function splitEnd(option: string | undefined): { value: number | null; label: string } {
  const m = /^\s*(\d+)\s*(?:[-–—:=(]\s*)?(.*?)\)?\s*$/.exec(option ?? '');
  if (!m) return { value: null, label: '' };
  return { value: Number(m[1]), label: m[2].trim() };
}

function labelFromHelp(help: string | undefined, end: number): string {
  if (!help) return '';
  // "1 = not at all, 5 = a great deal"; "where 1 means poor and 7 means excellent".
  const pattern = new RegExp(
    `(?:^|[\\s(,;])${end}\\s*(?:=|:|–|—|-|means|is)\\s*(.+?)(?=\\s*(?:[,;.)\\n]|\\s(?:and|or|to)\\s+\\d|$))`,
    'i',
  );
  return pattern.exec(help)?.[1].trim() ?? '';
}

/** The paragraphs of a description or help text as HTML: blank lines part paragraphs. */
function paragraphs(text: string, attributes = ''): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p${attributes}>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const REQUIRED = '<span class="required">(required)</span>';

const STYLE = `
  body { font-family: Arial, Helvetica, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; margin: 0; }
  main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
  .preview-note { border: 2px solid #1b1b1b; background: #fff4c2; padding: 0.75rem 1rem; }
  h1 { font-size: 1.75rem; line-height: 1.25; }
  .question { margin: 1.5rem 0; padding: 0; border: 0; }
  fieldset.question { padding: 0; }
  legend, .question > label { font-weight: bold; display: block; margin-bottom: 0.25rem; }
  .required { font-weight: bold; }
  .help { margin: 0 0 0.5rem; color: #333; }
  .option { display: block; margin: 0.35rem 0; }
  input[type=text], input[type=email], textarea, select { font: inherit; width: 100%; max-width: 36rem; padding: 0.4rem; border: 2px solid #1b1b1b; box-sizing: border-box; }
  input[type=radio], input[type=checkbox] { width: 1.25rem; height: 1.25rem; vertical-align: middle; margin-right: 0.5rem; }
  :focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
  .scale-end { font-style: italic; }
`;

/**
 * A standalone, accessible HTML5 rendering of the form (no script), for staff to check the
 * questions locally: a preview of the real Google Form, not a working form.
 */
export function renderFormHtml(spec: FormSpec): string {
  const form = spec.definition;
  const parts: string[] = [];
  if (form.collectsEmail) parts.push(emailQuestion(spec.verifiedEmail === true));
  spec.definition.questions.forEach((q, i) => parts.push(renderQuestion(q, i + 1, spec)));
  const anyRequired = form.collectsEmail || form.questions.some((q) => q.required);
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(form.title)} (preview)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="preview-note" role="note"><strong>Preview only.</strong> This page shows the questions of the Google Form &ldquo;${escapeHtml(form.title)}&rdquo; as the scheme builds it. Nothing typed here is sent anywhere: answers are given in the real Google Form.</p>
<h1>${escapeHtml(form.title)}</h1>
${paragraphs(spec.description, ' class="description"')}
${anyRequired ? '<p>Questions marked &ldquo;(required)&rdquo; must be answered.</p>' : ''}
<form aria-label="${escapeHtml(form.title)}" action="#" method="get">
${parts.join('\n')}
<p>In the real form, a Submit button sends your answers.</p>
</form>
</main>
</body>
</html>
`;
}

/** The form's own e-mail question: typed by the respondent unless staff chose verified sign-in. */
function emailQuestion(verified: boolean): string {
  const help = verified
    ? 'Google collects this from the Google account you sign in with.'
    : 'Type the address you use at work: the scheme writes to you there. No Google account is needed.';
  return `<div class="question">
<label for="q-email">${escapeHtml(EMAIL_COLUMN)} ${REQUIRED}</label>
<p class="help" id="q-email-help">${help}</p>
<input type="email" id="q-email" name="email" autocomplete="email" required aria-describedby="q-email-help">
</div>`;
}

function renderQuestion(q: Question, n: number, spec: FormSpec): string {
  const id = `q${n}`;
  const helpId = `${id}-help`;
  const title = `${escapeHtml(q.title)}${q.required ? ` ${REQUIRED}` : ''}`;
  const notes = [q.help ?? ''];
  // One box (the consent) is ticked or not; only a list of several is "at least one".
  if (q.type === 'checkboxes' && (q.options?.length ?? 0) > 1)
    notes.push(q.required ? 'Choose at least one.' : 'Choose any that apply.');
  else if (q.type === 'checkboxes' && q.required) notes.push('Tick the box to agree.');
  const helpText = notes.filter((t) => t.trim() !== '').join('\n\n');
  const help = helpText ? `<div class="help" id="${helpId}">${paragraphs(helpText)}</div>` : '';
  const describedBy = helpText ? ` aria-describedby="${helpId}"` : '';
  const required = q.required ? ' required' : '';
  const name = escapeHtml(q.field);

  switch (q.type) {
    case 'text':
      return `<div class="question">
<label for="${id}">${title}</label>
${help}
<input type="text" id="${id}" name="${name}"${required}${describedBy}>
</div>`;
    case 'paragraph':
      return `<div class="question">
<label for="${id}">${title}</label>
${help}
<textarea id="${id}" name="${name}" rows="5"${required}${describedBy}></textarea>
</div>`;
    case 'dropdown': {
      const options = questionOptions(q, spec)
        .map((o) => `<option value="${escapeHtml(o)}">${escapeHtml(o)}</option>`)
        .join('\n');
      return `<div class="question">
<label for="${id}">${title}</label>
${help}
<select id="${id}" name="${name}"${required}${describedBy}>
<option value="">Choose</option>
${options}
</select>
</div>`;
    }
    case 'choice':
    case 'checkboxes': {
      const kind = q.type === 'choice' ? 'radio' : 'checkbox';
      const each = q.type === 'choice' ? required : '';
      const options = questionOptions(q, spec)
        .map(
          (o, i) =>
            `<label class="option" for="${id}-${i + 1}"><input type="${kind}" id="${id}-${i + 1}" name="${name}" value="${escapeHtml(o)}"${each}>${escapeHtml(o)}</label>`,
        )
        .join('\n');
      return `<fieldset class="question"${describedBy}>
<legend>${title}</legend>
${help}
${options}
</fieldset>`;
    }
    case 'scale': {
      const scale = scaleOf(q);
      const points: string[] = [];
      for (let v = scale.lower; v <= scale.upper; v++) {
        const end =
          v === scale.lower ? scale.lowerLabel : v === scale.upper ? scale.upperLabel : '';
        const label = end ? `${v} <span class="scale-end">(${escapeHtml(end)})</span>` : String(v);
        points.push(
          `<label class="option" for="${id}-${v}"><input type="radio" id="${id}-${v}" name="${name}" value="${v}"${required}>${label}</label>`,
        );
      }
      return `<fieldset class="question"${describedBy}>
<legend>${title}</legend>
${help}
<p class="help">From ${scale.lower} to ${scale.upper}.</p>
${points.join('\n')}
</fieldset>`;
    }
  }
}
