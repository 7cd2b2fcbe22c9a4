import type { FakeRuntime } from './runtime';

type Lock = GoogleAppsScript.Lock.Lock;
export type LockScope = 'script' | 'document' | 'user';
/** 'free'; 'held' by the current execution; or held 'elsewhere' (another, simulated execution). */
export type LockState = 'free' | 'held' | 'elsewhere';

interface Slot {
  /** Execution id of the holder, 'elsewhere', or null when free. */
  holder: number | 'elsewhere' | null;
  /** When an 'elsewhere' holder lets go (virtual ms; Infinity = never). */
  until: number;
}

/**
 * The three locks of the script. Executions are the clock's: clock.startExecution() ends the
 * current one and releases whatever it held. Another execution holding a lock is simulated with
 * holdElsewhere(); waiting for it advances the virtual clock.
 */
export class LockTable {
  private readonly slots: Record<LockScope, Slot> = {
    script: { holder: null, until: 0 },
    document: { holder: null, until: 0 },
    user: { holder: null, until: 0 },
  };

  constructor(private readonly rt: FakeRuntime) {
    rt.clock.onExecutionStart((id) => {
      for (const slot of Object.values(this.slots)) {
        if (typeof slot.holder === 'number' && slot.holder !== id) slot.holder = null;
      }
    });
  }

  /** Simulates another execution holding (true), releasing (false) or holding for a while. */
  holdElsewhere(scope: LockScope, held: boolean | { forMs: number }): void {
    const slot = this.slots[scope];
    if (held === false) {
      if (slot.holder === 'elsewhere') slot.holder = null;
      return;
    }
    slot.holder = 'elsewhere';
    slot.until = held === true ? Infinity : this.rt.clock.nowMs() + held.forMs;
  }

  state(scope: LockScope): LockState {
    const slot = this.settle(scope);
    if (slot.holder === null) return 'free';
    return slot.holder === this.rt.clock.executionId() ? 'held' : 'elsewhere';
  }

  /** Tries for up to `timeoutMs` of virtual time; true once the current execution holds it. */
  acquire(scope: LockScope, timeoutMs: number): boolean {
    const exec = this.rt.clock.executionId();
    const slot = this.settle(scope);
    if (slot.holder === null || slot.holder === exec) {
      slot.holder = exec;
      return true;
    }
    const wait = slot.holder === 'elsewhere' ? slot.until - this.rt.clock.nowMs() : Infinity;
    if (wait <= timeoutMs) {
      this.rt.clock.advance(Math.max(0, wait));
      slot.holder = exec;
      return true;
    }
    this.rt.clock.advance(Math.max(0, timeoutMs));
    return false;
  }

  release(scope: LockScope, exec: number): void {
    const slot = this.slots[scope];
    if (slot.holder === exec) slot.holder = null;
  }

  private settle(scope: LockScope): Slot {
    const slot = this.slots[scope];
    if (slot.holder === 'elsewhere' && slot.until <= this.rt.clock.nowMs()) slot.holder = null;
    return slot;
  }
}

export class FakeLock implements Pick<Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> {
  /** Execution in which this Lock object acquired the lock, if it did. */
  private acquiredIn: number | null = null;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: LockTable,
    readonly scope: LockScope,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.rt.hit('Lock', 'tryLock');
    return this.attempt(timeoutInMillis, 'tryLock');
  }

  waitLock(timeoutInMillis: number): void {
    this.rt.hit('Lock', 'waitLock');
    if (!this.attempt(timeoutInMillis, 'waitLock')) {
      throw this.rt.error('Lock timeout: another process was holding the lock for too long.');
    }
  }

  releaseLock(): void {
    this.rt.hit('Lock', 'releaseLock');
    if (this.acquiredIn !== null) this.table.release(this.scope, this.acquiredIn);
    this.acquiredIn = null;
  }

  hasLock(): boolean {
    this.rt.hit('Lock', 'hasLock');
    return (
      this.acquiredIn === this.rt.clock.executionId() && this.table.state(this.scope) === 'held'
    );
  }

  private attempt(timeoutInMillis: number, method: string): boolean {
    if (typeof timeoutInMillis !== 'number' || !(timeoutInMillis >= 0)) {
      throw this.rt.signatureError([timeoutInMillis], `LockService.Lock.${method}`);
    }
    const ok = this.table.acquire(this.scope, timeoutInMillis);
    if (ok) this.acquiredIn = this.rt.clock.executionId();
    return ok;
  }
}

export class FakeLockService implements Pick<
  GoogleAppsScript.Lock.LockService,
  'getScriptLock' | 'getDocumentLock' | 'getUserLock'
> {
  constructor(
    private readonly rt: FakeRuntime,
    private readonly table: LockTable,
  ) {
    rt.registerService('Lock', ['LockService', 'Lock']);
  }

  getScriptLock(): Lock {
    this.rt.hit('LockService', 'getScriptLock');
    return new FakeLock(this.rt, this.table, 'script') as unknown as Lock;
  }

  getDocumentLock(): Lock {
    this.rt.hit('LockService', 'getDocumentLock');
    return new FakeLock(this.rt, this.table, 'document') as unknown as Lock;
  }

  getUserLock(): Lock {
    this.rt.hit('LockService', 'getUserLock');
    return new FakeLock(this.rt, this.table, 'user') as unknown as Lock;
  }
}
