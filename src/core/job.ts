import { startOfNextDay } from '../domain/timestamps';
import { plural } from '../domain/text';
import type { Ports } from '../ports';
import type { EffectOutcome } from './effect-ledger';
import { Mailer, tally } from './mailer';
import { outcomeSummary } from './outcome-summary';

/** Stop this long before the execution limit: enough to save the tab and schedule the rest. */
export const RESERVE_MS = 45_000;

export type QueuedReason =
  'time limit' | 'daily e-mail limit' | 'daily invitation limit' | JobLimit<never>['reason'];

/**
 * A daily quota besides e-mail (Slides copies for certificates): while `blockedUntil(item)` gives
 * a time, that item is not started, and the job continues then.
 */
export interface JobLimit<T> {
  reason: 'daily certificate limit';
  blockedUntil(item: T): Date | null;
}

export interface Job<T> {
  /** The action's id: the name `continueJobs` runs it again by, and `status` shows. */
  name: string;
  items: readonly T[];
  /**
   * Carries out one item's keyed effects (through the EffectLedger and the Mailer, which checks
   * the day's quota before each e-mail) and returns the outcome of its e-mail.
   */
  step(item: T): EffectOutcome;
  /** The scheme's time zone: the day's quota starts again at its midnight. */
  timeZone: string;
  limit?: JobLimit<T>;
  /** The day's limit a queued step waited for (default: the daily e-mail limit). */
  quota?: QueuedReason;
  /**
   * For a job whose every item is one e-mail: its mailer and each item's e-mail key. Before each
   * item the runner then asks the Log (an item already sent, or uncertain, costs no step) and
   * the quota (once it is spent, no further item is started: each is queued for tomorrow).
   */
  mail?: { mailer: Mailer; key(item: T): string };
}

export interface JobReport<T> {
  counts: Record<EffectOutcome, number>;
  /** Items whose e-mail may or may not have gone (a run died while sending): staff ask them. */
  uncertain: T[];
  /** Items not reached because this execution's time ran out. */
  notReached: number;
  /** Items not started because of the job's `limit`. */
  waiting: number;
  /** Why the job asked to be continued; null when it finished. */
  queued: QueuedReason | null;
}

/**
 * THE loop of every bulk, keyed, resumable action: before each item it checks the time this
 * execution has left (Apps Script stops at 6 minutes) and stops cleanly with a reserve, and the
 * day's e-mail quota (a mail-only job starts no item once it is spent; otherwise the Mailer
 * queues each e-mail that does not fit, and the item's other effects go ahead). Then it asks once to be continued (soon for
 * time, in an hour for the rolling e-mail quota, at midnight for another daily limit) or says the job is finished. Because every
 * effect is keyed, running an item again after a crash or a stop repeats nothing.
 */
export function runJob<T>(ports: Ports, job: Job<T>): JobReport<T> {
  const outcomes: EffectOutcome[] = [];
  const uncertain: T[] = [];
  let notReached = 0;
  let waiting = 0;
  let waitUntil = 0;
  for (const [i, item] of job.items.entries()) {
    if (ports.jobs.remainingMs() < RESERVE_MS) {
      notReached = job.items.length - i;
      break;
    }
    const until = job.limit?.blockedUntil(item);
    if (until) {
      waiting += 1;
      waitUntil = waitUntil ? Math.min(waitUntil, until.getTime()) : until.getTime();
      continue;
    }
    const known = job.mail?.mailer.known(job.mail.key(item));
    const outcome =
      known ?? (job.mail && job.mail.mailer.quotaLeft() <= 0 ? 'queued' : job.step(item));
    if (outcome === 'uncertain') uncertain.push(item);
    outcomes.push(outcome);
  }
  const counts = tally(outcomes);
  const now = ports.clock.now();
  let queued: QueuedReason | null = null;
  if (notReached) {
    queued = 'time limit';
    ports.jobs.continueLater(job.name, new Date(now.getTime() + 60_000), queued);
  } else if (waiting && job.limit) {
    queued = job.limit.reason;
    ports.jobs.continueLater(
      job.name,
      new Date(Math.max(waitUntil, now.getTime() + 60_000)),
      queued,
    );
  } else if (counts.queued) {
    queued = job.quota ?? 'daily e-mail limit';
    // Google's e-mail quota is a rolling 24 hours from each send, not a calendar day: try
    // hourly. Other daily limits (invitations) start again at the scheme's midnight.
    ports.jobs.continueLater(
      job.name,
      job.quota ? startOfNextDay(now, job.timeZone) : new Date(now.getTime() + 3_600_000),
      queued,
    );
  } else {
    ports.jobs.finished(job.name);
  }
  return { counts, uncertain, notReached, waiting, queued };
}

export interface JobWords<T> {
  /** The action's id, named in "run … again". */
  job: string;
  /** What each e-mail is: "e-mail", "introduction". */
  noun: string;
  nouns?: string;
  /** What each item is, for the time-limit line: "pair", "applicant". */
  item: string;
  /** Replaces the first line ("Sent 3 e-mails."), e.g. "Set up 3 pairs of 4 confirmed; …". */
  headline?: string;
  /** Who an uncertain item's e-mail was for, so staff can ask them. */
  describe(item: T): string;
}

/** The summary lines of a job's run, in the same words for every job. */
export function jobSummary<T>(report: JobReport<T>, words: JobWords<T>): string[] {
  const lines = outcomeSummary(
    report.counts,
    words.noun,
    report.uncertain.map(words.describe),
    words.nouns,
    `Google counts the limit over a rolling 24 hours: in Google they are tried again every hour (or run ${words.job} again later).`,
  );
  if (words.headline) lines[0] = words.headline;
  if (report.notReached) {
    lines.push(
      `${plural(report.notReached, words.item)} still to do: the run stopped before the time limit and continues soon, by itself in Google.`,
    );
  }
  return lines;
}
