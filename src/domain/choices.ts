import { mentorOption } from './forms';
import { headerKey, isValidEmail, normaliseEmail } from './text';

/** A mentor as the choice form and the matching see them. */
export interface CohortMentor {
  email: string;
  name: string;
  service: string;
  status: string;
}

export interface ChoiceAssessment {
  /**
   * By position, as the mentee ranked them (0 = 1st choice): the mentor's e-mail for a choice
   * that can be used, '' for one that cannot. A usable 2nd choice stays a 2nd choice, so every
   * rank shown or optimised is the mentee's own.
   */
  usable: string[];
  /** What to store in Choice 1–3, by position: the mentor's e-mail when recognised, else the text as given. */
  stored: string[];
  problems: string[];
}

/**
 * Reads a mentee's three choices. The form shows "Name — Library service"; an e-mail address or
 * a name that only one mentor has is accepted too (staff may type them). Every choice that
 * cannot be used is explained, never silently dropped.
 */
export function assessChoices(
  mentee: { email: string; service: string; accepted: boolean },
  answers: readonly string[],
  mentors: readonly CohortMentor[],
): ChoiceAssessment {
  const problems: string[] = [];
  if (!mentee.accepted) {
    problems.push(
      'This e-mail address is not that of a mentee with a place on the scheme: the choice form is for accepted mentees.',
    );
  }
  const positions = answers.slice(0, 3).map((a) => a.trim());
  const given = positions.filter(Boolean);
  const stored: string[] = [];
  const usable: string[] = [];
  const seen = new Set<string>();
  for (const answer of positions) {
    const mentor = answer ? findMentor(answer, mentors) : undefined;
    stored.push(mentor ? mentor.email : answer);
    usable.push('');
    if (!answer) continue;
    if (!mentor) {
      problems.push(`"${answer}" is not one of the scheme's mentors.`);
      continue;
    }
    if (seen.has(mentor.email)) {
      problems.push(
        `${mentor.name} was chosen more than once: please choose three different mentors.`,
      );
      continue;
    }
    seen.add(mentor.email);
    if (mentor.status !== 'Accepted') {
      problems.push(
        `${mentor.name} is no longer a mentor on the scheme: please choose another mentor.`,
      );
      continue;
    }
    // A blank service never collides (as in the matching engine).
    if (
      headerKey(mentee.service) !== '' &&
      headerKey(mentor.service) === headerKey(mentee.service)
    ) {
      problems.push(
        `${mentor.name} is from your own library service (${mentor.service}), and the scheme never pairs people from the same service: please choose another mentor.`,
      );
      continue;
    }
    usable[usable.length - 1] = mentor.email;
  }
  if (given.length < 3) {
    problems.push(
      given.length === 0
        ? 'No mentors were chosen: please choose three.'
        : `Only ${given.length} of three mentors ${given.length === 1 ? 'was' : 'were'} chosen: please choose three.`,
    );
  }
  return { usable, stored, problems };
}

/** The mentors by e-mail, form option and name, built once per list (each mentee's choices look up the same list). */
interface MentorIndex {
  byEmail: Map<string, CohortMentor>;
  byOption: Map<string, CohortMentor[]>;
  byName: Map<string, CohortMentor[]>;
}

const indexes = new WeakMap<readonly CohortMentor[], MentorIndex>();

function mentorIndex(mentors: readonly CohortMentor[]): MentorIndex {
  let index = indexes.get(mentors);
  if (!index) {
    index = { byEmail: new Map(), byOption: new Map(), byName: new Map() };
    const add = (map: Map<string, CohortMentor[]>, key: string, m: CohortMentor) => {
      const list = map.get(key);
      if (list) list.push(m);
      else map.set(key, [m]);
    };
    for (const m of mentors) {
      const email = normaliseEmail(m.email);
      if (!index.byEmail.has(email)) index.byEmail.set(email, m);
      add(index.byOption, headerKey(mentorOption(m)), m);
      add(index.byName, headerKey(m.name), m);
    }
    indexes.set(mentors, index);
  }
  return index;
}

function findMentor(answer: string, mentors: readonly CohortMentor[]): CohortMentor | undefined {
  const index = mentorIndex(mentors);
  if (isValidEmail(answer)) return index.byEmail.get(normaliseEmail(answer));
  const key = headerKey(answer);
  const byOption = index.byOption.get(key) ?? [];
  if (byOption.length >= 1) return preferAccepted(byOption);
  const byName = index.byName.get(key) ?? [];
  return byName.length === 1 ? byName[0] : undefined;
}

function preferAccepted(list: CohortMentor[]): CohortMentor {
  return list.find((m) => m.status === 'Accepted') ?? list[0];
}
