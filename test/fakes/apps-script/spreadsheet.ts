import type { FakeRuntime } from './runtime';
import { FakeSheet } from './sheet';
import type { FakeUi, UiLog } from './ui';
import { FakeDataValidationBuilder } from './validation';
import type { CellValue } from './values';
import { FakeUser } from './session';

type SpreadsheetAppMethods =
  | 'getActiveSpreadsheet'
  | 'getActive'
  | 'getUi'
  | 'flush'
  | 'newDataValidation'
  | 'create'
  | 'openById';
type SpreadsheetMethods =
  | 'getId'
  | 'getUrl'
  | 'getName'
  | 'getSheetByName'
  | 'insertSheet'
  | 'getSheets'
  | 'getSpreadsheetTimeZone'
  | 'getEditors'
  | 'getOwner'
  | 'deleteSheet'
  | 'setSpreadsheetTimeZone'
  | 'toast';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const MAX_CELLS = 10_000_000;

/** The bound spreadsheet. Starts with one empty 'Sheet1'. */
export class FakeSpreadsheet implements Pick<Spreadsheet, SpreadsheetMethods> {
  readonly sheets: FakeSheet[] = [];
  private nextSheetId = 0;
  /** Who owns the file and who else may edit it (lower-case addresses; tests may change them). */
  owner = 'staff@example.org';
  editors: string[] = [];

  constructor(
    private readonly rt: FakeRuntime,
    private readonly ui: UiLog,
    readonly id: string,
    public name: string,
    public timeZone: string,
  ) {
    rt.registerService('Spreadsheet', ['Spreadsheet', 'Sheet', 'Range']);
    this.addSheet('Sheet1');
  }

  // ---- test helpers (not counted) ----

  /** The sheet called `name` (case-insensitive, like Sheets), or undefined. */
  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
  }

  /** Creates the sheet if needed and writes `rows` at A1 with setValues semantics, uncounted. */
  seed(name: string, rows: unknown[][]): FakeSheet {
    return this.rt.quiet(() => {
      const sheet = this.sheet(name) ?? this.addSheet(name);
      const width = Math.max(1, ...rows.map((r) => r.length));
      if (rows.length > sheet.maxRows)
        sheet.insertRowsAfter(sheet.maxRows, rows.length - sheet.maxRows);
      if (width > sheet.maxColumns)
        sheet.insertColumnsAfter(sheet.maxColumns, width - sheet.maxColumns);
      if (rows.length > 0) {
        const full = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
        sheet.range(1, 1, rows.length, width).setValues(full);
      }
      return sheet;
    });
  }

  /** Values of a sheet's data range (host realm), uncounted. */
  values(name: string): CellValue[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet named ${name}`);
    return sheet.snapshot();
  }

  addSheet(name: string, index = this.sheets.length): FakeSheet {
    if (this.sheet(name)) {
      throw this.rt.error(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    this.checkCellLimit(1000 * 26);
    const sheet = new FakeSheet(
      this.rt,
      this,
      name,
      this.nextSheetId === 0 ? 0 : 1_000_000 + this.nextSheetId,
    );
    this.nextSheetId += 1;
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sheet);
    return sheet;
  }

  /** Throws as Sheets does when the workbook would exceed 10 million cells. */
  checkCellLimit(extraCells: number): void {
    const total = this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
    if (total + extraCells > MAX_CELLS) {
      throw this.rt.error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  }

  // ---- Spreadsheet API ----

  getId(): string {
    this.rt.hit('Spreadsheet', 'getId');
    return this.id;
  }

  getUrl(): string {
    this.rt.hit('Spreadsheet', 'getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getName(): string {
    this.rt.hit('Spreadsheet', 'getName');
    return this.name;
  }

  getSheetByName(name: string): Sheet | null {
    this.rt.hit('Spreadsheet', 'getSheetByName');
    return (this.sheet(name) ?? null) as unknown as Sheet | null;
  }

  /** Any overload: (), (index), (name), (name, index), (name|index, options); templates ignored. */
  insertSheet(a?: string | number | object, b?: number | object, _options?: object): Sheet {
    this.rt.hit('Spreadsheet', 'insertSheet');
    let name = typeof a === 'string' ? a : '';
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : this.sheets.length;
    for (let n = this.sheets.length + 1; name === ''; n++) {
      if (!this.sheet(`Sheet${n}`)) name = `Sheet${n}`;
    }
    return this.addSheet(name, index) as unknown as Sheet;
  }

  getSheets(): Sheet[] {
    this.rt.hit('Spreadsheet', 'getSheets');
    return this.rt.array(this.sheets) as unknown as Sheet[];
  }

  getSpreadsheetTimeZone(): string {
    this.rt.hit('Spreadsheet', 'getSpreadsheetTimeZone');
    return this.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.rt.hit('Spreadsheet', 'setSpreadsheetTimeZone');
    if (typeof timezone !== 'string' || timezone.trim() === '')
      throw this.rt.error('Invalid argument: timezone');
    this.timeZone = timezone;
  }

  deleteSheet(sheet: Sheet): void {
    this.rt.hit('Spreadsheet', 'deleteSheet');
    const i = this.sheets.indexOf(sheet as unknown as FakeSheet);
    if (i < 0) throw this.rt.error('Sheet not found');
    if (this.sheets.length === 1)
      throw this.rt.error("You can't remove all the sheets in a document.");
    this.sheets.splice(i, 1);
  }

  /** The owner first, then the editors (assumed: Drive's order for files). */
  getEditors(): GoogleAppsScript.Base.User[] {
    this.rt.hit('Spreadsheet', 'getEditors');
    return this.rt.array(
      [this.owner, ...this.editors.filter((e) => e !== this.owner)].map(
        (e) => new FakeUser(this.rt, e) as unknown as GoogleAppsScript.Base.User,
      ),
    );
  }

  getOwner(): GoogleAppsScript.Base.User {
    this.rt.hit('Spreadsheet', 'getOwner');
    return new FakeUser(this.rt, this.owner) as unknown as GoogleAppsScript.Base.User;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.rt.hit('Spreadsheet', 'toast');
    this.ui.toasts.push(String(msg));
    this.ui.toastDetails.push({
      msg: String(msg),
      title,
      timeoutSeconds: timeoutSeconds ?? undefined,
    });
  }
}

/**
 * Every spreadsheet the fake knows: the bound one and those `SpreadsheetApp.create` made. Each
 * made one is also a Drive file with the same ID (in My Drive, as Google puts it), so DriveApp
 * can move, share, describe, trash or delete it; `openById` refuses one deleted from Drive or
 * that the caller can neither own nor edit.
 */
export class SpreadsheetRegistry {
  readonly byId = new Map<string, FakeSpreadsheet>();
  private counter = 0;
  constructor(
    readonly rt: FakeRuntime,
    readonly ui: UiLog,
    /** Drive's side of it (index.ts joins them); absent: spreadsheets are not Drive files. */
    public drive?: {
      created(id: string, name: string): void;
      /** Who may open the file now: its owner and editors; null when gone from Drive. */
      access(id: string): { owner: string; editors: string[]; viewers: string[] } | null;
    },
  ) {}

  nextId(): string {
    this.counter += 1;
    return `1FakeSheetFile${String(this.counter).padStart(30, '0')}`;
  }
}

/** SpreadsheetApp, bound to one spreadsheet. */
export class FakeSpreadsheetApp implements Pick<
  GoogleAppsScript.Spreadsheet.SpreadsheetApp,
  SpreadsheetAppMethods
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
    private readonly registry?: SpreadsheetRegistry,
  ) {
    rt.registerService('Spreadsheet', [
      'SpreadsheetApp',
      'DataValidationBuilder',
      'DataValidation',
    ]);
  }

  getActiveSpreadsheet(): Spreadsheet {
    this.rt.hit('SpreadsheetApp', 'getActiveSpreadsheet');
    return this.spreadsheet as unknown as Spreadsheet;
  }

  getActive(): Spreadsheet {
    this.rt.hit('SpreadsheetApp', 'getActive');
    return this.spreadsheet as unknown as Spreadsheet;
  }

  /** Throws when called from a trigger (fake.runDueTriggers), as Apps Script does. */
  getUi(): GoogleAppsScript.Base.Ui {
    this.rt.hit('SpreadsheetApp', 'getUi');
    if (!this.rt.uiAvailable)
      throw this.rt.error('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }

  flush(): void {
    this.rt.hit('SpreadsheetApp', 'flush');
  }

  /**
   * A new spreadsheet in My Drive with one empty 'Sheet1', in the script's time zone (assumed:
   * Google uses the creating user's default, which a script cannot read), owned by the caller.
   */
  create(name: string, rows?: number, columns?: number): Spreadsheet {
    this.rt.hit('SpreadsheetApp', 'create');
    if (typeof name !== 'string' || name.trim() === '')
      throw this.rt.error('Invalid argument: name');
    if (rows !== undefined || columns !== undefined)
      throw this.rt.error('The fake does not model create(name, rows, columns).');
    const registry = this.need();
    const id = registry.nextId();
    const made = new FakeSpreadsheet(this.rt, registry.ui, id, name, this.rt.timeZone);
    made.owner = this.rt.user.effective;
    registry.byId.set(id, made);
    registry.drive?.created(id, name);
    return made as unknown as Spreadsheet;
  }

  /** The spreadsheet with this ID, if it is still in Drive and the caller may open it. */
  openById(id: string): Spreadsheet {
    this.rt.hit('SpreadsheetApp', 'openById');
    if (typeof id !== 'string' || id === '') throw this.rt.error('Invalid argument: id');
    if (id === this.spreadsheet.id) return this.spreadsheet as unknown as Spreadsheet;
    const registry = this.need();
    const found = registry.byId.get(id);
    const access = registry.drive
      ? registry.drive.access(id)
      : { owner: '', editors: [], viewers: [] };
    const me = this.rt.user.effective;
    if (
      !found ||
      !access ||
      (registry.drive &&
        me !== access.owner &&
        !access.editors.includes(me) &&
        !access.viewers.includes(me))
    ) {
      throw this.rt.error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return found as unknown as Spreadsheet;
  }

  private need(): SpreadsheetRegistry {
    if (!this.registry)
      throw new Error('This fake SpreadsheetApp has no registry of spreadsheets.');
    return this.registry;
  }

  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    this.rt.hit('SpreadsheetApp', 'newDataValidation');
    return new FakeDataValidationBuilder(
      this.rt,
    ) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
}
