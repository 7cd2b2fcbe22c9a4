import type { EffectOutcome } from '../../core/effect-ledger';
import { startOfNextDay } from '../../domain/timestamps';
import type { Ports } from '../../ports';

/**
 * The resumable part of the evaluation and continuation jobs, in one place until the shared job
 * runner lands: stop before the time limit, continue tomorrow when the day's e-mail quota is
 * spent, else wake when the next reminder (or the deadline) is due, else finish.
 */
export const RESERVE_MS = 45_000;

export function hasTime(ports: Ports): boolean {
  return ports.jobs.remainingMs() >= RESERVE_MS;
}

export function scheduleNext(
  ports: Ports,
  job: string,
  state: { stoppedForTime: boolean; outcomes: readonly EffectOutcome[]; nextDue: Date | null },
  timeZone: string,
  dueReason: string,
): 'time limit' | 'daily e-mail limit' | 'due' | 'finished' {
  const now = ports.clock.now();
  if (state.stoppedForTime) {
    ports.jobs.continueLater(job, new Date(now.getTime() + 60_000), 'time limit');
    return 'time limit';
  }
  if (state.outcomes.includes('queued')) {
    ports.jobs.continueLater(job, startOfNextDay(now, timeZone), 'daily e-mail limit');
    return 'daily e-mail limit';
  }
  if (state.nextDue) {
    ports.jobs.continueLater(job, state.nextDue, dueReason);
    return 'due';
  }
  ports.jobs.finished(job);
  return 'finished';
}
