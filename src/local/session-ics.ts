import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { SessionEventSpec } from '../ports';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface IcsRequest {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  event: SessionEventSpec;
  attendees: readonly { email: string; name: string }[];
  /** When this version was sent (DTSTAMP, in UTC). */
  stamp: Date;
}

/**
 * One iTIP message (RFC 5546) for a session, written with ical-generator: the same UID for
 * every version, so a calendar program replaces the earlier invitation rather than adding a
 * second event, and a higher SEQUENCE for every change. Times are local times in the scheme's
 * zone with its VTIMEZONE, so 10:00 in July is 10:00 BST and 10:00 in November 10:00 GMT.
 *
 * ical-generator formats a plain Date with a zone in the process's own zone, so times are handed
 * over as dayjs objects in the scheme's zone. The calendar itself gets no zone (with one, its
 * DTSTAMP loses its "Z", which RFC 5545 requires): only the event does, and the VTIMEZONE is
 * generated for the event's zone.
 */
export function sessionIcs(request: IcsRequest): string {
  const { event } = request;
  const calendar = ical({
    prodId: { company: 'peer-mentoring', product: 'sessions', language: 'EN' },
    method: request.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const vevent = calendar.createEvent({
    id: request.uid,
    sequence: request.sequence,
    stamp: request.stamp,
    start: dayjs(event.start).tz(event.timeZone),
    end: dayjs(event.end).tz(event.timeZone),
    timezone: event.timeZone,
    summary: event.title,
    description: event.description || null,
    location: event.location || null,
    organizer: { name: event.organizer.name, email: event.organizer.email },
    status: request.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  for (const guest of request.attendees) {
    vevent.createAttendee({
      email: guest.email,
      name: guest.name || guest.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: request.method === 'REQUEST',
    });
  }
  return calendar.toString();
}
