import { prefilledUrl } from './forms-prefill';
import { toInteger, type FakeRuntime } from './runtime';
import type { FakeTrigger, TriggerTable } from './script-app';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';
import { formatSimpleDate } from './utilities';

/**
 * FormApp: forms with their items, response destination and responses, kept in memory and shared
 * by every FormApp call of the fake (a form made in one execution opens by ID in the next).
 * Responses come from the test control `fake.forms.submit`, which also writes the linked response
 * tab of the bound spreadsheet and builds the trigger events Apps Script would pass.
 */

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type ItemType = GoogleAppsScript.Forms.ItemType;
type Choice = GoogleAppsScript.Forms.Choice;
type FormResponse = GoogleAppsScript.Forms.FormResponse;
type ItemResponse = GoogleAppsScript.Forms.ItemResponse;

export const ITEM_TYPE = {
  CHECKBOX: 'CHECKBOX',
  CHECKBOX_GRID: 'CHECKBOX_GRID',
  DATE: 'DATE',
  DATETIME: 'DATETIME',
  DURATION: 'DURATION',
  GRID: 'GRID',
  IMAGE: 'IMAGE',
  LIST: 'LIST',
  MULTIPLE_CHOICE: 'MULTIPLE_CHOICE',
  PAGE_BREAK: 'PAGE_BREAK',
  PARAGRAPH_TEXT: 'PARAGRAPH_TEXT',
  SCALE: 'SCALE',
  SECTION_HEADER: 'SECTION_HEADER',
  TEXT: 'TEXT',
  TIME: 'TIME',
  VIDEO: 'VIDEO',
  FILE_UPLOAD: 'FILE_UPLOAD',
} as const;
const DESTINATION_TYPE = { SPREADSHEET: 'SPREADSHEET' } as const;
/** Not in @types/google-apps-script 2.0 but offered by Apps Script (Form.setEmailCollectionType). */
export const EMAIL_COLLECTION_TYPE = {
  DO_NOT_COLLECT: 'DO_NOT_COLLECT',
  VERIFIED: 'VERIFIED',
  RESPONDER_INPUT: 'RESPONDER_INPUT',
} as const;
export type EmailCollection = keyof typeof EMAIL_COLLECTION_TYPE;

/** The kinds of item the fake can add. */
export type FakeItemKind =
  'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'CHECKBOX' | 'LIST' | 'SCALE' | 'SECTION_HEADER';

const QUESTION_KINDS: readonly FakeItemKind[] = [
  'TEXT',
  'PARAGRAPH_TEXT',
  'MULTIPLE_CHOICE',
  'CHECKBOX',
  'LIST',
  'SCALE',
];

/** The class each kind is counted under (Class.method), e.g. 'ListItem.setChoiceValues'. */
const VIEW_CLASS: Record<FakeItemKind, string> = {
  TEXT: 'TextItem',
  PARAGRAPH_TEXT: 'ParagraphTextItem',
  MULTIPLE_CHOICE: 'MultipleChoiceItem',
  CHECKBOX: 'CheckboxItem',
  LIST: 'ListItem',
  SCALE: 'ScaleItem',
  SECTION_HEADER: 'SectionHeaderItem',
};

export const FORMS_CLASSES = [
  'FormApp',
  'Form',
  'Item',
  ...Object.values(VIEW_CLASS),
  'Choice',
  'FormResponse',
  'ItemResponse',
];

/** Columns Google writes before the questions in a response tab (spelt as in linked sheets). */
export const RESPONSE_TIMESTAMP_COLUMN = 'Timestamp';
export const RESPONSE_EMAIL_COLUMN = 'Email Address';
/** How the response tab's Timestamp reads in event values (the UK locale the scheme uses). */
const EVENT_TIMESTAMP_FORMAT = 'dd/MM/yyyy HH:mm:ss';

interface ItemState {
  id: number;
  kind: FakeItemKind;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  deleted: boolean;
}

interface StoredAnswer {
  item: ItemState;
  /** The title when answered (the item may be renamed or deleted later). */
  title: string;
  value: string | string[];
}

interface StoredResponse {
  id: string;
  at: number;
  email: string;
  answers: StoredAnswer[];
}

export interface FormState {
  id: string;
  publishedKey: string;
  title: string;
  description: string;
  confirmationMessage: string;
  emailCollection: EmailCollection;
  published: boolean;
  acceptingResponses: boolean;
  items: ItemState[];
  destination: { type: 'SPREADSHEET'; id: string } | null;
  /** The bound spreadsheet's tab this form writes to while linked; kept (unlinked) afterwards. */
  responseSheet: FakeSheet | null;
  responses: StoredResponse[];
  removed: boolean;
}

/** What `fake.forms.all()` reports of one form (plain data, uncounted). */
export interface FormSnapshot {
  id: string;
  title: string;
  description: string;
  confirmationMessage: string;
  collectsEmail: boolean;
  emailCollection: EmailCollection;
  published: boolean;
  acceptingResponses: boolean;
  publishedUrl: string;
  editUrl: string;
  destination: { type: 'SPREADSHEET'; id: string } | null;
  /** Name of the response tab in the bound spreadsheet (linked now or earlier), or null. */
  responseSheet: string | null;
  items: {
    id: number;
    index: number;
    type: FakeItemKind;
    title: string;
    helpText: string;
    required: boolean;
    choices: string[];
    bounds: [number, number] | null;
    labels: [string, string] | null;
  }[];
  responses: {
    id: string;
    timestamp: Date;
    email: string;
    answers: Record<string, string | string[]>;
  }[];
}

export function publishedUrl(state: FormState): string {
  return `https://docs.google.com/forms/d/e/${state.publishedKey}/viewform`;
}

export function editUrl(state: FormState): string {
  return `https://docs.google.com/forms/d/${state.id}/edit`;
}

/** What Sheet.getFormUrl() returns for a linked response tab. */
export function sheetFormUrl(state: FormState): string {
  return `https://docs.google.com/forms/d/${state.id}/viewform`;
}

/** Every form of the fake, by ID (shared by FormApp, ScriptApp.forForm and the test controls). */
export class FormTable {
  readonly forms = new Map<string, FormState>();
  private nextForm = 1;
  private nextItem = 1;
  private nextResponse = 1;

  /** Drive's side of each form (a form is a Drive file: it can be trashed, yet still open). */
  drive?: {
    created(id: string, title: string): void;
    removed(id: string): void;
    trash(id: string): void;
  };

  constructor(
    private readonly rt: FakeRuntime,
    /** The bound spreadsheet: destinations with its ID get a response tab in it. */
    readonly spreadsheet: FakeSpreadsheet,
  ) {}

  create(title: string): FormState {
    const n = this.nextForm++;
    const state: FormState = {
      id: `1FakeForm${String(n).padStart(35, '0')}`,
      publishedKey: `1FAIpQLSfake${String(n).padStart(44, '0')}`,
      title,
      description: '',
      confirmationMessage: '',
      emailCollection: 'DO_NOT_COLLECT',
      // Forms made through the API after March 2026 start unpublished: they take no responses
      // until setPublished(true).
      published: false,
      acceptingResponses: true,
      items: [],
      destination: null,
      responseSheet: null,
      responses: [],
      removed: false,
    };
    this.forms.set(state.id, state);
    this.drive?.created(state.id, title);
    return state;
  }

  find(id: string): FormState | undefined {
    const state = this.forms.get(String(id));
    return state && !state.removed ? state : undefined;
  }

  newItem(kind: FakeItemKind): ItemState {
    return {
      id: 100_000_000 + this.nextItem++,
      kind,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      lower: 1,
      upper: 5,
      leftLabel: '',
      rightLabel: '',
      deleted: false,
    };
  }

  newResponseId(): string {
    return `2_ABaOnufake${String(this.nextResponse++).padStart(12, '0')}`;
  }

  /** Links the form's responses to `spreadsheetId`; a tab in the bound spreadsheet for its ID. */
  link(state: FormState, spreadsheetId: string): void {
    const alreadyHere = state.destination?.id === spreadsheetId && state.responseSheet !== null;
    state.destination = { type: 'SPREADSHEET', id: spreadsheetId };
    if (spreadsheetId !== this.spreadsheet.id) {
      if (state.responseSheet) state.responseSheet.formUrl = null;
      state.responseSheet = null;
      return;
    }
    if (alreadyHere && state.responseSheet && this.spreadsheet.sheets.includes(state.responseSheet))
      return;
    let n = 1;
    while (this.spreadsheet.sheet(`Form Responses ${n}`)) n++;
    const sheet = this.spreadsheet.addSheet(`Form Responses ${n}`, 0);
    sheet.formUrl = sheetFormUrl(state);
    state.responseSheet = sheet;
    this.rt.quiet(() => {
      const header = this.responseHeader(state, []);
      sheet.range(1, 1, 1, header.length).setValues([header]);
      sheet.setFrozenRows(1);
    });
  }

  unlink(state: FormState): void {
    state.destination = null;
    if (state.responseSheet) state.responseSheet.formUrl = null;
  }

  /** The response tab's header: what is there, plus a column for each question not yet in it. */
  responseHeader(state: FormState, existing: readonly string[]): string[] {
    const header = existing.length
      ? [...existing]
      : [
          RESPONSE_TIMESTAMP_COLUMN,
          ...(state.emailCollection === 'DO_NOT_COLLECT' ? [] : [RESPONSE_EMAIL_COLUMN]),
        ];
    for (const item of state.items) {
      if (QUESTION_KINDS.includes(item.kind) && !header.includes(item.title))
        header.push(item.title);
    }
    return header;
  }
}

// ---- items ----

/** Shared by every typed view of an item (Item, TextItem, ListItem ...). */
abstract class ItemView<Self> {
  constructor(
    protected readonly rt: FakeRuntime,
    /** The form's state: getIndex reads the item's place in it. */
    protected readonly form: FormState,
    readonly state: ItemState,
    protected readonly className: string,
  ) {}

  protected get self(): Self {
    return this as unknown as Self;
  }

  protected hit(method: string): void {
    this.rt.hit(this.className, method);
    if (this.state.deleted) throw this.rt.error('This item has been deleted from the form.');
  }

  getId(): number {
    this.hit('getId');
    return this.state.id;
  }

  getTitle(): string {
    this.hit('getTitle');
    return this.state.title;
  }

  setTitle(title: string): Self {
    this.hit('setTitle');
    this.state.title = String(title);
    return this.self;
  }

  getHelpText(): string {
    this.hit('getHelpText');
    return this.state.helpText;
  }

  setHelpText(text: string): Self {
    this.hit('setHelpText');
    this.state.helpText = String(text);
    return this.self;
  }

  getType(): ItemType {
    this.hit('getType');
    return this.state.kind as unknown as ItemType;
  }

  getIndex(): number {
    this.hit('getIndex');
    return this.form.items.indexOf(this.state);
  }
}

type ItemMethods =
  'getId' | 'getTitle' | 'setTitle' | 'getHelpText' | 'setHelpText' | 'getType' | 'getIndex';
type QuestionMethods = ItemMethods | 'setRequired' | 'isRequired';
type ChoiceMethods =
  QuestionMethods | 'setChoiceValues' | 'getChoices' | 'createChoice' | 'setChoices';
type ScaleMethods =
  | QuestionMethods
  | 'setBounds'
  | 'getLowerBound'
  | 'getUpperBound'
  | 'setLabels'
  | 'getLeftLabel'
  | 'getRightLabel';
type CastMethods =
  | 'asTextItem'
  | 'asParagraphTextItem'
  | 'asMultipleChoiceItem'
  | 'asCheckboxItem'
  | 'asListItem'
  | 'asScaleItem'
  | 'asSectionHeaderItem';

abstract class QuestionView<Self> extends ItemView<Self> {
  /** An answer to this item for Form.createResponse(), checked as a respondent's would be. */
  createResponse(value: unknown): ItemResponse {
    this.hit('createResponse');
    if (this.state.deleted) throw this.rt.error('The item was deleted.');
    const given = Array.isArray(value) ? value.map(String) : String(value);
    const checked = answerFor(this.state, given);
    return new FakeItemResponse(this.rt, this.form, {
      item: this.state,
      title: this.state.title,
      value: checked ?? '',
    }) as unknown as ItemResponse;
  }

  isRequired(): boolean {
    this.hit('isRequired');
    return this.state.required;
  }

  setRequired(enabled: boolean): Self {
    this.hit('setRequired');
    if (typeof enabled !== 'boolean')
      throw this.rt.signatureError([enabled], `FormApp.${this.className}.setRequired`);
    this.state.required = enabled;
    return this.self;
  }
}

export class FakeChoice implements Pick<Choice, 'getValue'> {
  constructor(
    private readonly rt: FakeRuntime,
    readonly value: string,
  ) {}

  getValue(): string {
    this.rt.hit('Choice', 'getValue');
    return this.value;
  }
}

abstract class ChoiceView<Self> extends QuestionView<Self> {
  getChoices(): Choice[] {
    this.hit('getChoices');
    return this.rt.array(
      this.state.choices.map((v) => new FakeChoice(this.rt, v)),
    ) as unknown as Choice[];
  }

  createChoice(value: string): Choice {
    this.hit('createChoice');
    return new FakeChoice(this.rt, String(value)) as unknown as Choice;
  }

  setChoices(choices: Choice[]): Self {
    this.hit('setChoices');
    if (!Array.isArray(choices) && !(choices && typeof choices === 'object' && 'length' in choices))
      throw this.rt.signatureError([choices], `FormApp.${this.className}.setChoices`);
    this.store(Array.from(choices, (c) => (c as unknown as FakeChoice).value));
    return this.self;
  }

  setChoiceValues(values: string[]): Self {
    this.hit('setChoiceValues');
    if (!values || typeof values !== 'object' || !('length' in values))
      throw this.rt.signatureError([values], `FormApp.${this.className}.setChoiceValues`);
    this.store(Array.from(values as ArrayLike<string>, (v) => String(v)));
    return this.self;
  }

  private store(values: string[]): void {
    if (values.length === 0) throw this.rt.error('Array is empty: values');
    if (values.some((v) => v.trim() === '')) throw this.rt.error('Invalid data updating form.');
    if (new Set(values).size !== values.length) throw this.rt.error('Invalid data updating form.');
    this.state.choices = values;
  }
}

export class FakeTextItem
  extends QuestionView<GoogleAppsScript.Forms.TextItem>
  implements Pick<GoogleAppsScript.Forms.TextItem, QuestionMethods> {}

export class FakeParagraphTextItem
  extends QuestionView<GoogleAppsScript.Forms.ParagraphTextItem>
  implements Pick<GoogleAppsScript.Forms.ParagraphTextItem, QuestionMethods> {}

export class FakeMultipleChoiceItem
  extends ChoiceView<GoogleAppsScript.Forms.MultipleChoiceItem>
  implements Pick<GoogleAppsScript.Forms.MultipleChoiceItem, ChoiceMethods> {}

export class FakeCheckboxItem
  extends ChoiceView<GoogleAppsScript.Forms.CheckboxItem>
  implements Pick<GoogleAppsScript.Forms.CheckboxItem, ChoiceMethods> {}

export class FakeListItem
  extends ChoiceView<GoogleAppsScript.Forms.ListItem>
  implements Pick<GoogleAppsScript.Forms.ListItem, ChoiceMethods> {}

export class FakeScaleItem
  extends QuestionView<GoogleAppsScript.Forms.ScaleItem>
  implements Pick<GoogleAppsScript.Forms.ScaleItem, ScaleMethods>
{
  /** Forms allows a lower bound of 0 or 1 and an upper bound of 3 to 10. */
  setBounds(lower: number, upper: number): GoogleAppsScript.Forms.ScaleItem {
    this.hit('setBounds');
    const sig = 'FormApp.ScaleItem.setBounds';
    const lo = toInteger(this.rt, lower, [lower, upper], sig);
    const hi = toInteger(this.rt, upper, [lower, upper], sig);
    if (lo < 0 || lo > 1 || hi < 3 || hi > 10) throw this.rt.error('Invalid data updating form.');
    this.state.lower = lo;
    this.state.upper = hi;
    return this.self;
  }

  getLowerBound(): number {
    this.hit('getLowerBound');
    return this.state.lower;
  }

  getUpperBound(): number {
    this.hit('getUpperBound');
    return this.state.upper;
  }

  setLabels(lower: string, upper: string): GoogleAppsScript.Forms.ScaleItem {
    this.hit('setLabels');
    this.state.leftLabel = String(lower ?? '');
    this.state.rightLabel = String(upper ?? '');
    return this.self;
  }

  getLeftLabel(): string {
    this.hit('getLeftLabel');
    return this.state.leftLabel;
  }

  getRightLabel(): string {
    this.hit('getRightLabel');
    return this.state.rightLabel;
  }
}

export class FakeSectionHeaderItem
  extends ItemView<GoogleAppsScript.Forms.SectionHeaderItem>
  implements Pick<GoogleAppsScript.Forms.SectionHeaderItem, ItemMethods> {}

const VIEW_CONSTRUCTOR: Record<
  FakeItemKind,
  new (rt: FakeRuntime, form: FormState, state: ItemState, className: string) => unknown
> = {
  TEXT: FakeTextItem,
  PARAGRAPH_TEXT: FakeParagraphTextItem,
  MULTIPLE_CHOICE: FakeMultipleChoiceItem,
  CHECKBOX: FakeCheckboxItem,
  LIST: FakeListItem,
  SCALE: FakeScaleItem,
  SECTION_HEADER: FakeSectionHeaderItem,
};

function typedView(rt: FakeRuntime, form: FormState, state: ItemState): unknown {
  return new VIEW_CONSTRUCTOR[state.kind](rt, form, state, VIEW_CLASS[state.kind]);
}

/** An item as getItems() returns it: cast with asTextItem(), asListItem() ... */
export class FakeItem extends ItemView<Item> implements Pick<Item, ItemMethods | CastMethods> {
  private as<T>(method: string, kind: FakeItemKind): T {
    this.hit(method);
    if (this.state.kind !== kind)
      throw this.rt.error(`Invalid conversion for item type: ${this.state.kind}.`);
    return typedView(this.rt, this.form, this.state) as T;
  }

  asTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.as('asTextItem', 'TEXT');
  }

  asParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.as('asParagraphTextItem', 'PARAGRAPH_TEXT');
  }

  asMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.as('asMultipleChoiceItem', 'MULTIPLE_CHOICE');
  }

  asCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.as('asCheckboxItem', 'CHECKBOX');
  }

  asListItem(): GoogleAppsScript.Forms.ListItem {
    return this.as('asListItem', 'LIST');
  }

  asScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    return this.as('asScaleItem', 'SCALE');
  }

  asSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return this.as('asSectionHeaderItem', 'SECTION_HEADER');
  }
}

// ---- responses ----

export class FakeItemResponse implements Pick<ItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    private readonly rt: FakeRuntime,
    readonly form: FormState,
    readonly answer: StoredAnswer,
  ) {}

  getItem(): Item {
    this.rt.hit('ItemResponse', 'getItem');
    return new FakeItem(this.rt, this.form, this.answer.item, 'Item') as unknown as Item;
  }

  /** A string, or an array of strings for a checkbox item (as Apps Script returns them). */
  getResponse(): string | string[] {
    this.rt.hit('ItemResponse', 'getResponse');
    const v = this.answer.value;
    return Array.isArray(v) ? this.rt.array(v) : v;
  }
}

export class FakeFormResponse implements Pick<
  FormResponse,
  'getId' | 'getTimestamp' | 'getRespondentEmail' | 'getItemResponses' | 'getResponseForItem'
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly form: FormState,
    readonly stored: StoredResponse,
  ) {}

  getId(): string {
    this.rt.hit('FormResponse', 'getId');
    return this.stored.id;
  }

  getTimestamp(): GoogleAppsScript.Base.Date {
    this.rt.hit('FormResponse', 'getTimestamp');
    return this.rt.date(this.stored.at);
  }

  /** '' when the form does not collect e-mail addresses. */
  getRespondentEmail(): string {
    this.rt.hit('FormResponse', 'getRespondentEmail');
    return this.stored.email;
  }

  /** The answered items, in the form's order at the time of the response. */
  getItemResponses(): ItemResponse[] {
    this.rt.hit('FormResponse', 'getItemResponses');
    return this.rt.array(
      this.stored.answers.map((a) => new FakeItemResponse(this.rt, this.form, a)),
    ) as unknown as ItemResponse[];
  }

  getResponseForItem(item: Item): ItemResponse {
    this.rt.hit('FormResponse', 'getResponseForItem');
    const id = (item as unknown as FakeItem)?.state?.id;
    const answer = this.stored.answers.find((a) => a.item.id === id);
    return (answer
      ? new FakeItemResponse(this.rt, this.form, answer)
      : null) as unknown as ItemResponse;
  }
}

// ---- the form ----

type FormMethods =
  | 'getId'
  | 'getTitle'
  | 'setTitle'
  | 'getDescription'
  | 'setDescription'
  | 'getPublishedUrl'
  | 'getEditUrl'
  | 'setCollectEmail'
  | 'collectsEmail'
  | 'setConfirmationMessage'
  | 'getConfirmationMessage'
  | 'setAcceptingResponses'
  | 'isAcceptingResponses'
  | 'setDestination'
  | 'getDestinationId'
  | 'getDestinationType'
  | 'removeDestination'
  | 'getItems'
  | 'getItemById'
  | 'deleteItem'
  | 'moveItem'
  | 'addTextItem'
  | 'addParagraphTextItem'
  | 'addMultipleChoiceItem'
  | 'addCheckboxItem'
  | 'addListItem'
  | 'addScaleItem'
  | 'addSectionHeaderItem'
  | 'getResponses'
  | 'deleteResponse'
  | 'deleteAllResponses';

/**
 * Members Apps Script has that @types/google-apps-script 2.0 lacks (added to Forms in 2024–25):
 * verified e-mail collection and the published state.
 */
export interface FormNewerMembers {
  setEmailCollectionType(type: unknown): Form;
  getEmailCollectionType(): unknown;
  setPublished(enabled: boolean): void;
  isPublished(): boolean;
}

export class FakeForm implements Pick<Form, FormMethods>, FormNewerMembers {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: FormTable,
    readonly state: FormState,
  ) {}

  /** The form's ID without a counted call (ScriptApp.forForm reads it). */
  get id(): string {
    return this.state.id;
  }

  private get self(): Form {
    return this as unknown as Form;
  }

  private hit(method: string): void {
    this.rt.hit('Form', method);
    if (this.state.removed)
      throw this.rt.error('The form was deleted, or you no longer have permission to open it.');
  }

  getId(): string {
    this.hit('getId');
    return this.state.id;
  }

  getTitle(): string {
    this.hit('getTitle');
    return this.state.title;
  }

  setTitle(title: string): Form {
    this.hit('setTitle');
    this.state.title = String(title);
    return this.self;
  }

  getDescription(): string {
    this.hit('getDescription');
    return this.state.description;
  }

  setDescription(description: string): Form {
    this.hit('setDescription');
    this.state.description = String(description);
    return this.self;
  }

  getPublishedUrl(): string {
    this.hit('getPublishedUrl');
    return publishedUrl(this.state);
  }

  getEditUrl(): string {
    this.hit('getEditUrl');
    return editUrl(this.state);
  }

  /** true: the respondent's verified Google account address (when not collecting already). */
  setCollectEmail(collect: boolean): Form {
    this.hit('setCollectEmail');
    if (typeof collect !== 'boolean')
      throw this.rt.signatureError([collect], 'FormApp.Form.setCollectEmail');
    if (!collect) this.state.emailCollection = 'DO_NOT_COLLECT';
    else if (this.state.emailCollection === 'DO_NOT_COLLECT')
      this.state.emailCollection = 'VERIFIED';
    return this.self;
  }

  collectsEmail(): boolean {
    this.hit('collectsEmail');
    return this.state.emailCollection !== 'DO_NOT_COLLECT';
  }

  setEmailCollectionType(type: unknown): Form {
    this.hit('setEmailCollectionType');
    const name = String(type) as EmailCollection;
    if (!(name in EMAIL_COLLECTION_TYPE))
      throw this.rt.signatureError([type], 'FormApp.Form.setEmailCollectionType');
    this.state.emailCollection = name;
    return this.self;
  }

  getEmailCollectionType(): unknown {
    this.hit('getEmailCollectionType');
    return EMAIL_COLLECTION_TYPE[this.state.emailCollection];
  }

  setPublished(enabled: boolean): void {
    this.hit('setPublished');
    if (typeof enabled !== 'boolean')
      throw this.rt.signatureError([enabled], 'FormApp.Form.setPublished');
    this.state.published = enabled;
    // Google: publishing also starts accepting responses; unpublished forms accept none.
    if (enabled) this.state.acceptingResponses = true;
  }

  isPublished(): boolean {
    this.hit('isPublished');
    return this.state.published;
  }

  setAcceptingResponses(enabled: boolean): Form {
    this.hit('setAcceptingResponses');
    this.state.acceptingResponses = Boolean(enabled);
    return this.self;
  }

  /** Forced false while unpublished, as the Forms API documents. */
  isAcceptingResponses(): boolean {
    this.hit('isAcceptingResponses');
    return this.state.published && this.state.acceptingResponses;
  }

  setConfirmationMessage(message: string): Form {
    this.hit('setConfirmationMessage');
    this.state.confirmationMessage = String(message);
    return this.self;
  }

  getConfirmationMessage(): string {
    this.hit('getConfirmationMessage');
    return this.state.confirmationMessage;
  }

  /**
   * Links responses to a spreadsheet. For the bound spreadsheet this inserts "Form Responses N"
   * as its first tab (N the lowest free number) with the header row; setting the same
   * destination again while linked keeps the tab. Other IDs are recorded without a tab.
   */
  setDestination(type: GoogleAppsScript.Forms.DestinationType, id: string): Form {
    this.hit('setDestination');
    if (String(type) !== DESTINATION_TYPE.SPREADSHEET || typeof id !== 'string' || id === '')
      throw this.rt.signatureError([type, id], 'FormApp.Form.setDestination');
    this.table.link(this.state, id);
    return this.self;
  }

  getDestinationId(): string {
    this.hit('getDestinationId');
    if (!this.state.destination)
      throw this.rt.error('The form currently has no response destination.');
    return this.state.destination.id;
  }

  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    this.hit('getDestinationType');
    if (!this.state.destination)
      throw this.rt.error('The form currently has no response destination.');
    return this.state.destination.type as unknown as GoogleAppsScript.Forms.DestinationType;
  }

  /** Unlinks; the response tab stays in the spreadsheet, no longer attached (getFormUrl null). */
  removeDestination(): Form {
    this.hit('removeDestination');
    this.table.unlink(this.state);
    return this.self;
  }

  getItems(itemType?: ItemType): Item[] {
    this.hit('getItems');
    const items = this.state.items.filter(
      (s) => itemType === undefined || s.kind === String(itemType),
    );
    return this.rt.array(items.map((s) => this.item(s))) as unknown as Item[];
  }

  getItemById(id: number): Item {
    this.hit('getItemById');
    const state = this.state.items.find((s) => s.id === id);
    return (state ? this.item(state) : null) as unknown as Item;
  }

  private item(state: ItemState): FakeItem {
    return new FakeItem(this.rt, this.state, state, 'Item');
  }

  /** The index of an item given as an index or as any view of an item of this form. */
  private indexOf(itemOrIndex: unknown, args: unknown[], method: string): number {
    const items = this.state.items;
    if (typeof itemOrIndex === 'number') {
      const i = toInteger(this.rt, itemOrIndex, args, `FormApp.Form.${method}`);
      if (i < 0 || i >= items.length)
        throw this.rt.error(`Index (${i}) is out of range: the form has ${items.length} items.`);
      return i;
    }
    const state = (itemOrIndex as ItemView<unknown> | null)?.state;
    if (!state) throw this.rt.signatureError(args, `FormApp.Form.${method}`);
    const i = items.indexOf(state);
    if (i < 0) throw this.rt.error('The item is not in this form.');
    return i;
  }

  deleteItem(itemOrIndex: number | Item): void {
    this.hit('deleteItem');
    const i = this.indexOf(itemOrIndex, [itemOrIndex], 'deleteItem');
    const [removed] = this.state.items.splice(i, 1);
    removed.deleted = true;
  }

  /** Moves an item (given by index or as an item) to `toIndex`, as splice would. */
  moveItem(from: number | Item, toIndex: number): Item {
    this.hit('moveItem');
    const i = this.indexOf(from, [from, toIndex], 'moveItem');
    const to = toInteger(this.rt, toIndex, [from, toIndex], 'FormApp.Form.moveItem');
    const items = this.state.items;
    if (to < 0 || to >= items.length)
      throw this.rt.error(`Index (${to}) is out of range: the form has ${items.length} items.`);
    const [moved] = items.splice(i, 1);
    items.splice(to, 0, moved);
    return this.item(moved) as unknown as Item;
  }

  private add<T>(method: string, kind: FakeItemKind): T {
    this.hit(method);
    const state = this.table.newItem(kind);
    this.state.items.push(state);
    return typedView(this.rt, this.state, state) as T;
  }

  addTextItem(): GoogleAppsScript.Forms.TextItem {
    return this.add('addTextItem', 'TEXT');
  }

  addParagraphTextItem(): GoogleAppsScript.Forms.ParagraphTextItem {
    return this.add('addParagraphTextItem', 'PARAGRAPH_TEXT');
  }

  addMultipleChoiceItem(): GoogleAppsScript.Forms.MultipleChoiceItem {
    return this.add('addMultipleChoiceItem', 'MULTIPLE_CHOICE');
  }

  addCheckboxItem(): GoogleAppsScript.Forms.CheckboxItem {
    return this.add('addCheckboxItem', 'CHECKBOX');
  }

  addListItem(): GoogleAppsScript.Forms.ListItem {
    return this.add('addListItem', 'LIST');
  }

  /** A new scale runs from 1 to 5, as in Forms. */
  addScaleItem(): GoogleAppsScript.Forms.ScaleItem {
    return this.add('addScaleItem', 'SCALE');
  }

  addSectionHeaderItem(): GoogleAppsScript.Forms.SectionHeaderItem {
    return this.add('addSectionHeaderItem', 'SECTION_HEADER');
  }

  /**
   * A response built by the script (Form.createResponse): toPrefilledUrl() makes a pre-filled
   * link of it (forms-prefill.ts); submit() records it and writes its row, but fires no submit
   * trigger, as Google documents for API-made submissions.
   */
  createResponse(): FormResponse {
    this.hit('createResponse');
    const answers: StoredAnswer[] = [];
    const rt = this.rt;
    const table = this.table;
    const state = this.state;
    const draft = {
      withItemResponse(response: ItemResponse) {
        rt.hit('FormResponse', 'withItemResponse');
        if (!(response instanceof FakeItemResponse))
          throw rt.signatureError([response], 'FormApp.FormResponse.withItemResponse');
        if (response.form !== state) throw rt.error('The item response is for another form.');
        // A second answer to the same item replaces the first.
        const i = answers.findIndex((a) => a.item === response.answer.item);
        if (i >= 0) answers.splice(i, 1);
        answers.push({ ...response.answer });
        return draft;
      },
      toPrefilledUrl() {
        rt.hit('FormResponse', 'toPrefilledUrl');
        return prefilledUrl(
          publishedUrl(state),
          state.items.filter((i) => !i.deleted).map((i) => i.id),
          answers.map((a) => ({ itemId: a.item.id, value: a.value })),
        );
      },
      submit() {
        rt.hit('FormResponse', 'submit');
        if (!state.published || !state.acceptingResponses)
          throw rt.error('This form is not accepting responses.');
        for (const item of state.items) {
          if (
            item.required &&
            QUESTION_KINDS.includes(item.kind) &&
            !answers.some((a) => a.item === item)
          )
            throw rt.error(`A response to "${item.title}" is required.`);
        }
        const stored: StoredResponse = {
          id: table.newResponseId(),
          at: rt.clock.nowMs(),
          email: '',
          answers,
        };
        state.responses.push(stored);
        const sheet =
          state.destination?.id === table.spreadsheet.id &&
          state.responseSheet &&
          table.spreadsheet.sheets.includes(state.responseSheet)
            ? state.responseSheet
            : null;
        if (sheet) appendResponseRow(rt, table, state, sheet, stored);
        return new FakeFormResponse(rt, state, stored);
      },
    };
    return draft as unknown as FormResponse;
  }

  getResponses(): FormResponse[] {
    this.hit('getResponses');
    return this.rt.array(
      this.state.responses.map((r) => new FakeFormResponse(this.rt, this.state, r)),
    ) as unknown as FormResponse[];
  }

  /**
   * Deletes one response from the form's own store (not the row in a linked response tab:
   * Google leaves that alone). An ID the form does not hold throws, as Google does.
   */
  deleteResponse(responseId: string): Form {
    this.hit('deleteResponse');
    const at = this.state.responses.findIndex((r) => r.id === String(responseId));
    if (at < 0) throw this.rt.error('Invalid argument: responseId');
    this.state.responses.splice(at, 1);
    return this.self;
  }

  /** Deletes every response from the form's own store (the linked tab keeps its rows). */
  deleteAllResponses(): Form {
    this.hit('deleteAllResponses');
    this.state.responses.splice(0, this.state.responses.length);
    return this.self;
  }
}

type FormAppMethods = 'create' | 'openById' | 'DestinationType' | 'ItemType';

export class FakeFormApp implements Pick<GoogleAppsScript.Forms.FormApp, FormAppMethods> {
  readonly DestinationType =
    DESTINATION_TYPE as unknown as typeof GoogleAppsScript.Forms.DestinationType;
  readonly ItemType = ITEM_TYPE as unknown as typeof GoogleAppsScript.Forms.ItemType;
  /** Not in @types/google-apps-script 2.0; Apps Script has it. */
  readonly EmailCollectionType = EMAIL_COLLECTION_TYPE;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: FormTable,
  ) {
    rt.registerService('Forms', FORMS_CLASSES);
  }

  create(title: string): Form {
    this.rt.hit('FormApp', 'create');
    if (typeof title !== 'string') throw this.rt.signatureError([title], 'FormApp.create');
    return new FakeForm(this.rt, this.table, this.table.create(title)) as unknown as Form;
  }

  openById(id: string): Form {
    this.rt.hit('FormApp', 'openById');
    if (typeof id !== 'string') throw this.rt.signatureError([id], 'FormApp.openById');
    const state = this.table.find(id);
    if (!state) {
      throw this.rt.error(
        'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
      );
    }
    return new FakeForm(this.rt, this.table, state) as unknown as Form;
  }
}

// ---- test controls: submitting responses ----

export interface SubmitInput {
  /** The respondent's address; required when the form collects e-mail addresses. */
  email?: string;
  /** Answers by question title: a string, or strings for a checkbox question. */
  answers: Record<string, string | string[]>;
  /** When it was submitted; default now on the virtual clock. */
  at?: Date;
  /**
   * Whether the respondent is signed in to a Google account (default true). A form collecting
   * verified addresses refuses anyone who is not, as Google's sign-in wall does.
   */
  googleAccount?: boolean;
}

/** The event a spreadsheet onFormSubmit trigger receives (installable trigger, full auth). */
export interface SheetSubmitEvent {
  authMode: 'FULL';
  triggerUid: string;
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The new row of the response tab: range.getSheet().getFormUrl() names the form. */
  range: GoogleAppsScript.Spreadsheet.Range;
  /** Column header → [the value as displayed]; checkbox answers joined with ", ". */
  namedValues: Record<string, string[]>;
  /** The row's values as displayed, in column order. */
  values: string[];
}

/** The event a form onFormSubmit trigger (ScriptApp.newTrigger(fn).forForm(form)) receives. */
export interface FormSubmitEvent {
  authMode: 'FULL';
  triggerUid: string;
  source: Form;
  response: FormResponse;
}

export interface FiredSubmitTrigger {
  trigger: FakeTrigger;
  handler: string;
  event: SheetSubmitEvent | FormSubmitEvent;
}

export interface FormSubmission {
  responseId: string;
  /** The response as FormApp returns it. */
  response: FormResponse;
  /** The response tab and its new row, when the form is linked to the bound spreadsheet. */
  sheet: string | null;
  row: number | null;
  /** The spreadsheet-trigger event (triggerUid '') when linked to the bound spreadsheet, else null. */
  sheetEvent: SheetSubmitEvent | null;
  /** The form-trigger event (triggerUid ''). */
  formEvent: FormSubmitEvent;
  /** Each installed onFormSubmit trigger this response fires, with its own event. */
  fired: FiredSubmitTrigger[];
}

/** Test controls (uncounted): `fake.forms`. */
export interface FakeFormsControls {
  /** Every form (deleted ones excluded), with items, destination and responses. */
  all(): FormSnapshot[];
  get(id: string): FormSnapshot | undefined;
  /**
   * Records a response as a respondent would submit it (throws for an unknown form, an
   * unpublished or closed one, a missing required answer, an answer that is not an option),
   * appends the row to the linked response tab and returns the trigger events. With `invoke`,
   * calls each fired trigger's handler as its own execution (getUi() unavailable).
   */
  submit(
    formId: string,
    input: SubmitInput,
    invoke?: (handler: string, event: SheetSubmitEvent | FormSubmitEvent) => unknown,
  ): FormSubmission;
  /** Deletes a form for good (emptied from the bin): openById then throws. */
  remove(id: string): void;
  /** Moves a form to the bin in Drive: openById still opens it, as Google's does. */
  trash(id: string): void;
}

export function createFormsControls(
  rt: FakeRuntime,
  table: FormTable,
  triggers: TriggerTable,
): FakeFormsControls {
  const snapshot = (s: FormState): FormSnapshot => ({
    id: s.id,
    title: s.title,
    description: s.description,
    confirmationMessage: s.confirmationMessage,
    collectsEmail: s.emailCollection !== 'DO_NOT_COLLECT',
    emailCollection: s.emailCollection,
    published: s.published,
    acceptingResponses: s.acceptingResponses,
    publishedUrl: publishedUrl(s),
    editUrl: editUrl(s),
    destination: s.destination ? { ...s.destination } : null,
    responseSheet: s.responseSheet?.name ?? null,
    items: s.items.map((i, index) => ({
      id: i.id,
      index,
      type: i.kind,
      title: i.title,
      helpText: i.helpText,
      required: i.required,
      choices: [...i.choices],
      bounds: i.kind === 'SCALE' ? [i.lower, i.upper] : null,
      labels: i.kind === 'SCALE' ? [i.leftLabel, i.rightLabel] : null,
    })),
    responses: s.responses.map((r) => ({
      id: r.id,
      timestamp: new Date(r.at),
      email: r.email,
      answers: Object.fromEntries(
        r.answers.map((a) => [a.title, Array.isArray(a.value) ? [...a.value] : a.value]),
      ),
    })),
  });

  const submit = (formId: string, input: SubmitInput): FormSubmission => {
    const state = table.find(formId);
    if (!state) throw new Error(`fake.forms.submit: no form ${formId}`);
    if (!state.published || !state.acceptingResponses)
      throw new Error(`fake.forms.submit: "${state.title}" is not accepting responses`);
    const collects = state.emailCollection !== 'DO_NOT_COLLECT';
    const email = collects ? String(input.email ?? '').trim() : '';
    if (collects && email === '')
      throw new Error(`fake.forms.submit: "${state.title}" needs the respondent's email`);
    if (state.emailCollection === 'VERIFIED' && input.googleAccount === false)
      throw new Error(
        `fake.forms.submit: "${state.title}" asks the respondent to sign in to Google`,
      );
    // A typed address must look like one: Forms validates it (its exact rule is unknown).
    if (state.emailCollection === 'RESPONDER_INPUT' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new Error(`fake.forms.submit: "${state.title}": "${email}" is not a valid email`);
    const questions = state.items.filter((i) => QUESTION_KINDS.includes(i.kind));
    for (const title of Object.keys(input.answers)) {
      if (!questions.some((q) => q.title === title))
        throw new Error(`fake.forms.submit: "${state.title}" has no question "${title}"`);
    }
    const answers: StoredAnswer[] = [];
    for (const item of questions) {
      const value = answerFor(item, input.answers[item.title]);
      if (value === null) continue;
      answers.push({ item, title: item.title, value });
    }
    const at = input.at ? input.at.getTime() : rt.clock.nowMs();
    const stored: StoredResponse = { id: table.newResponseId(), at, email, answers };
    state.responses.push(stored);
    const response = new FakeFormResponse(rt, state, stored) as unknown as FormResponse;
    const form = new FakeForm(rt, table, state) as unknown as Form;

    let sheetEvent: SheetSubmitEvent | null = null;
    let row: number | null = null;
    const sheet =
      state.destination?.id === table.spreadsheet.id &&
      state.responseSheet &&
      table.spreadsheet.sheets.includes(state.responseSheet)
        ? state.responseSheet
        : null;
    if (sheet) {
      ({ row, event: sheetEvent } = appendResponseRow(rt, table, state, sheet, stored));
    }
    const formEvent: FormSubmitEvent = {
      authMode: 'FULL',
      triggerUid: '',
      source: form,
      response,
    };
    const fired: FiredSubmitTrigger[] = [];
    // Every user's trigger fires (each runs as its owner).
    for (const trigger of triggers.list) {
      if (trigger.eventType !== 'ON_FORM_SUBMIT') continue;
      if (trigger.source === 'FORMS' && trigger.sourceId === state.id) {
        fired.push({
          trigger,
          handler: trigger.handler,
          event: { ...formEvent, triggerUid: trigger.id },
        });
      } else if (
        trigger.source === 'SPREADSHEETS' &&
        sheetEvent &&
        trigger.sourceId === table.spreadsheet.id
      ) {
        fired.push({
          trigger,
          handler: trigger.handler,
          event: { ...sheetEvent, triggerUid: trigger.id },
        });
      }
    }
    return {
      responseId: stored.id,
      response,
      sheet: sheet?.name ?? null,
      row,
      sheetEvent,
      formEvent,
      fired,
    };
  };

  return {
    all: () => [...table.forms.values()].filter((s) => !s.removed).map(snapshot),
    get: (id) => {
      const s = table.find(id);
      return s ? snapshot(s) : undefined;
    },
    submit(formId, input, invoke) {
      const submission = submit(formId, input);
      if (invoke) {
        for (const { trigger, handler, event } of submission.fired) {
          rt.clock.startExecution();
          rt.uiAvailable = false;
          try {
            triggers.runAs(trigger, () => invoke(handler, event));
          } finally {
            rt.uiAvailable = true;
          }
        }
      }
      return submission;
    },
    remove(id) {
      const s = table.forms.get(id);
      if (!s) throw new Error(`fake.forms.remove: no form ${id}`);
      s.removed = true;
      if (s.responseSheet) s.responseSheet.formUrl = null;
      table.drive?.removed(id);
    },
    trash(id) {
      if (!table.find(id)) throw new Error(`fake.forms.trash: no form ${id}`);
      table.drive?.trash(id);
    },
  };
}

/** Checks one answer as Forms would accept it; null when the question is left unanswered. */
function answerFor(
  item: ItemState,
  given: string | string[] | undefined,
): string | string[] | null {
  const fail = (why: string) => new Error(`fake.forms.submit: "${item.title}" ${why}`);
  const values =
    given === undefined ? [] : Array.isArray(given) ? given.map(String) : [String(given)];
  const blank = values.length === 0 || values.every((v) => v.trim() === '');
  if (blank) {
    if (item.required) throw fail('is required');
    return null;
  }
  switch (item.kind) {
    case 'CHECKBOX':
      for (const v of values) if (!item.choices.includes(v)) throw fail(`has no option "${v}"`);
      return values;
    case 'MULTIPLE_CHOICE':
    case 'LIST':
      if (values.length !== 1) throw fail('takes one answer');
      if (!item.choices.includes(values[0])) throw fail(`has no option "${values[0]}"`);
      return values[0];
    case 'SCALE': {
      const n = Number(values[0]);
      if (values.length !== 1 || !Number.isInteger(n) || n < item.lower || n > item.upper)
        throw fail(`takes a whole number from ${item.lower} to ${item.upper}`);
      return String(n);
    }
    default:
      if (values.length !== 1) throw fail('takes one answer');
      return values[0];
  }
}

/** Sheets keeps form answers as text when they would otherwise read as a formula. */
function asCellText(value: string): string {
  return /^[=+\-@]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

function appendResponseRow(
  rt: FakeRuntime,
  table: FormTable,
  state: FormState,
  sheet: FakeSheet,
  stored: StoredResponse,
): { row: number; event: SheetSubmitEvent } {
  return rt.quiet(() => {
    const existing =
      sheet.lastRow() >= 1
        ? sheet.range(1, 1, 1, Math.max(sheet.lastColumn(), 1)).getValues()[0].map(String)
        : [];
    while (existing.length > 0 && existing[existing.length - 1] === '') existing.pop();
    const header = table.responseHeader(state, existing);
    if (header.length > sheet.maxColumns)
      sheet.insertColumnsAfter(sheet.maxColumns, header.length - sheet.maxColumns);
    if (header.length > existing.length) sheet.range(1, 1, 1, header.length).setValues([header]);
    const row = Math.max(sheet.lastRow(), 1) + 1;
    if (row > sheet.maxRows) sheet.insertRowsAfter(sheet.maxRows, row - sheet.maxRows);

    const display = header.map(() => '');
    const cells: unknown[] = header.map(() => '');
    const at = formatSimpleDate(stored.at, table.spreadsheet.timeZone, EVENT_TIMESTAMP_FORMAT);
    header.forEach((column, c) => {
      if (column === RESPONSE_TIMESTAMP_COLUMN && c === 0) {
        cells[c] = new Date(stored.at);
        display[c] = at;
      } else if (column === RESPONSE_EMAIL_COLUMN && stored.email) {
        cells[c] = stored.email;
        display[c] = stored.email;
      }
    });
    for (const answer of stored.answers) {
      // A column per title; with the same title twice, the last (newest) column is the item's.
      const c = header.lastIndexOf(answer.title);
      if (c < 0) continue;
      const text = Array.isArray(answer.value) ? answer.value.join(', ') : answer.value;
      cells[c] = asCellText(text);
      display[c] = text;
    }
    const range = sheet.range(row, 1, 1, header.length);
    range.setValues([cells]);

    const namedValues: Record<string, string[]> = {};
    header.forEach((column, c) => {
      if (column === '') return;
      namedValues[column] = rt.array([...(namedValues[column] ?? []), display[c]]);
    });
    return {
      row,
      event: {
        authMode: 'FULL',
        triggerUid: '',
        source: table.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
        range: range as unknown as GoogleAppsScript.Spreadsheet.Range,
        namedValues,
        values: rt.array(display),
      },
    };
  });
}
