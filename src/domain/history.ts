import { plural, listInWords, normaliseEmail } from './text';

/**
 * Who took part in earlier cohorts, from their archives: each person's role in each cohort,
 * their pairs, and their last mentor application (the profile a returning mentor may reuse).
 * Pure: the archives are read by src/workflows/history.ts.
 */

/** Pairs that really ran: Confirmed, or Ended (confirmed, then ended early). Not proposals. */
export const PAIRED_STATUSES: readonly string[] = ['Confirmed', 'Ended'];

/** One Applications row of an archived cohort, as history needs it. */
export interface ArchivedApplication {
  email: string;
  role: 'Mentor' | 'Mentee' | '';
  name: string;
  status: string;
  consentVersion: string;
  areas: string;
  video: string;
}

/** One Matches row of an archived cohort. */
export interface ArchivedPair {
  mentee: string;
  mentor: string;
  menteeName: string;
  mentorName: string;
  status: string;
}

/** An archive, oldest first, under its cohort's name. */
export interface ArchivedCohort {
  cohort: string;
  applications: readonly ArchivedApplication[];
  pairs: readonly ArchivedPair[];
}

/** What one person did in one cohort. */
export interface Participation {
  cohort: string;
  role: 'Mentor' | 'Mentee';
  /** Their application's Status in that cohort ('' when the archive has no application). */
  status: string;
  /** The people they were paired with (Confirmed or Ended pairs), by name. */
  partners: { email: string; name: string }[];
}

export interface PersonHistory {
  email: string;
  /** Oldest cohort first. */
  participations: Participation[];
  /** Their application in the latest cohort they applied to (any role). */
  lastApplication: (ArchivedApplication & { cohort: string }) | null;
  /** Their latest mentor application: the profile a returning mentor may carry over. */
  lastMentorApplication: (ArchivedApplication & { cohort: string }) | null;
}

/** A pair that ran in an earlier cohort: matching does not propose it again without a Lock. */
export interface PreviousPair {
  mentee: string;
  mentor: string;
  cohort: string;
}

export interface History {
  people: Map<string, PersonHistory>;
  previousPairs: PreviousPair[];
}

export const NO_HISTORY: History = { people: new Map(), previousPairs: [] };

export function buildHistory(cohorts: readonly ArchivedCohort[]): History {
  const people = new Map<string, PersonHistory>();
  const previousPairs: PreviousPair[] = [];
  const personOf = (email: string): PersonHistory => {
    let person = people.get(email);
    if (!person) {
      person = { email, participations: [], lastApplication: null, lastMentorApplication: null };
      people.set(email, person);
    }
    return person;
  };
  const take = (email: string, cohort: string, role: 'Mentor' | 'Mentee'): Participation => {
    const person = personOf(email);
    let p = person.participations.find((x) => x.cohort === cohort && x.role === role);
    if (!p) {
      p = { cohort, role, status: '', partners: [] };
      person.participations.push(p);
    }
    return p;
  };
  for (const { cohort, applications, pairs } of cohorts) {
    for (const a of applications) {
      const email = normaliseEmail(a.email);
      if (!email || (a.role !== 'Mentor' && a.role !== 'Mentee')) continue;
      const p = take(email, cohort, a.role);
      // Of two rows for one role (one Withdrawn), the one that took part speaks for them.
      if (!p.status || p.status === 'Withdrawn') p.status = a.status;
      const person = personOf(email);
      const entry = { ...a, email, cohort };
      if (a.status !== 'Withdrawn' || !person.lastApplication) person.lastApplication = entry;
      if (a.role === 'Mentor' && (a.status !== 'Withdrawn' || !person.lastMentorApplication))
        person.lastMentorApplication = entry;
    }
    const seen = new Set<string>();
    for (const pair of pairs) {
      const mentee = normaliseEmail(pair.mentee);
      const mentor = normaliseEmail(pair.mentor);
      if (!mentee || !mentor || !PAIRED_STATUSES.includes(pair.status)) continue;
      const key = `${mentee}|${mentor}`;
      if (seen.has(key)) continue;
      seen.add(key);
      previousPairs.push({ mentee, mentor, cohort });
      take(mentor, cohort, 'Mentor').partners.push({
        email: mentee,
        name: pair.menteeName || mentee,
      });
      take(mentee, cohort, 'Mentee').partners.push({
        email: mentor,
        name: pair.mentorName || mentor,
      });
    }
  }
  return { people, previousPairs };
}

/** Only people who took part (had a place or a pair) count as returning; applicants are noted. */
export function tookPart(p: Participation): boolean {
  return p.partners.length > 0 || p.status === 'Accepted';
}

/**
 * What staff read about someone who was in the scheme before, newest cohort first, e.g.
 * "mentor in 2022 pilot (3 mentees); applied as mentee in Cohort 1 (Waitlisted)".
 */
export function historyText(person: PersonHistory | undefined): string {
  if (!person) return '';
  return [...person.participations]
    .reverse()
    .map((p) => {
      const role = p.role.toLowerCase();
      if (!tookPart(p)) return `applied as ${role} in ${p.cohort} (${p.status || 'no status'})`;
      if (p.role === 'Mentor')
        return `mentor in ${p.cohort} (${p.partners.length ? plural(p.partners.length, 'mentee') : 'no mentees'})`;
      return `mentee in ${p.cohort} (${p.partners.length ? `mentor: ${listInWords(p.partners.map((x) => x.name))}` : 'not paired'})`;
    })
    .join('; ');
}
