import { EventState, planEvent } from '../domain/event-plan';
import { UserError } from '../domain/errors';
import {
  CalendarLimitError,
  type CalendarPort,
  type ClockPort,
  type EventChange,
  type GuestResponse,
  type SessionEventSpec,
} from '../ports';

type CalendarService = GoogleAppsScript.Calendar;
type CalendarEvent = GoogleAppsScript.Calendar.Schema.Event;

const USAGE = 'peer-mentoring.calendar-invitations';
/** Google's word for the session an event belongs to (extendedProperties.private). */
const SESSION_PROPERTY = 'peerMentoringSession';

/**
 * The scheme's Google Calendar through the Calendar advanced service, the one API that e-mails
 * guests about an event's creation and every later change (`sendUpdates: 'all'`; CalendarApp's
 * setters and addGuest tell nobody). Each session's event has a deterministic event ID made
 * from the spreadsheet's ID and the session's ID, so after a crash between inserting it and
 * recording it, the insert is refused as a duplicate and the event is found again, never made
 * twice. It also carries the session ID in extendedProperties.private.
 *
 * Every call reads the event, plans against what Google holds (domain/event-plan) and makes
 * at most one insert or patch: Google then notifies exactly the guests the change concerns.
 */
export class AppsScriptCalendar implements CalendarPort {
  constructor(
    private readonly calendar: CalendarService | undefined,
    private readonly properties: GoogleAppsScript.Properties.Properties,
    private readonly clock: ClockPort,
    private readonly scheme: () => {
      calendarId: string;
      namespace: string;
      dailyLimit: number;
      timeZone: string;
    },
  ) {}

  remainingDailyInvitations(): number {
    return Math.max(0, this.scheme().dailyLimit - this.usedToday());
  }

  ensureSessionEvent(
    event: SessionEventSpec,
    guests: readonly { email: string; name: string }[],
    options: { knownId?: string; budget: number },
  ): EventChange {
    const calendarId = this.calendarId();
    const id = eventIdFor(this.scheme().namespace, event.sessionId);
    let existing = this.find(calendarId, options.knownId) ?? this.find(calendarId, id);
    const budget = Math.min(options.budget, this.remainingDailyInvitations());
    const wanted = guests.map((g) => g.email.toLowerCase());
    let plan = planEvent(existing ? stateOf(existing) : null, desiredOf(event), wanted, budget);
    if (plan.next && plan.create) {
      try {
        existing = this.call(() =>
          this.service().Events.insert(
            resourceOf(event, plan.next as EventState, guests, null, id),
            calendarId,
            {
              sendUpdates: 'all',
            },
          ),
        );
      } catch (error) {
        if (!isDuplicate(error)) throw error;
        // Made by a run that stopped before recording it: carry on from that event.
        existing = this.find(calendarId, id);
        if (!existing) throw error;
        plan = planEvent(stateOf(existing), desiredOf(event), wanted, budget);
        if (plan.next) existing = this.patch(calendarId, existing, event, plan.next, guests);
      }
    } else if (plan.next && existing) {
      existing = this.patch(calendarId, existing, event, plan.next, guests);
    }
    if (plan.next) this.recordUse(plan.notify.length);
    return {
      eventId: existing?.id ?? '',
      link: existing?.htmlLink ?? '',
      created: plan.create,
      changed: plan.changed,
      added: plan.added,
      removed: plan.removed,
      notified: plan.notify.map((n) => n.email),
      guests: existing ? stateOf(existing).guests.length : 0,
      pending: plan.pending,
      queued: plan.queued,
    };
  }

  responses(sessionId: string, knownId?: string): Map<string, GuestResponse> | null {
    const calendarId = this.calendarId();
    const event =
      this.find(calendarId, knownId) ??
      this.find(calendarId, eventIdFor(this.scheme().namespace, sessionId));
    if (!event) return null;
    const answers = new Map<string, GuestResponse>();
    for (const a of guestAttendees(event)) {
      const status = a.responseStatus;
      answers.set(
        String(a.email).toLowerCase(),
        status === 'accepted' || status === 'declined' || status === 'tentative'
          ? status
          : 'not answered',
      );
    }
    return answers;
  }

  /**
   * Takes people off the event's guest list for an erasure: one patch of `attendees` with
   * sendUpdates 'none', so nobody is e-mailed (the erased person least of all) and the event
   * itself is unchanged for everyone else.
   */
  removeGuests(sessionId: string, emails: readonly string[], knownId?: string): number {
    const calendarId = this.calendarId();
    const event =
      this.find(calendarId, knownId) ??
      this.find(calendarId, eventIdFor(this.scheme().namespace, sessionId));
    if (!event?.id) return 0;
    const gone = new Set(emails.map((e) => e.trim().toLowerCase()));
    const attendees = event.attendees ?? [];
    const kept = attendees.filter((a) => !gone.has(String(a.email ?? '').toLowerCase()));
    if (kept.length === attendees.length) return 0;
    this.call(() =>
      this.service().Events.patch({ attendees: kept }, calendarId, event.id as string, {
        sendUpdates: 'none',
      }),
    );
    return attendees.length - kept.length;
  }

  private patch(
    calendarId: string,
    existing: CalendarEvent,
    event: SessionEventSpec,
    next: EventState,
    guests: readonly { email: string; name: string }[],
  ): CalendarEvent {
    return this.call(() =>
      this.service().Events.patch(
        resourceOf(event, next, guests, existing, undefined),
        calendarId,
        existing.id as string,
        { sendUpdates: 'all' },
      ),
    );
  }

  private find(calendarId: string, id: string | undefined): CalendarEvent | null {
    if (!id) return null;
    try {
      return this.service().Events.get(calendarId, id);
    } catch (error) {
      if (isLimit(error)) throw new CalendarLimitError(messageOf(error));
      // Not found (or not ours to read): the caller then tries the next way to find it.
      return null;
    }
  }

  private call<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (isLimit(error)) throw new CalendarLimitError(messageOf(error));
      throw error;
    }
  }

  private service(): CalendarService {
    if (!this.calendar) {
      throw new UserError(
        'The Calendar advanced service is not turned on for this script: in the Apps Script editor choose Services, add Google Calendar API, then try again.',
      );
    }
    return this.calendar;
  }

  private calendarId(): string {
    return this.scheme().calendarId || 'primary';
  }

  /** The day in the scheme's zone: a queued job continues just after its midnight. */
  private today(): string {
    return this.clock.now().toLocaleDateString('en-CA', { timeZone: this.scheme().timeZone });
  }

  private usedToday(): number {
    try {
      const state = JSON.parse(this.properties.getProperty(USAGE) ?? '') as {
        day: string;
        used: number;
      };
      return state.day === this.today() ? state.used : 0;
    } catch {
      return 0;
    }
  }

  private recordUse(count: number): void {
    if (count === 0) return;
    this.properties.setProperty(
      USAGE,
      JSON.stringify({ day: this.today(), used: this.usedToday() + count }),
    );
  }
}

/**
 * The event ID for a session: base32hex (the characters Google allows: 0-9 and a-v) of the
 * spreadsheet's ID and the session's ID, so each scheme's sessions have IDs of their own.
 */
export function eventIdFor(namespace: string, sessionId: string): string {
  const bytes = utf8(`${namespace}|${sessionId}`);
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let out = 'pm';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

function utf8(text: string): number[] {
  // Apps Script has no TextEncoder; encodeURIComponent gives the UTF-8 bytes as %XX escapes.
  const escaped = encodeURIComponent(text);
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i += 1) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(escaped.charCodeAt(i));
    }
  }
  return bytes;
}

function desiredOf(event: SessionEventSpec): Omit<EventState, 'guests'> {
  return {
    title: event.title,
    description: event.description,
    location: event.location,
    start: event.start.toISOString(),
    end: event.end.toISOString(),
    cancelled: event.cancelled,
  };
}

function guestAttendees(event: CalendarEvent): GoogleAppsScript.Calendar.Schema.EventAttendee[] {
  return (event.attendees ?? []).filter((a) => a.email && !a.resource && !a.organizer);
}

function stateOf(event: CalendarEvent): EventState {
  const instant = (t: GoogleAppsScript.Calendar.Schema.EventDateTime | undefined) =>
    t?.dateTime ? new Date(t.dateTime).toISOString() : '';
  return {
    title: event.summary ?? '',
    description: event.description ?? '',
    location: event.location ?? '',
    start: instant(event.start),
    end: instant(event.end),
    cancelled: event.status === 'cancelled',
    guests: guestAttendees(event).map((a) => String(a.email).toLowerCase()),
  };
}

/**
 * The insert or patch body. Times go as UTC instants with the scheme's zone, so Google shows
 * 10:00 in July as 10:00 BST and 10:00 in November as 10:00 GMT. Guests already on the event
 * keep their attendee entry (and so their answer); the list replaces the event's list.
 */
function resourceOf(
  event: SessionEventSpec,
  next: EventState,
  guests: readonly { email: string; name: string }[],
  existing: CalendarEvent | null,
  id: string | undefined,
): CalendarEvent {
  const names = new Map(guests.map((g) => [g.email.toLowerCase(), g.name]));
  const had = new Map(
    (existing?.attendees ?? []).map((a) => [String(a.email ?? '').toLowerCase(), a]),
  );
  const keepOthers = (existing?.attendees ?? []).filter((a) => a.resource || a.organizer);
  return {
    ...(id ? { id } : {}),
    summary: next.title,
    description: next.description,
    location: next.location,
    start: { dateTime: next.start, timeZone: event.timeZone },
    end: { dateTime: next.end, timeZone: event.timeZone },
    status: next.cancelled ? 'cancelled' : 'confirmed',
    attendees: [
      ...keepOthers,
      ...next.guests.map(
        (email) => had.get(email) ?? { email, displayName: names.get(email) || undefined },
      ),
    ],
    guestsCanModify: false,
    extendedProperties: { private: { [SESSION_PROPERTY]: event.sessionId } },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isDuplicate(error: unknown): boolean {
  return /already exists|duplicate/i.test(messageOf(error));
}

function isLimit(error: unknown): boolean {
  return /too many times|usage limits exceeded|rate limit|quota/i.test(messageOf(error));
}
