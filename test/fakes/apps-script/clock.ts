/** Apps Script's limit on one execution (consumer and Workspace accounts alike). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/**
 * Virtual time. It moves only when told to: `advance`, `Utilities.sleep`, waiting on a lock,
 * and (with `latency: true`) the modelled cost of every service call.
 */
export class VirtualClock {
  private ms: number;
  private executionStartMs: number;
  private execution = 1;
  private readonly listeners: Array<(executionId: number) => void> = [];
  readonly executionLimitMs = EXECUTION_LIMIT_MS;

  constructor(start: Date | number = Date.UTC(2026, 6, 1, 9, 0, 0)) {
    this.ms = typeof start === 'number' ? start : start.getTime();
    this.executionStartMs = this.ms;
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms}`);
    this.ms += ms;
  }

  /** Moves forward to `date` (never backwards). */
  advanceTo(date: Date | number): void {
    const target = typeof date === 'number' ? date : date.getTime();
    if (target > this.ms) this.ms = target;
  }

  /** Begins a new execution: resets the 6-minute budget; locks held by the old one are released. */
  startExecution(): number {
    this.execution += 1;
    this.executionStartMs = this.ms;
    for (const listener of this.listeners) listener(this.execution);
    return this.execution;
  }

  /** Id of the current execution (1 for the first). */
  executionId(): number {
    return this.execution;
  }

  elapsedInExecution(): number {
    return this.ms - this.executionStartMs;
  }

  remainingInExecution(): number {
    return this.executionLimitMs - this.elapsedInExecution();
  }

  onExecutionStart(listener: (executionId: number) => void): void {
    this.listeners.push(listener);
  }
}

/**
 * A Date class whose `new Date()` and `Date.now()` read the virtual clock; every other form
 * (`new Date(ms)`, `Date.UTC`, `Date.parse`, calling `Date()` without new) behaves as usual.
 * Pass `base` = the vm context's own Date so that its instances are `instanceof Date` there.
 */
export function fakeDateClass(clock: VirtualClock, base: DateConstructor = Date): DateConstructor {
  const Base = base;
  class FakeDate extends Base {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.nowMs());
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return clock.nowMs();
    }
  }
  return new Proxy(FakeDate, {
    // `Date()` called as a function returns a string for the current time.
    apply: () => new Base(clock.nowMs()).toString(),
  }) as unknown as DateConstructor;
}
