import {
  NO_MENTORS_OPTION,
  questionOptions,
  renderFormHtml,
  scaleOf,
} from '../../src/domain/form-html';
import {
  CHOICE_FORM,
  MENTEE_FORM,
  MENTOR_FORM,
  type FormDefinition,
  type Question,
} from '../../src/domain/forms';
import type { FormSpec } from '../../src/ports';

function spec(definition: FormDefinition, overrides: Partial<FormSpec> = {}): FormSpec {
  return {
    definition,
    mentorOptions: [],
    description: definition.description,
    linkResponses: true,
    ...overrides,
  };
}

const EVERY_TYPE: FormDefinition = {
  id: 'evaluation',
  title: 'Every kind of question',
  description: 'First paragraph.\n\nSecond paragraph,\nwith a line break.',
  collectsEmail: false,
  questions: [
    { field: 'short', title: 'Short answer', type: 'text', required: true, help: 'A few words.' },
    { field: 'long', title: 'Long answer', type: 'paragraph', required: false },
    { field: 'one', title: 'Pick one', type: 'choice', options: ['Yes', 'No'], required: true },
    {
      field: 'many',
      title: 'Pick any',
      type: 'checkboxes',
      options: ['A', 'B', 'C'],
      required: false,
    },
    {
      field: 'list',
      title: 'Pick from a list',
      type: 'dropdown',
      options: ['1', '2'],
      required: true,
    },
    {
      field: 'rate',
      title: 'How useful was it?',
      type: 'scale',
      options: ['1', '5'],
      required: true,
      help: '1 = not at all, 5 = a great deal',
    },
  ],
};

/** The HTML of the question titled `title`, up to the next question. */
function block(html: string, title: string): string {
  const start = html.indexOf(`>${title}`);
  const open = Math.max(
    html.lastIndexOf('<div class="question"', start),
    html.lastIndexOf('<fieldset class="question"', start),
  );
  const next = html.slice(start).search(/<(div|fieldset) class="question"|<\/form>/);
  return html.slice(open, start + next);
}

describe('renderFormHtml', () => {
  const html = renderFormHtml(spec(EVERY_TYPE));

  test('a standalone, script-free HTML5 page in British English, marked as a preview', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Every kind of question (preview)</title>');
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    const note = html.indexOf('Preview only.');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(html.indexOf('<h1>'));
    expect(html).toContain('Nothing typed here is sent anywhere');
    expect(html).toContain('<p class="description">Second paragraph,<br>with a line break.</p>');
  });

  test('renders every question type with its own control', () => {
    expect(block(html, 'Short answer')).toMatch(/<label for="q1">Short answer .*<\/label>/);
    expect(block(html, 'Short answer')).toContain(
      '<input type="text" id="q1" name="short" required',
    );
    expect(block(html, 'Long answer')).toContain(
      '<textarea id="q2" name="long" rows="5"></textarea>',
    );
    const one = block(html, 'Pick one');
    expect(one).toMatch(/^<fieldset class="question">\n<legend>Pick one/);
    expect(one.match(/type="radio"/g)).toHaveLength(2);
    expect(one).toContain(
      '<label class="option" for="q3-1"><input type="radio" id="q3-1" name="one" value="Yes" required>Yes</label>',
    );
    const many = block(html, 'Pick any');
    expect(many.match(/type="checkbox"/g)).toHaveLength(3);
    expect(many).not.toContain('required');
    expect(many).toContain('Choose any that apply.');
    const list = block(html, 'Pick from a list');
    expect(list).toContain('<select id="q5" name="list" required>');
    expect(list).toContain('<option value="">Choose</option>');
    expect(list).toContain('<option value="2">2</option>');
    const rate = block(html, 'How useful was it?');
    expect(rate.match(/type="radio"/g)).toHaveLength(5);
    expect(rate).toContain('1 <span class="scale-end">(not at all)</span>');
    expect(rate).toContain('5 <span class="scale-end">(a great deal)</span>');
    expect(rate).toContain('From 1 to 5.');
  });

  test('marks required questions in words, not only by colour', () => {
    expect(block(html, 'Short answer')).toContain('<span class="required">(required)</span>');
    expect(block(html, 'Pick one')).toContain(
      '<legend>Pick one <span class="required">(required)</span></legend>',
    );
    expect(block(html, 'Long answer')).not.toContain('(required)');
    expect(html).toContain('Questions marked &ldquo;(required)&rdquo; must be answered.');
  });

  test('ties help text to its question with aria-describedby', () => {
    const short = block(html, 'Short answer');
    expect(short).toContain('<div class="help" id="q1-help"><p>A few words.</p></div>');
    expect(short).toContain('aria-describedby="q1-help"');
    expect(block(html, 'Long answer')).not.toContain('aria-describedby');
    expect(block(html, 'How useful was it?')).toMatch(
      /<fieldset class="question" aria-describedby="q6-help">/,
    );
  });

  test('asks for the e-mail address first when the form collects it, typed, with no Google account needed', () => {
    const mentor = renderFormHtml(spec(MENTOR_FORM));
    const email = mentor.indexOf('<label for="q-email">Email address');
    expect(email).toBeGreaterThan(0);
    expect(email).toBeLessThan(mentor.indexOf('Full name'));
    expect(mentor).toContain(
      '<input type="email" id="q-email" name="email" autocomplete="email" required aria-describedby="q-email-help">',
    );
    expect(mentor).toContain('No Google account is needed.');
    expect(mentor).not.toContain('Google account you sign in with');
    // Only where staff chose verified Google addresses (Forms needing a Google sign-in).
    const verified = renderFormHtml({ ...spec(MENTOR_FORM), verifiedEmail: true });
    expect(verified).toContain('Google collects this from the Google account you sign in with.');
    expect(html).not.toContain('q-email');
  });

  test('escapes titles, options, help and descriptions: markup shows as text', () => {
    const hostile: FormDefinition = {
      ...EVERY_TYPE,
      title: 'Title <b>bold</b> & "quoted"',
      questions: [
        {
          field: 'x"><script>',
          title: '<script>alert(1)</script>',
          type: 'text',
          required: false,
          help: '<img src=x onerror=alert(1)>',
        },
        {
          field: 'o',
          title: "Options 'n' stuff",
          type: 'choice',
          options: ['"><script>alert(2)</script>', 'Tom & Jerry'],
          required: true,
        },
      ],
    };
    const out = renderFormHtml(spec(hostile, { description: '<iframe src="//evil">' }));
    expect(out).not.toMatch(/<script|<img|<iframe|<b>/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(out).toContain('Tom &amp; Jerry');
    expect(out).toContain('<h1>Title &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;</h1>');
    expect(out).toContain('name="x&quot;&gt;&lt;script&gt;"');
    expect(out).toContain('Options &#39;n&#39; stuff');
    expect(out).toContain('&lt;iframe src=&quot;//evil&quot;&gt;');
  });

  test('fills mentor dropdowns with the mentors, escaped, or a placeholder while there are none', () => {
    const empty = renderFormHtml(spec(CHOICE_FORM));
    expect(empty.match(new RegExp(`<option value="${NO_MENTORS_OPTION}">`, 'g'))).toHaveLength(3);
    const mentors = ['Ann Lee — <Brent>', 'Bo Ray — Hull'];
    const filled = renderFormHtml(spec(CHOICE_FORM, { mentorOptions: mentors }));
    expect(
      filled.match(/<option value="Ann Lee — &lt;Brent&gt;">Ann Lee — &lt;Brent&gt;<\/option>/g),
    ).toHaveLength(3);
    expect(filled).not.toContain(NO_MENTORS_OPTION);
  });

  test('a single box (the consent) says to tick it, not "Choose at least one"', () => {
    const mentee = renderFormHtml(spec(MENTEE_FORM));
    const consent = block(mentee, 'I agree to my information being used to run the scheme');
    expect(consent).toContain('Tick the box to agree.');
    expect(consent).not.toContain('Choose at least one');
    expect(block(mentee, 'Areas where you would like support')).toContain('Choose at least one.');
  });

  test('the preview note fits every form, not only the applications', () => {
    for (const form of [MENTOR_FORM, CHOICE_FORM]) {
      const page = renderFormHtml(spec(form));
      expect(page).not.toContain('people apply');
      expect(page).toContain('answers are given in the real Google Form');
    }
  });

  test('renders the scheme’s application forms without surprises', () => {
    const mentee = renderFormHtml(spec(MENTEE_FORM));
    for (const q of MENTEE_FORM.questions) expect(mentee).toContain(q.title);
    expect(mentee.match(/class="question"/g)).toHaveLength(MENTEE_FORM.questions.length + 1);
  });
});

describe('questionOptions and scaleOf', () => {
  const dropdown: Question = {
    field: 'c',
    title: 'C',
    type: 'dropdown',
    required: true,
    mentorOptions: true,
  };

  test('mentor options: trimmed, without blanks or repeats; a placeholder when none', () => {
    expect(
      questionOptions(dropdown, spec(CHOICE_FORM, { mentorOptions: [' A ', '', 'B', 'A'] })),
    ).toEqual(['A', 'B']);
    expect(questionOptions(dropdown, spec(CHOICE_FORM))).toEqual([NO_MENTORS_OPTION]);
    const plain: Question = {
      field: 'p',
      title: 'P',
      type: 'choice',
      options: ['x', 'y'],
      required: true,
    };
    expect(questionOptions(plain, spec(CHOICE_FORM, { mentorOptions: ['A'] }))).toEqual(['x', 'y']);
  });

  test('a scale’s ends from its options, labels from the options or the help', () => {
    const q = (options: string[], help?: string): Question => ({
      field: 's',
      title: 'S',
      type: 'scale',
      options,
      required: false,
      help,
    });
    expect(scaleOf(q(['1', '5'], '1 = not at all, 5 = a great deal'))).toEqual({
      lower: 1,
      upper: 5,
      lowerLabel: 'not at all',
      upperLabel: 'a great deal',
    });
    expect(scaleOf(q(['0 — Never', '10 — Always']))).toEqual({
      lower: 0,
      upper: 10,
      lowerLabel: 'Never',
      upperLabel: 'Always',
    });
    expect(scaleOf(q(['1', '7'], 'Where 1 means poor and 7 means excellent.'))).toMatchObject({
      lowerLabel: 'poor',
      upperLabel: 'excellent',
    });
    expect(scaleOf(q(['1', '5']))).toEqual({ lower: 1, upper: 5, lowerLabel: '', upperLabel: '' });
    expect(scaleOf(q(['3', '20']))).toMatchObject({ lower: 1, upper: 10 });
  });
});
