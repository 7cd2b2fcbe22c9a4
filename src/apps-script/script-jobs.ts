import type { ClockPort, JobsPort } from '../ports';

export const CONTINUE_HANDLER = 'continueJobs';
const STATE = 'peer-mentoring.jobs';
/** Set when a form submission could not be recorded at once: the next continuation sweeps. */
const SWEEP = 'peer-mentoring.sweep';
/** A clock trigger fires within about 15 minutes of its time: "soon", never "in a minute". */
const SOON_MS = 60_000;
/** Apps Script stops an execution at 6 minutes; a job stops well before. */
export const EXECUTION_BUDGET_MS = 4.5 * 60_000;

interface State {
  jobs: Record<string, { at: string; reason: string }>;
  /** When the one continuation trigger fires (triggers cannot be asked). */
  trigger: string | null;
  /** Whose it is: another user cannot see or delete it (getProjectTriggers is per user). */
  owner?: string;
}

/** A trigger this long overdue has not fired (its owner's account or trigger is gone). */
const STALE_MS = 2 * 3_600_000;

/**
 * Jobs waiting to continue are kept in the script's properties; one time-based trigger calls
 * continueJobs at the earliest time any of them asked for. The old trigger is deleted before a
 * new one is made, so there are never two.
 */
export class ScriptJobs implements JobsPort {
  constructor(
    private readonly scriptApp: GoogleAppsScript.Script.ScriptApp,
    private readonly properties: GoogleAppsScript.Properties.Properties,
    private readonly clock: ClockPort,
    private readonly startedAt: Date,
    private readonly budgetMs = EXECUTION_BUDGET_MS,
    /** The effective user (who a trigger made now would belong to); '' when unknown. */
    private readonly me: () => string = () => '',
  ) {}

  remainingMs(): number {
    return this.budgetMs - (this.clock.now().getTime() - this.startedAt.getTime());
  }

  continueLater(job: string, at: Date, reason: string): void {
    const state = this.read();
    state.jobs[job] = { at: at.toISOString(), reason };
    this.schedule(state);
  }

  finished(job: string): void {
    const state = this.read();
    if (!(job in state.jobs) && state.trigger === null) return;
    delete state.jobs[job];
    this.schedule(state);
  }

  pending(): { job: string; at: Date; reason: string }[] {
    return Object.entries(this.read().jobs).map(([job, j]) => ({
      job,
      at: new Date(j.at),
      reason: j.reason,
    }));
  }

  /**
   * A submission's handler could not record it (the lock was busy, or it failed): the next
   * continuation sweeps. Called without the lock, so it writes only its own property (never
   * the jobs' record, which another execution may be writing) and makes a trigger only when
   * this user has none; a second one made in a race is removed by the next continuation.
   */
  requestSweep(): void {
    this.properties.setProperty(SWEEP, this.clock.now().toISOString());
    if (this.othersTrigger(this.read())) return; // theirs sweeps when it fires
    if (this.triggers().length === 0) {
      this.scriptApp
        .newTrigger(CONTINUE_HANDLER)
        .timeBased()
        .at(new Date(this.clock.now().getTime() + SOON_MS))
        .create();
    }
  }

  /** Whether a submission asked for a sweep that has not run yet. */
  sweepRequested(): boolean {
    return this.properties.getProperty(SWEEP) !== null;
  }

  /** The sweep a submission asked for has run. */
  sweepDone(): void {
    if (this.properties.getProperty(SWEEP) !== null) this.properties.deleteProperty(SWEEP);
  }

  /** Makes sure the trigger matches the jobs still waiting (after a continuation ran them). */
  ensureTrigger(): void {
    this.schedule(this.read());
  }

  /** Called as a continuation starts: its trigger has fired, so it goes. */
  triggerFired(): void {
    const state = this.read();
    this.deleteTriggers();
    state.trigger = null;
    this.write(state);
  }

  private schedule(state: State): void {
    // Another member of staff's trigger is invisible here and cannot be deleted: making a
    // second would run every continuation twice. Theirs runs the jobs (and reschedules) when it
    // fires; only a trigger long overdue (its owner gone) is replaced.
    const me = this.me();
    if (this.othersTrigger(state)) {
      this.write(state);
      return;
    }
    const times = Object.values(state.jobs).map((j) => Date.parse(j.at));
    if (this.properties.getProperty(SWEEP) !== null) times.push(this.clock.now().getTime());
    const earliest = times.length
      ? new Date(Math.max(Math.min(...times), this.clock.now().getTime() + SOON_MS))
      : null;
    const wanted = earliest ? earliest.toISOString() : null;
    if (wanted !== state.trigger || (wanted !== null && this.triggers().length !== 1)) {
      this.deleteTriggers();
      if (earliest) this.scriptApp.newTrigger(CONTINUE_HANDLER).timeBased().at(earliest).create();
      state.trigger = wanted;
      state.owner = me || undefined;
    }
    this.write(state);
  }

  /** Whether the continuation trigger is another user's, and not long overdue. */
  private othersTrigger(state: State): boolean {
    const me = this.me();
    return Boolean(
      state.owner &&
      me &&
      state.owner !== me &&
      state.trigger !== null &&
      Date.parse(state.trigger) > this.clock.now().getTime() - STALE_MS,
    );
  }

  /** Whose continuation trigger it is, when it is someone else's (for staff's messages). */
  triggerOwnedByOther(): string | null {
    const state = this.read();
    return this.othersTrigger(state) ? (state.owner ?? null) : null;
  }

  private triggers(): GoogleAppsScript.Script.Trigger[] {
    return this.scriptApp
      .getProjectTriggers()
      .filter((t) => t.getHandlerFunction() === CONTINUE_HANDLER);
  }

  private deleteTriggers(): void {
    for (const trigger of this.triggers()) this.scriptApp.deleteTrigger(trigger);
  }

  private read(): State {
    try {
      const raw = this.properties.getProperty(STATE);
      const state = raw ? (JSON.parse(raw) as State) : null;
      if (state && typeof state.jobs === 'object') return state;
    } catch {
      // A damaged record is replaced: the jobs' own state is in the workbook and the Log.
    }
    return { jobs: {}, trigger: null };
  }

  private write(state: State): void {
    this.properties.setProperty(STATE, JSON.stringify(state));
  }
}
