import type { StatusContext, StatusSection } from '../core/action';
import { loadSettings } from '../core/workbook';
import { readSessions, schemePeople, sessionGuests } from '../domain/sessions';
import { APPLICATIONS_TAB, SESSIONS_TAB } from '../domain/tabs';
import { listInWords } from '../domain/text';
import type { GuestResponse, Ports } from '../ports';
import { applicants } from '../workflows/applications-tab';

/** At most this many names in words; every one is in the JSON. */
const SHOWN = 30;

export interface SessionStatus {
  id: string;
  title: string;
  kind: string;
  cancelled: boolean;
  invited: number;
  accepted: number;
  declined: number;
  tentative: number;
  notAnswered: number;
}

/**
 * The sessions part of `status`: per session who was invited and how they answered (from the
 * guests' replies in Google; locally nobody's answer is known, so "not answered"), the accepted
 * people not invited to anything yet, and how many Supervisor 1:1s each person has had.
 */
export function sessionsStatus({ ports, tab }: StatusContext): StatusSection {
  const table = tab(SESSIONS_TAB);
  if (table.isNew || table.rows.length === 0) return { lines: [], data: {} };
  const settings = loadSettings(ports.workbook);
  const people = schemePeople(applicants(tab(APPLICATIONS_TAB)), settings);
  const { sessions } = readSessions(table, settings, people);

  const invitedAnywhere = new Set<string>();
  const rows: SessionStatus[] = [];
  for (const s of sessions) {
    const eventId = table.text(s.row, 'Event');
    const answers = eventId ? guestAnswers(ports, s.id, eventId) : new Map<string, GuestResponse>();
    if (!s.cancelled) for (const email of answers.keys()) invitedAnywhere.add(email);
    const count = (r: GuestResponse) => [...answers.values()].filter((a) => a === r).length;
    rows.push({
      id: s.id,
      title: s.title,
      kind: s.kind,
      cancelled: s.cancelled,
      invited: answers.size,
      accepted: count('accepted'),
      declined: count('declined'),
      tentative: count('tentative'),
      notAnswered: count('not answered'),
    });
  }
  const accepted = people.filter(
    (p) => (p.role === 'Mentor' || p.role === 'Mentee') && p.status === 'Accepted',
  );
  const notInvited = accepted.filter((p) => !invitedAnywhere.has(p.email));
  const oneToOnes: Record<string, number> = Object.fromEntries(accepted.map((p) => [p.email, 0]));
  for (const s of sessions) {
    if (s.kind !== 'Supervisor 1:1' || s.cancelled) continue;
    for (const g of sessionGuests(s, people, settings)) {
      if (g.email in oneToOnes) oneToOnes[g.email] += 1;
    }
  }
  const name = (email: string) => people.find((p) => p.email === email)?.name || email;
  const used = Object.entries(oneToOnes).filter(([, n]) => n > 0);
  const unused = Object.entries(oneToOnes).filter(([, n]) => n === 0);

  const summary = ['Sessions:'];
  for (const r of rows) {
    summary.push(
      r.cancelled
        ? `  ${r.id} ${r.title}: cancelled`
        : `  ${r.id} ${r.title}: ${r.invited} invited, ${r.accepted} accepted, ${r.declined} declined${r.tentative ? `, ${r.tentative} maybe` : ''}, ${r.notAnswered} not answered`,
    );
  }
  summary.push(
    notInvited.length
      ? `Not invited to any session yet (${notInvited.length}): ${listInWords(notInvited.slice(0, SHOWN).map((p) => p.name))}${notInvited.length > SHOWN ? ' and others' : ''}.`
      : 'Every accepted mentor and mentee is invited to at least one session.',
    `Supervisor 1:1s: ${used.length ? used.map(([e, n]) => `${name(e)} ${n}`).join(', ') : 'none yet'}; ${unused.length} of ${accepted.length} people have not had one.`,
  );
  return {
    lines: summary,
    data: {
      sessions: { sessions: rows, notInvited: notInvited.map((p) => p.email), oneToOnes },
    },
  };
}

/** Status must show even when the calendar cannot be read (the service turned off, a limit). */
function guestAnswers(
  ports: Ports,
  sessionId: string,
  eventId: string,
): Map<string, GuestResponse> {
  try {
    return ports.calendar.responses(sessionId, eventId) ?? new Map();
  } catch {
    return new Map();
  }
}
