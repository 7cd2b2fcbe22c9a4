import { matchCohort, MatchInput, MatchProfile, MatchResult } from '../domain/matching';
import type { Table } from '../domain/table';
import { listInWords } from '../domain/text';
import type { Cohort } from './cohort';
import { readPairs } from './pairs';

export interface ReportPair {
  mentee: string;
  menteeName: string;
  mentor: string;
  mentorName: string;
  rank: 1 | 2 | 3 | null;
  sharedAreas: string[];
  why: string;
  status: string;
  /** What each did in earlier cohorts ('' for someone new), from the Applications tab. */
  menteeBefore: string;
  mentorBefore: string;
}

/** What the review screen and `--json` show: the Matches tab, with both priorities' profiles. */
export interface MatchReport {
  priority: string;
  profile: MatchProfile;
  profiles: { anyChoice: MatchProfile; firstChoice: MatchProfile };
  matches: ReportPair[];
  unmatched: { mentee: string; menteeName: string; menteeBefore: string; why: string }[];
  /** The staff's Locks and Nevers that matching applies (each can be taken back). */
  rules: {
    mentee: string;
    menteeName: string;
    mentor: string;
    mentorName: string;
    rule: 'Lock' | 'Never';
    reason: string;
  }[];
  /** Sentences staff should read before confirming (no choices used, a rule not applied). */
  notices: string[];
}

export function matchReport(
  matches: Table,
  cohort: Cohort,
  input: MatchInput & { skippedRules?: { mentee: string; mentor: string; problem: string }[] },
  /** A run already made with `input` (its priority's profile is not computed again). */
  done?: MatchResult,
): MatchReport {
  const pairs: ReportPair[] = [];
  const unmatched: MatchReport['unmatched'] = [];
  for (const { row, status, mentee, mentor, ...pair } of readPairs(matches)) {
    const menteeName = pair.menteeName || cohort.menteeByEmail.get(mentee)?.name || mentee;
    if (status === 'Unmatched') {
      unmatched.push({
        mentee,
        menteeName,
        menteeBefore: cohort.menteeByEmail.get(mentee)?.before ?? '',
        why: matches.text(row, 'Why'),
      });
    } else if (status === 'Proposed' || status === 'Confirmed') {
      const rank = Number(matches.text(row, 'Choice rank'));
      pairs.push({
        mentee,
        menteeName,
        mentor,
        mentorName: pair.mentorName || cohort.mentorByEmail.get(mentor)?.name || mentor,
        rank: rank === 1 || rank === 2 || rank === 3 ? rank : null,
        sharedAreas: matches
          .text(row, 'Shared areas')
          .split(/\s*,\s*/)
          .filter(Boolean),
        why: matches.text(row, 'Why'),
        status,
        menteeBefore: cohort.menteeByEmail.get(mentee)?.before ?? '',
        mentorBefore: cohort.mentorByEmail.get(mentor)?.before ?? '',
      });
    }
  }
  const resultWith = (priority: MatchInput['priority']) =>
    done && done.priority === priority ? done : matchCohort({ ...input, priority });
  const results = { any: resultWith('any-choice'), first: resultWith('first-choice') };
  const anyChoice = results.any.profile;
  const firstChoice = results.first.profile;
  const current = input.priority === 'first-choice' ? results.first : results.any;
  const live = input.mentees.length;
  const profile: MatchProfile = {
    mentees: live,
    matched: pairs.length,
    choice1: pairs.filter((p) => p.rank === 1).length,
    choice2: pairs.filter((p) => p.rank === 2).length,
    choice3: pairs.filter((p) => p.rank === 3).length,
    noChoice: pairs.filter((p) => p.rank === null).length,
    sharedAreas: pairs.reduce((n, p) => n + p.sharedAreas.length, 0),
  };
  return {
    priority: input.priority,
    profile,
    profiles: { anyChoice, firstChoice },
    matches: pairs,
    unmatched,
    rules: input.rules.map((r) => ({
      mentee: r.mentee,
      menteeName: cohort.menteeByEmail.get(r.mentee)?.name ?? r.mentee,
      mentor: r.mentor,
      mentorName: cohort.mentorByEmail.get(r.mentor)?.name ?? r.mentor,
      rule: r.rule,
      reason: r.reason ?? '',
    })),
    notices: notices(input, current, cohort),
  };
}

function notices(
  input: Parameters<typeof matchReport>[2],
  result: MatchResult,
  cohort: Cohort,
): string[] {
  const out: string[] = [];
  const withChoices = input.mentees.filter((m) => m.choices.some(Boolean)).length;
  if (input.mentees.length > 0 && withChoices === 0) {
    out.push(
      "No mentee has a choice that can be used (have the mentees' choices been imported?), so every pair is proposed on shared needs alone: import the choices (import --form choices), then match again.",
    );
  } else if (withChoices < input.mentees.length) {
    const n = input.mentees.length - withChoices;
    out.push(
      `${n} ${n === 1 ? 'mentee has' : 'mentees have'} no choice that can be used and ${n === 1 ? 'is' : 'are'} matched on shared needs alone: see the Problems column of the Choices tab.`,
    );
  }
  const name = (email: string, role: 'mentee' | 'mentor') =>
    (role === 'mentee' ? cohort.menteeByEmail : cohort.mentorByEmail).get(email)?.name ?? email;
  for (const d of result.notApplied.filter((x) => x.kind === 'lock'))
    out.push(
      `The Lock of ${name(d.mentee, 'mentee')} with ${name(d.mentor, 'mentor')} could not be applied (${d.problem}): change or remove it in the Pairing rules tab.`,
    );
  // Earlier pairs among this cohort's people: matching does not make them again.
  const locked = new Set(
    input.rules.filter((r) => r.rule === 'Lock').map((r) => `${r.mentee}|${r.mentor}`),
  );
  const accepted = (email: string, map: Map<string, { status: string }>) =>
    map.get(email)?.status === 'Accepted';
  const again = new Map<string, { mentee: string; mentor: string; cohorts: string[] }>();
  for (const p of input.previous ?? []) {
    const key = `${p.mentee}|${p.mentor}`;
    if (locked.has(key) || !accepted(p.mentee, cohort.menteeByEmail)) continue;
    if (!accepted(p.mentor, cohort.mentorByEmail)) continue;
    const entry = again.get(key) ?? { mentee: p.mentee, mentor: p.mentor, cohorts: [] };
    if (!entry.cohorts.includes(p.cohort)) entry.cohorts.push(p.cohort);
    again.set(key, entry);
  }
  const earlier = [...again.values()].map(
    (p) =>
      `${name(p.mentee, 'mentee')} and ${name(p.mentor, 'mentor')} (${listInWords(p.cohorts)})`,
  );
  // One sentence, however many: the Why of each affected mentee says the rest.
  if (earlier.length)
    out.push(
      `${earlier.length === 1 ? 'A pair' : `${earlier.length} pairs`} from an earlier cohort ${earlier.length === 1 ? 'is' : 'are'} not made again unless you Lock ${earlier.length === 1 ? 'it' : 'them'}: ${earlier.length > 5 ? `${earlier.slice(0, 5).join(', ')} and ${earlier.length - 5} more` : listInWords(earlier)}.`,
    );
  for (const s of input.skippedRules ?? [])
    out.push(
      `The Never for ${name(s.mentee, 'mentee')} and ${name(s.mentor, 'mentor')} could not be applied (${s.problem}): to part them, set that row's Status in the Matches tab to Ended.`,
    );
  return out;
}
