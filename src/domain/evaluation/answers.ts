import { CONTINUATION_FORM, EVALUATION_FORM, Question } from '../forms';

/**
 * One evaluation or continuation answer read from a response and checked: every value that is
 * not one the form offers becomes a Problems sentence and is left out of the figures, and the
 * response is still recorded (nothing is dropped). The checks live here, not in the form, because
 * CSV imports and edited response sheets can hold anything.
 */
export const AIMS = [
  { field: 'leadership', column: 'Leadership skills', label: 'Leadership skills' },
  { field: 'confidence', column: 'Confidence and courage', label: 'Confidence and courage' },
  { field: 'isolation', column: 'Less isolated', label: 'Feeling less isolated' },
  { field: 'practical', column: 'Practical help', label: 'Practical help' },
] as const;
export type AimField = (typeof AIMS)[number]['field'];

export interface EvaluationAnswer {
  code: string;
  round: string;
  ratings: Record<AimField, number | null>;
  frequency: string;
  how: string[];
  comments: string;
  problems: string[];
}

const question = (field: string): Question =>
  EVALUATION_FORM.questions.find((q) => q.field === field) as Question;

export const FREQUENCIES: readonly string[] = question('frequency').options ?? [];
export const MEETING_WAYS: readonly string[] = question('how').options ?? [];

/** A rating from 1 to 5, '' when not answered; anything else is a problem. */
function rating(raw: string, label: string, problems: string[]): number | null {
  const text = raw.trim();
  if (!text) return null;
  if (/^[1-5]$/.test(text)) return Number(text);
  problems.push(
    `"${label}" must be a rating from 1 to 5 (it is "${text}"), so it is left out of the figures.`,
  );
  return null;
}

export function readEvaluationAnswer(
  answers: ReadonlyMap<string, string>,
  known: { codes: ReadonlySet<string>; rounds: readonly string[] },
): EvaluationAnswer {
  const a = (f: string) => (answers.get(f) ?? '').trim();
  const problems: string[] = [];
  const code = a('participant').toUpperCase();
  if (!code)
    problems.push(
      'The participant code is missing: the answers cannot be linked to a participant.',
    );
  else if (!known.codes.has(code))
    problems.push(
      `The participant code "${code}" belongs to nobody in a pair: check the link that was used.`,
    );
  const roundText = a('round');
  const round = known.rounds.find((r) => r.toLowerCase() === roundText.toLowerCase()) ?? roundText;
  if (!roundText) problems.push('The round is missing: the answers cannot be counted in a round.');
  else if (!known.rounds.some((r) => r.toLowerCase() === roundText.toLowerCase()))
    problems.push(`"${roundText}" is not a round in the Rounds tab.`);
  const ratings = Object.fromEntries(
    AIMS.map((aim) => [aim.field, rating(a(aim.field), aim.label, problems)]),
  ) as Record<AimField, number | null>;
  let frequency = a('frequency');
  if (frequency && !FREQUENCIES.includes(frequency)) {
    problems.push(
      `"How often have you met?" must be one of the form's answers (it is "${frequency}").`,
    );
    frequency = '';
  }
  const how: string[] = [];
  for (const part of a('how')
    .split(/\s*[,;]\s*/)
    .filter(Boolean)) {
    const match = MEETING_WAYS.find((w) => w.toLowerCase() === part.toLowerCase());
    if (match) how.push(match);
    else
      problems.push(`"How have you met?" can be ${MEETING_WAYS.join(' or ')} (it says "${part}").`);
  }
  return { code, round, ratings, frequency, how, comments: a('comments'), problems };
}

export const CONTINUE_ANSWERS: readonly string[] =
  CONTINUATION_FORM.questions.find((q) => q.field === 'continue')?.options ?? [];

export interface ContinuationAnswer {
  pair: string;
  code: string;
  /** 'Yes', 'No', 'Not sure yet', or '' when the value is not one of these. */
  answer: string;
  comment: string;
  problems: string[];
}

export function readContinuationAnswer(
  answers: ReadonlyMap<string, string>,
  known: { pairs: ReadonlyMap<string, readonly string[]> },
): ContinuationAnswer {
  const a = (f: string) => (answers.get(f) ?? '').trim();
  const problems: string[] = [];
  const pair = a('pair').toUpperCase();
  const code = a('participant').toUpperCase();
  const people = known.pairs.get(pair);
  if (!pair || !code)
    problems.push('The pair or participant code is missing: check the link that was used.');
  else if (!people) problems.push(`The pair code "${pair}" belongs to no active pair.`);
  else if (!people.includes(code))
    problems.push(`The participant code "${code}" is not one of the two people of pair "${pair}".`);
  const raw = a('continue');
  const answer = CONTINUE_ANSWERS.find((o) => o.toLowerCase() === raw.toLowerCase()) ?? '';
  if (!answer)
    problems.push(
      `"Would you like to carry on meeting" must be ${CONTINUE_ANSWERS.join(', ')} (it is "${raw}"), so it counts as no answer.`,
    );
  return { pair, code, answer, comment: a('comment'), problems };
}
