import { matchCohort, MatchInput, MatchProfile, MatchResult } from '../domain/matching';
import type { Table } from '../domain/table';
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
}

/** What the review screen and `--json` show: the Matches tab, with both priorities' profiles. */
export interface MatchReport {
  priority: string;
  profile: MatchProfile;
  profiles: { anyChoice: MatchProfile; firstChoice: MatchProfile };
  matches: ReportPair[];
  unmatched: { mentee: string; menteeName: string; why: string }[];
}

export function matchReport(
  matches: Table,
  cohort: Cohort,
  input: MatchInput,
  /** A run already made with `input` (its priority's profile is not computed again). */
  done?: MatchResult,
): MatchReport {
  const pairs: ReportPair[] = [];
  const unmatched: MatchReport['unmatched'] = [];
  for (const { row, status, mentee, mentor, ...pair } of readPairs(matches)) {
    const menteeName = pair.menteeName || cohort.menteeByEmail.get(mentee)?.name || mentee;
    if (status === 'Unmatched') {
      unmatched.push({ mentee, menteeName, why: matches.text(row, 'Why') });
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
      });
    }
  }
  const profileWith = (priority: MatchInput['priority']) =>
    done && done.priority === priority ? done.profile : matchCohort({ ...input, priority }).profile;
  const anyChoice = profileWith('any-choice');
  const firstChoice = profileWith('first-choice');
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
  };
}
