import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';
import { EventState, Notice, planEvent } from '../domain/event-plan';
import { escapeHtml } from '../domain/templates';
import { formatInZone } from '../domain/timestamps';
import type {
  CalendarPort,
  ClockPort,
  EventChange,
  GuestResponse,
  SessionEventSpec,
} from '../ports';
import { writeFileAtomic } from './atomic-file';
import { DailyCounter } from './daily-counter';
import { cohortFolders, type EmlMail } from './eml-mail';
import { sessionIcs } from './session-ics';

/** What the local calendar keeps for each session's event (out/calendar/<session>.json). */
interface EventRecord {
  sessionId: string;
  uid: string;
  /** The SEQUENCE of the latest version sent. */
  sequence: number;
  state: EventState;
  names: Record<string, string>;
}

const SUBJECT: Record<Notice, string> = {
  invitation: 'Invitation',
  update: 'Updated invitation',
  cancellation: 'Cancelled',
};

/**
 * The scheme's calendar on disk: one record per session under out/calendar, and every
 * invitation, update and cancellation an .eml (out/mail) to one guest with the .ics attached.
 * The plan (domain/event-plan) decides what changed and whom to tell; this writes it.
 *
 * Crash safety: the messages go to the outbox first, each named after (session, sequence,
 * guest); the record is written last. A run killed in between leaves the record as it was, so
 * the next run plans the same version and writes the same messages, which are composed once.
 */
export class LocalCalendar implements CalendarPort {
  constructor(
    private readonly dir: string,
    private readonly mail: EmlMail,
    private readonly clock: ClockPort,
    private readonly dailyLimit: () => number,
    /** out/calendar: the first cohort's records, and a folder per later cohort (`dir`: the live one's). */
    private readonly root = dir,
  ) {
    this.counter = new DailyCounter(path.join(dir, '.daily-invitations.json'), clock);
  }

  private readonly counter: DailyCounter;

  remainingDailyInvitations(): number {
    return Math.max(0, this.dailyLimit() - this.counter.usedToday());
  }

  ensureSessionEvent(
    event: SessionEventSpec,
    guests: readonly { email: string; name: string }[],
    options: { knownId?: string; budget: number },
  ): EventChange {
    // Locally each invitation is an e-mail from Reply-to (on Google it comes from the calendar's
    // owner), and the people settings start blank: say so before writing anything.
    if (event.organizer.email.trim() === '')
      throw new UserError(
        'In Settings, fill in "Reply-to" (it is blank): session invitations come from it.',
      );
    const record = this.read(event.sessionId);
    const budget = Math.min(options.budget, this.remainingDailyInvitations());
    const plan = planEvent(
      record?.state ?? null,
      {
        title: event.title,
        description: event.description,
        location: event.location,
        start: event.start.toISOString(),
        end: event.end.toISOString(),
        cancelled: event.cancelled,
      },
      guests.map((g) => g.email),
      budget,
    );
    const uid = record?.uid ?? `${safe(event.sessionId)}.${this.schemeId()}@peer-mentoring.local`;
    const result: EventChange = {
      eventId: record ? uid : '',
      link: record ? this.recordFile(event.sessionId) : '',
      created: plan.create,
      changed: plan.changed,
      added: plan.added,
      removed: plan.removed,
      notified: plan.notify.map((n) => n.email),
      guests: (plan.next ?? record?.state)?.guests.length ?? 0,
      pending: plan.pending,
      queued: plan.queued,
    };
    if (!plan.next) return result;

    const sequence = record ? record.sequence + 1 : 0;
    const names = { ...(record?.names ?? {}) };
    for (const g of guests) names[g.email.toLowerCase()] = g.name;
    const who = (emails: readonly string[]) =>
      emails.map((email) => ({ email, name: names[email] ?? email }));
    const stamp = this.clock.now();
    for (const { email, notice } of plan.notify) {
      const cancelsEvent = notice === 'cancellation' && plan.next.cancelled;
      const method = notice === 'cancellation' ? 'CANCEL' : 'REQUEST';
      const attendees =
        notice !== 'cancellation'
          ? who(plan.next.guests)
          : cancelsEvent
            ? who(plan.next.guests)
            : who([email]);
      const ics = sessionIcs({ uid, sequence, method, event, attendees, stamp });
      const { text, html } = body(event, notice, cancelsEvent);
      this.mail.sendCalendar({
        key: `invite:${event.sessionId}:${sequence}:${email}`,
        to: [email],
        cc: [],
        subject: `${SUBJECT[notice]}: ${event.title} (${formatInZone(event.start, event.timeZone)})`,
        text,
        html,
        replyTo: event.organizer.email,
        senderName: event.organizer.name,
        calendar: { method, ics },
      });
    }
    this.counter.add(plan.notify.length);
    this.write({ sessionId: event.sessionId, uid, sequence, state: plan.next, names });
    return { ...result, eventId: uid, link: this.recordFile(event.sessionId) };
  }

  responses(sessionId: string, knownId?: string): Map<string, GuestResponse> | null {
    const record = this.read(sessionId) ?? this.pastRecord(sessionId, knownId)?.record ?? null;
    if (!record) return null;
    // Replies go to the organiser's own mail program: locally nobody's answer is known.
    return new Map(record.state.guests.map((g) => [g, 'not answered' as const]));
  }

  /**
   * Takes people off the session's record (guests and names) without a message: an erasure.
   * Their invitations (.eml with the .ics) go with the tool's other copies of their mail.
   */
  removeGuests(sessionId: string, emails: readonly string[], knownId?: string): number {
    const live = this.read(sessionId);
    const found =
      live && (!knownId || live.uid === knownId)
        ? { record: live, file: this.recordFile(sessionId) }
        : this.pastRecord(sessionId, knownId);
    if (!found) return 0;
    const { record } = found;
    const gone = new Set(emails.map((e) => e.trim().toLowerCase()));
    const guests = record.state.guests.filter((g) => !gone.has(g.toLowerCase()));
    const names = Object.fromEntries(
      Object.entries(record.names).filter(([e]) => !gone.has(e.toLowerCase())),
    );
    const removed = record.state.guests.length - guests.length;
    if (removed || Object.keys(names).length !== Object.keys(record.names).length)
      writeFileAtomic(
        found.file,
        JSON.stringify({ ...record, state: { ...record.state, guests }, names }, null, 2),
      );
    return removed;
  }

  /**
   * A session's record from an earlier cohort (its own folder under the root), found by the
   * event's UID as that cohort's Sessions tab recorded it: an erasure reaches past cohorts too.
   */
  private pastRecord(
    sessionId: string,
    knownId?: string,
  ): { record: EventRecord; file: string } | null {
    if (!knownId) return null;
    for (const dir of cohortFolders(this.root, this.dir)) {
      const file = path.join(dir, `${safe(sessionId)}.json`);
      try {
        const record = JSON.parse(fs.readFileSync(file, 'utf8')) as EventRecord;
        if (record.uid === knownId) return { record, file };
      } catch {
        // no record of this session in that cohort's folder
      }
    }
    return null;
  }

  /** The SEQUENCE and state last sent for a session (for tests and the demo). */
  record(sessionId: string): EventRecord | null {
    return this.read(sessionId);
  }

  private recordFile(sessionId: string): string {
    return path.join(this.dir, `${safe(sessionId)}.json`);
  }

  private read(sessionId: string): EventRecord | null {
    try {
      return JSON.parse(fs.readFileSync(this.recordFile(sessionId), 'utf8')) as EventRecord;
    } catch {
      return null;
    }
  }

  private write(record: EventRecord): void {
    fs.mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(this.recordFile(record.sessionId), JSON.stringify(record, null, 2));
  }

  /** A random name for this calendar, made once, so UIDs are unique beyond this scheme. */
  private schemeId(): string {
    const file = path.join(this.dir, '.calendar-id');
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      fs.mkdirSync(this.dir, { recursive: true });
      const id = randomBytes(6).toString('hex');
      writeFileAtomic(file, id);
      return id;
    }
  }
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}

function body(
  event: SessionEventSpec,
  notice: Notice,
  cancelsEvent: boolean,
): { text: string; html: string } {
  const when = `${formatInZone(event.start, event.timeZone)} to ${formatInZone(event.end, event.timeZone)} (${event.timeZone})`;
  const lead =
    notice === 'invitation'
      ? `You are invited to ${event.title}.`
      : notice === 'update'
        ? `${event.title} has changed: please see the new details below.`
        : cancelsEvent
          ? `${event.title} has been cancelled.`
          : `You are no longer invited to ${event.title}.`;
  const lines = [
    lead,
    '',
    `When: ${when}`,
    ...(event.location ? [`Where: ${event.location}`] : []),
    ...(event.description ? ['', event.description] : []),
    '',
    notice === 'cancellation'
      ? 'Your calendar program removes the event when you open the attached invite.ics.'
      : 'Open the attached invite.ics (or use the Accept buttons of your mail program) to add it to your calendar and reply.',
  ];
  const text = lines.join('\n');
  const html = lines.map((l) => (l ? `<p>${escapeHtml(l)}</p>` : '')).join('\n');
  return { text, html };
}
