import { AppsScriptForms } from '../../src/apps-script/forms-app';
import { FORMS, MENTEE_FORM } from '../../src/domain/forms';
import { inert } from '../../src/apps-script/services';
import { createFakeAppsScript, type FakeAppsScript } from '../fakes/apps-script';
import { specFor } from '../contract/forms-contract';
import { loadBundle } from '../support/bundle';

function onFake() {
  const fake = createFakeAppsScript();
  const forms = new AppsScriptForms(
    fake.globals.FormApp as unknown as GoogleAppsScript.Forms.FormApp,
    fake.globals.ScriptApp as unknown as GoogleAppsScript.Script.ScriptApp,
    fake.globals.SpreadsheetApp.getActiveSpreadsheet(),
    fake.globals.DriveApp as unknown as GoogleAppsScript.Drive.DriveApp,
  );
  return { fake, forms };
}

function settingsValue(fake: FakeAppsScript, label: string): string {
  const values = fake.spreadsheet.values('Settings');
  const row = values.find((r) => r[values[0].indexOf('Setting')] === label);
  return String(row?.[values[0].indexOf('Value')] ?? '');
}

function setSetting(fake: FakeAppsScript, label: string, value: string): void {
  const values = fake.spreadsheet.values('Settings');
  const at = values.findIndex((r) => r[values[0].indexOf('Setting')] === label);
  values[at][values[0].indexOf('Value')] = value;
  fake.spreadsheet.seed(
    'Settings',
    values.map((r) => r.map(inert)),
  );
}

const MENTEE_ANSWERS = {
  'Full name': 'Ann Lee',
  'Library service': 'Brent Libraries',
  'Job title': 'Head of Libraries',
  'Are you the Head of Service managing libraries?': 'Yes',
  'Areas where you would like support': ['Budgeting'],
  'What would you like to gain from mentoring?': 'Confidence',
  'I agree to my information being used to run the scheme': ['I agree'],
};

describe('forms people can actually answer', () => {
  it('a form made on the fake starts unpublished, as Google now makes them, and takes no response', () => {
    const { fake } = onFake();
    const form = fake.globals.FormApp.create('Anything') as unknown as { getId(): string };
    expect(fake.forms.get(form.getId())?.published).toBe(false);
    expect(() => fake.forms.submit(form.getId(), { answers: {} })).toThrow(/not accepting/);
  });

  it('set-up-forms ends with every form published, and no form asks anyone to sign in to Google', () => {
    const { fake, call } = loadBundle();
    call('setUpWorkbook');
    call('setUpForms');
    const forms = fake.forms.all();
    expect(forms).toHaveLength(6);
    for (const form of forms) {
      expect({ title: form.title, published: form.published }).toEqual({
        title: form.title,
        published: true,
      });
      // A typed address where the form asks for one; the pseudonymous evaluation and
      // continuation forms ask none at all. Never a Google sign-in.
      const definition = Object.values(FORMS).find((d) => d.title === form.title)!;
      expect({ title: form.title, emailCollection: form.emailCollection }).toEqual({
        title: form.title,
        emailCollection: definition.collectsEmail ? 'RESPONDER_INPUT' : 'DO_NOT_COLLECT',
      });
    }
    expect(forms.filter((f) => f.emailCollection === 'DO_NOT_COLLECT').map((f) => f.title)).toEqual(
      ['Peer mentoring: how is it going?', 'Carrying on after the scheme'],
    );
    // Someone with only a Microsoft 365 account can apply.
    const mentee = forms.find((f) => f.title === MENTEE_FORM.title);
    expect(() =>
      fake.forms.submit(mentee!.id, {
        email: 'ann.lee@brent.gov.uk',
        googleAccount: false,
        answers: MENTEE_ANSWERS,
      }),
    ).not.toThrow();
  });

  it('a setting switches chosen forms to verified Google addresses', () => {
    const { fake, call } = loadBundle();
    call('setUpWorkbook');
    // Evaluation asks no address at all (pseudonymous): listing it must not make anyone sign in.
    setSetting(fake, 'Forms needing a Google sign-in', 'Concern, Evaluation');
    call('setUpForms');
    const byTitle = Object.fromEntries(fake.forms.all().map((f) => [f.title, f.emailCollection]));
    expect(byTitle).toEqual({
      [FORMS.mentor.title]: 'RESPONDER_INPUT',
      [FORMS.mentee.title]: 'RESPONDER_INPUT',
      [FORMS.choices.title]: 'RESPONDER_INPUT',
      [FORMS.evaluation.title]: 'DO_NOT_COLLECT',
      [FORMS.continuation.title]: 'DO_NOT_COLLECT',
      [FORMS.concern.title]: 'VERIFIED',
    });
    const evaluation = fake.forms.all().find((f) => f.title === FORMS.evaluation.title)!;
    expect(evaluation.published).toBe(true);
  });

  it('a form staff closed by hand stays closed, and staff are told in one sentence', () => {
    const { fake, forms } = onFake();
    const { id } = forms.ensureForm(specFor(MENTEE_FORM));
    fake.globals.FormApp.openById(id).setAcceptingResponses(false);
    const again = forms.ensureForm(specFor(MENTEE_FORM), id);
    expect(again.acceptingResponses).toBe(false);
    expect(fake.forms.get(id)?.acceptingResponses).toBe(false);
  });

  it('openById failing for another reason than "not found" makes no new form and keeps the IDs', () => {
    const { fake, call } = loadBundle();
    call('setUpWorkbook');
    call('setUpForms');
    const before = settingsValue(fake, 'Mentee application form ID');
    fake.failNext('FormApp.openById', 1, 'Service error: Forms');
    fake.ui.alerts.length = 0;
    call('setUpForms');
    expect(fake.forms.all()).toHaveLength(6);
    expect(settingsValue(fake, 'Mentee application form ID')).toBe(before);
    expect(fake.ui.alerts.join('\n')).toMatch(
      /could not be opened just now \(Service error: Forms\)/,
    );
  });

  it('a trashed form (it still opens) is treated as missing: a new one is made and staff are told', () => {
    const { fake, call } = loadBundle();
    call('setUpWorkbook');
    call('setUpForms');
    const old = settingsValue(fake, 'Mentee application form ID');
    fake.forms.trash(old);
    expect(() => fake.globals.FormApp.openById(old)).not.toThrow();
    fake.ui.alerts.length = 0;
    call('setUpForms');
    const now = settingsValue(fake, 'Mentee application form ID');
    expect(now).not.toBe(old);
    expect(fake.forms.get(now)?.published).toBe(true);
    expect(fake.ui.alerts.join('\n')).toMatch(/was in the Drive bin, so a new one was made/);
  });

  it('a deleted form is made again; Drive failing to find it means "not found" whatever the wording', () => {
    const { fake, call } = loadBundle();
    call('setUpWorkbook');
    call('setUpForms');
    const old = settingsValue(fake, 'Mentee application form ID');
    fake.forms.remove(old);
    call('setUpForms');
    expect(settingsValue(fake, 'Mentee application form ID')).not.toBe(old);
    expect(fake.ui.alerts.join('\n')).toMatch(/was deleted, so a new one was made/);
  });

  it('another member of staff running set-up-forms adds no second set of triggers and is told whose they are', () => {
    const { fake, call } = loadBundle({ userEmail: 'lead@scheme.example' });
    fake.spreadsheet.editors = ['deputy@scheme.example'];
    call('setUpWorkbook');
    call('setUpForms');
    const submitTriggers = () => fake.triggers().filter((t) => t.handler === 'onFormSubmit');
    expect(submitTriggers()).toHaveLength(2);
    expect(submitTriggers().every((t) => t.owner === 'lead@scheme.example')).toBe(true);

    fake.setUser('deputy@scheme.example');
    fake.ui.alerts.length = 0;
    call('setUpForms');
    expect(submitTriggers()).toHaveLength(2);
    expect(fake.ui.alerts.join('\n')).toMatch(
      /recorded by the triggers lead@scheme\.example installed/,
    );

    // The lead leaves the scheme: the deputy's set-up takes the triggers over.
    fake.spreadsheet.owner = 'deputy@scheme.example';
    fake.spreadsheet.editors = [];
    call('setUpForms');
    expect(submitTriggers().filter((t) => t.owner === 'deputy@scheme.example')).toHaveLength(2);
  });
});
