import { pairCode, participantCode } from '../../domain/evaluation/codes';
import type { Settings } from '../../domain/settings';
import type { Table } from '../../domain/table';
import { normaliseEmail } from '../../domain/text';
import type { Cohort } from '../cohort';

/**
 * The active pairs (Confirmed in Matches) with their pseudonymous codes, for the evaluation and
 * the January decision. Codes already in Matches are kept; missing ones are derived and written
 * (so the next save records them). Temporary home: this becomes the shared pairs reader.
 */
export type Role = 'Mentor' | 'Mentee';

export interface Participant {
  email: string;
  name: string;
  role: Role;
  code: string;
}

export interface ActivePair {
  row: number;
  code: string;
  mentee: Participant;
  mentor: Participant;
  folder: string;
}

export interface ActivePairs {
  pairs: ActivePair[];
  /** Everyone in an active pair, once each (a mentor of two mentees is one participant). */
  participants: Participant[];
  byCode: Map<string, Participant>;
  /** Pair code → the two participant codes. */
  pairMembers: Map<string, readonly string[]>;
}

export function readActivePairs(matches: Table, cohort: Cohort, settings: Settings): ActivePairs {
  const stored = new Map<string, string>();
  for (const row of matches.rows.keys()) {
    for (const role of ['Mentee', 'Mentor'] as const) {
      const email = normaliseEmail(matches.text(row, role));
      const code = matches.text(row, `${role} code`).toUpperCase();
      if (email && code && !stored.has(email)) stored.set(email, code);
    }
  }
  const pairs: ActivePair[] = [];
  const byEmail = new Map<string, Participant>();
  for (const row of matches.rows.keys()) {
    if (matches.text(row, 'Status') !== 'Confirmed') continue;
    const people = (['Mentee', 'Mentor'] as const).map((role): Participant => {
      const email = normaliseEmail(matches.text(row, role));
      const person =
        role === 'Mentee' ? cohort.menteeByEmail.get(email) : cohort.mentorByEmail.get(email);
      const code = stored.get(email) ?? participantCode(settings.cohort, email);
      stored.set(email, code);
      return {
        email,
        name: person?.name ?? (matches.text(row, `${role} name`) || email),
        role,
        code,
      };
    });
    const [mentee, mentor] = people;
    if (!mentee.email || !mentor.email) continue;
    const withdrawn = people.some((p) => {
      const person =
        p.role === 'Mentee' ? cohort.menteeByEmail.get(p.email) : cohort.mentorByEmail.get(p.email);
      return person?.status === 'Withdrawn';
    });
    if (withdrawn) continue;
    const code =
      matches.text(row, 'Pair code').toUpperCase() ||
      pairCode(settings.cohort, mentee.email, mentor.email);
    matches.set(row, 'Mentee code', mentee.code);
    matches.set(row, 'Mentor code', mentor.code);
    matches.set(row, 'Pair code', code);
    pairs.push({ row, code, mentee, mentor, folder: matches.text(row, 'Folder') });
    for (const p of people) if (!byEmail.has(p.email)) byEmail.set(p.email, p);
  }
  const participants = [...byEmail.values()];
  return {
    pairs,
    participants,
    byCode: new Map(participants.map((p) => [p.code, p])),
    pairMembers: new Map(pairs.map((p) => [p.code, [p.mentee.code, p.mentor.code]])),
  };
}
