import { readEvaluationAnswer } from '../../src/domain/evaluation/answers';
import { finalOutcome, pairOutcome } from '../../src/domain/evaluation/continuation';
import { evaluationSummary, Role, SummaryAnswer } from '../../src/domain/evaluation/summary';
import type { ReportTable } from '../../src/domain/report';

function answers(round: string, role: Role, n: number, rating = 4): SummaryAnswer[] {
  return Array.from({ length: n }, (_, i) => ({
    round,
    role,
    ratings: { leadership: rating, confidence: 3, isolation: 5, practical: (i % 5) + 1 },
    frequency: 'About once a month',
    how: i % 2 ? ['Online'] : ['Online', 'In person'],
    comments: i === 0 ? `${role} comment ${round}` : '',
  }));
}

const tables = (report: ReturnType<typeof evaluationSummary>): ReportTable[] =>
  report.sections.flatMap((s) => s.tables);
const groupsOf = (t: ReportTable) => t.rows.map((r) => r[0]);

describe('evaluation summary: small-number suppression', () => {
  const report = evaluationSummary({
    rounds: ['Mid-point', 'End'],
    asked: new Map([
      ['Mid-point', { Mentor: 10, Mentee: 12 }],
      ['End', { Mentor: 10, Mentee: 12 }],
    ]),
    // Mid-point: 4 mentors (too few) and 9 mentees; End: 6 and 7; nobody shown alone below 5.
    answers: [
      ...answers('Mid-point', 'Mentor', 4, 1),
      ...answers('Mid-point', 'Mentee', 9),
      ...answers('End', 'Mentor', 6),
      ...answers('End', 'Mentee', 7),
    ],
    outcomes: { Continuing: 3, 'Ending at scheme close': 2 },
    generated: 'today',
  });

  it('never shows a group of 4, and then hides the other role too (no subtraction)', () => {
    for (const t of tables(report)) {
      expect(groupsOf(t)).not.toContain('Mid-point: mentors');
      expect(groupsOf(t)).not.toContain('Mid-point: mentees');
    }
    const leadership = tables(report).find((t) => t.id === 'aim-leadership')!;
    expect(groupsOf(leadership)).toEqual([
      'Mid-point: everyone',
      'End: mentors',
      'End: mentees',
      'End: everyone',
    ]);
    expect(leadership.notes.join(' ')).toMatch(/Mid-point: mentors are fewer than 5/);
    // The 4 mentors' ratings of 1 are inside "everyone" (13 ratings, 4 of them 1s).
    expect(leadership.rows[0]).toEqual(['Mid-point: everyone', 4, 0, 0, 9, 0, 13, 3.1]);
  });

  it('gives the mean and the distribution of each aim per round and role', () => {
    const practical = tables(report).find((t) => t.id === 'aim-practical')!;
    const endMentors = practical.rows.find((r) => r[0] === 'End: mentors')!;
    expect(endMentors).toEqual(['End: mentors', 2, 1, 1, 1, 1, 6, 2.7]);
    const how = tables(report).find((t) => t.id === 'how-met')!;
    expect(how.rows.find((r) => r[0] === 'End: mentees')).toEqual(['End: mentees', 3, 0, 4, 7]);
  });

  it('hides a whole round of fewer than 5 answers, comments included', () => {
    const small = evaluationSummary({
      rounds: ['Mid-point'],
      asked: new Map([['Mid-point', { Mentor: 3, Mentee: 3 }]]),
      answers: [...answers('Mid-point', 'Mentor', 2), ...answers('Mid-point', 'Mentee', 2)],
      outcomes: {},
      generated: 'today',
    });
    for (const t of tables(small).filter((t) => t.id !== 'continuation'))
      expect(t.rows).toEqual([]);
    const list = small.sections.find((s) => s.list)!.list!;
    expect(list.items.join(' ')).not.toMatch(/(Mentor|Mentee) comment/);
    expect(list.items[0]).toMatch(/withheld/);
  });
});

describe('the January decision', () => {
  it.each([
    ['Yes', 'Yes', false, 'Continuing'],
    ['Yes', 'No', false, 'Ending at scheme close'],
    ['No', '', true, 'Ending at scheme close'],
    ['Yes', '', false, 'Waiting for answers'],
    ['Yes', 'Not sure yet', true, 'Staff to decide'],
    ['', '', true, 'Staff to decide'],
  ])('%s + %s (deadline passed: %s) → %s', (a, b, passed, outcome) => {
    expect(pairOutcome(a, b, passed)).toBe(outcome);
    expect(pairOutcome(b, a, passed)).toBe(outcome);
  });

  it('tells a pair for staff to decide nothing until staff have decided', () => {
    expect(finalOutcome('Staff to decide', '')).toBeNull();
    expect(finalOutcome('Staff to decide', 'continuing')).toBe('Continuing');
    expect(finalOutcome('Waiting for answers', 'Continuing')).toBeNull();
  });
});

describe('evaluation answers', () => {
  it('records invalid values as problems and leaves them out of the figures', () => {
    const a = readEvaluationAnswer(
      new Map([
        ['participant', 'p-abcdefgh'],
        ['round', 'mid-point'],
        ['leadership', '7'],
        ['confidence', '4'],
        ['how', 'Online, by pigeon'],
      ]),
      { codes: new Set(['P-ABCDEFGH']), rounds: ['Mid-point'] },
    );
    expect(a.code).toBe('P-ABCDEFGH');
    expect(a.round).toBe('Mid-point');
    expect(a.ratings.leadership).toBeNull();
    expect(a.ratings.confidence).toBe(4);
    expect(a.how).toEqual(['Online']);
    expect(a.problems).toHaveLength(2);
  });
});
