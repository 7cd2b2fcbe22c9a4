import { CRASH_AT, isSimulatedCrash } from '../../src/core/crash-points';

/**
 * The every-boundary crash test: on a fresh scheme each time, runs the action with a crash at
 * effect boundary 1, then 2, 3… until a run gets through without one. After each crash,
 * `check` re-runs what it needs and asserts what is left (one folder, one e-mail…). Returns how
 * many boundaries the run has, so a test can also pin that number.
 */
export function crashAtEveryBoundary<S>(
  fresh: () => S,
  run: (scheme: S) => unknown,
  check: (scheme: S, crash: Error) => void,
): number {
  for (let n = 1; ; n += 1) {
    const scheme = fresh();
    process.env[CRASH_AT] = String(n);
    let crash: Error | null = null;
    try {
      run(scheme);
    } catch (error) {
      if (!isSimulatedCrash(error)) throw error;
      crash = error as Error;
    } finally {
      delete process.env[CRASH_AT];
    }
    if (!crash) return n - 1;
    check(scheme, crash);
  }
}
