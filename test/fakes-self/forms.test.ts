import * as vm from 'node:vm';
import {
  createFakeAppsScript,
  createFakeContext,
  type FormSubmitEvent,
  type SheetSubmitEvent,
} from '../fakes/apps-script';

function setUp(options?: Parameters<typeof createFakeAppsScript>[0]) {
  const fake = createFakeAppsScript(options);
  const { FormApp, ScriptApp } = fake.globals;
  return { fake, FormApp, ScriptApp };
}

/** A published form with a text, a checkbox and a scale question, collecting addresses. */
function survey(fake: ReturnType<typeof setUp>['fake']) {
  const form = fake.globals.FormApp.create('Survey');
  (form as unknown as { setPublished(b: boolean): void }).setPublished(true);
  form.setCollectEmail(true);
  form.addTextItem().setTitle('Name').setRequired(true);
  form.addCheckboxItem().setTitle('Areas').setChoiceValues(['Budgets', 'Buildings', 'People']);
  form.addScaleItem().setTitle('Useful?').setBounds(1, 5).setLabels('Not', 'Very');
  return form;
}

describe('FormApp: forms and items', () => {
  test('create and open by ID: the same form, with title, description and URLs', () => {
    const { fake, FormApp } = setUp();
    const form = FormApp.create('Apply');
    form.setDescription('Please apply.');
    const again = FormApp.openById(form.getId());
    expect(again.getTitle()).toBe('Apply');
    expect(again.getDescription()).toBe('Please apply.');
    expect(again.getPublishedUrl()).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/,
    );
    expect(again.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(fake.forms.all().map((f) => f.title)).toEqual(['Apply']);
  });

  test('openById throws like Apps Script for a missing or deleted form', () => {
    const { fake, FormApp } = setUp();
    expect(() => FormApp.openById('nope')).toThrow('No item with the given ID could be found');
    const id = FormApp.create('Gone').getId();
    fake.forms.remove(id);
    expect(() => FormApp.openById(id)).toThrow('No item with the given ID could be found');
    expect(fake.forms.all()).toEqual([]);
    try {
      FormApp.openById('nope');
    } catch (e) {
      expect(String(e)).toMatch(/^Exception: /);
    }
  });

  test('items of every kind: types, casts, help, required, choices, bounds and labels', () => {
    const { FormApp } = setUp();
    const form = FormApp.create('Kinds');
    form.addTextItem().setTitle('T').setHelpText('help').setRequired(true);
    form.addParagraphTextItem().setTitle('P');
    form.addMultipleChoiceItem().setTitle('M').setChoiceValues(['a', 'b']);
    form.addCheckboxItem().setTitle('C').setChoiceValues(['x']);
    form.addListItem().setTitle('L').setChoiceValues(['1', '2', '3']);
    form.addScaleItem().setTitle('S').setBounds(0, 10).setLabels('low', 'high');
    form.addSectionHeaderItem().setTitle('H');
    const items = form.getItems();
    expect(items.map((i) => [i.getTitle(), String(i.getType()), i.getIndex()])).toEqual([
      ['T', 'TEXT', 0],
      ['P', 'PARAGRAPH_TEXT', 1],
      ['M', 'MULTIPLE_CHOICE', 2],
      ['C', 'CHECKBOX', 3],
      ['L', 'LIST', 4],
      ['S', 'SCALE', 5],
      ['H', 'SECTION_HEADER', 6],
    ]);
    expect(items[0].getType()).toBe(FormApp.ItemType.TEXT);
    expect(items[0].asTextItem().isRequired()).toBe(true);
    expect(items[0].asTextItem().getHelpText()).toBe('help');
    expect(
      items[4]
        .asListItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual(['1', '2', '3']);
    const scale = items[5].asScaleItem();
    expect([scale.getLowerBound(), scale.getUpperBound()]).toEqual([0, 10]);
    expect([scale.getLeftLabel(), scale.getRightLabel()]).toEqual(['low', 'high']);
    expect(items[0].getId()).toBe(items[0].asTextItem().getId());
    expect(() => items[0].asListItem()).toThrow('Invalid conversion for item type: TEXT.');
    expect(form.getItems(FormApp.ItemType.LIST).map((i) => i.getTitle())).toEqual(['L']);
    // Only the members of each kind exist, as in Apps Script.
    expect((items[0] as unknown as Record<string, unknown>).setRequired).toBeUndefined();
    expect(
      (items[0].asTextItem() as unknown as Record<string, unknown>).setChoiceValues,
    ).toBeUndefined();
  });

  test('Forms refuses empty, blank or repeated options and scale bounds out of range', () => {
    const { FormApp } = setUp();
    const form = FormApp.create('Rules');
    const list = form.addListItem();
    expect(() => list.setChoiceValues([])).toThrow('Array is empty: values');
    expect(() => list.setChoiceValues(['a', ' '])).toThrow('Invalid data updating form.');
    expect(() => list.setChoiceValues(['a', 'a'])).toThrow('Invalid data updating form.');
    const scale = form.addScaleItem();
    expect([scale.getLowerBound(), scale.getUpperBound()]).toEqual([1, 5]);
    expect(() => scale.setBounds(2, 5)).toThrow('Invalid data updating form.');
    expect(() => scale.setBounds(1, 11)).toThrow('Invalid data updating form.');
  });

  test('deleteItem and moveItem, by item or by index; a deleted item cannot be used', () => {
    const { FormApp } = setUp();
    const form = FormApp.create('Order');
    for (const t of ['a', 'b', 'c', 'd']) form.addTextItem().setTitle(t);
    const titles = () => form.getItems().map((i) => i.getTitle());
    form.moveItem(3, 0);
    expect(titles()).toEqual(['d', 'a', 'b', 'c']);
    const b = form.getItems()[2];
    expect(form.moveItem(b, 0).getTitle()).toBe('b');
    expect(titles()).toEqual(['b', 'd', 'a', 'c']);
    form.deleteItem(1);
    const a = form.getItems()[1];
    form.deleteItem(a);
    expect(titles()).toEqual(['b', 'c']);
    expect(() => a.getTitle()).toThrow('This item has been deleted from the form.');
    expect(() => form.deleteItem(5)).toThrow('out of range');
    expect(() => form.moveItem(0, 2)).toThrow('out of range');
  });

  test('e-mail collection: verified, by the new setting or the old switch', () => {
    const { FormApp } = setUp();
    const form = FormApp.create('Mail') as GoogleAppsScript.Forms.Form & {
      setEmailCollectionType(t: unknown): void;
      getEmailCollectionType(): unknown;
    };
    const types = (FormApp as unknown as { EmailCollectionType: Record<string, unknown> })
      .EmailCollectionType;
    expect(form.collectsEmail()).toBe(false);
    expect(form.getEmailCollectionType()).toBe(types.DO_NOT_COLLECT);
    form.setCollectEmail(true);
    expect(form.getEmailCollectionType()).toBe(types.VERIFIED);
    form.setEmailCollectionType(types.RESPONDER_INPUT);
    expect(form.collectsEmail()).toBe(true);
    form.setCollectEmail(true); // keeps RESPONDER_INPUT
    expect(form.getEmailCollectionType()).toBe(types.RESPONDER_INPUT);
    form.setEmailCollectionType(types.DO_NOT_COLLECT);
    expect(form.collectsEmail()).toBe(false);
  });
});

describe('FormApp: destination and the response tab', () => {
  test('setDestination inserts "Form Responses N" first, with the header; re-linking keeps it', () => {
    const { fake, FormApp } = setUp();
    const a = survey(fake);
    expect(() => a.getDestinationId()).toThrow('The form currently has no response destination.');
    a.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    a.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    const b = FormApp.create('Other');
    b.addTextItem().setTitle('Q');
    b.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    expect(fake.spreadsheet.sheets.map((s) => s.name)).toEqual([
      'Form Responses 2',
      'Form Responses 1',
      'Sheet1',
    ]);
    expect(a.getDestinationId()).toBe(fake.spreadsheet.id);
    expect(String(a.getDestinationType())).toBe('SPREADSHEET');
    expect(fake.spreadsheet.values('Form Responses 1')).toEqual([
      ['Timestamp', 'Email Address', 'Name', 'Areas', 'Useful?'],
    ]);
    expect(fake.spreadsheet.values('Form Responses 2')).toEqual([['Timestamp', 'Q']]);
    expect(fake.spreadsheet.sheet('Form Responses 1')?.getFrozenRows()).toBe(1);
    expect(fake.spreadsheet.sheet('Form Responses 1')?.getFormUrl()).toBe(
      `https://docs.google.com/forms/d/${a.getId()}/viewform`,
    );
    expect(fake.spreadsheet.sheet('Sheet1')?.getFormUrl()).toBeNull();
    expect(fake.forms.get(a.getId())?.responseSheet).toBe('Form Responses 1');
  });

  test('removeDestination leaves the tab, detached; linking again makes a new tab', () => {
    const { fake, FormApp } = setUp();
    const form = survey(fake);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    form.removeDestination();
    expect(() => form.getDestinationId()).toThrow('no response destination');
    expect(fake.spreadsheet.sheet('Form Responses 1')?.getFormUrl()).toBeNull();
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    expect(fake.forms.get(form.getId())?.responseSheet).toBe('Form Responses 2');
  });
});

describe('fake.forms.submit', () => {
  test('records the response and appends the row to the linked tab', () => {
    const { fake, FormApp } = setUp();
    const form = survey(fake);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    const at = new Date('2026-07-01T10:00:00Z');
    const result = fake.forms.submit(form.getId(), {
      email: 'ann@example.org',
      answers: { Name: '007', Areas: ['Budgets', 'People'], 'Useful?': '4' },
      at,
    });
    expect(result.sheet).toBe('Form Responses 1');
    expect(result.row).toBe(2);
    expect(fake.spreadsheet.values('Form Responses 1')[1]).toEqual([
      at,
      'ann@example.org',
      7, // Sheets reads a number-like answer as a number
      'Budgets, People',
      4,
    ]);
    const [response] = form.getResponses();
    expect(response.getId()).toBe(result.responseId);
    expect(response.getRespondentEmail()).toBe('ann@example.org');
    expect(response.getTimestamp()).toEqual(at);
    expect(
      response.getItemResponses().map((r) => [r.getItem().getTitle(), r.getResponse()]),
    ).toEqual([
      ['Name', '007'],
      ['Areas', ['Budgets', 'People']],
      ['Useful?', '4'],
    ]);
    expect(fake.forms.get(form.getId())?.responses[0].answers).toEqual({
      Name: '007',
      Areas: ['Budgets', 'People'],
      'Useful?': '4',
    });
  });

  test('builds both events; fires the installed triggers, spreadsheet and form', () => {
    const { fake, FormApp, ScriptApp } = setUp();
    const form = survey(fake);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    ScriptApp.newTrigger('onSheetSubmit')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    ScriptApp.newTrigger('onFormSubmit').forForm(form).onFormSubmit().create();
    ScriptApp.newTrigger('onOtherForm').forForm('1Other').onFormSubmit().create();
    const invoked: string[] = [];
    const result = fake.forms.submit(
      form.getId(),
      {
        email: 'b@example.org',
        answers: { Name: 'Bo', Areas: 'Buildings' },
        at: new Date('2026-12-01T15:04:05Z'),
      },
      (handler) => {
        invoked.push(handler);
        expect(() => fake.globals.SpreadsheetApp.getUi()).toThrow();
      },
    );
    expect(invoked).toEqual(['onSheetSubmit', 'onFormSubmit']);
    const sheetEvent = result.fired[0].event as SheetSubmitEvent;
    expect(sheetEvent.triggerUid).toBe(result.fired[0].trigger.id);
    expect(sheetEvent.namedValues).toEqual({
      Timestamp: ['01/12/2026 15:04:05'],
      'Email Address': ['b@example.org'],
      Name: ['Bo'],
      Areas: ['Buildings'],
      'Useful?': [''],
    });
    expect(sheetEvent.values).toEqual([
      '01/12/2026 15:04:05',
      'b@example.org',
      'Bo',
      'Buildings',
      '',
    ]);
    expect(sheetEvent.range.getSheet().getName()).toBe('Form Responses 1');
    expect(sheetEvent.range.getRow()).toBe(2);
    expect(sheetEvent.range.getSheet().getFormUrl()).toContain(form.getId());
    const formEvent = result.fired[1].event as FormSubmitEvent;
    expect(formEvent.source.getId()).toBe(form.getId());
    expect(formEvent.response.getId()).toBe(result.responseId);
    expect(result.formEvent.triggerUid).toBe('');
  });

  test('an unlinked form: no row, no spreadsheet event; its form trigger fires', () => {
    const { fake, ScriptApp } = setUp();
    const form = survey(fake);
    ScriptApp.newTrigger('onSheetSubmit')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    ScriptApp.newTrigger('onFormSubmit').forForm(form.getId()).onFormSubmit().create();
    const result = fake.forms.submit(form.getId(), {
      email: 'c@example.org',
      answers: { Name: 'Cy' },
    });
    expect(result.sheet).toBeNull();
    expect(result.sheetEvent).toBeNull();
    expect(result.fired.map((f) => f.handler)).toEqual(['onFormSubmit']);
    expect(fake.spreadsheet.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('a new question adds its column to the right of the tab at the next response', () => {
    const { fake, FormApp } = setUp();
    const form = survey(fake);
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id);
    form.addParagraphTextItem().setTitle('Notes');
    fake.forms.submit(form.getId(), {
      email: 'd@example.org',
      answers: { Name: 'Di', Notes: 'hi' },
    });
    const rows = fake.spreadsheet.values('Form Responses 1');
    expect(rows[0]).toEqual(['Timestamp', 'Email Address', 'Name', 'Areas', 'Useful?', 'Notes']);
    expect(rows[1].slice(2)).toEqual(['Di', '', '', 'hi']);
  });

  test('refuses what a respondent could not submit', () => {
    const { fake, FormApp } = setUp();
    const form = survey(fake);
    const id = form.getId();
    expect(() => fake.forms.submit(id, { answers: { Name: 'x' } })).toThrow(
      "needs the respondent's email",
    );
    expect(() => fake.forms.submit(id, { email: 'e@x.org', answers: {} })).toThrow(
      '"Name" is required',
    );
    expect(() =>
      fake.forms.submit(id, { email: 'e@x.org', answers: { Name: 'x', Areas: ['Cats'] } }),
    ).toThrow('has no option "Cats"');
    expect(() =>
      fake.forms.submit(id, { email: 'e@x.org', answers: { Name: 'x', 'Useful?': '9' } }),
    ).toThrow('from 1 to 5');
    expect(() =>
      fake.forms.submit(id, { email: 'e@x.org', answers: { Name: 'x', Age: '3' } }),
    ).toThrow('no question "Age"');
    const draft = FormApp.create('Draft');
    expect(() => fake.forms.submit(draft.getId(), { answers: {} })).toThrow(
      'not accepting responses',
    );
  });
});

describe('ScriptApp form triggers', () => {
  test('forForm(form or ID).onFormSubmit(): source FORMS and the form’s ID', () => {
    const { fake, FormApp, ScriptApp } = setUp();
    const form = FormApp.create('F');
    const byForm = ScriptApp.newTrigger('handler').forForm(form).onFormSubmit().create();
    const byId = ScriptApp.newTrigger('handler').forForm('1FormId').onFormSubmit().create();
    expect(String(byForm.getTriggerSource())).toBe('FORMS');
    expect(byForm.getTriggerSource()).toBe(ScriptApp.TriggerSource.FORMS);
    expect(byForm.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(byForm.getTriggerSourceId()).toBe(form.getId());
    expect(byId.getTriggerSourceId()).toBe('1FormId');
    const sheet = ScriptApp.newTrigger('h')
      .forSpreadsheet(fake.spreadsheet.id)
      .onFormSubmit()
      .create();
    expect(sheet.getTriggerSource()).toBe(ScriptApp.TriggerSource.SPREADSHEETS);
    expect(fake.triggers().map((t) => t.source)).toEqual(['FORMS', 'FORMS', 'SPREADSHEETS']);
  });
});

describe('counting and latency', () => {
  test('every Forms call is counted under the Forms service; controls are not', () => {
    const { fake, FormApp } = setUp();
    const form = FormApp.create('Count');
    form.addListItem().setTitle('L').setChoiceValues(['a']);
    form.getItems()[0].asListItem().getChoices()[0].getValue();
    fake.forms.all();
    expect(fake.calls.snapshot()).toEqual({
      'Choice.getValue': 1,
      'Form.addListItem': 1,
      'Form.getItems': 1,
      'FormApp.create': 1,
      'Item.asListItem': 1,
      'ListItem.getChoices': 1,
      'ListItem.setChoiceValues': 1,
      'ListItem.setTitle': 1,
    });
    expect(fake.calls.total('Forms')).toBe(8);
  });

  test('with latency, Forms calls cost realistic virtual time', () => {
    const { fake, FormApp } = setUp({ latency: true });
    const t0 = fake.clock.nowMs();
    const form = FormApp.create('Slow'); // 1500
    form.addListItem().setChoiceValues(['a']); // 200 + 150
    form.getItems(); // 200
    form.setDestination(FormApp.DestinationType.SPREADSHEET, fake.spreadsheet.id); // 1000
    FormApp.openById(form.getId()); // 1 + 300
    expect(fake.clock.nowMs() - t0).toBe(3351);
  });

  test('in a vm context, arrays and dates it returns are the context’s own', () => {
    const { fake } = setUp();
    const context = createFakeContext(fake);
    const result = vm.runInContext(
      `var f = FormApp.create('V'); f.addTextItem().setTitle('Q');
       [Array.isArray(f.getItems()), f.getItems() instanceof Array]`,
      context,
    ) as boolean[];
    expect(Array.from(result)).toEqual([true, true]);
  });
});
