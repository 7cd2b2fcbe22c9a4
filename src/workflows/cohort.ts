import { parseAreas } from '../domain/areas';
import type { CohortMentor } from '../domain/choices';
import type { Table } from '../domain/table';
import { isValidEmail, normaliseEmail } from '../domain/text';

export interface CohortPerson {
  email: string;
  name: string;
  service: string;
  areas: string[];
  status: string;
  capacity: number | null;
  video: string;
  /** What they did in earlier cohorts, as the review wrote it ('' for someone new). */
  before: string;
}

/** The people in the Applications tab, by role, with e-mails normalised. */
export interface Cohort {
  mentors: CohortPerson[];
  mentees: CohortPerson[];
  acceptedMentors: CohortPerson[];
  acceptedMentees: CohortPerson[];
  menteeByEmail: Map<string, CohortPerson>;
  mentorByEmail: Map<string, CohortPerson>;
}

export function readCohort(applications: Table): Cohort {
  const mentors: CohortPerson[] = [];
  const mentees: CohortPerson[] = [];
  for (const row of applications.rows.keys()) {
    const email = normaliseEmail(applications.text(row, 'Email'));
    if (!isValidEmail(email)) continue;
    const capacity = Number(applications.text(row, 'Capacity'));
    const person: CohortPerson = {
      email,
      name: applications.text(row, 'Name') || email,
      service: applications.text(row, 'Library service'),
      areas: parseAreas(applications.text(row, 'Areas')).areas,
      status: applications.text(row, 'Status'),
      capacity: Number.isInteger(capacity) && capacity >= 1 && capacity <= 3 ? capacity : null,
      video: applications.text(row, 'Video link'),
      before: applications.has('Taken part before')
        ? applications.text(row, 'Taken part before')
        : '',
    };
    const role = applications.text(row, 'Role').toLowerCase();
    if (role === 'mentor') mentors.push(person);
    if (role === 'mentee') mentees.push(person);
  }
  const accepted = (list: CohortPerson[]) => list.filter((p) => p.status === 'Accepted');
  // An accepted row wins over a withdrawn one for the same person.
  const index = (list: CohortPerson[]) => {
    const map = new Map<string, CohortPerson>();
    for (const p of list) if (!map.has(p.email) || p.status === 'Accepted') map.set(p.email, p);
    return map;
  };
  return {
    mentors,
    mentees,
    acceptedMentors: accepted(mentors),
    acceptedMentees: accepted(mentees),
    menteeByEmail: index(mentees),
    mentorByEmail: index(mentors),
  };
}

export function asChoiceMentors(cohort: Cohort): CohortMentor[] {
  return cohort.mentors.map((m) => ({
    email: m.email,
    name: m.name,
    service: m.service,
    status: m.status,
  }));
}
