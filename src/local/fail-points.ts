import fs from 'node:fs';
import { setFailPointHook } from '../core/fail-point';

/** `PEER_MENTORING_STOP_AT=certificate-made:3`: the CLI stops at the 3rd certificate-made. */
export const STOP_AT_ENV = 'PEER_MENTORING_STOP_AT';

/**
 * For crash tests only: when the environment names a fail point, the process prints
 * `stopped at <name> <n>` on stderr when it gets there and then waits, doing nothing, for the
 * test to SIGKILL it. The kill therefore lands at exactly that point, however fast the machine.
 */
export function installFailPointsFromEnv(env: NodeJS.ProcessEnv = process.env): void {
  const spec = env[STOP_AT_ENV];
  if (!spec) return;
  const [name, nth = '1'] = spec.split(':');
  const target = Number(nth);
  let seen = 0;
  setFailPointHook((point) => {
    if (point !== name || ++seen !== target) return;
    fs.writeSync(2, `stopped at ${name} ${seen}\n`);
    // Blocks this thread (no timers run, nothing is written) until the test kills the process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
    process.exit(99);
  });
}
