import type { Settings } from './settings';
import type { Table } from './table';
import { SESSION_KINDS, SESSION_STATUSES, SessionKind } from './tabs';
import { headerKey, isValidEmail, listInWords, normaliseEmail } from './text';
import { formatInZone, fromZonedWallTime, parseTimestamp } from './timestamps';
import { MONTH_NAMES } from './month-names';

/**
 * A row of the Sessions tab read into a session: the launch and training day, the online
 * training, the themed drop-ins, the supervisor's 1:1s. Staff write the rows; every problem is
 * one plain sentence in the row's Problems cell and the row is left alone until it is fixed.
 */
export type Audience =
  { kind: 'all' } | { kind: 'mentors' } | { kind: 'mentees' } | { kind: 'named'; emails: string[] };

export interface Session {
  row: number;
  id: string;
  kind: SessionKind;
  title: string;
  theme: string;
  start: Date;
  end: Date;
  where: string;
  audience: Audience;
  description: string;
  cancelled: boolean;
}

/** Someone a session can invite: an applicant (with their status), a member of staff, the supervisor. */
export interface SchemePerson {
  email: string;
  name: string;
  role: 'Mentor' | 'Mentee' | 'Staff' | 'Supervisor';
  status: string;
}

export interface Guest {
  email: string;
  name: string;
}

export interface SessionRows {
  sessions: Session[];
  /** Row → its problems (rows without problems are absent). */
  problems: Map<number, string[]>;
  /** Rows that were given a new ID (staff left it blank). */
  numbered: number[];
}

const AUDIENCE_WORDS: Record<string, Audience['kind']> = {
  allaccepted: 'all',
  all: 'all',
  everyone: 'all',
  mentors: 'mentors',
  mentees: 'mentees',
};

/** Reads every row; gives blank IDs the next free `S01`, `S02`…; collects problems per row. */
export function readSessions(
  table: Table,
  settings: Settings,
  people: readonly SchemePerson[],
): SessionRows {
  const sessions: Session[] = [];
  const problems = new Map<number, string[]>();
  const numbered: number[] = [];
  const known = new Map(people.map((p) => [p.email, p]));
  const window = schemeWindow(settings);
  const seen = new Set<string>();
  let next = 1 + Math.max(0, ...table.rows.map((_, r) => idNumber(table.text(r, 'ID'))));
  for (const row of table.rows.keys()) {
    if (isBlankRow(table, row)) continue;
    const found: string[] = [];
    let id = table.text(row, 'ID');
    if (!id) {
      id = `S${String(next++).padStart(2, '0')}`;
      table.set(row, 'ID', id);
      numbered.push(row);
    }
    if (seen.has(id.toLowerCase())) {
      found.push(`The ID ${id} is used by an earlier row: give this session an ID of its own.`);
    }
    seen.add(id.toLowerCase());

    const kindText = table.text(row, 'Kind');
    const kind = SESSION_KINDS.find((k) => headerKey(k) === headerKey(kindText || 'Other'));
    if (!kind) {
      found.push(`Kind "${kindText}" is not one of ${listInWords([...SESSION_KINDS])}.`);
    }
    const statusText = table.text(row, 'Status') || 'Planned';
    const status = SESSION_STATUSES.find((s) => headerKey(s) === headerKey(statusText));
    if (!status) found.push(`Status "${statusText}" must be Planned or Cancelled.`);

    const start = readTime(table, row, 'Start', settings.timeZone, found);
    const end = readTime(table, row, 'End', settings.timeZone, found);
    if (start && end && end.getTime() <= start.getTime()) {
      found.push('The session ends before it starts: check Start and End.');
    }
    if (start && window && !window(start)) {
      found.push(
        `The session starts on ${formatInZone(start, settings.timeZone)}, outside the scheme's dates (${settings.schemeStart} to ${settings.schemeEnd}).`,
      );
    }
    const audience = readAudience(table.text(row, 'Audience'), found);
    if (audience?.kind === 'named') {
      const strangers = audience.emails.filter((e) => !known.has(e));
      if (strangers.length) {
        found.push(
          `${listInWords(strangers)} ${strangers.length === 1 ? 'is' : 'are'} not in the scheme: use the address from the Applications tab (or a staff or supervisor address from Settings).`,
        );
      }
    }
    if (kind === 'Supervisor 1:1') {
      if (audience?.kind !== 'named' || audience.emails.length < 1 || audience.emails.length > 2)
        found.push(
          'A Supervisor 1:1 names one or two guests in Audience (their e-mail addresses).',
        );
    }
    const theme = table.text(row, 'Theme');
    const title = table.text(row, 'Title') || [kind ?? kindText, theme].filter(Boolean).join(': ');
    if (found.length || !kind || !status || !start || !end || !audience) {
      problems.set(row, found);
      continue;
    }
    sessions.push({
      row,
      id,
      kind,
      title,
      theme,
      start,
      end,
      where: table.text(row, 'Where'),
      audience,
      description: String(table.get(row, 'Description') ?? '').trim(),
      cancelled: status === 'Cancelled',
    });
  }
  return { sessions, problems, numbered };
}

/**
 * The session's guests as the scheme stands now: accepted people of the audience; someone who
 * has withdrawn since is no longer a guest (and is taken off the event). A Supervisor 1:1 also
 * invites the supervisor.
 */
export function sessionGuests(
  session: Session,
  people: readonly SchemePerson[],
  settings: Settings,
): Guest[] {
  const accepted = (role: SchemePerson['role']) =>
    people.filter((p) => p.role === role && p.status === 'Accepted');
  let chosen: SchemePerson[];
  switch (session.audience.kind) {
    case 'all':
      chosen = [...accepted('Mentor'), ...accepted('Mentee')];
      break;
    case 'mentors':
      chosen = accepted('Mentor');
      break;
    case 'mentees':
      chosen = accepted('Mentee');
      break;
    case 'named': {
      const byEmail = new Map(people.map((p) => [p.email, p]));
      chosen = session.audience.emails
        .map((e) => byEmail.get(e))
        .filter((p): p is SchemePerson => !!p && (p.status === 'Accepted' || isStaff(p)));
      break;
    }
  }
  if (session.kind === 'Supervisor 1:1' && isValidEmail(settings.supervisorEmail)) {
    chosen.push({
      email: normaliseEmail(settings.supervisorEmail),
      name: settings.supervisorName,
      role: 'Supervisor',
      status: 'Accepted',
    });
  }
  const guests = new Map<string, Guest>();
  for (const p of chosen)
    if (!guests.has(p.email)) guests.set(p.email, { email: p.email, name: p.name });
  return [...guests.values()];
}

/** The event's description: the staff's text, and for drop-ins the supervisor's booking link. */
export function sessionDescription(session: Session, settings: Settings): string {
  const parts = [session.description];
  if (session.theme && !session.description.includes(session.theme))
    parts.unshift(`Theme: ${session.theme}`);
  if (session.kind === 'Drop-in' && settings.supervisorBookingLink) {
    parts.push(
      `Book a 1:1 with the scheme's supervisor (${settings.supervisorName}): ${settings.supervisorBookingLink}`,
    );
  }
  return parts.filter(Boolean).join('\n\n');
}

/** Everyone the Sessions tab may name: applicants (by status), staff and the supervisor. */
export function schemePeople(
  applicants: readonly { email: string; name: string; role: string; status: string }[],
  settings: Settings,
): SchemePerson[] {
  const people = new Map<string, SchemePerson>();
  for (const a of applicants) {
    const email = normaliseEmail(a.email);
    if (!isValidEmail(email) || (a.role !== 'Mentor' && a.role !== 'Mentee')) continue;
    const had = people.get(email);
    // An accepted row wins over a withdrawn one for the same person.
    if (!had || a.status === 'Accepted')
      people.set(email, { ...a, email, role: a.role } as SchemePerson);
  }
  for (const email of settings.staffEmails.map(normaliseEmail)) {
    if (!people.has(email)) people.set(email, { email, name: email, role: 'Staff', status: '' });
  }
  const supervisor = normaliseEmail(settings.supervisorEmail);
  if (isValidEmail(supervisor) && !people.has(supervisor)) {
    people.set(supervisor, {
      email: supervisor,
      name: settings.supervisorName,
      role: 'Supervisor',
      status: '',
    });
  }
  return [...people.values()];
}

function isStaff(p: SchemePerson): boolean {
  return p.role === 'Staff' || p.role === 'Supervisor';
}

function isBlankRow(table: Table, row: number): boolean {
  return ['Kind', 'Title', 'Start', 'End', 'Audience', 'Where'].every((c) => !table.text(row, c));
}

function idNumber(id: string): number {
  const m = /^S(\d+)$/i.exec(id);
  return m ? Number(m[1]) : 0;
}

function readTime(
  table: Table,
  row: number,
  column: 'Start' | 'End',
  timeZone: string,
  found: string[],
): Date | null {
  const text = table.text(row, column);
  if (!text) {
    found.push(`${column} is empty: write the date and time, e.g. 2026-07-08 10:00.`);
    return null;
  }
  const time = parseTimestamp(text, timeZone);
  if (!time) found.push(`${column} "${text}" is not a date and time such as 2026-07-08 10:00.`);
  return time;
}

function readAudience(text: string, found: string[]): Audience | null {
  if (!text) {
    found.push('Audience is empty: write All accepted, Mentors, Mentees or e-mail addresses.');
    return null;
  }
  const word = AUDIENCE_WORDS[headerKey(text)];
  if (word === 'all' || word === 'mentors' || word === 'mentees') return { kind: word };
  const parts = text
    .split(/[,;\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = parts.filter((p) => !isValidEmail(p));
  if (bad.length) {
    found.push(
      `Audience "${text}" is not All accepted, Mentors, Mentees or a list of e-mail addresses.`,
    );
    return null;
  }
  return { kind: 'named', emails: [...new Set(parts.map(normaliseEmail))] };
}

/**
 * Whether an instant falls within the scheme's dates ("1 July" to "31 January": the end is in
 * the next year when it comes earlier in the calendar). Null when the settings are not dates
 * the tool can read (they are free text shown in e-mails), so nothing is flagged.
 */
export function schemeWindow(settings: Settings): ((instant: Date) => boolean) | null {
  const start = dayMonth(settings.schemeStart);
  const end = dayMonth(settings.schemeEnd);
  if (!start || !end) return null;
  const tz = settings.timeZone;
  const at = (year: number, d: { day: number; month: number }, hour: number) =>
    fromZonedWallTime({ year, month: d.month, day: d.day, hour, minute: 0, second: 0 }, tz);
  return (instant) => {
    const year = new Date(instant.getTime()).getUTCFullYear();
    return [year - 1, year].some((y) => {
      const from = at(start.year ?? y, start, 0);
      const endYear =
        end.year ?? (end.month * 100 + end.day < start.month * 100 + start.day ? y + 1 : y);
      const to = at(endYear, { ...end, day: end.day + 1 }, 0);
      return instant.getTime() >= from.getTime() && instant.getTime() < to.getTime();
    });
  };
}

function dayMonth(text: string): { day: number; month: number; year?: number } | null {
  const m = /^\s*(\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?\s*$/.exec(text);
  if (!m) return null;
  const month = MONTH_NAMES.findIndex(
    (name) => name.startsWith(m[2].toLowerCase()) && m[2].length >= 3,
  );
  if (month < 0) return null;
  return { day: Number(m[1]), month: month + 1, ...(m[3] ? { year: Number(m[3]) } : {}) };
}
