import type { FormDefinition, Question } from './forms';
import { headerKey } from './text';

/**
 * Checks answers against the form they came from, question by question: a choice must be one
 * of its options, a scale a whole number in its range, a required question answered. The same
 * rules hold for a CSV import and a live submission; each problem is one plain sentence.
 */
export function answerProblemsFor(
  form: FormDefinition,
  answers: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  for (const q of form.questions) {
    const answer = (answers.get(q.field) ?? '').trim();
    if (answer === '') {
      if (q.required) problems.push(`"${q.title}" was not answered.`);
      continue;
    }
    const problem = checkAnswer(q, answer);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkAnswer(q: Question, answer: string): string | null {
  const options = q.options ?? [];
  switch (q.type) {
    case 'scale': {
      const [low, high] = options.map(Number);
      const n = Number(answer);
      return /^\d+$/.test(answer) && n >= low && n <= high
        ? null
        : `"${q.title}" must be a whole number from ${low} to ${high} (it is "${answer}").`;
    }
    case 'choice':
    case 'dropdown':
      if (q.mentorOptions || options.length === 0) return null;
      return options.some((o) => headerKey(o) === headerKey(answer))
        ? null
        : `"${q.title}" must be ${list(options)} (it is "${answer}").`;
    case 'checkboxes': {
      if (options.length === 0) return null;
      const unknown = answer
        .split(/\s*,\s*/)
        .filter((part) => part !== '' && !options.some((o) => headerKey(o) === headerKey(part)));
      return unknown.length === 0
        ? null
        : `"${q.title}" can only be ${list(options)} (it has "${unknown.join(', ')}").`;
    }
    default:
      return null;
  }
}

function list(options: readonly string[]): string {
  const quoted = options.map((o) => `"${o}"`);
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
