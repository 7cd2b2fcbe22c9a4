import type {
  Action,
  ActionContext,
  ActionResult,
  StatusContext,
  StatusSection,
} from '../core/action';
import { EffectLedger, type EffectOutcome } from '../core/effect-ledger';
import { runJob } from '../core/job';
import { loadSettings, loadTable, saveTable } from '../core/workbook';
import { isUserError } from '../domain/errors';
import {
  readSessions,
  schemePeople,
  sessionDescription,
  sessionGuests,
  type SchemePerson,
  type Session,
} from '../domain/sessions';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, SESSIONS_TAB } from '../domain/tabs';
import { plural } from '../domain/text';
import type { EventChange, Ports, SessionEventSpec } from '../ports';
import { applicants } from '../workflows/applications-tab';
import { sessionsStatus } from './sessions-status';

export const SEND_INVITATIONS = 'send-invitations';
/** Stop a session between batches this long before the execution limit (as the runner does). */
const RESERVE_MS = 45_000;
/** Google may not e-mail every guest of an event larger than this. */
const LARGE_EVENT = 200;

interface Tally {
  created: number;
  updated: number;
  cancelled: number;
  notified: number;
  unchanged: number;
  failed: string[];
  large: string[];
  /** Sessions with guests or a change still to send: they wait for tomorrow's invitations. */
  waiting: number;
}

/**
 * `send-invitations`: every valid session of the Sessions tab becomes one event on the scheme's
 * calendar with its audience as guests, and stays in step with the tab: a changed time or place
 * updates the same event and tells its guests once, a newly accepted mentor is added and
 * invited, someone who withdrew is taken off, a Cancelled row cancels the event and tells its
 * guests once, an unchanged row sends nothing. A long job: it stops before the time limit, and
 * when today's invitations run out it waits for tomorrow.
 */
export function sendInvitationsAction({ ports, run }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const table = loadTable(ports.workbook, SESSIONS_TAB);
  const people = schemePeople(applicants(loadTable(ports.workbook, APPLICATIONS_TAB)), settings);
  const { sessions, problems } = readSessions(table, settings, people);
  for (const row of table.rows.keys())
    table.set(row, 'Problems', problems.get(row)?.join(' ') ?? '');
  const ledger = EffectLedger.open(ports, run, SEND_INVITATIONS);

  const tally: Tally = {
    created: 0,
    updated: 0,
    cancelled: 0,
    notified: 0,
    unchanged: 0,
    failed: [],
    large: [],
    waiting: 0,
  };
  let budget = ports.calendar.remainingDailyInvitations();
  const state: { stopped: 'time limit' | 'daily invitation limit' | null } = { stopped: null };
  const context = { ports, settings, people, table, ledger };
  // The runner checks the time before each session and asks to be continued; within a session
  // new guests go in batches, and the session itself stops if the time runs out between them.
  const report = runJob(ports, {
    name: SEND_INVITATIONS,
    items: sessions,
    timeZone: settings.timeZone,
    quota: 'daily invitation limit',
    step: (session): EffectOutcome => {
      if (state.stopped) return 'queued';
      const outcome = inviteSession(session, context, budget);
      budget -= outcome.notified;
      tally.notified += outcome.notified;
      if (outcome.created) tally.created += 1;
      else if (outcome.cancelled) tally.cancelled += 1;
      else if (outcome.updated) tally.updated += 1;
      else if (!outcome.waiting && !outcome.failed && !outcome.stopped) tally.unchanged += 1;
      if (outcome.failed) tally.failed.push(`${session.id}: ${outcome.failed}`);
      if (outcome.guests > LARGE_EVENT) tally.large.push(session.id);
      if (outcome.waiting) tally.waiting += 1;
      state.stopped = outcome.stopped;
      if (outcome.failed) return 'failed';
      if (outcome.waiting || outcome.stopped) return 'queued';
      return outcome.notified || outcome.created || outcome.updated ? 'done' : 'already-done';
    },
  });
  saveTable(ports.workbook, table);
  let stopped = state.stopped;
  if (stopped === 'time limit' && report.queued !== 'time limit') {
    // The time ran out inside the last session reached: continue in a minute, not tomorrow.
    ports.jobs.continueLater(
      SEND_INVITATIONS,
      new Date(ports.clock.now().getTime() + 60_000),
      'time limit',
    );
  }
  const left = report.notReached + (stopped === 'time limit' ? 1 : 0);
  if (report.queued === 'time limit') stopped = 'time limit';
  return {
    summary: summaryLines(sessions, problems.size, tally, stopped, left),
    data: {
      ...tally,
      sessions: sessions.length,
      problems: problems.size,
      remaining: left,
      stopped,
    },
  };
}

interface SessionContext {
  ports: Ports;
  settings: Settings;
  people: readonly SchemePerson[];
  table: Table;
  ledger: EffectLedger;
}

interface SessionOutcome {
  created: boolean;
  updated: boolean;
  cancelled: boolean;
  notified: number;
  guests: number;
  waiting: boolean;
  failed: string;
  stopped: 'time limit' | 'daily invitation limit' | null;
}

/**
 * One session: calls the calendar until its event is as the row says, or the day's invitations
 * or the execution's time run out (new guests are added in batches).
 */
function inviteSession(session: Session, c: SessionContext, budget: number): SessionOutcome {
  const spec = eventSpec(session, c.settings);
  const guests = sessionGuests(session, c.people, c.settings);
  const outcome: SessionOutcome = {
    created: false,
    updated: false,
    cancelled: false,
    notified: 0,
    guests: 0,
    waiting: false,
    failed: '',
    stopped: null,
  };
  for (;;) {
    if (c.ports.jobs.remainingMs() < RESERVE_MS) {
      outcome.stopped = 'time limit';
      break;
    }
    let change: EventChange;
    try {
      change = c.ports.calendar.ensureSessionEvent(spec, guests, {
        knownId: c.table.text(session.row, 'Event') || undefined,
        budget: budget - outcome.notified,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'CalendarLimitError') {
        outcome.stopped = 'daily invitation limit';
        outcome.waiting = true;
        break;
      }
      if (isUserError(error)) throw error;
      outcome.failed = error instanceof Error ? error.message : String(error);
      c.table.set(session.row, 'Invited', `Failed: ${outcome.failed}`);
      break;
    }
    c.ledger.boundary(`changed event:${session.id}`);
    record(session, change, c);
    outcome.notified += change.notified.length;
    outcome.guests = change.guests;
    outcome.created ||= change.created;
    outcome.cancelled ||= change.changed.includes('cancelled');
    outcome.updated ||=
      !change.created &&
      (change.changed.length > 0 || change.added.length > 0 || change.removed.length > 0);
    outcome.waiting = change.queued || change.pending > 0;
    const progressed = change.notified.length > 0 || change.changed.length > 0;
    if (change.pending === 0 || change.queued || !progressed) break;
    if (budget - outcome.notified <= 0) break;
  }
  return outcome;
}

function record(session: Session, change: EventChange, c: SessionContext): void {
  const row = session.row;
  if (change.eventId) c.table.set(row, 'Event', change.eventId);
  const invited = session.cancelled
    ? change.eventId
      ? 'Cancelled: guests told'
      : 'Cancelled (never sent)'
    : change.queued
      ? `${change.guests} invited; the change waits for tomorrow (daily invitation limit)`
      : change.pending
        ? `${change.guests} of ${change.guests + change.pending} invited; the rest tomorrow (daily invitation limit)`
        : `${change.guests} invited`;
  c.table.set(row, 'Invited', invited);
  if (change.notified.length || change.changed.length) {
    c.table.set(row, 'Updated', c.ports.clock.now());
    const what = change.created
      ? 'created'
      : [
          ...change.changed,
          ...(change.added.length ? [`added ${change.added.length}`] : []),
          ...(change.removed.length ? [`removed ${change.removed.length}`] : []),
        ].join(', ');
    c.ledger.recordDone([
      {
        key: `event:${session.id}`,
        detail: `${change.eventId} ${c.ports.clock.now().toISOString()}: ${what}; told ${change.notified.join(', ') || 'nobody'}`,
      },
    ]);
  }
}

export function eventSpec(session: Session, settings: Settings): SessionEventSpec {
  return {
    sessionId: session.id,
    title: session.title,
    description: sessionDescription(session, settings),
    location: session.where,
    start: session.start,
    end: session.end,
    timeZone: settings.timeZone,
    cancelled: session.cancelled,
    organizer: { name: settings.senderName, email: settings.replyTo },
  };
}

function summaryLines(
  sessions: readonly Session[],
  problems: number,
  t: Tally,
  stopped: string | null,
  left: number,
): string[] {
  const cancelled = sessions.filter((s) => s.cancelled).length;
  return [
    `Sessions: ${sessions.length - cancelled} planned, ${cancelled} cancelled${problems ? `; ${plural(problems, 'row')} with problems left alone (see the Problems column)` : ''}.`,
    `Events: ${t.created} created, ${t.updated} updated, ${t.cancelled} cancelled, ${t.unchanged} unchanged; ${plural(t.notified, 'invitation, update or cancellation', 'invitations, updates and cancellations')} sent.`,
    ...(t.waiting || stopped === 'daily invitation limit'
      ? [
          `${plural(Math.max(t.waiting, 1), 'session')} still ${t.waiting === 1 ? 'has' : 'have'} guests to tell: today's invitations are used up (Daily invitation limit). They go out tomorrow, automatically in Google (or run send-invitations again).`,
        ]
      : []),
    ...(stopped === 'time limit'
      ? [
          `${plural(left, 'session')} still to do: the run stopped before the time limit and continues soon, by itself in Google.`,
        ]
      : []),
    ...t.failed.map((f) => `Could not update ${f}.`),
    ...(t.large.length
      ? [
          `${t.large.join(', ')} ${t.large.length === 1 ? 'has' : 'have'} more than ${LARGE_EVENT} guests: Google may not e-mail every one of them about changes.`,
        ]
      : []),
  ];
}

/** The `send-invitations` action as the menu, Apps Script and the CLI see it. */
export const SEND_INVITATIONS_ACTION: Action = {
  id: SEND_INVITATIONS,
  menu: 'Send session invitations',
  functionName: 'sendSessionInvitations',
  summary:
    'Put every session of the Sessions tab on the calendar and invite its guests; later changes update the same event and tell only the guests concerned, once.',
  resumable: true,
  run: sendInvitationsAction,
  status: (context: StatusContext): StatusSection => sessionsStatus(context),
};
