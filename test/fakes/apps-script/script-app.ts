import { isDateLike, type FakeRuntime } from './runtime';

type Trigger = GoogleAppsScript.Script.Trigger;
type EventType = GoogleAppsScript.Script.EventType;
type TriggerSource = GoogleAppsScript.Script.TriggerSource;
type ScriptAppMethods =
  | 'EventType'
  | 'TriggerSource'
  | 'newTrigger'
  | 'getProjectTriggers'
  | 'deleteTrigger'
  | 'getScriptId';
type TriggerMethods =
  'getHandlerFunction' | 'getUniqueId' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId';

export const MAX_TRIGGERS = 20;
const EVENT_TYPE = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
const TRIGGER_SOURCE = {
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
} as const;
export type EventTypeName = keyof typeof EVENT_TYPE;
export type TriggerSourceName = keyof typeof TRIGGER_SOURCE;

/** An installed trigger. `dueAt` (clock triggers) and `fired` are for tests. */
export class FakeTrigger implements Pick<Trigger, TriggerMethods> {
  /** Set by fake.runDueTriggers(); a fired one-off trigger stays installed until deleted. */
  fired = false;

  constructor(
    private readonly rt: FakeRuntime,
    readonly id: string,
    readonly handler: string,
    readonly eventType: EventTypeName,
    readonly sourceId: string,
    readonly dueAt?: Date,
    /** Default: CLOCK for clock triggers, else SPREADSHEETS; FORMS for forForm triggers. */
    readonly source: TriggerSourceName = eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS',
    /** Whose trigger it is: it runs as, and is listed only for, this user. */
    readonly owner = '',
  ) {}

  getHandlerFunction(): string {
    this.rt.hit('Trigger', 'getHandlerFunction');
    return this.handler;
  }

  getUniqueId(): string {
    this.rt.hit('Trigger', 'getUniqueId');
    return this.id;
  }

  getEventType(): EventType {
    this.rt.hit('Trigger', 'getEventType');
    return this.eventType as unknown as EventType;
  }

  getTriggerSource(): TriggerSource {
    this.rt.hit('Trigger', 'getTriggerSource');
    return this.source as unknown as TriggerSource;
  }

  getTriggerSourceId(): string {
    this.rt.hit('Trigger', 'getTriggerSourceId');
    return this.sourceId;
  }
}

/** The project's triggers (shared by ScriptApp and the test controls). */
export class TriggerTable {
  readonly list: FakeTrigger[] = [];
  private nextId = 1;

  constructor(private readonly rt: FakeRuntime) {}

  add(
    handler: string,
    eventType: EventTypeName,
    sourceId: string,
    dueAt?: Date,
    source?: TriggerSourceName,
  ): FakeTrigger {
    const owner = this.rt.user.effective;
    if (this.list.filter((t) => t.owner === owner).length >= MAX_TRIGGERS) {
      throw this.rt.error(
        'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const id = String(7_000_000_000 + this.nextId++);
    const trigger = new FakeTrigger(
      this.rt,
      id,
      handler,
      eventType,
      sourceId,
      dueAt,
      source ?? (eventType === 'CLOCK' ? 'CLOCK' : 'SPREADSHEETS'),
      owner,
    );
    this.list.push(trigger);
    return trigger;
  }

  /**
   * Runs `fn` as a trigger runs: with its owner's authority. Whether Google names the owner as
   * the active user there is not documented, so the fake says '' (the stricter answer).
   */
  runAs<T>(trigger: FakeTrigger, fn: () => T): T {
    const before = this.rt.user;
    this.rt.user = { active: '', effective: trigger.owner };
    try {
      return fn();
    } finally {
      this.rt.user = before;
    }
  }

  /** Clock triggers whose time has come (by the virtual clock) and that have not fired. */
  due(): FakeTrigger[] {
    const now = this.rt.clock.nowMs();
    return this.list
      .filter((t) => t.dueAt !== undefined && !t.fired && t.dueAt.getTime() <= now)
      .sort((a, b) => (a.dueAt?.getTime() ?? 0) - (b.dueAt?.getTime() ?? 0));
  }
}

class FakeClockTriggerBuilder implements Pick<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  'after' | 'at' | 'create'
> {
  private dueAt?: Date;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: TriggerTable,
    private readonly handler: string,
  ) {}

  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rt.hit('ClockTriggerBuilder', 'after');
    if (typeof durationMilliseconds !== 'number' || !(durationMilliseconds >= 0)) {
      throw this.rt.signatureError([durationMilliseconds], 'ScriptApp.ClockTriggerBuilder.after');
    }
    this.dueAt = new Date(this.rt.clock.nowMs() + durationMilliseconds);
    return this as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }

  at(date: GoogleAppsScript.Base.Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rt.hit('ClockTriggerBuilder', 'at');
    if (!isDateLike(date)) throw this.rt.signatureError([date], 'ScriptApp.ClockTriggerBuilder.at');
    this.dueAt = new Date(date.getTime());
    return this as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }

  create(): Trigger {
    this.rt.hit('ClockTriggerBuilder', 'create');
    if (!this.dueAt)
      throw this.rt.error('A time-based trigger needs after() or at() before create().');
    return this.table.add(this.handler, 'CLOCK', '', this.dueAt) as unknown as Trigger;
  }
}

type SpreadsheetTriggerMethods = 'onOpen' | 'onEdit' | 'onFormSubmit' | 'onChange' | 'create';
type SpreadsheetTriggerBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;

class FakeSpreadsheetTriggerBuilder implements Pick<
  SpreadsheetTriggerBuilder,
  SpreadsheetTriggerMethods
> {
  private event?: EventTypeName;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: TriggerTable,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}

  private on(method: string, event: EventTypeName): SpreadsheetTriggerBuilder {
    this.rt.hit('SpreadsheetTriggerBuilder', method);
    this.event = event;
    return this as unknown as SpreadsheetTriggerBuilder;
  }

  onOpen(): SpreadsheetTriggerBuilder {
    return this.on('onOpen', 'ON_OPEN');
  }

  onEdit(): SpreadsheetTriggerBuilder {
    return this.on('onEdit', 'ON_EDIT');
  }

  onFormSubmit(): SpreadsheetTriggerBuilder {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  onChange(): SpreadsheetTriggerBuilder {
    return this.on('onChange', 'ON_CHANGE');
  }

  create(): Trigger {
    this.rt.hit('SpreadsheetTriggerBuilder', 'create');
    if (!this.event)
      throw this.rt.error('A spreadsheet trigger needs an event type before create().');
    return this.table.add(this.handler, this.event, this.sourceId) as unknown as Trigger;
  }
}

type FormTriggerBuilder = GoogleAppsScript.Script.FormTriggerBuilder;

/** newTrigger(fn).forForm(form or id).onFormSubmit() / .onOpen(), then create(). */
class FakeFormTriggerBuilder implements Pick<
  FormTriggerBuilder,
  'onFormSubmit' | 'onOpen' | 'create'
> {
  private event?: EventTypeName;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: TriggerTable,
    private readonly handler: string,
    private readonly formId: string,
  ) {}

  onFormSubmit(): FormTriggerBuilder {
    this.rt.hit('FormTriggerBuilder', 'onFormSubmit');
    this.event = 'ON_FORM_SUBMIT';
    return this as unknown as FormTriggerBuilder;
  }

  onOpen(): FormTriggerBuilder {
    this.rt.hit('FormTriggerBuilder', 'onOpen');
    this.event = 'ON_OPEN';
    return this as unknown as FormTriggerBuilder;
  }

  create(): Trigger {
    this.rt.hit('FormTriggerBuilder', 'create');
    if (!this.event) throw this.rt.error('A form trigger needs an event type before create().');
    return this.table.add(
      this.handler,
      this.event,
      this.formId,
      undefined,
      'FORMS',
    ) as unknown as Trigger;
  }
}

class FakeTriggerBuilder implements Pick<
  GoogleAppsScript.Script.TriggerBuilder,
  'timeBased' | 'forSpreadsheet' | 'forForm'
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: TriggerTable,
    private readonly handler: string,
  ) {}

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    this.rt.hit('TriggerBuilder', 'timeBased');
    return new FakeClockTriggerBuilder(
      this.rt,
      this.table,
      this.handler,
    ) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }

  forSpreadsheet(
    sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  ): SpreadsheetTriggerBuilder {
    this.rt.hit('TriggerBuilder', 'forSpreadsheet');
    const id =
      typeof sheet === 'string'
        ? sheet
        : ((sheet as unknown as { id?: string }).id ?? this.rt.quiet(() => sheet.getId()));
    return new FakeSpreadsheetTriggerBuilder(
      this.rt,
      this.table,
      this.handler,
      id,
    ) as unknown as SpreadsheetTriggerBuilder;
  }

  /** A form given as a Form or its ID (the form is not checked to exist). */
  forForm(form: GoogleAppsScript.Forms.Form | string): FormTriggerBuilder {
    this.rt.hit('TriggerBuilder', 'forForm');
    const id =
      typeof form === 'string'
        ? form
        : ((form as unknown as { id?: string }).id ?? this.rt.quiet(() => form.getId()));
    if (typeof id !== 'string' || id === '')
      throw this.rt.signatureError([form], 'ScriptApp.TriggerBuilder.forForm');
    return new FakeFormTriggerBuilder(
      this.rt,
      this.table,
      this.handler,
      id,
    ) as unknown as FormTriggerBuilder;
  }
}

export class FakeScriptApp implements Pick<GoogleAppsScript.Script.ScriptApp, ScriptAppMethods> {
  readonly EventType = EVENT_TYPE as unknown as typeof GoogleAppsScript.Script.EventType;
  readonly TriggerSource =
    TRIGGER_SOURCE as unknown as typeof GoogleAppsScript.Script.TriggerSource;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: TriggerTable,
    private readonly scriptId: string,
  ) {
    rt.registerService('Script', [
      'ScriptApp',
      'TriggerBuilder',
      'ClockTriggerBuilder',
      'SpreadsheetTriggerBuilder',
      'FormTriggerBuilder',
      'Trigger',
    ]);
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    this.rt.hit('ScriptApp', 'newTrigger');
    if (typeof functionName !== 'string') {
      throw this.rt.signatureError([functionName], 'ScriptApp.newTrigger');
    }
    return new FakeTriggerBuilder(
      this.rt,
      this.table,
      functionName,
    ) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }

  /** Only the effective user's triggers, as in Apps Script. */
  getProjectTriggers(): Trigger[] {
    this.rt.hit('ScriptApp', 'getProjectTriggers');
    const me = this.rt.user.effective;
    return this.rt.array(this.table.list.filter((t) => t.owner === me)) as unknown as Trigger[];
  }

  /** Removes the trigger with the same unique id; unknown (or another user's) triggers are ignored. */
  deleteTrigger(trigger: Trigger): void {
    this.rt.hit('ScriptApp', 'deleteTrigger');
    const id = (trigger as unknown as FakeTrigger)?.id;
    if (id === undefined) throw this.rt.signatureError([trigger], 'ScriptApp.deleteTrigger');
    const me = this.rt.user.effective;
    const i = this.table.list.findIndex((t) => t.id === id && t.owner === me);
    if (i >= 0) this.table.list.splice(i, 1);
  }

  getScriptId(): string {
    this.rt.hit('ScriptApp', 'getScriptId');
    return this.scriptId;
  }
}
