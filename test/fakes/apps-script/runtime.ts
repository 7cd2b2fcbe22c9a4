import { CallCounter } from './calls';
import { VirtualClock } from './clock';
import { costOf, DEFAULT_COSTS, type CostTable } from './costs';

/**
 * Constructors of the realm that calls the fake (a node:vm context), so that values handed back
 * are native there: `v instanceof Date`, `e instanceof Error`, `Array.isArray`-free code all work.
 * Defaults to the host realm; `createFakeContext` binds the context's own.
 */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
  Array: ArrayConstructor;
}

export interface RuntimeOptions {
  latency: boolean;
  timeZone: string;
  start: Date;
  costs?: CostTable;
  enforceTimeLimit?: boolean;
}

/**
 * State shared by every fake service: call counter, virtual clock, cost table, realm.
 * Another fake (Drive, Forms...) joins by calling `registerService` and `hit` on the same runtime.
 */
export class FakeRuntime {
  readonly calls = new CallCounter();
  readonly clock: VirtualClock;
  readonly costs: CostTable;
  latency: boolean;
  /** When true, any call made after the execution's 6 minutes are up throws like Apps Script. */
  enforceTimeLimit: boolean;
  timeZone: string;
  /** False while a trigger handler runs: SpreadsheetApp.getUi() then throws, as it does. */
  uiAvailable = true;
  realm: Realm = { Date, Error, Array };
  /**
   * Who is calling: `active` is Session.getActiveUser() ('' for a visitor Google will not name),
   * `effective` whose authority the code runs with (the deployer in a web app, the trigger's
   * owner in a trigger). Triggers are listed and created per effective user.
   */
  user = { active: 'staff@example.org', effective: 'staff@example.org' };
  private quietDepth = 0;

  constructor(opts: RuntimeOptions) {
    this.clock = new VirtualClock(opts.start);
    this.costs = { ...DEFAULT_COSTS, ...(opts.costs ?? {}) };
    this.latency = opts.latency;
    this.enforceTimeLimit = opts.enforceTimeLimit ?? false;
    this.timeZone = opts.timeZone;
  }

  /** Declares classes of a service, optionally with their costs (existing keys are kept). */
  registerService(service: string, classNames: string[], costs: CostTable = {}): void {
    for (const name of classNames) this.calls.register(name, service);
    for (const [key, spec] of Object.entries(costs))
      if (!(key in this.costs)) this.costs[key] = spec;
  }

  /** Deterministic fail points: 'Class.method' → how many of its next calls throw. */
  private readonly failures = new Map<string, { times: number; message: string }>();

  /** The next `times` calls of `key` ('Class.method') throw `message`, as a failing service. */
  failNext(key: string, times = 1, message = 'Service error: Spreadsheets'): void {
    this.failures.set(key, { times, message });
  }

  /** Records one call of Class.method and, with latency on, advances the clock by its cost. */
  hit(className: string, method: string, cells = 0): void {
    if (this.quietDepth > 0) return;
    const failure = this.failures.get(`${className}.${method}`);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      throw this.error(failure.message);
    }
    if (this.enforceTimeLimit && this.clock.elapsedInExecution() > this.clock.executionLimitMs) {
      throw this.error('Exceeded maximum execution time');
    }
    this.calls.record(className, method);
    if (this.latency) this.clock.advance(costOf(this.costs, className, method, cells));
  }

  /** Runs `fn` without counting calls or spending virtual time (for test set-up). */
  quiet<T>(fn: () => T): T {
    this.quietDepth += 1;
    try {
      return fn();
    } finally {
      this.quietDepth -= 1;
    }
  }

  /** An Apps Script style exception: name 'Exception', so String(e) is 'Exception: <message>'. */
  error(message: string): Error {
    const err = new this.realm.Error(message);
    Object.defineProperty(err, 'name', { value: 'Exception', configurable: true, writable: true });
    return err;
  }

  /** A Date native to the caller's realm. */
  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /** An array native to the caller's realm. */
  array<T>(items: readonly T[]): T[] {
    return this.realm.Array === Array ? [...items] : this.realm.Array.from(items);
  }

  /** Apps Script's message when a call's arguments don't fit any overload. */
  signatureError(args: readonly unknown[], method: string): Error {
    const types = args.map(describeType).join(',');
    return this.error(`The parameters (${types}) don't match the method signature for ${method}.`);
  }
}

/** Treats anything with getTime() as a date (Dates from another realm fail instanceof). */
export function isDateLike(v: unknown): v is Date {
  return typeof v === 'object' && v !== null && typeof (v as Date).getTime === 'function';
}

function describeType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return `${v.length ? describeType(v[0]) : 'Object'}[]`;
  if (isDateLike(v)) return 'Date';
  return 'Object';
}

/** Checks an Integer parameter the way Apps Script does (numbers only; truncated to integer). */
export function toInteger(
  rt: FakeRuntime,
  v: unknown,
  args: readonly unknown[],
  method: string,
): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw rt.signatureError(args, method);
  return Math.trunc(v);
}
