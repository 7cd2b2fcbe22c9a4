import { FakeCalendarEvents, FakeCalendarService } from './calendar';
import type { CallCounter } from './calls';
import { fakeDateClass, type VirtualClock } from './clock';
import type { CostTable } from './costs';
import { DriveStore, FakeDriveApp, SPREADSHEET_MIME, type DriveControls } from './drive';
import { createFormsControls, FakeFormApp, FormTable, type FakeFormsControls } from './forms';
import './forms-prefill';
import { FakeHtmlService } from './html';
import { FakeLockService, LockTable, type LockScope, type LockState } from './lock';
import { FakeMailApp, type AccountKind, type SentMail } from './mail';
import { FakePropertiesService, type PropertyScope } from './properties';
import { FakeRuntime, type Realm } from './runtime';
import { FakeScriptApp, TriggerTable, type FakeTrigger } from './script-app';
import { createFakeConsole, FakeLogger, FakeSession, type ConsoleEntry } from './session';
import { FakeSlidesApp, type SlidesControls } from './slides';
import { FakeSpreadsheet, FakeSpreadsheetApp, SpreadsheetRegistry } from './spreadsheet';
import { startOfNextDay } from './tz';
import { createUiLog, FakeUi, type UiLog } from './ui';
import { FakeUtilities } from './utilities';

export { createFakeContext } from './context';
export { fakeDateClass, VirtualClock, EXECUTION_LIMIT_MS } from './clock';
export { CallCounter } from './calls';
export { DEFAULT_COSTS, DRIVE_COSTS, type CostSpec, type CostTable } from './costs';
export type { DriveControls, DriveItemInfo } from './drive';
export { SLIDES_MIME, PDF_MIME, type SlidesControls } from './slides';
export type {
  FakeFormsControls,
  FormSnapshot,
  FormSubmission,
  FormSubmitEvent,
  SheetSubmitEvent,
  SubmitInput,
} from './forms';
export { FakeRuntime, type Realm } from './runtime';
export type { FakeSpreadsheet } from './spreadsheet';
export type { FakeSheet } from './sheet';
export type { FakeTrigger } from './script-app';
export type { SentMail, AccountKind } from './mail';
export type { CalendarNotice, FakeCalendarEvents } from './calendar';
export type { UiLog, MenuRecord, MenuItemRecord } from './ui';
export type { LockScope, LockState } from './lock';
export type { ConsoleEntry } from './session';

export interface FakeOptions {
  /** Mail quota: consumer 100 recipients/day (default), workspace 1500. */
  account?: AccountKind;
  spreadsheetName?: string;
  /** Script and spreadsheet time zone; default 'Europe/London'. */
  timeZone?: string;
  /** Advance the virtual clock by each call's modelled cost; default false. */
  latency?: boolean;
  /** Virtual start time; default 2026-07-01T09:00:00Z. */
  start?: Date;
  /** Overrides of the cost table ('Class.method', 'Class.*', '*'). */
  costs?: CostTable;
  /** Throw 'Exceeded maximum execution time' on calls made after 6 virtual minutes; default false. */
  enforceTimeLimit?: boolean;
  /**
   * Who runs the code (Session.getActiveUser and getEffectiveUser), the spreadsheet's owner
   * and the Drive user; default 'staff@example.org'. Change the caller with fake.setUser().
   */
  userEmail?: string;
  /** The project's HTML files for HtmlService.createHtmlOutputFromFile, by file name. */
  htmlFiles?: Record<string, string>;
}

/** The real Apps Script interface, narrowed to the members the fake implements. */
type Slice<Real, Fake> = Pick<Real, Extract<keyof Fake, keyof Real>>;

export interface FakeGlobals {
  SpreadsheetApp: Slice<GoogleAppsScript.Spreadsheet.SpreadsheetApp, FakeSpreadsheetApp>;
  MailApp: Slice<GoogleAppsScript.Mail.MailApp, FakeMailApp>;
  LockService: Slice<GoogleAppsScript.Lock.LockService, FakeLockService>;
  PropertiesService: Slice<GoogleAppsScript.Properties.PropertiesService, FakePropertiesService>;
  ScriptApp: Slice<GoogleAppsScript.Script.ScriptApp, FakeScriptApp>;
  Session: Slice<GoogleAppsScript.Base.Session, FakeSession>;
  Utilities: Slice<GoogleAppsScript.Utilities.Utilities, FakeUtilities>;
  HtmlService: Slice<GoogleAppsScript.HTML.HtmlService, FakeHtmlService>;
  Logger: Slice<GoogleAppsScript.Base.Logger, FakeLogger>;
  DriveApp: Slice<GoogleAppsScript.Drive.DriveApp, FakeDriveApp>;
  /** Also has EmailCollectionType and Form.setEmailCollectionType/setPublished (not in @types). */
  FormApp: Slice<GoogleAppsScript.Forms.FormApp, FakeFormApp>;
  SlidesApp: Slice<GoogleAppsScript.Slides.SlidesApp, FakeSlidesApp>;
  /** The Calendar advanced service (Events.insert/get/patch): calendar.ts. */
  Calendar: Slice<GoogleAppsScript.Calendar, FakeCalendarService>;
}

/** Event object passed to a time-driven trigger's handler. */
export interface ClockTriggerEvent {
  authMode: 'FULL';
  triggerUid: string;
  timezone: string;
}

export interface FakeAppsScript {
  /** Spread into a vm context or assign to globalThis (console is kept apart: see `console`). */
  globals: FakeGlobals;
  /** A recording console for a vm context (createFakeContext adds it). */
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error'>;
  consoleOutput: ConsoleEntry[];
  /** Counter, clock, costs and realm shared by all services; other fakes register here. */
  runtime: FakeRuntime;
  calls: CallCounter;
  clock: VirtualClock;
  /** Host-realm Date class reading the virtual clock (see fakeDateClass). */
  Date: DateConstructor;
  sentMail: SentMail[];
  /** MailApp itself, for remaining() / consumeQuota() without counting. */
  mail: FakeMailApp;
  ui: UiLog;
  /** Logger.log lines. */
  logs: string[];
  /** The active (bound) spreadsheet. */
  spreadsheet: FakeSpreadsheet;
  /** Spreadsheets SpreadsheetApp.create made, by ID (uncounted; each is also a Drive file). */
  spreadsheets: ReadonlyMap<string, FakeSpreadsheet>;
  /** Drive set-up and inspection (uncounted): seedFolder, seedFile, folders(), files()... */
  drive: DriveControls;
  /** Forms (uncounted): all(), get(id), submit(formId, { email, answers, at }), remove(id). */
  forms: FakeFormsControls;
  /** Slides (uncounted): seedPresentation, text(id), pdfText(fileId), createdInLastDay(). */
  slides: SlidesControls;
  /** The Calendar advanced service's events (uncounted): store, notices, failAfter, respond. */
  calendar: FakeCalendarEvents;
  /** Raw property stores (uncounted) for set-up and assertions. */
  properties: Record<PropertyScope, Map<string, string>>;
  /**
   * Who calls from now on: `active` is what Session.getActiveUser() names ('' for a visitor
   * Google will not name), `effective` whose authority the code has (default: `active`; in a
   * web app deployed "as me", the deployer). Triggers are listed and made per effective user.
   */
  setUser(active: string, effective?: string): void;
  /** Every user's installed triggers, fired or not (each has an `owner`). */
  triggers(): FakeTrigger[];
  /** Clock triggers due by the virtual clock that have not fired yet, earliest first. */
  dueTriggers(): FakeTrigger[];
  /**
   * Fires every due clock trigger: for each, starts a new execution, marks it fired (it stays
   * installed, as in Apps Script) and calls invoke(handlerName, event) with getUi() unavailable.
   */
  runDueTriggers(
    invoke: (functionName: string, event: ClockTriggerEvent) => unknown,
  ): FakeTrigger[];
  /** Simulates another execution holding a lock: true, false, or { forMs } (then it lets go). */
  lockHeldElsewhere(held: boolean | { forMs: number }, scope?: LockScope): void;
  lockState(scope?: LockScope): LockState;
  /** Moves the clock to 00:00 of the next day in the time zone (resets the mail quota). */
  advanceDay(): void;
  /** Runs fn without counting calls or spending virtual time. */
  quiet<T>(fn: () => T): T;
  /** The next `times` calls of 'Class.method' throw (a deterministic fail point). */
  failNext(key: string, times?: number, message?: string): void;
  /** Makes returned Dates/arrays/errors native to another realm (createFakeContext does this). */
  bindRealm(realm: Partial<Realm>): void;
}

export function createFakeAppsScript(opts: FakeOptions = {}): FakeAppsScript {
  const timeZone = opts.timeZone ?? 'Europe/London';
  const rt = new FakeRuntime({
    latency: opts.latency ?? false,
    timeZone,
    start: opts.start ?? new Date(Date.UTC(2026, 6, 1, 9, 0, 0)),
    costs: opts.costs,
    enforceTimeLimit: opts.enforceTimeLimit,
  });
  const me = (opts.userEmail ?? 'staff@example.org').toLowerCase();
  rt.user = { active: me, effective: me };
  const ui = createUiLog();
  const fakeUi = new FakeUi(rt, ui);
  const spreadsheet = new FakeSpreadsheet(
    rt,
    ui,
    '1FakeSpreadsheetId0000000000000000000000000',
    opts.spreadsheetName ?? 'Peer mentoring (fake)',
    timeZone,
  );
  spreadsheet.owner = me;
  const sentMail: SentMail[] = [];
  const mail = new FakeMailApp(rt, opts.account ?? 'consumer', sentMail);
  const locks = new LockTable(rt);
  const properties = new FakePropertiesService(rt);
  const triggers = new TriggerTable(rt);
  const logger = new FakeLogger(rt);
  const consoleOutput: ConsoleEntry[] = [];
  const forms = new FormTable(rt, spreadsheet);
  const drive = new DriveStore(rt, (opts.userEmail ?? 'staff@example.org').toLowerCase());
  const slides = new FakeSlidesApp(rt, drive, opts.account ?? 'consumer');
  const calendar = new FakeCalendarEvents(
    rt,
    opts.account ?? 'consumer',
    (opts.userEmail ?? 'staff@example.org').toLowerCase(),
  );
  forms.drive = {
    created: (id, title) =>
      rt.quiet(() =>
        drive.add({
          kind: 'file',
          name: title,
          parentId: drive.rootId,
          mimeType: 'application/vnd.google-apps.form',
          id,
        }),
      ),
    removed: (id) => drive.remove(id),
    trash: (id) => {
      const node = drive.nodes.get(id);
      if (node) node.trashed = true;
    },
  };

  // The bound spreadsheet is a Drive file too (a copy of it can be made, as before a migration).
  rt.quiet(() =>
    drive.add({
      kind: 'file',
      name: spreadsheet.name,
      parentId: drive.rootId,
      mimeType: SPREADSHEET_MIME,
      id: spreadsheet.id,
      counted: false,
    }),
  );
  const registry = new SpreadsheetRegistry(rt, ui, {
    created: (id, name) =>
      rt.quiet(() =>
        drive.add({ kind: 'file', name, parentId: drive.rootId, mimeType: SPREADSHEET_MIME, id }),
      ),
    access: (id) => {
      const node = drive.nodes.get(id);
      return node ? { owner: node.owner, editors: node.editors, viewers: node.viewers } : null;
    },
  });

  const globals: FakeGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(rt, spreadsheet, fakeUi, registry),
    MailApp: mail,
    LockService: new FakeLockService(rt, locks),
    PropertiesService: properties,
    ScriptApp: new FakeScriptApp(rt, triggers, '1FakeScriptId'),
    Session: new FakeSession(rt),
    Utilities: new FakeUtilities(rt),
    HtmlService: new FakeHtmlService(rt, opts.htmlFiles),
    Logger: logger,
    DriveApp: new FakeDriveApp(drive),
    FormApp: new FakeFormApp(rt, forms),
    SlidesApp: slides,
    Calendar: new FakeCalendarService(calendar),
  };

  return {
    globals,
    console: createFakeConsole(consoleOutput),
    consoleOutput,
    runtime: rt,
    calls: rt.calls,
    clock: rt.clock,
    Date: fakeDateClass(rt.clock),
    sentMail,
    mail,
    ui,
    logs: logger.lines,
    spreadsheet,
    spreadsheets: registry.byId,
    drive: drive.controls(),
    forms: createFormsControls(rt, forms, triggers),
    slides: slides.controls(),
    calendar,
    properties: properties.stores,
    setUser: (active, effective = active) => {
      rt.user = { active: active.toLowerCase(), effective: effective.toLowerCase() };
    },
    triggers: () => [...triggers.list],
    dueTriggers: () => triggers.due(),
    runDueTriggers(invoke) {
      const fired: FakeTrigger[] = [];
      for (const trigger of triggers.due()) {
        trigger.fired = true;
        fired.push(trigger);
        rt.clock.startExecution();
        rt.uiAvailable = false;
        try {
          triggers.runAs(trigger, () =>
            invoke(trigger.handler, {
              authMode: 'FULL',
              triggerUid: trigger.id,
              timezone: timeZone,
            }),
          );
        } finally {
          rt.uiAvailable = true;
        }
      }
      return fired;
    },
    lockHeldElsewhere: (held, scope = 'script') => locks.holdElsewhere(scope, held),
    lockState: (scope = 'script') => locks.state(scope),
    advanceDay: () => rt.clock.advanceTo(startOfNextDay(rt.clock.nowMs(), timeZone)),
    quiet: (fn) => rt.quiet(fn),
    failNext: (key, times, message) => rt.failNext(key, times, message),
    bindRealm: (realm) => {
      rt.realm = { ...rt.realm, ...realm };
    },
  };
}
