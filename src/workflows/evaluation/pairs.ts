import { pairCode, participantCode } from '../../domain/evaluation/codes';
import type { Settings } from '../../domain/settings';
import type { Table } from '../../domain/table';
import { normaliseEmail } from '../../domain/text';
import type { Cohort } from '../cohort';
import { readPairs } from '../pairs';

/**
 * The active pairs (Confirmed in Matches) with their pseudonymous codes, for the evaluation and
 * the January decision. Codes already in Matches are kept; missing ones are derived and written
 * (so the next save records them). The rows come from the one Matches reader (workflows/pairs).
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
  for (const pair of readPairs(matches)) {
    if (pair.status !== 'Confirmed' || !pair.mentor) continue;
    const people = (['Mentee', 'Mentor'] as const).map((role) => {
      const email = role === 'Mentee' ? pair.mentee : pair.mentor;
      const person =
        role === 'Mentee' ? cohort.menteeByEmail.get(email) : cohort.mentorByEmail.get(email);
      const shown = role === 'Mentee' ? pair.menteeName : pair.mentorName;
      const code = stored.get(email) ?? participantCode(settings.cohort, email);
      stored.set(email, code);
      return {
        participant: { email, name: person?.name ?? (shown || email), role, code },
        withdrawn: person?.status === 'Withdrawn',
      };
    });
    // Someone who has withdrawn from the scheme is asked nothing more.
    if (people.some((p) => p.withdrawn)) continue;
    const [mentee, mentor] = people.map((p) => p.participant);
    const code =
      matches.text(pair.row, 'Pair code').toUpperCase() ||
      pairCode(settings.cohort, mentee.email, mentor.email);
    matches.set(pair.row, 'Mentee code', mentee.code);
    matches.set(pair.row, 'Mentor code', mentor.code);
    matches.set(pair.row, 'Pair code', code);
    pairs.push({ row: pair.row, code, mentee, mentor, folder: pair.folder });
    for (const p of [mentee, mentor]) if (!byEmail.has(p.email)) byEmail.set(p.email, p);
  }
  const participants = [...byEmail.values()];
  return {
    pairs,
    participants,
    byCode: new Map(participants.map((p) => [p.code, p])),
    pairMembers: new Map(pairs.map((p) => [p.code, [p.mentee.code, p.mentor.code]])),
  };
}
