/** Matching engine for the peer-mentoring scheme (pure domain code, no I/O). */
export type {
  MatchedPair,
  MatchingPriority,
  MatchInput,
  MatchMentee,
  MatchMentor,
  MatchProfile,
  MatchResult,
  NotApplied,
  PairRule,
  PreviousPair,
  Unmatched,
} from './types';
export { MATCHING_ALGORITHM, matchCohort } from './match-cohort';
