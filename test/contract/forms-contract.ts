import { NO_MENTORS_OPTION, questionOptions, scaleOf } from '../../src/domain/form-html';
import {
  CHOICE_FORM,
  MENTEE_FORM,
  MENTOR_FORM,
  type FormDefinition,
  type QuestionType,
} from '../../src/domain/forms';
import type { FormSpec, FormsPort } from '../../src/ports';

/** A question as a back end built it, read back from what it made. */
export interface BuiltQuestion {
  title: string;
  type: QuestionType;
  /** The options offered; a scale's are its two ends. */
  options: string[];
  required: boolean;
  /** The help shown (may add a hint of the back end's own, e.g. "Choose at least one."). */
  help: string;
}

export interface BuiltForm {
  id: string;
  title: string;
  description: string;
  collectsEmail: boolean;
  /** Responses go to the scheme's workbook. */
  linked: boolean;
  questions: BuiltQuestion[];
}

/** A back end under test: its FormsPort, and every form it has made as it now is. */
export interface FormsBackend {
  forms: FormsPort;
  inspect(): BuiltForm[];
}

export function specFor(
  definition: FormDefinition,
  overrides: Partial<Omit<FormSpec, 'definition'>> = {},
): FormSpec {
  return {
    definition,
    mentorOptions: [],
    description: definition.description,
    linkResponses: true,
    ...overrides,
  };
}

/** An evaluation-style form with a scale, inline: the scheme's own arrive in forms.ts later. */
export const SCALE_FORM: FormDefinition = {
  id: 'evaluation',
  title: 'How did mentoring go?',
  description: 'Tell us how the scheme worked for you.',
  collectsEmail: false,
  questions: [
    {
      field: 'useful',
      title: 'How useful was mentoring?',
      type: 'scale',
      options: ['1', '5'],
      required: true,
      help: '1 = not useful, 5 = very useful',
    },
    { field: 'best', title: 'What went best?', type: 'paragraph', required: false },
    {
      field: 'again',
      title: 'Would you take part again?',
      type: 'choice',
      options: ['Yes', 'No', 'Not sure'],
      required: true,
    },
  ],
};

/** What every question of `spec` should look like once built. */
function expected(spec: FormSpec): BuiltQuestion[] {
  return spec.definition.questions.map((q) => {
    let options: string[] = [];
    if (q.type === 'scale') {
      const s = scaleOf(q);
      options = [String(s.lower), String(s.upper)];
    } else if (q.type === 'choice' || q.type === 'checkboxes' || q.type === 'dropdown') {
      options = questionOptions(q, spec);
    }
    return { title: q.title, type: q.type, options, required: q.required, help: q.help ?? '' };
  });
}

function expectBuiltAsSpecified(built: BuiltForm, spec: FormSpec): void {
  expect(built.title).toBe(spec.definition.title);
  expect(built.description).toBe(spec.description);
  expect(built.collectsEmail).toBe(spec.definition.collectsEmail);
  expect(built.linked).toBe(spec.linkResponses);
  const want = expected(spec);
  expect(built.questions.map((q) => q.title)).toEqual(want.map((q) => q.title));
  built.questions.forEach((q, i) => {
    expect({ ...q, help: '' }).toEqual({ ...want[i], help: '' });
    expect(q.help).toContain(want[i].help);
  });
}

/** The behaviour every FormsPort must have, whatever the back end. */
export function formsContract(makeBackend: () => FormsBackend): void {
  it('builds a form with every question as defined', () => {
    const backend = makeBackend();
    const spec = specFor(MENTOR_FORM);
    const result = backend.forms.ensureForm(spec);
    expect(result.created).toBe(true);
    expect(result.url).toMatch(/^(https|file):\/\//);
    const [built] = backend.inspect();
    expect(built.id).toBe(result.id);
    expectBuiltAsSpecified(built, spec);
  });

  it('ensures a form twice: the same form, made once', () => {
    const backend = makeBackend();
    const spec = specFor(MENTEE_FORM);
    const first = backend.forms.ensureForm(spec);
    const second = backend.forms.ensureForm(spec, first.id);
    expect(second).toEqual({ ...first, created: false });
    expect(backend.inspect()).toHaveLength(1);
  });

  it('updates a changed definition in place: a question added, one removed, options changed', () => {
    const backend = makeBackend();
    const first = backend.forms.ensureForm(specFor(MENTEE_FORM));
    const [name, service, , headOfService, ...rest] = MENTEE_FORM.questions;
    const changed: FormDefinition = {
      ...MENTEE_FORM,
      title: 'Apply to be a mentee (2027)',
      questions: [
        name,
        service,
        { ...headOfService, options: ['Yes', 'No', 'Acting Head of Service'] },
        {
          field: 'region',
          title: 'Region',
          type: 'dropdown',
          options: ['North', 'South'],
          required: false,
        },
        ...rest,
      ],
    };
    const spec = specFor(changed, { description: 'A new description.' });
    const second = backend.forms.ensureForm(spec, first.id);
    expect(second.id).toBe(first.id);
    expect(second.created).toBe(false);
    const forms = backend.inspect();
    expect(forms).toHaveLength(1);
    expectBuiltAsSpecified(forms[0], spec);
    expect(forms[0].questions.map((q) => q.title)).not.toContain('Job title');
  });

  it('fills mentor dropdowns with the mentors as given, or a placeholder while there are none', () => {
    const backend = makeBackend();
    const mentors = [
      'Siân Llywelyn — Gwynedd Libraries',
      'Seán Ó Briain — Leeds Libraries',
      'Ann Lee — <Brent> & "Harrow"',
    ];
    const empty = backend.forms.ensureForm(specFor(CHOICE_FORM));
    for (const q of backend.inspect()[0].questions) expect(q.options).toEqual([NO_MENTORS_OPTION]);
    const filled = backend.forms.ensureForm(
      specFor(CHOICE_FORM, { mentorOptions: mentors }),
      empty.id,
    );
    expect(filled.id).toBe(empty.id);
    const built = backend.inspect()[0];
    expect(built.questions.map((q) => q.type)).toEqual(['dropdown', 'dropdown', 'dropdown']);
    for (const q of built.questions) expect(q.options).toEqual(mentors);
  });

  it('links responses only when the spec says so', () => {
    const backend = makeBackend();
    const linked = backend.forms.ensureForm(specFor(MENTOR_FORM));
    const unlinked = backend.forms.ensureForm(specFor(SCALE_FORM, { linkResponses: false }));
    const byId = new Map(backend.inspect().map((f) => [f.id, f]));
    expect(byId.get(linked.id)?.linked).toBe(true);
    expect(byId.get(unlinked.id)?.linked).toBe(false);
    backend.forms.ensureForm(specFor(MENTOR_FORM, { linkResponses: false }), linked.id);
    expect(backend.inspect().find((f) => f.id === linked.id)?.linked).toBe(false);
  });

  it('builds a scale with its ends, and a form that collects no address', () => {
    const backend = makeBackend();
    const spec = specFor(SCALE_FORM, { linkResponses: false });
    backend.forms.ensureForm(spec);
    const [built] = backend.inspect();
    expectBuiltAsSpecified(built, spec);
    expect(built.questions[0].options).toEqual(['1', '5']);
  });

  it('makes the form again when the known one is gone', () => {
    const backend = makeBackend();
    const result = backend.forms.ensureForm(specFor(MENTOR_FORM), 'no-such-form');
    expect(result.created).toBe(true);
    expect(backend.inspect()).toHaveLength(1);
  });
}
