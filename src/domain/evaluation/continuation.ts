/**
 * The January decision. A pair carries on only if both people say so: the outcome is computed
 * from both answers and nothing else, and neither person is ever told the other's answer.
 * Answers can change until the deadline; an answer after the deadline is shown to staff and
 * changes nothing.
 */
export const CONTINUATION_OUTCOMES = {
  continuing: 'Continuing',
  ending: 'Ending at scheme close',
  waiting: 'Waiting for answers',
  staff: 'Staff to decide',
} as const;
export type ContinuationOutcome =
  (typeof CONTINUATION_OUTCOMES)[keyof typeof CONTINUATION_OUTCOMES];

/** What staff may write in the Staff decision column of Matches. */
export const STAFF_DECISIONS = [
  CONTINUATION_OUTCOMES.continuing,
  CONTINUATION_OUTCOMES.ending,
] as const;

export function pairOutcome(
  menteeAnswer: string,
  mentorAnswer: string,
  deadlinePassed: boolean,
): ContinuationOutcome {
  const answers = [menteeAnswer, mentorAnswer].map((a) => a.trim().toLowerCase());
  if (answers.includes('no')) return CONTINUATION_OUTCOMES.ending;
  if (answers.every((a) => a === 'yes')) return CONTINUATION_OUTCOMES.continuing;
  return deadlinePassed ? CONTINUATION_OUTCOMES.staff : CONTINUATION_OUTCOMES.waiting;
}

/**
 * The outcome the pair is told: their own when final, else the staff's decision; a pair whose
 * outcome is for staff to decide is told nothing until staff have written one (default Ending).
 */
export function finalOutcome(
  outcome: ContinuationOutcome,
  staffDecision: string,
): 'Continuing' | 'Ending at scheme close' | null {
  if (outcome === CONTINUATION_OUTCOMES.continuing || outcome === CONTINUATION_OUTCOMES.ending)
    return outcome;
  if (outcome !== CONTINUATION_OUTCOMES.staff) return null;
  const decision = STAFF_DECISIONS.find(
    (d) => d.toLowerCase() === staffDecision.trim().toLowerCase(),
  );
  return decision ?? null;
}
