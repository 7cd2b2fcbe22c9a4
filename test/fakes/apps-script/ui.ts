import type { FakeRuntime } from './runtime';

type UiMethods =
  | 'Button'
  | 'ButtonSet'
  | 'alert'
  | 'prompt'
  | 'createMenu'
  | 'showModalDialog'
  | 'showModelessDialog'
  | 'showSidebar';
type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type Button = GoogleAppsScript.Base.Button;
type ButtonSet = GoogleAppsScript.Base.ButtonSet;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;

export interface MenuItemRecord {
  caption: string;
  functionName: string;
}
export type MenuEntry =
  | ({ kind: 'item' } & MenuItemRecord)
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };
export interface MenuRecord {
  name: string;
  /** Every item, including those of sub-menus (flattened, in order). */
  items: MenuItemRecord[];
  /** The menu's structure: items, separators and sub-menus. */
  entries: MenuEntry[];
}
export interface AlertRecord {
  title?: string;
  prompt: string;
  buttons: string;
  response: string;
}

/** Everything the UI was asked to show. */
export interface UiLog {
  /** Menus added with addToUi(); adding a menu of the same name replaces it. */
  menus: MenuRecord[];
  /** The prompt text of every alert. */
  alerts: string[];
  alertDetails: AlertRecord[];
  /** Responses the next alerts return ('YES', 'NO', 'OK', 'CANCEL', 'CLOSE'), consumed in order. */
  alertResponses: string[];
  /** What the next prompts return (the text typed and the button), consumed in order. */
  promptResponses: { text: string; button: string }[];
  /** Every prompt shown. */
  prompts: AlertRecord[];
  dialogs: Array<{ title: string; html: string; modal: boolean }>;
  sidebars: Array<{ title: string; html: string }>;
  toasts: string[];
  toastDetails: Array<{ msg: string; title?: string; timeoutSeconds?: number }>;
}

export function createUiLog(): UiLog {
  return {
    menus: [],
    alerts: [],
    alertDetails: [],
    alertResponses: [],
    promptResponses: [],
    prompts: [],
    dialogs: [],
    sidebars: [],
    toasts: [],
    toastDetails: [],
  };
}

const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
const BUTTON_SET = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export class FakeMenu implements Pick<Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly record: MenuRecord;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly log: UiLog,
    caption: string,
  ) {
    this.record = { name: String(caption), items: [], entries: [] };
  }

  addItem(caption: string, functionName: string): Menu {
    this.rt.hit('Menu', 'addItem');
    const item = { caption: String(caption), functionName: String(functionName) };
    this.record.entries.push({ kind: 'item', ...item });
    this.record.items.push(item);
    return this as unknown as Menu;
  }

  addSeparator(): Menu {
    this.rt.hit('Menu', 'addSeparator');
    this.record.entries.push({ kind: 'separator' });
    return this as unknown as Menu;
  }

  addSubMenu(menu: Menu): Menu {
    this.rt.hit('Menu', 'addSubMenu');
    const sub = (menu as unknown as FakeMenu).record;
    if (!sub) throw this.rt.signatureError([menu], 'Menu.addSubMenu');
    this.record.entries.push({ kind: 'submenu', menu: sub });
    this.record.items.push(...sub.items);
    return this as unknown as Menu;
  }

  addToUi(): void {
    this.rt.hit('Menu', 'addToUi');
    const i = this.log.menus.findIndex((m) => m.name === this.record.name);
    if (i >= 0) this.log.menus.splice(i, 1, this.record);
    else this.log.menus.push(this.record);
  }
}

/** SpreadsheetApp.getUi(). Alerts answer from `alertResponses`, else OK / YES. */
export class FakeUi implements Pick<Ui, UiMethods> {
  readonly Button = BUTTON as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = BUTTON_SET as unknown as typeof GoogleAppsScript.Base.ButtonSet;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly log: UiLog,
  ) {
    rt.registerService('Ui', ['Ui', 'Menu']);
  }

  alert(titleOrPrompt: string, promptOrButtons?: string | ButtonSet, buttons?: ButtonSet): Button {
    this.rt.hit('Ui', 'alert');
    const titled = typeof promptOrButtons === 'string' && buttons !== undefined;
    const prompt = String(titled ? promptOrButtons : titleOrPrompt);
    const set = String((titled ? buttons : promptOrButtons) ?? BUTTON_SET.OK);
    const response = this.log.alertResponses.shift() ?? (set.startsWith('YES') ? 'YES' : 'OK');
    this.log.alerts.push(prompt);
    this.log.alertDetails.push({
      title: titled ? String(titleOrPrompt) : undefined,
      prompt,
      buttons: set,
      response,
    });
    return response as unknown as Button;
  }

  /**
   * A dialog with a text box: prompt(prompt), prompt(prompt, buttons) or prompt(title, prompt,
   * buttons). Answers from `promptResponses`, else an empty text and the first button (OK/YES).
   */
  prompt(
    titleOrPrompt: string,
    promptOrButtons?: string | ButtonSet,
    buttons?: ButtonSet,
  ): GoogleAppsScript.Base.PromptResponse {
    this.rt.hit('Ui', 'prompt');
    const titled = typeof promptOrButtons === 'string' && buttons !== undefined;
    const prompt = String(titled ? promptOrButtons : titleOrPrompt);
    const set = String((titled ? buttons : promptOrButtons) ?? BUTTON_SET.OK);
    const answer = this.log.promptResponses.shift() ?? {
      text: '',
      button: set.startsWith('YES') ? 'YES' : 'OK',
    };
    this.log.prompts.push({
      title: titled ? String(titleOrPrompt) : undefined,
      prompt,
      buttons: set,
      response: answer.button,
    });
    const rt = this.rt;
    return {
      getResponseText: () => {
        rt.hit('PromptResponse', 'getResponseText');
        return answer.text;
      },
      getSelectedButton: () => {
        rt.hit('PromptResponse', 'getSelectedButton');
        return answer.button as unknown as Button;
      },
    } as GoogleAppsScript.Base.PromptResponse;
  }

  createMenu(caption: string): Menu {
    this.rt.hit('Ui', 'createMenu');
    return new FakeMenu(this.rt, this.log, caption) as unknown as Menu;
  }

  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.rt.hit('Ui', 'showModalDialog');
    this.log.dialogs.push({ title: String(title), html: contentOf(userInterface), modal: true });
  }

  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.rt.hit('Ui', 'showModelessDialog');
    this.log.dialogs.push({ title: String(title), html: contentOf(userInterface), modal: false });
  }

  showSidebar(userInterface: HtmlOutput): void {
    this.rt.hit('Ui', 'showSidebar');
    const title = (userInterface as unknown as { title?: string }).title ?? '';
    this.log.sidebars.push({ title, html: contentOf(userInterface) });
  }
}

/** The HTML of a FakeHtmlOutput without counting a getContent() call. */
function contentOf(output: unknown): string {
  const o = output as { content?: unknown; getContent?: () => string };
  if (typeof o?.content === 'string') return o.content;
  if (typeof o?.getContent === 'function') return o.getContent();
  return String(output);
}
