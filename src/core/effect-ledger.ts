import { isDate, Table } from '../domain/table';
import { LOG_TAB } from '../domain/tabs';
import type { JournalPort, LogRecord, LogState, Ports } from '../ports';
import { CrashPoints, isSimulatedCrash } from './crash-points';
import { cohortOf, loadTable } from './workbook';

export type EffectState = 'new' | 'done' | 'uncertain' | 'failed';
/** What an action that keeps no effects writes to the Log: notes (see EffectLedger.forNotes). */
export type LogNotes = Pick<EffectLedger, 'note'>;
export type EffectOutcome = 'done' | 'already-done' | 'uncertain' | 'failed' | 'queued';

/**
 * Every side effect (an e-mail now; folders, events and certificates later) goes through here,
 * keyed, so a re-run never repeats one. "started" is written durably before the effect and
 * "done" after it: a run that dies in between leaves the effect uncertain, which is shown to
 * staff and never repeated blindly. Staff can write "retry" in a Log row's State to allow it.
 */
export class EffectLedger {
  private readonly states = new Map<string, EffectState>();
  private readonly details = new Map<string, string>();
  private readonly crashPoints = CrashPoints.fromEnvironment();
  /** When each effect was first recorded done (reminders wait on it; rolling 24-hour quotas). */
  private readonly doneTime = new Map<string, Date>();
  /** The cohort this run's records carry: read on the first record (a run that writes none costs no read). */
  private cohortValue: string | null = null;

  private constructor(
    private readonly journal: JournalPort,
    private readonly clock: Ports['clock'],
    readonly run: string,
    readonly action: string,
    log: Table,
    private readonly readCohort: () => string,
  ) {
    log.rows.forEach((_, row) => {
      const key = log.text(row, 'Key');
      if (!key) return;
      const state = log.text(row, 'State') as LogState;
      const next = transition(this.states.get(key) ?? 'new', state);
      if (next !== undefined) this.states.set(key, next);
      if (state === 'started' || state === 'done') this.details.set(key, log.text(row, 'Detail'));
      if (state === 'done' && !this.doneTime.has(key)) {
        const time = log.get(row, 'Time');
        const at = isDate(time) ? time : new Date(Date.parse(log.text(row, 'Time')));
        if (!Number.isNaN(at.getTime())) this.doneTime.set(key, at);
      }
    });
  }

  static open(ports: Ports, run: string, action: string): EffectLedger {
    return EffectLedger.over(ports, run, action, loadTable(ports.workbook, LOG_TAB));
  }

  /**
   * For an action that only writes notes (`match`): the Log is not read, as nothing here asks
   * what it holds, and a large Log is most of what a command would otherwise read.
   */
  static forNotes(ports: Ports, run: string, action: string): LogNotes {
    const empty = new Table(LOG_TAB, { header: [...LOG_TAB.columns], rows: [] });
    return EffectLedger.over(ports, run, action, empty);
  }

  private static over(ports: Ports, run: string, action: string, log: Table): EffectLedger {
    return new EffectLedger(ports.journal, ports.clock, run, action, log, () =>
      cohortOf(ports.workbook),
    );
  }

  /** The cohort this run's records carry; archive-cohort moves it on once it has started the next. */
  get cohort(): string {
    return (this.cohortValue ??= this.readCohort());
  }

  set cohort(cohort: string) {
    this.cohortValue = cohort;
  }

  state(key: string): EffectState {
    return this.states.get(key) ?? 'new';
  }

  detail(key: string): string {
    return this.details.get(key) ?? '';
  }

  /** When the effect was done (from the Log; this run's effects included): reminders wait on it. */
  doneAt(key: string): Date | undefined {
    return this.doneTime.get(key);
  }

  keys(prefix: string, state: EffectState): string[] {
    return [...this.states].filter(([k, s]) => k.startsWith(prefix) && s === state).map(([k]) => k);
  }

  /** When effects whose key starts with `prefix` were done, at or after `since`, oldest first. */
  doneTimes(prefix: string, since: Date): Date[] {
    const times: number[] = [];
    for (const [key, at] of this.doneTime) {
      if (key.startsWith(prefix) && at.getTime() >= since.getTime()) times.push(at.getTime());
    }
    return times.sort((a, b) => a - b).map((t) => new Date(t));
  }

  /** Carries out the effect unless it is done or uncertain; records what happened. */
  once(key: string, detail: string, effect: () => void): EffectOutcome {
    const state = this.state(key);
    if (state === 'done') return 'already-done';
    if (state === 'uncertain') return 'uncertain';
    this.record(key, 'started', detail);
    this.states.set(key, 'uncertain');
    this.boundary(`started ${key}`);
    try {
      effect();
    } catch (error) {
      if (isSimulatedCrash(error)) throw error;
      this.record(key, 'failed', error instanceof Error ? error.message : String(error));
      this.states.set(key, 'failed');
      return 'failed';
    }
    this.boundary(`carried out ${key}`);
    this.record(key, 'done', detail);
    this.states.set(key, 'done');
    if (!this.doneTime.has(key)) this.doneTime.set(key, this.clock.now());
    this.boundary(`done ${key}`);
    return 'done';
  }

  /**
   * A moment between effects where a real run can die (after a Drive call, before it is
   * recorded): a crash point in tests (core/crash-points.ts), nothing otherwise.
   */
  boundary(label: string): void {
    this.crashPoints.boundary(label);
  }

  /**
   * Records effects that are safe to repeat (a Drive folder found again by its key), in one
   * append: they need no "started" line, as doing one again after a crash changes nothing.
   */
  recordDone(effects: readonly { key: string; detail: string }[]): void {
    const fresh = effects.filter(
      (e) => this.state(e.key) !== 'done' || this.details.get(e.key) !== e.detail,
    );
    if (fresh.length === 0) return;
    const time = this.clock.now();
    this.journal.append(
      fresh.map((e) => ({
        time,
        run: this.run,
        action: this.action,
        key: e.key,
        state: 'done' as const,
        detail: e.detail,
        cohort: this.cohort,
      })),
    );
    for (const e of fresh) {
      if (!this.doneTime.has(e.key)) this.doneTime.set(e.key, time);
      this.states.set(e.key, 'done');
      this.details.set(e.key, e.detail);
    }
    this.boundary(`recorded ${fresh.map((e) => e.key).join(' ')}`);
  }

  /** A Log line that is not an effect: earlier answers kept when a person resubmits, a note. */
  note(key: string, state: 'history' | 'note', detail: string): void {
    this.record(key, state, detail);
  }

  private record(key: string, state: LogState, detail: string): void {
    const record: LogRecord = {
      time: this.clock.now(),
      run: this.run,
      action: this.action,
      key,
      state,
      detail,
      cohort: this.cohort,
    };
    this.journal.append([record]);
  }
}

function transition(current: EffectState, state: LogState): EffectState | undefined {
  switch (state) {
    case 'started':
      return current === 'done' ? 'done' : 'uncertain';
    case 'done':
      return 'done';
    case 'failed':
      return current === 'done' ? 'done' : 'failed';
    case 'retry':
      return 'new';
    default:
      return undefined;
  }
}
