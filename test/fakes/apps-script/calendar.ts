import type { AccountKind } from './mail';
import type { FakeRuntime } from './runtime';
import { dayKey } from './tz';

type Schema = GoogleAppsScript.Calendar.Schema.Event;
type Attendee = GoogleAppsScript.Calendar.Schema.EventAttendee;
type EventsMethods = 'insert' | 'get' | 'patch';

/** One e-mail Google would send a guest about an event. */
export interface CalendarNotice {
  email: string;
  notice: 'invitation' | 'update' | 'cancellation';
  calendarId: string;
  eventId: string;
  summary: string;
  /** The event's start as an ISO instant when the notice went. */
  start: string;
  at: Date;
}

/** Events created per day by Apps Script (Google's quota table). */
export const EVENTS_PER_DAY: Record<AccountKind, number> = { consumer: 5000, workspace: 10000 };

/**
 * Modelled latency (virtual ms). An insert or patch costs a base plus a share per guest Google
 * e-mails (`cells` = guests notified): sending invitations is the slow part of a big event.
 */
export const CALENDAR_COSTS = {
  'CalendarEvents.*': 300,
  'CalendarEvents.get': 300,
  'CalendarEvents.insert': { base: 1500, perCell: 100 },
  'CalendarEvents.patch': { base: 1500, perCell: 100 },
};

const EVENT_ID = /^[a-v0-9]{5,1024}$/;

/**
 * The Calendar advanced service's Events collection (insert, get, patch), as strict as Google
 * where it matters here: custom IDs must be base32hex, 5–1024 characters, and an ID already
 * used is refused ("The requested identifier already exists."), even for a cancelled event;
 * an unknown ID is "Not Found"; guests are notified only with `sendUpdates: 'all'` (or
 * 'externalOnly': every guest here is outside the account), never by default. What is notified
 * (an unverified assumption, see README): a new event invites every guest; a patch that changes
 * the time, place, title or description updates every guest still on it; a guest added is
 * invited, a guest removed gets a cancellation; status 'cancelled' tells every guest once.
 */
export class FakeCalendarEvents implements Pick<
  GoogleAppsScript.Calendar.Collection.EventsCollection,
  EventsMethods
> {
  /** calendarId → event ID → event. */
  readonly store = new Map<string, Map<string, Schema>>();
  readonly notices: CalendarNotice[] = [];
  private created = 0;
  private createdDay = '';
  private invitedDay = '';
  private invited = 0;
  /** Set by a test: the next call of this method does its work, then the execution dies. */
  failAfter: EventsMethods | null = null;
  /** Guests Google will e-mail per day before "Calendar usage limits exceeded." */
  invitationLimit = Infinity;

  constructor(
    private readonly rt: FakeRuntime,
    private readonly account: AccountKind,
    private readonly owner: string,
  ) {
    rt.registerService('Calendar', ['CalendarEvents'], CALENDAR_COSTS);
  }

  insert(resource: Schema, calendarId: string, optionalArgs?: object, _headers?: object): Schema {
    const calendar = this.calendar(calendarId);
    const id = resource.id ?? this.randomId();
    if (!EVENT_ID.test(id)) throw this.failure('insert', 'Invalid resource id value.');
    if (calendar.has(id)) throw this.failure('insert', 'The requested identifier already exists.');
    checkTimes(resource, (m) => this.failure('insert', m));
    this.countCreated();
    const notify = sends(optionalArgs);
    const attendees = (resource.attendees ?? []).map((a) => ({
      ...a,
      email: String(a.email).toLowerCase(),
      responseStatus: a.responseStatus ?? 'needsAction',
    }));
    if (notify) this.spend(attendees.length, 'insert');
    this.rt.hit('CalendarEvents', 'insert', notify ? attendees.length : 0);
    const now = this.rt.clock.now().toISOString();
    const event: Schema = {
      ...clone(resource),
      id,
      iCalUID: `${id}@google.com`,
      htmlLink: `https://www.google.com/calendar/event?eid=${id}`,
      status: resource.status ?? 'confirmed',
      sequence: 0,
      attendees,
      organizer: { email: this.owner, self: true },
      created: now,
      updated: now,
    };
    calendar.set(id, event);
    if (notify)
      for (const a of attendees) this.notice(a.email as string, 'invitation', calendarId, event);
    this.maybeDie('insert');
    return clone(event);
  }

  get(calendarId: string, eventId: string, _optionalArgs?: object, _headers?: object): Schema {
    this.rt.hit('CalendarEvents', 'get');
    const event = this.calendar(calendarId).get(eventId);
    if (!event) throw this.failure('get', 'Not Found');
    this.maybeDie('get');
    return clone(event);
  }

  patch(
    resource: Schema,
    calendarId: string,
    eventId: string,
    optionalArgs?: object,
    _headers?: object,
  ): Schema {
    const calendar = this.calendar(calendarId);
    const before = calendar.get(eventId);
    if (!before) {
      this.rt.hit('CalendarEvents', 'patch');
      throw this.failure('patch', 'Not Found');
    }
    const after: Schema = { ...clone(before), ...clone(resource), id: before.id };
    checkTimes(after, (m) => this.failure('patch', m));
    if (resource.attendees) {
      after.attendees = resource.attendees.map((a) => ({
        ...a,
        email: String(a.email).toLowerCase(),
        responseStatus: a.responseStatus ?? 'needsAction',
      }));
    }
    const emails = (e: Schema) => (e.attendees ?? []).map((a: Attendee) => String(a.email));
    const was = emails(before);
    const now = emails(after);
    const cancelling = after.status === 'cancelled' && before.status !== 'cancelled';
    const significant =
      before.status === 'cancelled' && after.status !== 'cancelled'
        ? true
        : instant(before.start) !== instant(after.start) ||
          instant(before.end) !== instant(after.end) ||
          (before.location ?? '') !== (after.location ?? '') ||
          (before.summary ?? '') !== (after.summary ?? '') ||
          (before.description ?? '') !== (after.description ?? '');
    const planned: [string, CalendarNotice['notice']][] = cancelling
      ? was.map((e) => [e, 'cancellation'])
      : [
          ...was
            .filter((e) => !now.includes(e))
            .map((e): [string, CalendarNotice['notice']] => [e, 'cancellation']),
          ...(significant
            ? now
                .filter((e) => was.includes(e))
                .map((e): [string, CalendarNotice['notice']] => [e, 'update'])
            : []),
          ...now
            .filter((e) => !was.includes(e))
            .map((e): [string, CalendarNotice['notice']] => [e, 'invitation']),
        ];
    const notify = sends(optionalArgs);
    if (notify) this.spend(planned.length, 'patch');
    this.rt.hit('CalendarEvents', 'patch', notify ? planned.length : 0);
    const changed = cancelling || significant || planned.length > 0;
    after.sequence = (before.sequence ?? 0) + (changed ? 1 : 0);
    after.updated = this.rt.clock.now().toISOString();
    calendar.set(eventId, after);
    if (notify)
      for (const [email, notice] of planned) this.notice(email, notice, calendarId, after);
    this.maybeDie('patch');
    return clone(after);
  }

  /** A guest answers (as they would from Gmail or Outlook). */
  respond(calendarId: string, eventId: string, email: string, status: string): void {
    const event = this.calendar(calendarId).get(eventId);
    const attendee = event?.attendees?.find((a) => a.email === email.toLowerCase());
    if (!attendee) throw new Error(`No guest ${email} on ${eventId}`);
    attendee.responseStatus = status;
  }

  private calendar(calendarId: string): Map<string, Schema> {
    const key = calendarId === 'primary' ? this.owner : calendarId;
    let calendar = this.store.get(key);
    if (!calendar) {
      calendar = new Map();
      this.store.set(key, calendar);
    }
    return calendar;
  }

  private countCreated(): void {
    const today = dayKey(this.rt.clock.nowMs(), this.rt.timeZone);
    if (today !== this.createdDay) {
      this.createdDay = today;
      this.created = 0;
    }
    if (this.created >= EVENTS_PER_DAY[this.account]) {
      this.rt.hit('CalendarEvents', 'insert');
      throw this.rt.error('Service invoked too many times for one day: calendar.');
    }
    this.created += 1;
  }

  private spend(count: number, method: EventsMethods): void {
    const today = dayKey(this.rt.clock.nowMs(), this.rt.timeZone);
    if (today !== this.invitedDay) {
      this.invitedDay = today;
      this.invited = 0;
    }
    if (this.invited + count > this.invitationLimit) {
      this.rt.hit('CalendarEvents', method);
      throw this.failure(method, 'Calendar usage limits exceeded.');
    }
    this.invited += count;
  }

  private notice(
    email: string,
    notice: CalendarNotice['notice'],
    calendarId: string,
    event: Schema,
  ): void {
    this.notices.push({
      email,
      notice,
      calendarId,
      eventId: event.id as string,
      summary: event.summary ?? '',
      start: instant(event.start),
      at: this.rt.clock.now(),
    });
  }

  private maybeDie(method: EventsMethods): void {
    if (this.failAfter !== method) return;
    this.failAfter = null;
    throw this.rt.error('Exceeded maximum execution time');
  }

  private failure(method: string, message: string): Error {
    return this.rt.error(`API call to calendar.events.${method} failed with error: ${message}`);
  }

  private randomId(): string {
    let id = '';
    for (let i = 0; i < 26; i += 1)
      id += '0123456789abcdefghijklmnopqrstuv'[Math.floor(Math.random() * 32)];
    return id;
  }
}

/** The advanced service's global, `Calendar` (only Events is modelled). */
export class FakeCalendarService implements Pick<GoogleAppsScript.Calendar, 'Events'> {
  /** Typed as the real collection; only insert, get and patch exist at run time. */
  readonly Events: GoogleAppsScript.Calendar.Collection.EventsCollection;

  constructor(events: FakeCalendarEvents) {
    this.Events = events as unknown as GoogleAppsScript.Calendar.Collection.EventsCollection;
  }
}

function sends(optionalArgs: object | undefined): boolean {
  const value = (optionalArgs as { sendUpdates?: string } | undefined)?.sendUpdates;
  return value === 'all' || value === 'externalOnly';
}

function instant(t: GoogleAppsScript.Calendar.Schema.EventDateTime | undefined): string {
  if (!t?.dateTime) return t?.date ?? '';
  return new Date(t.dateTime).toISOString();
}

function checkTimes(event: Schema, fail: (message: string) => Error): void {
  const start = event.start?.dateTime ?? event.start?.date;
  const end = event.end?.dateTime ?? event.end?.date;
  if (!start || !end) throw fail('Missing end time.');
  if (Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end)))
    throw fail('Invalid start time.');
  if (Date.parse(end) <= Date.parse(start)) throw fail('The specified time range is empty.');
  if (event.start?.timeZone && !validZone(event.start.timeZone))
    throw fail('Invalid time zone definition for start time.');
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
