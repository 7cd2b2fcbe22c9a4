import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { submissionFromEvent, type KnownForm } from '../../src/apps-script/form-events';
import { AppsScriptForms } from '../../src/apps-script/forms-app';
import { NO_MENTORS_OPTION } from '../../src/domain/form-html';
import {
  CHOICE_FORM,
  csvColumns,
  MENTEE_FORM,
  MENTOR_FORM,
  type FormDefinition,
  type QuestionType,
} from '../../src/domain/forms';
import { headerKey } from '../../src/domain/text';
import { LocalForms } from '../../src/local/local-forms';
import {
  createFakeAppsScript,
  type FakeAppsScript,
  type FakeOptions,
  type FormSubmitEvent,
  type SheetSubmitEvent,
} from '../fakes/apps-script';
import { tempDir } from '../support/temp';
import { formsContract, SCALE_FORM, specFor, type BuiltForm } from './forms-contract';

const ITEM_TYPES: Record<string, QuestionType> = {
  TEXT: 'text',
  PARAGRAPH_TEXT: 'paragraph',
  MULTIPLE_CHOICE: 'choice',
  CHECKBOX: 'checkboxes',
  LIST: 'dropdown',
  SCALE: 'scale',
};

function onFake(options?: FakeOptions): { fake: FakeAppsScript; forms: AppsScriptForms } {
  const fake = createFakeAppsScript(options);
  const forms = new AppsScriptForms(
    fake.globals.FormApp as unknown as GoogleAppsScript.Forms.FormApp,
    fake.globals.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp,
    fake.globals.SpreadsheetApp.getActiveSpreadsheet(),
  );
  return { fake, forms };
}

function inspectFake(fake: FakeAppsScript): BuiltForm[] {
  return fake.forms.all().map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    collectsEmail: f.collectsEmail,
    linked: f.destination?.id === fake.spreadsheet.id,
    questions: f.items.map((i) => ({
      title: i.title,
      type: ITEM_TYPES[i.type],
      options: i.bounds ? i.bounds.map(String) : i.choices,
      required: i.required,
      help: i.helpText,
    })),
  }));
}

describe('Apps Script back end (FormApp on the fake)', () => {
  formsContract(() => {
    const { fake, forms } = onFake();
    return { forms, inspect: () => inspectFake(fake) };
  });
});

describe('local back end (HTML previews)', () => {
  formsContract(() => {
    const out = tempDir();
    return { forms: new LocalForms(out), inspect: () => inspectLocal(path.join(out, 'forms')) };
  });
});

// ---- reading a local preview back ----

function unescape(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&ldquo;|&rdquo;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

function inspectLocal(dir: string): BuiltForm[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const html = fs.readFileSync(path.join(dir, file), 'utf8');
      const meta = JSON.parse(
        fs.readFileSync(path.join(dir, file.replace(/\.html$/, '.json')), 'utf8'),
      ) as {
        linkResponses: boolean;
      };
      // Each question runs from its opening tag to the next question (or the form's end).
      const blocks = html
        .split('</form>')[0]
        .split(/<(?:div|fieldset) class="question"/)
        .slice(1);
      const questions = blocks
        .filter((body) => !body.includes('id="q-email"'))
        .map((body) => {
          const heading =
            /<(?:label for="q\d+"|legend)>([\s\S]*?)<\/(?:label|legend)>/.exec(body)?.[1] ?? '';
          const required = heading.includes('<span class="required">(required)</span>');
          const title = unescape(
            heading.replace(/ ?<span class="required">\(required\)<\/span>/, ''),
          );
          const help = unescape(/<div class="help"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '');
          const values = [...body.matchAll(/ value="([^"]*)"/g)].map((m) => unescape(m[1]));
          let type: QuestionType;
          let options = values.filter((v) => v !== '');
          if (body.includes('<textarea')) type = 'paragraph';
          else if (body.includes('<select')) type = 'dropdown';
          else if (body.includes('type="checkbox"')) type = 'checkboxes';
          else if (body.includes('<p class="help">From ')) {
            type = 'scale';
            options = [options[0], options[options.length - 1]];
          } else if (body.includes('type="radio"')) type = 'choice';
          else type = 'text';
          return { title, type, options, required, help };
        });
      return {
        id: file.replace(/\.html$/, ''),
        title: unescape(/<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? ''),
        description: [...html.matchAll(/<p class="description">([\s\S]*?)<\/p>/g)]
          .map((m) => unescape(m[1]))
          .join('\n\n'),
        collectsEmail: html.includes('id="q-email"'),
        linked: meta.linkResponses,
        questions,
      };
    });
}

describe('LocalForms', () => {
  test('writes the preview and the spec with the CSV columns, atomically, only when changed', () => {
    const out = tempDir();
    const forms = new LocalForms(out);
    const spec = specFor(CHOICE_FORM, { mentorOptions: ['Ann Lee — Brent'] });
    const result = forms.ensureForm(spec);
    const html = path.join(out, 'forms', 'choices.html');
    expect(result).toEqual({
      id: 'choices',
      url: expect.stringMatching(/^file:\/\//),
      created: true,
    });
    expect(fileURLToPath(result.url)).toBe(path.resolve(html));
    const json = JSON.parse(fs.readFileSync(path.join(out, 'forms', 'choices.json'), 'utf8'));
    expect(json.csvColumns).toEqual(csvColumns(CHOICE_FORM));
    expect(json.definition.id).toBe('choices');
    expect(json.mentorOptions).toEqual(['Ann Lee — Brent']);
    expect(fs.readdirSync(path.join(out, 'forms')).sort()).toEqual([
      'choices.html',
      'choices.json',
    ]);

    const before = fs.statSync(html).mtimeMs;
    fs.utimesSync(html, new Date(0), new Date(0));
    expect(forms.ensureForm(spec, 'choices').created).toBe(false);
    expect(fs.statSync(html).mtimeMs).toBe(0); // unchanged content: not rewritten
    forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: ['Bo Ray — Hull'] }));
    expect(fs.statSync(html).mtimeMs).not.toBe(0);
    expect(before).toBeGreaterThan(0);
    expect(fs.readFileSync(html, 'utf8')).toContain('Bo Ray — Hull');
  });

  test('has no triggers to install', () => {
    expect(new LocalForms(tempDir()).ensureSubmitTriggers('onFormSubmit', ['concern'])).toEqual({
      installed: 0,
      removed: 0,
    });
  });
});

// ---- the Apps Script adapter on the fake ----

/** Calls that change a form (set…, add…, delete…, move…, remove…). */
function writes(fake: FakeAppsScript): string[] {
  return fake.calls
    .history()
    .filter((c) => /^(Form|FormApp|\w*Item)\.(set|add|delete|move|remove|create)/.test(c));
}

const MENTORS = ['Siân Llywelyn — Gwynedd Libraries', 'Seán Ó Briain — Leeds Libraries'];
const MENTEE_ANSWERS = {
  'Full name': 'Ann Lee',
  'Library service': 'Brent Libraries',
  'Job title': 'Head of Libraries',
  'Are you the Head of Service managing libraries?': 'Yes',
  'Areas where you would like support': ['Budgeting', 'Restructures'],
  'What would you like to gain from mentoring?': 'Confidence with councillors',
  'I agree to my information being used to run the scheme': ['I agree'],
};

describe('AppsScriptForms on the fake', () => {
  test('a new form is published, collects typed (validated) addresses and sends responses to a new tab', () => {
    const { fake, forms } = onFake();
    const { id, url } = forms.ensureForm(specFor(MENTEE_FORM));
    const form = fake.forms.get(id);
    expect(form?.published).toBe(true);
    // Nobody needs a Google account to answer (most councils use Microsoft 365).
    expect(form?.emailCollection).toBe('RESPONDER_INPUT');
    expect(form?.publishedUrl).toBe(url);
    expect(form?.responseSheet).toBe('Form Responses 1');
    // Linked tabs say "Email Address"; the scheme matches headers ignoring case.
    expect(fake.spreadsheet.values('Form Responses 1')[0].map((h) => headerKey(String(h)))).toEqual(
      csvColumns(MENTEE_FORM).map(headerKey),
    );
  });

  test('takes SpreadsheetApp too, reading the active spreadsheet only when it needs it', () => {
    const fake = createFakeAppsScript();
    const forms = new AppsScriptForms(
      fake.globals.FormApp as unknown as GoogleAppsScript.Forms.FormApp,
      fake.globals.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp,
      fake.globals.SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    );
    expect(fake.calls.total()).toBe(0);
    const { id } = forms.ensureForm(specFor(MENTOR_FORM));
    forms.ensureSubmitTriggers('onFormSubmit', []);
    expect(fake.forms.get(id)?.destination?.id).toBe(fake.spreadsheet.id);
    expect(fake.triggers().map((t) => t.sourceId)).toEqual([fake.spreadsheet.id]);
    expect(fake.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
  });

  test('falls back to setCollectEmail where Forms has no e-mail collection types', () => {
    const fake = createFakeAppsScript();
    const formApp = new Proxy(fake.globals.FormApp, {
      get: (target, key) =>
        key === 'EmailCollectionType' ? undefined : Reflect.get(target, key, target),
    });
    const forms = new AppsScriptForms(
      formApp as unknown as GoogleAppsScript.Forms.FormApp,
      fake.globals.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp,
      fake.spreadsheet.id,
    );
    const { id } = forms.ensureForm(specFor(MENTOR_FORM));
    expect(fake.calls.count('Form.setCollectEmail')).toBe(1);
    expect(fake.calls.count('Form.setEmailCollectionType')).toBe(0);
    expect(fake.forms.get(id)?.collectsEmail).toBe(true);
  });

  test('a second run with nothing changed writes nothing', () => {
    const { fake, forms } = onFake();
    const { id } = forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: MENTORS }));
    fake.calls.reset();
    forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: MENTORS }), id);
    expect(writes(fake)).toEqual([]);
    expect(fake.calls.count('Form.getItems')).toBe(1);
  });

  test('responses survive a re-run that changes the options: items keep their IDs', () => {
    const { fake, forms } = onFake();
    const { id } = forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: MENTORS }));
    const itemIds = fake.forms.get(id)?.items.map((i) => i.id);
    fake.forms.submit(id, {
      email: 'ann@example.org',
      answers: {
        'First choice of mentor': MENTORS[1],
        'Second choice of mentor': MENTORS[0],
        'Third choice of mentor': MENTORS[0],
      },
    });
    const more = [...MENTORS, 'Ann Lee — Brent Libraries'];
    forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: more }), id);
    const form = fake.forms.get(id);
    expect(form?.items.map((i) => i.id)).toEqual(itemIds);
    expect(form?.items.map((i) => i.choices)).toEqual([more, more, more]);
    expect(form?.responses).toHaveLength(1);
    expect(form?.responses[0].answers['First choice of mentor']).toBe(MENTORS[1]);
    expect(fake.calls.count('ListItem.setChoiceValues')).toBe(6); // 3 when made, 3 now
    expect(fake.spreadsheet.sheets.filter((s) => s.name.startsWith('Form Responses'))).toHaveLength(
      1,
    );
    expect(fake.spreadsheet.values('Form Responses 1')).toHaveLength(2);
  });

  test('reorders, removes and adds by title; a question whose type changed is made again', () => {
    const { fake, forms } = onFake();
    const { id } = forms.ensureForm(specFor(MENTEE_FORM));
    const before = new Map(fake.forms.get(id)?.items.map((i) => [i.title, i.id]));
    const [name, service, jobTitle, , areas, goals, notes, consent] = MENTEE_FORM.questions;
    const changed: FormDefinition = {
      ...MENTEE_FORM,
      questions: [
        service,
        name,
        { ...goals, type: 'text' },
        jobTitle,
        {
          field: 'region',
          title: 'Region',
          type: 'choice',
          options: ['North', 'South'],
          required: true,
        },
        areas,
        notes,
        consent,
      ],
    };
    forms.ensureForm(specFor(changed), id);
    const items = fake.forms.get(id)?.items ?? [];
    expect(items.map((i) => i.title)).toEqual(changed.questions.map((q) => q.title));
    for (const q of [service, name, jobTitle, areas, notes, consent])
      expect(items.find((i) => i.title === q.title)?.id).toBe(before.get(q.title));
    expect(items.find((i) => i.title === goals.title)?.type).toBe('TEXT');
    expect(items.find((i) => i.title === goals.title)?.id).not.toBe(before.get(goals.title));
  });

  test('items staff added to the form by hand are removed; a deleted form is made again', () => {
    const { fake, forms } = onFake();
    const { id } = forms.ensureForm(specFor(CHOICE_FORM));
    const form = fake.globals.FormApp.openById(id);
    form.addSectionHeaderItem().setTitle('Welcome');
    form.addTextItem().setTitle('Favourite book');
    form.moveItem(3, 0);
    forms.ensureForm(specFor(CHOICE_FORM), id);
    expect(fake.forms.get(id)?.items.map((i) => i.title)).toEqual(
      CHOICE_FORM.questions.map((q) => q.title),
    );
    expect(fake.forms.get(id)?.items.map((i) => i.choices)).toEqual([
      [NO_MENTORS_OPTION],
      [NO_MENTORS_OPTION],
      [NO_MENTORS_OPTION],
    ]);

    fake.forms.remove(id);
    const again = forms.ensureForm(specFor(CHOICE_FORM), id);
    expect(again.created).toBe(true);
    expect(again.id).not.toBe(id);
  });

  test('links once: re-running never makes a second response tab; an unlinked form is unlinked', () => {
    const { fake, forms } = onFake();
    const mentor = forms.ensureForm(specFor(MENTOR_FORM));
    const mentee = forms.ensureForm(specFor(MENTEE_FORM));
    forms.ensureForm(specFor(MENTOR_FORM), mentor.id);
    forms.ensureForm(specFor(MENTEE_FORM), mentee.id);
    expect(fake.calls.count('Form.setDestination')).toBe(2);
    expect(fake.spreadsheet.sheets.map((s) => s.name)).toEqual([
      'Form Responses 2',
      'Form Responses 1',
      'Sheet1',
    ]);

    // The concern form must not be linked: a form that was linked is unlinked; its tab stays.
    forms.ensureForm(specFor(MENTEE_FORM, { linkResponses: false }), mentee.id);
    expect(fake.forms.get(mentee.id)?.destination).toBeNull();
    expect(fake.spreadsheet.sheet('Form Responses 2')?.getFormUrl()).toBeNull();
    const concern = forms.ensureForm(specFor(SCALE_FORM, { linkResponses: false }));
    expect(fake.forms.get(concern.id)?.destination).toBeNull();
    expect(fake.calls.count('Form.removeDestination')).toBe(1);
  });

  test('submit triggers: one for the spreadsheet, one per unlinked form, however often it runs', () => {
    const { fake, forms } = onFake();
    const ScriptApp = fake.globals.ScriptApp;
    ScriptApp.newTrigger('continueJobs').timeBased().after(60_000).create();
    ScriptApp.newTrigger('somethingElse')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    const concern = forms.ensureForm(specFor(SCALE_FORM, { linkResponses: false }));
    const other = forms.ensureForm(specFor(CHOICE_FORM, { linkResponses: false }));
    // A duplicate and a stale trigger of ours, as a crashed earlier run might leave them.
    ScriptApp.newTrigger('onFormSubmit')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    ScriptApp.newTrigger('onFormSubmit')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    ScriptApp.newTrigger('onFormSubmit').forForm('1OldFormGone').onFormSubmit().create();

    expect(forms.ensureSubmitTriggers('onFormSubmit', [concern.id, other.id])).toEqual({
      installed: 2,
      removed: 2,
    });
    expect(forms.ensureSubmitTriggers('onFormSubmit', [concern.id, other.id])).toEqual({
      installed: 0,
      removed: 0,
    });
    const ours = fake.triggers().filter((t) => t.handler === 'onFormSubmit');
    expect(ours.map((t) => [t.source, t.sourceId]).sort()).toEqual(
      [
        ['FORMS', concern.id],
        ['FORMS', other.id],
        ['SPREADSHEETS', fake.spreadsheet.id],
      ].sort(),
    );
    expect(
      fake
        .triggers()
        .map((t) => t.handler)
        .sort(),
    ).toEqual(['continueJobs', 'onFormSubmit', 'onFormSubmit', 'onFormSubmit', 'somethingElse']);
    // A form that is linked now loses its own trigger (the spreadsheet's fires for it).
    expect(forms.ensureSubmitTriggers('onFormSubmit', [concern.id])).toEqual({
      installed: 0,
      removed: 1,
    });
  });

  test('a day of set-up fits well within one execution (latency on)', () => {
    const { fake, forms } = onFake({ latency: true, enforceTimeLimit: true });
    fake.clock.startExecution();
    const mentors = Array.from({ length: 40 }, (_, i) => `Mentor ${i + 1} — Service ${i + 1}`);
    const ids = [MENTOR_FORM, MENTEE_FORM].map((d) => forms.ensureForm(specFor(d)).id);
    const choice = forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: mentors }));
    const scale = forms.ensureForm(specFor(SCALE_FORM, { linkResponses: false }));
    forms.ensureSubmitTriggers('onFormSubmit', [scale.id]);
    const first = fake.clock.elapsedInExecution();
    expect(first).toBeLessThan(60_000);
    fake.clock.startExecution();
    for (const [i, d] of [MENTOR_FORM, MENTEE_FORM].entries()) forms.ensureForm(specFor(d), ids[i]);
    forms.ensureForm(specFor(CHOICE_FORM, { mentorOptions: mentors }), choice.id);
    expect(fake.clock.elapsedInExecution()).toBeLessThan(first);
  });
});

describe('submissionFromEvent', () => {
  function setUp() {
    const { fake, forms } = onFake();
    const mentee = forms.ensureForm(specFor(MENTEE_FORM));
    const concern = forms.ensureForm(specFor(SCALE_FORM, { linkResponses: false }));
    forms.ensureSubmitTriggers('onFormSubmit', [concern.id]);
    const known: KnownForm[] = [
      { formId: mentee.id, url: mentee.url, definition: MENTEE_FORM },
      { formId: concern.id, url: concern.url, definition: SCALE_FORM },
    ];
    return { fake, mentee, concern, known };
  }

  test('reads a linked form’s response from the spreadsheet trigger’s event', () => {
    const { fake, mentee, known } = setUp();
    const at = new Date('2026-07-02T08:15:30Z');
    const submission = fake.forms.submit(mentee.id, {
      email: 'ann@example.org',
      answers: { ...MENTEE_ANSWERS, 'Job title': '=HYPERLINK("x")' },
      at,
    });
    expect(submission.fired.map((f) => f.handler)).toEqual(['onFormSubmit']);
    const event = submission.fired[0].event as SheetSubmitEvent;
    expect(event.namedValues.Timestamp).toEqual(['02/07/2026 09:15:30']);
    const read = submissionFromEvent(event, known);
    expect(read).toEqual({
      formId: mentee.id,
      definitionId: 'mentee',
      email: 'ann@example.org',
      submitted: at,
      submittedText: '02/07/2026 09:15:30',
      answers: new Map([
        ['name', 'Ann Lee'],
        ['service', 'Brent Libraries'],
        ['jobTitle', '=HYPERLINK("x")'],
        ['headOfService', 'Yes'],
        ['areas', 'Budgeting, Restructures'],
        ['goals', 'Confidence with councillors'],
        ['notes', ''],
        ['consent', 'I agree'],
      ]),
    });
    // The formula-like answer stays text in the response tab.
    expect(fake.spreadsheet.values('Form Responses 1')[1][4]).toBe('=HYPERLINK("x")');
  });

  test('reads an unlinked form’s response from the form trigger’s event', () => {
    const { fake, concern, known } = setUp();
    const at = new Date('2026-07-03T12:00:00Z');
    const submission = fake.forms.submit(concern.id, {
      answers: { 'How useful was mentoring?': '4', 'Would you take part again?': 'Yes' },
      at,
    });
    expect(submission.sheetEvent).toBeNull();
    expect(submission.fired.map((f) => f.trigger.source)).toEqual(['FORMS']);
    const event = submission.fired[0].event as FormSubmitEvent;
    expect(submissionFromEvent(event, known)).toEqual({
      formId: concern.id,
      definitionId: 'evaluation',
      email: '',
      submitted: at,
      submittedText: at.toISOString(),
      answers: new Map([
        ['useful', '4'],
        ['best', ''],
        ['again', 'Yes'],
      ]),
      responseId: submission.responseId,
    });
  });

  test('a checkbox answer from a form trigger reads as Google’s CSV writes it', () => {
    const { fake, mentee, known } = setUp();
    const submission = fake.forms.submit(mentee.id, {
      email: 'ann@example.org',
      answers: MENTEE_ANSWERS,
    });
    const read = submissionFromEvent(submission.formEvent, known);
    expect(read?.answers.get('areas')).toBe('Budgeting, Restructures');
    expect(read?.email).toBe('ann@example.org');
  });

  test('matches form URLs with or without /u/0/, /viewform, /edit or a query', () => {
    const { fake, mentee, known } = setUp();
    const { sheetEvent } = fake.forms.submit(mentee.id, {
      email: 'a@example.org',
      answers: MENTEE_ANSWERS,
    });
    const withUrl = (url: string) => ({
      ...sheetEvent,
      range: { getSheet: () => ({ getFormUrl: () => url }) },
    });
    const published = mentee.url;
    const own = `https://docs.google.com/forms/d/${mentee.id}`;
    for (const url of [
      published,
      published.replace('/viewform', '/viewform?usp=sf_link'),
      published.replace('/forms/', '/forms/u/0/'),
      `${own}/edit`,
      `${own}/viewform`,
      own.replace('/forms/', '/forms/u/1/') + '/edit#responses',
      own.replace('docs.google.com/', 'docs.google.com/a/example.org/') + '/viewform',
    ]) {
      expect(submissionFromEvent(withUrl(url), known)?.formId).toBe(mentee.id);
    }
    expect(
      submissionFromEvent(withUrl('https://docs.google.com/forms/d/1Other/viewform'), known),
    ).toBeNull();
    expect(submissionFromEvent(withUrl(''), known)).toBeNull();
  });

  test('null for forms it does not know and for other events', () => {
    const { fake, mentee, concern, known } = setUp();
    const linked = fake.forms.submit(mentee.id, {
      email: 'a@example.org',
      answers: MENTEE_ANSWERS,
    });
    const unlinked = fake.forms.submit(concern.id, {
      answers: { 'How useful was mentoring?': '5', 'Would you take part again?': 'No' },
    });
    expect(submissionFromEvent(linked.sheetEvent, [known[1]])).toBeNull();
    expect(submissionFromEvent(unlinked.formEvent, [known[0]])).toBeNull();
    expect(submissionFromEvent({ authMode: 'FULL', triggerUid: '1' }, known)).toBeNull();
    expect(submissionFromEvent(undefined, known)).toBeNull();
  });

  test('reads the timestamp text when the cell holds none (Europe/London by default)', () => {
    const { known, mentee } = setUp();
    const event = {
      range: { getSheet: () => ({ getFormUrl: () => mentee.url }), getValues: () => [['']] },
      namedValues: { Timestamp: ['02/07/2026 09:15:30'], 'Email Address': ['Ann@Example.org'] },
    };
    const read = submissionFromEvent(event, known);
    expect(read?.submitted).toEqual(new Date('2026-07-02T08:15:30Z'));
    expect(read?.email).toBe('Ann@Example.org');
    expect(read?.answers.get('name')).toBe('');
  });
});
