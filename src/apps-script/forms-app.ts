import { questionOptions, scaleOf } from '../domain/form-html';
import type { Question, QuestionType } from '../domain/forms';
import { UserError } from '../domain/errors';
import type { EnsuredForm, FormSpec, FormsPort, SubmittedResponse } from '../ports';
import { KnownForm, sameForm as sameFormUrl, submissionFromEvent } from './form-events';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type ItemType = GoogleAppsScript.Forms.ItemType;
type FormApp = GoogleAppsScript.Forms.FormApp;
type ScriptApp = GoogleAppsScript.Script.ScriptApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/**
 * Members Apps Script offers that @types/google-apps-script 2.0 does not declare (verified
 * e-mail collection, 2024; the published state, 2025). Each is checked before use, so the
 * adapter also runs where they are missing.
 */
interface NewerForm {
  setEmailCollectionType?(type: unknown): unknown;
  getEmailCollectionType?(): unknown;
  setPublished?(enabled: boolean): unknown;
  isPublished?(): boolean;
}
interface NewerFormApp {
  EmailCollectionType?: { VERIFIED: unknown; RESPONDER_INPUT: unknown; DO_NOT_COLLECT: unknown };
}

/** Who installed the scheme's submit triggers, kept in the script's properties. */
export interface TriggerOwners {
  /** The effective user: whoever the triggers made now would run as. */
  me(): string;
  recorded(): string | null;
  record(email: string): void;
  /** Whether the recorded owner still edits the scheme (else their triggers may be gone). */
  stillStaff(email: string): boolean;
}

/** What openById says for a form that does not exist (or, alas, that this user cannot open). */
const NOT_FOUND = /no item with the given id|not found|does not exist/i;

/** What every question item offers, whatever its type. */
interface QuestionItem {
  getHelpText(): string;
  setHelpText(text: string): unknown;
  isRequired(): boolean;
  setRequired(enabled: boolean): unknown;
  setTitle(title: string): unknown;
}
interface ChoiceItem extends QuestionItem {
  getChoices(): GoogleAppsScript.Forms.Choice[];
  setChoiceValues(values: string[]): unknown;
}
type ScaleItem = GoogleAppsScript.Forms.ScaleItem;

const ITEM_TYPE_NAME: Record<QuestionType, keyof typeof GoogleAppsScript.Forms.ItemType> = {
  text: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  choice: 'MULTIPLE_CHOICE',
  checkboxes: 'CHECKBOX',
  dropdown: 'LIST',
  scale: 'SCALE',
};

/**
 * The scheme's Google Forms, built from the form definitions. A form that exists is brought in
 * line in place: questions are matched by title, so an item that stays keeps its ID and its
 * responses; only what differs is written (a second run with no change writes nothing).
 */
export class AppsScriptForms implements FormsPort {
  private spreadsheetIdCache?: string;

  constructor(
    private readonly formApp: FormApp,
    private readonly scriptApp: ScriptApp,
    /**
     * The bound spreadsheet, its ID, or SpreadsheetApp (then the active spreadsheet, read only
     * when needed): linked forms send their responses to a tab of it.
     */
    private readonly spreadsheet: Spreadsheet | SpreadsheetApp | string,
    /** To tell a trashed form from a live one, and a gone one from one that failed to open. */
    private readonly driveApp?: GoogleAppsScript.Drive.DriveApp,
    /** Who owns the scheme's submit triggers (Apps Script shows each user only their own). */
    private readonly owners?: TriggerOwners,
  ) {}

  private get spreadsheetId(): string {
    if (this.spreadsheetIdCache === undefined) {
      const s = this.spreadsheet;
      this.spreadsheetIdCache =
        typeof s === 'string'
          ? s
          : typeof (s as SpreadsheetApp).getActiveSpreadsheet === 'function'
            ? (s as SpreadsheetApp).getActiveSpreadsheet().getId()
            : (s as Spreadsheet).getId();
    }
    return this.spreadsheetIdCache;
  }

  ensureForm(spec: FormSpec, knownId?: string): EnsuredForm {
    const definition = spec.definition;
    let form: Form | null = null;
    let replaced: EnsuredForm['replaced'];
    if (knownId) {
      const opened = this.open(knownId, definition.title);
      if ('problem' in opened)
        return { id: knownId, url: '', created: false, problem: opened.problem };
      if ('missing' in opened) replaced = opened.missing;
      else form = opened.form;
    }
    const created = form === null;
    if (form === null) {
      form = this.formApp.create(definition.title);
    } else if (form.getTitle() !== definition.title) {
      form.setTitle(definition.title);
    }
    if (form.getDescription() !== spec.description) form.setDescription(spec.description);
    this.collectEmail(form, definition.collectsEmail, spec.verifiedEmail ?? false);
    this.syncItems(form, spec);
    this.syncDestination(form, spec.linkResponses);
    const acceptingResponses = this.publish(form, created);
    return {
      id: form.getId(),
      url: form.getPublishedUrl(),
      created,
      ...(replaced ? { replaced } : {}),
      acceptingResponses,
    };
  }

  /**
   * Forms made through the API after 30 June 2026 start unpublished and take no responses. A
   * new form is published; a repaired one is published if it never was. One that staff closed
   * by hand (published, not accepting) stays closed: the caller tells staff. Returns whether it
   * accepts responses now, as Google reports it after the change.
   */
  private publish(form: Form, created: boolean): boolean {
    const newer = form as unknown as NewerForm;
    try {
      if (typeof newer.isPublished === 'function' && typeof newer.setPublished === 'function') {
        if (!newer.isPublished()) newer.setPublished(true);
        if (created && !form.isAcceptingResponses()) form.setAcceptingResponses(true);
        return newer.isPublished() && form.isAcceptingResponses();
      }
      // A legacy form has no published state: accepting responses is all there is.
      if (created && !form.isAcceptingResponses()) form.setAcceptingResponses(true);
      return form.isAcceptingResponses();
    } catch (error) {
      console.warn(`Could not publish "${form.getTitle()}": ${error}`);
      return false;
    }
  }

  /**
   * One spreadsheet onFormSubmit trigger for `handler` (it fires for every linked form) and one
   * form trigger for each unlinked form. Extra or stale ones calling `handler` are deleted;
   * triggers calling other functions are left alone.
   */
  /**
   * One pre-filled response per form and run: answered with markers, turned into Google's link
   * (whose entry numbers are not the item IDs), then each link is the markers replaced. So a
   * round for 100 people costs a handful of Forms calls, not hundreds.
   */
  prefill(
    definition: import('../domain/forms').FormDefinition,
    form: { id: string; link: string },
    fields: readonly string[],
  ): (answers: Readonly<Record<string, string>>) => string {
    const opened = this.formApp.openById(form.id);
    const items = opened.getItems();
    let response = opened.createResponse();
    const markers = fields.map((_, i) => `PMPREFILL${i}MARK`);
    fields.forEach((field, i) => {
      const title = definition.questions.find((q) => q.field === field)?.title ?? field;
      const item = items.find((it) => it.getTitle() === title);
      if (!item) {
        throw new UserError(
          `The "${definition.title}" form has no "${title}" question: run "Set up forms" to bring it up to date.`,
        );
      }
      response = response.withItemResponse(item.asTextItem().createResponse(markers[i]));
    });
    const url = response.toPrefilledUrl();
    return (answers) =>
      fields.reduce(
        (link, field, i) => link.replace(markers[i], encodeURIComponent(answers[field] ?? '')),
        url,
      );
  }

  ensureSubmitTriggers(
    handler: string,
    unlinkedFormIds: readonly string[],
  ): { installed: number; removed: number; ownedBy?: string } {
    // getProjectTriggers lists only this user's: another's set would be invisible here, and a
    // second set would record every submission twice (and send as two people).
    const owner = this.owners?.recorded() ?? null;
    const me = this.owners?.me() ?? '';
    if (owner && me && owner !== me && this.owners?.stillStaff(owner))
      return { installed: 0, removed: 0, ownedBy: owner };
    const { EventType, TriggerSource } = this.scriptApp;
    const wanted = new Set(unlinkedFormIds);
    const haveSheet = { found: false };
    const haveForm = new Set<string>();
    let removed = 0;
    for (const trigger of this.scriptApp.getProjectTriggers()) {
      if (trigger.getHandlerFunction() !== handler) continue;
      if (trigger.getEventType() !== EventType.ON_FORM_SUBMIT) continue;
      const source = trigger.getTriggerSource();
      const sourceId = trigger.getTriggerSourceId();
      let keep = false;
      if (source === TriggerSource.SPREADSHEETS && sourceId === this.spreadsheetId) {
        keep = !haveSheet.found;
        haveSheet.found = true;
      } else if (source === TriggerSource.FORMS && wanted.has(sourceId)) {
        keep = !haveForm.has(sourceId);
        haveForm.add(sourceId);
      }
      if (!keep) {
        this.scriptApp.deleteTrigger(trigger);
        removed += 1;
      }
    }
    let installed = 0;
    if (!haveSheet.found) {
      this.scriptApp.newTrigger(handler).forSpreadsheet(this.spreadsheetId).onFormSubmit().create();
      installed += 1;
    }
    for (const formId of wanted) {
      if (haveForm.has(formId)) continue;
      this.scriptApp.newTrigger(handler).forForm(formId).onFormSubmit().create();
      installed += 1;
    }
    if (me && owner !== me) this.owners?.record(me);
    return { installed, removed };
  }

  /**
   * Every response the form holds. A linked form's come from its response tab (one batched
   * read; the tab is what staff see), else from the form itself. Each row is read exactly as a
   * submit event would be, so the sweep and the trigger agree. Null when nothing can be read.
   */
  submittedResponses(form: {
    definition: import('../domain/forms').FormDefinition;
    id: string;
    link: string;
    linked: boolean;
    timeZone: string;
  }): SubmittedResponse[] | null {
    const known: KnownForm = { formId: form.id, url: form.link, definition: form.definition };
    try {
      const fromTabs = form.linked ? this.responsesFromTabs(known, form.timeZone) : null;
      if (fromTabs) return fromTabs;
      const source = { getId: () => form.id };
      return this.formApp
        .openById(form.id)
        .getResponses()
        .map((response) => submissionFromEvent({ response, source }, [known]))
        .filter((r): r is NonNullable<typeof r> => r !== null);
    } catch (error) {
      console.warn(`The responses of "${form.definition.title}" could not be read: ${error}`);
      return null;
    }
  }

  /**
   * Deletes responses from the form's own store (Form.deleteResponse each, or
   * deleteAllResponses) and, for a linked form, their rows in its response tab (Google keeps the
   * two apart: deleting one leaves the other). A response is a person's when its respondent
   * e-mail or any answer is one of the addresses (the forms collect a typed address). Returns
   * how many responses went (a response and its row count once); null when it cannot be opened.
   */
  deleteResponses(
    form: { id: string; linked: boolean },
    which: 'all' | { emails: readonly string[] },
  ): number | null {
    const emails = which === 'all' ? null : new Set(which.emails.map(normaliseAddress));
    const theirs = (values: readonly unknown[]) =>
      emails === null || values.some((v) => emails.has(normaliseAddress(String(v ?? ''))));
    try {
      const google = this.formApp.openById(form.id);
      let gone = 0;
      const responses = google.getResponses();
      if (emails === null) {
        gone = responses.length;
        if (gone) google.deleteAllResponses();
      } else {
        for (const response of responses) {
          const answers = response
            .getItemResponses()
            .flatMap((i): unknown[] => [i.getResponse()].flat(2));
          if (theirs([response.getRespondentEmail(), ...answers])) {
            google.deleteResponse(response.getId());
            gone += 1;
          }
        }
      }
      const rows = form.linked
        ? this.deleteResponseRows({ formId: form.id, url: google.getPublishedUrl() }, theirs)
        : 0;
      return Math.max(gone, rows);
    } catch (error) {
      console.warn(`The responses of form ${form.id} could not be deleted: ${error}`);
      return null;
    }
  }

  /** Deletes the matching rows of the form's response tab(s), bottom up; returns how many. */
  private deleteResponseRows(
    known: { formId: string; url: string },
    theirs: (values: readonly unknown[]) => boolean,
  ): number {
    const spreadsheet = this.spreadsheetObject();
    if (!spreadsheet) return 0;
    let deleted = 0;
    for (const sheet of spreadsheet.getSheets()) {
      const url = sheet.getFormUrl();
      if (!url || !sameFormUrl(url, known)) continue;
      const values = sheet.getDataRange().getValues();
      for (let r = values.length - 1; r >= 1; r -= 1) {
        if (values[r].every((v) => String(v ?? '').trim() === '')) continue;
        if (!theirs(values[r])) continue;
        // Google refuses to delete the last row below the frozen header: keep a blank one.
        if (sheet.getMaxRows() - sheet.getFrozenRows() <= 1)
          sheet.insertRowsAfter(sheet.getMaxRows(), 1);
        sheet.deleteRow(r + 1);
        deleted += 1;
      }
    }
    return deleted;
  }

  /** Every tab of the bound spreadsheet a linked form sends its responses to. */
  responseTabs(): string[] {
    const spreadsheet = this.spreadsheetObject();
    if (!spreadsheet) return [];
    return spreadsheet
      .getSheets()
      .filter((sheet) => Boolean(sheet.getFormUrl()))
      .map((sheet) => sheet.getName());
  }

  /** The rows of the tab(s) this form sends its responses to; null when it has none here. */
  private responsesFromTabs(known: KnownForm, timeZone: string): SubmittedResponse[] | null {
    const spreadsheet = this.spreadsheetObject();
    if (!spreadsheet) return null;
    let found = false;
    const responses: SubmittedResponse[] = [];
    for (const sheet of spreadsheet.getSheets()) {
      const url = sheet.getFormUrl();
      if (!url || !sameFormUrl(url, known)) continue;
      found = true;
      const [header = [], ...rows] = sheet.getDataRange().getValues();
      for (const row of rows) {
        if (row.every((v) => String(v ?? '').trim() === '')) continue;
        const namedValues: Record<string, string[]> = {};
        header.forEach((column, c) => {
          const name = String(column);
          if (name !== '') (namedValues[name] ??= []).push(displayed(row[c]));
        });
        const event = {
          range: { getSheet: () => ({ getFormUrl: () => url }), getValues: () => [row] },
          namedValues,
        };
        const submission = submissionFromEvent(event, [known], { timeZone });
        if (submission) responses.push(submission);
      }
    }
    return found ? responses : null;
  }

  private spreadsheetObject(): Spreadsheet | null {
    const s = this.spreadsheet;
    if (typeof s === 'string') return null;
    return typeof (s as SpreadsheetApp).getActiveSpreadsheet === 'function'
      ? (s as SpreadsheetApp).getActiveSpreadsheet()
      : (s as Spreadsheet);
  }

  /**
   * The form at `id`. Only a form that is gone (openById says "not found" and Drive cannot find
   * it either) or in the bin counts as missing, to be made again; any other failure (a
   * transient error, a permission problem) is a sentence for staff, and nothing is replaced.
   */
  private open(
    id: string,
    title: string,
  ): { form: Form } | { missing: 'trashed' | 'deleted' } | { problem: string } {
    let form: Form;
    try {
      form = this.formApp.openById(id);
    } catch (error) {
      const message = String((error as { message?: unknown })?.message ?? error);
      if (NOT_FOUND.test(message) && this.driveFile(id) === null) return { missing: 'deleted' };
      return {
        problem: `The "${title}" form (ID ${id}) could not be opened just now (${message}): nothing was changed; run "Set up forms" again later, or clear its ID in Settings if the form was deleted on purpose.`,
      };
    }
    // A trashed form still opens, but respondents cannot reach it.
    if (this.driveFile(id)?.trashed) return { missing: 'trashed' };
    return { form };
  }

  /** The form's Drive file: any failure of getFileById means "not found" (messages vary). */
  private driveFile(id: string): { trashed: boolean } | null {
    if (!this.driveApp) return null;
    try {
      return { trashed: this.driveApp.getFileById(id).isTrashed() };
    } catch {
      return null;
    }
  }

  /**
   * A typed address, validated by Forms as an e-mail address (no Google account needed), unless
   * staff chose verified addresses for this form (the respondent must sign in to Google); none
   * when the definition collects no address. Where Forms lacks the newer setting, the older
   * switch (which now means verified) is the only choice.
   */
  private collectEmail(form: Form, collect: boolean, verified: boolean): void {
    const types = (this.formApp as unknown as NewerFormApp).EmailCollectionType;
    const newer = form as unknown as NewerForm;
    if (
      types &&
      typeof newer.getEmailCollectionType === 'function' &&
      typeof newer.setEmailCollectionType === 'function'
    ) {
      try {
        const want = !collect
          ? types.DO_NOT_COLLECT
          : verified
            ? types.VERIFIED
            : types.RESPONDER_INPUT;
        if (String(newer.getEmailCollectionType()) !== String(want))
          newer.setEmailCollectionType(want);
        return;
      } catch {
        // Fall back to the older switch below.
      }
    }
    if (form.collectsEmail() !== collect) form.setCollectEmail(collect);
  }

  private syncItems(form: Form, spec: FormSpec): void {
    const questions = spec.definition.questions;
    const byTitle = new Map<string, { item: Item; id: number }>();
    /** The form's items in order, by ID; kept in step with every delete, add and move. */
    const order: number[] = [];
    const doomed: { item: Item; id: number }[] = [];
    for (const item of form.getItems()) {
      const entry = { item, id: item.getId() };
      order.push(entry.id);
      const title = item.getTitle();
      const question = questions.find((q) => q.title === title);
      // Not in the definition, a second item with a title already matched, or an item whose
      // type no longer fits (Forms cannot change an item's type: the question is made again).
      if (!question || byTitle.has(title) || item.getType() !== this.itemType(question.type)) {
        doomed.push(entry);
        continue;
      }
      byTitle.set(title, entry);
    }

    for (const { item, id } of doomed) {
      form.deleteItem(item);
      order.splice(order.indexOf(id), 1);
    }

    const ids: number[] = [];
    for (const question of questions) {
      const existing = byTitle.get(question.title);
      if (existing) {
        this.update(existing.item, question, spec);
        ids.push(existing.id);
      } else {
        const id = this.add(form, question, spec);
        order.push(id);
        ids.push(id);
      }
    }

    // Into the definition's order, with as few moves as the order allows.
    ids.forEach((id, index) => {
      const at = order.indexOf(id);
      if (at === index) return;
      form.moveItem(at, index);
      order.splice(at, 1);
      order.splice(index, 0, id);
    });
  }

  private itemType(type: QuestionType): ItemType {
    return this.formApp.ItemType[ITEM_TYPE_NAME[type]];
  }

  /** Adds the question as a new item at the end; returns its ID. */
  private add(form: Form, question: Question, spec: FormSpec): number {
    let item: QuestionItem & { getId(): number };
    switch (question.type) {
      case 'text':
        item = form.addTextItem();
        break;
      case 'paragraph':
        item = form.addParagraphTextItem();
        break;
      case 'choice':
        item = form.addMultipleChoiceItem();
        break;
      case 'checkboxes':
        item = form.addCheckboxItem();
        break;
      case 'dropdown':
        item = form.addListItem();
        break;
      case 'scale':
        item = form.addScaleItem();
        break;
    }
    item.setTitle(question.title);
    this.fill(item, question, spec, true);
    return item.getId();
  }

  private update(item: Item, question: Question, spec: FormSpec): void {
    this.fill(this.typed(item, question.type), question, spec, false);
  }

  private typed(item: Item, type: QuestionType): QuestionItem {
    switch (type) {
      case 'text':
        return item.asTextItem();
      case 'paragraph':
        return item.asParagraphTextItem();
      case 'choice':
        return item.asMultipleChoiceItem();
      case 'checkboxes':
        return item.asCheckboxItem();
      case 'dropdown':
        return item.asListItem();
      case 'scale':
        return item.asScaleItem();
    }
  }

  /** Writes help, required, options and a scale's ends where they differ (all of them when new). */
  private fill(item: QuestionItem, question: Question, spec: FormSpec, fresh: boolean): void {
    const help = question.help ?? '';
    if (fresh ? help !== '' : item.getHelpText() !== help) item.setHelpText(help);
    if (fresh ? question.required : item.isRequired() !== question.required)
      item.setRequired(question.required);

    if (
      question.type === 'choice' ||
      question.type === 'checkboxes' ||
      question.type === 'dropdown'
    ) {
      const options = questionOptions(question, spec);
      if (options.length === 0)
        throw new Error(`The question "${question.title}" has no options to offer.`);
      const choiceItem = item as ChoiceItem;
      const current = fresh ? [] : choiceItem.getChoices().map((c) => c.getValue());
      if (!sameList(current, options)) choiceItem.setChoiceValues(options);
    } else if (question.type === 'scale') {
      const scale = scaleOf(question);
      const scaleItem = item as unknown as ScaleItem;
      if (
        fresh ||
        scaleItem.getLowerBound() !== scale.lower ||
        scaleItem.getUpperBound() !== scale.upper
      ) {
        scaleItem.setBounds(scale.lower, scale.upper);
      }
      const labelled = scale.lowerLabel !== '' || scale.upperLabel !== '';
      if (
        fresh
          ? labelled
          : scaleItem.getLeftLabel() !== scale.lowerLabel ||
            scaleItem.getRightLabel() !== scale.upperLabel
      ) {
        scaleItem.setLabels(scale.lowerLabel, scale.upperLabel);
      }
    }
  }

  /**
   * Linked forms send responses to a tab of the bound spreadsheet; a form linked already is
   * never linked again (that would make a second tab). An unlinked form (the concern form) is
   * unlinked if it was linked.
   */
  private syncDestination(form: Form, link: boolean): void {
    let destination = '';
    try {
      destination = form.getDestinationId() ?? '';
    } catch {
      destination = ''; // no destination: Forms throws rather than answering null
    }
    if (link && destination !== this.spreadsheetId) {
      form.setDestination(this.formApp.DestinationType.SPREADSHEET, this.spreadsheetId);
    } else if (!link && destination !== '') {
      form.removeDestination();
    }
  }
}

/** A cell as a submit event's namedValues would carry it (text; the timestamp is read apart). */
function displayed(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && typeof (value as Date).toISOString === 'function')
    return (value as Date).toISOString();
  return String(value);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function normaliseAddress(value: string): string {
  return value.trim().toLowerCase();
}
