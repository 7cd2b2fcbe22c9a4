/**
 * Deterministic crash points, for tests only. Every effect boundary (an effect's "started" line
 * written, the effect carried out, its "done" line written, a Drive call made) is counted; with
 * PEER_MENTORING_CRASH_AT=N the N-th one throws a SimulatedCrash that nothing in the tool
 * catches, so nothing after it runs: what was made and written stays, nothing else happens.
 * With PEER_MENTORING_PAUSE_AT=N the N-th one prints a marker line and stops the process dead
 * (it waits forever), so a test can SIGKILL a real process at a known moment, with no timer.
 * Neither variable exists outside tests (and never in Apps Script), so both cost one lookup.
 */
export const CRASH_AT = 'PEER_MENTORING_CRASH_AT';
export const PAUSE_AT = 'PEER_MENTORING_PAUSE_AT';
export const PAUSE_MARKER = 'peer-mentoring: paused at effect boundary';

export class SimulatedCrash extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatedCrash';
  }
}

export function isSimulatedCrash(error: unknown): boolean {
  return error instanceof Error && error.name === 'SimulatedCrash';
}

interface NodeLike {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown };
}

export class CrashPoints {
  private count = 0;

  private constructor(
    private readonly crashAt: number | null,
    private readonly pauseAt: number | null,
  ) {}

  static fromEnvironment(): CrashPoints {
    const node = (globalThis as { process?: NodeLike }).process;
    const read = (name: string) => {
      const n = Number(node?.env?.[name]);
      return Number.isInteger(n) && n > 0 ? n : null;
    };
    return new CrashPoints(read(CRASH_AT), read(PAUSE_AT));
  }

  /** Effect boundaries passed so far by this run. */
  get passed(): number {
    return this.count;
  }

  boundary(label: string): void {
    if (this.crashAt === null && this.pauseAt === null) return;
    this.count += 1;
    if (this.count === this.pauseAt) {
      const node = (globalThis as { process?: NodeLike }).process;
      node?.stdout.write(`${PAUSE_MARKER} ${this.count} (${label})\n`);
      // Synchronous stdout on a pipe has gone out; now nothing more runs until the kill.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    if (this.count === this.crashAt) {
      throw new SimulatedCrash(`simulated crash at effect boundary ${this.count} (${label})`);
    }
  }
}
