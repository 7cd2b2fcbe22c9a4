import { FREQUENCIES } from '../domain/evaluation/answers';
import { CONTINUATION_FORM, csvColumns, EVALUATION_FORM } from '../domain/forms';

/**
 * The demo's answers to the optional questionnaire and the January question, as Google Forms
 * would export them: part of the cohort answers (most do not), with varied ratings, a few
 * invalid values, one answer given twice and a formula-like comment, all deterministic.
 */
export interface DemoPair {
  pairCode: string;
  menteeCode: string;
  mentorCode: string;
}

/** A small deterministic generator, so every demo run produces the same answers. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** "2026/10/03 10:15:00 am GMT+1", as Google writes a form timestamp in London. */
export function formTimestamp(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = at.getUTCHours();
  return `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())} ${pad(((h + 11) % 12) + 1)}:${pad(at.getUTCMinutes())}:00 ${h < 12 ? 'am' : 'pm'} GMT`;
}

const COMMENTS = [
  'Having someone outside my authority to think aloud with has been invaluable.',
  'We meet online every month and it keeps me honest about my own priorities.',
  'The restructure advice came at exactly the right time.',
  'Hard to find the time in budget season, but worth it.',
  'I have learnt as much as a mentor as my mentee has, I think.',
  '=HYPERLINK("http://example.invalid","click")',
];

/**
 * Answers for one round: mentees answer more often than mentors, as in real schemes. `mentors`
 * and `mentees` say how many of each answer. Values are 1–5 except the invalid ones on purpose.
 */
export function demoEvaluationCsv(
  round: string,
  pairs: readonly DemoPair[],
  counts: { mentees: number; mentors: number },
  at: Date,
  seed: number,
): string[][] {
  const next = random(seed);
  const rating = (bias: number) =>
    String(Math.min(5, Math.max(1, Math.round(2.6 + bias + next() * 2.2))));
  const rows: string[][] = [];
  const mentors = [...new Set(pairs.map((p) => p.mentorCode))];
  const people = [
    ...pairs.slice(0, counts.mentees).map((p) => ({ code: p.menteeCode, bias: 0.6 })),
    ...mentors.slice(0, counts.mentors).map((code) => ({ code, bias: 0.2 })),
  ];
  people.forEach((p, i) => {
    const when = new Date(at.getTime() + i * 3_600_000);
    const how = next() < 0.6 ? 'Online' : next() < 0.5 ? 'Online, In person' : 'In person';
    rows.push([
      formTimestamp(when),
      p.code,
      round,
      rating(p.bias),
      rating(p.bias - 0.3),
      rating(p.bias + 0.2),
      rating(p.bias - 0.5),
      FREQUENCIES[Math.floor(next() * 3)],
      how,
      next() < 0.35 ? COMMENTS[(i + seed) % COMMENTS.length] : '',
    ]);
  });
  // The awkward cases staff meet: a rating of 7, an answer the form does not offer, a mistyped
  // code (kept with a Problems sentence), and someone answering twice (the later one counts).
  if (rows.length > 3) {
    rows[1][4] = '7';
    rows[2][8] = 'By carrier pigeon';
    const again = [...rows[0]];
    again[0] = formTimestamp(new Date(at.getTime() + 2 * 86_400_000));
    again[3] = '5';
    rows.push(again);
    rows.push([
      formTimestamp(at),
      'P-NOTACODE',
      round,
      '4',
      '4',
      '4',
      '4',
      FREQUENCIES[1],
      'Online',
      '',
    ]);
  }
  return [csvColumns(EVALUATION_FORM), ...rows];
}

/**
 * The January answers: some pairs both say yes, some have one no, one person changes their mind
 * before the deadline, one answers only after it, and the rest stay silent.
 */
export function demoContinuationCsv(
  pairs: readonly DemoPair[],
  at: Date,
  deadline: Date,
): string[][] {
  const rows: string[][] = [];
  const answer = (p: DemoPair, code: string, value: string, when: Date, comment = '') =>
    rows.push([formTimestamp(when), p.pairCode, code, value, comment]);
  const hour = (n: number) => new Date(at.getTime() + n * 3_600_000);
  pairs.forEach((p, i) => {
    if (i < 8) {
      answer(p, p.menteeCode, 'Yes', hour(i));
      answer(p, p.mentorCode, 'Yes', hour(i + 1), i === 0 ? 'Happy to carry on monthly.' : '');
    } else if (i < 13) {
      answer(p, p.menteeCode, 'Yes', hour(i));
      answer(p, p.mentorCode, 'No', hour(i + 2), 'My workload changes in spring.');
    } else if (i === 13) {
      answer(p, p.menteeCode, 'Yes', hour(i));
      answer(p, p.mentorCode, 'Yes', hour(i));
      answer(p, p.menteeCode, 'No', hour(i + 30), 'Thought about it again.');
    } else if (i === 14) {
      answer(p, p.menteeCode, 'Not sure yet', hour(i));
      answer(p, p.mentorCode, 'Yes', new Date(deadline.getTime() + 3 * 3_600_000));
    } else if (i === 15) {
      answer(p, p.menteeCode, 'Maybe', hour(i));
    }
  });
  return [csvColumns(CONTINUATION_FORM), ...rows];
}
