import type { Table, TabSpec } from '../domain/table';
import type { Ports } from '../ports';
import type { EffectLedger } from './effect-ledger';

export interface ActionContext {
  ports: Ports;
  /** Identifies this run in the Log. */
  run: string;
}

export interface ActionResult {
  /** Plain-English lines for staff: printed by the CLI, shown in a dialog in the Sheet. */
  summary: string[];
  /** What `--json` prints. */
  data?: unknown;
}

/** A CSV the CLI has read and parsed before the action runs (Apps Script has no local files). */
export interface CsvTable {
  file: string;
  header: string[];
  rows: string[][];
}

export interface ActionArgs {
  options: Record<string, string | boolean | undefined>;
  positional: string[];
  csv?: CsvTable;
}

export interface OptionSpec {
  name: string;
  description: string;
  /** Name of the value in help text; absent for a flag. */
  value?: string;
  required?: boolean;
}

/** What an action's part of `status` is built from: the ports, the Log, each tab read once. */
export interface StatusContext {
  ports: Ports;
  ledger: EffectLedger;
  tab(spec: TabSpec): Table;
}

/** An action's part of `status`: a few lines for the screen, and its part of `--json`. */
export interface StatusSection {
  lines: string[];
  /** Merged into status's JSON (one level deep: sections may share a key such as `emails`). */
  data: Record<string, unknown>;
}

/** The `--json` flag of an action whose data is worth printing. */
export const JSON_OPTION: OptionSpec = { name: 'json', description: 'print the result as JSON' };

export interface Action {
  /** The CLI command, e.g. "review-applications". */
  id: string;
  /** The Mentoring menu item; absent for actions the Sheet does another way. */
  menu?: string;
  /** The top-level Apps Script function the menu item calls (generated into dist/Code.js). */
  functionName: string;
  summary: string;
  usage?: string;
  options?: readonly OptionSpec[];
  /** How many arguments besides options it takes (default none): more are refused. */
  maxArgs?: number;
  /** The action reads a CSV file named by its first positional argument. */
  readsCsv?: boolean;
  /**
   * A screen's server function: callable from a page through google.script.run (locally, through
   * the page server), with string arguments as positional arguments; returns `data`.
   */
  exposed?: boolean;
  /** The menu item opens this page (appsscript/<page>.html) instead of running the action. */
  page?: string;
  /**
   * It opens past cohorts' archives (not only lists them): the local back end then reads them
   * when the command starts (exceljs is asynchronous, the core is not); others skip that read.
   */
  archives?: boolean;
  /** A long job: `continueJobs` (the continuation trigger) runs it again while it has work left. */
  resumable?: boolean;
  /** The action's data.html is a page: the CLI writes it to this file under --out. */
  htmlFile?: string;
  /** In the Sheet: the menu item first asks for the action's one argument with this prompt. */
  prompt?: string;
  /**
   * In the Sheet: the menu item first runs the action with the `preview` options (a dry run),
   * shows what it found and asks "Go ahead?"; only a Yes runs it with the `apply` options.
   */
  confirm?: {
    preview: Record<string, string | boolean>;
    apply: Record<string, string | boolean>;
  };
  run(context: ActionContext, args: ActionArgs): ActionResult;
  /** Where this action's own work stands, from its own keys: shown by `status`. */
  status?(context: StatusContext): StatusSection;
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The name a page calls through google.script.run for an exposed action, e.g. pageLockPair. */
export function pageFunctionName(action: Pick<Action, 'functionName'>): string {
  return `page${action.functionName.charAt(0).toUpperCase()}${action.functionName.slice(1)}`;
}
