/** Public types of the matching engine. Pure data, no behaviour. */

/**
 * Which objective level comes second (after "most mentees matched"):
 * - 'any-choice' (default): most mentees matched to any of their three choices, then most 1st choices;
 * - 'first-choice': most 1st choices, then most matched to any of their choices.
 */
export type MatchingPriority = 'any-choice' | 'first-choice';

export interface MatchMentee {
  email: string;
  name: string;
  service: string;
  needs: string[];
  /** Mentor e-mails, index 0 = 1st choice; 0..3 entries; unknown mentors are ignored. */
  choices: string[];
}

export interface MatchMentor {
  email: string;
  name: string;
  service: string;
  offers: string[];
  /** Number of mentees this mentor can take (1..3). */
  capacity: number;
}

export interface PairRule {
  mentee: string;
  mentor: string;
  rule: 'Lock' | 'Never';
  reason?: string;
}

/**
 * A pair that ran in an earlier cohort (from the archives). It is never proposed again unless
 * a Lock names it: history works like a Never that a Lock overrides.
 */
export interface PreviousPair {
  mentee: string;
  mentor: string;
  cohort: string;
}

export interface MatchInput {
  mentees: MatchMentee[];
  mentors: MatchMentor[];
  rules: PairRule[];
  confirmed: { mentee: string; mentor: string }[];
  /** Pairs from earlier cohorts (optional: none when there are no archives). */
  previous?: PreviousPair[];
  priority: MatchingPriority;
}

export interface MatchedPair {
  mentee: string;
  mentor: string;
  rank: 1 | 2 | 3 | null;
  sharedAreas: string[];
  why: string;
  fixed: 'confirmed' | 'lock' | null;
}

export interface Unmatched {
  mentee: string;
  why: string;
}

export interface MatchProfile {
  mentees: number;
  matched: number;
  choice1: number;
  choice2: number;
  choice3: number;
  noChoice: number;
  sharedAreas: number;
}

/** A Lock or Confirmed pair the engine could not keep, and why ("same library service"). */
export interface NotApplied {
  mentee: string;
  mentor: string;
  kind: 'confirmed' | 'lock';
  problem: string;
}

export interface MatchResult {
  matches: MatchedPair[];
  notApplied: NotApplied[];
  unmatched: Unmatched[];
  profile: MatchProfile;
  algorithm: string;
  inputHash: string;
  priority: MatchingPriority;
}
