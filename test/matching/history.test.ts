/**
 * Pairs from earlier cohorts: never made again without a Lock, made with one, and explained.
 * Checked by hand on small cohorts and against the exhaustive optimum (history as a Never that
 * only a Lock lifts) on random ones.
 */
import { matchCohort, type MatchInput } from '../../src/domain/matching';
import {
  bruteForce,
  cohort,
  mentee,
  mentor,
  mulberry32,
  pairOf,
  profileTuple,
  randomInstance,
  violations,
} from './support';

// Ann mentored A in Cohort 1; A chooses her again, and she is the best fit on needs too.
const returning = (over: Partial<MatchInput> = {}) =>
  cohort({
    mentees: [mentee('a', 'Kent', ['Budgeting'], ['ann'])],
    mentors: [
      mentor('ann', 'Ann Jones', 'York', ['Budgeting']),
      mentor('ben', 'Ben Smith', 'Hull', []),
    ],
    previous: [{ mentee: 'A@example.org', mentor: 'ann@example.org ', cohort: 'Cohort 1' }],
    ...over,
  });

describe('pairs from earlier cohorts', () => {
  it('are not made again without a Lock, and the Why says so', () => {
    const r = matchCohort(returning());
    expect(pairOf(r, 'a')).toMatchObject({ mentor: 'ben@example.org', rank: null });
    expect(pairOf(r, 'a')?.why).toBe(
      'Their only choice could not be given (1st choice Ann Jones was paired with them in Cohort 1: not paired again unless you Lock them); matched on a free place (no shared areas)',
    );
  });

  it('leave a mentee unmatched rather than pair them again', () => {
    const r = matchCohort(returning({ mentors: [mentor('ann', 'Ann Jones', 'York', [])] }));
    expect(r.matches).toEqual([]);
    expect(r.unmatched[0].why).toContain('1st choice Ann Jones was paired with them in Cohort 1');
  });

  it('are made again when staff Lock them, and the Why says they were paired before', () => {
    const r = matchCohort(
      returning({
        rules: [
          {
            mentee: 'a@example.org',
            mentor: 'ann@example.org',
            rule: 'Lock',
            reason: 'Kept by staff in the review',
          },
        ],
      }),
    );
    expect(pairOf(r, 'a')).toMatchObject({ mentor: 'ann@example.org', fixed: 'lock' });
    expect(pairOf(r, 'a')?.why).toBe('Kept by staff in the review; paired before in Cohort 1');
  });

  it('only hold back the pair itself: the mentor and the mentee are matched with others', () => {
    const r = matchCohort(
      returning({
        mentees: [
          mentee('a', 'Kent', ['Budgeting'], ['ann']),
          mentee('b', 'Essex', ['Budgeting'], ['ann']),
        ],
      }),
    );
    expect(pairOf(r, 'b')).toMatchObject({ mentor: 'ann@example.org', rank: 1 });
    expect(pairOf(r, 'a')?.mentor).toBe('ben@example.org');
  });

  it('name every cohort they ran in, and change the input hash only when there are some', () => {
    const twice = matchCohort(
      returning({
        mentors: [mentor('ann', 'Ann Jones', 'York', [])],
        previous: [
          { mentee: 'a@example.org', mentor: 'ann@example.org', cohort: '2022 pilot' },
          { mentee: 'a@example.org', mentor: 'ann@example.org', cohort: 'Cohort 2' },
        ],
      }),
    );
    expect(twice.unmatched[0].why).toContain('was paired with them in 2022 pilot and Cohort 2');
    const none = matchCohort(returning({ previous: [] }));
    expect(none.inputHash).toBe(matchCohort(returning({ previous: undefined })).inputHash);
    expect(matchCohort(returning()).inputHash).not.toBe(none.inputHash);
    // Without the history the pair is made: the rule is what stops it.
    expect(pairOf(none, 'a')?.mentor).toBe('ann@example.org');
  });

  it('never come back on random cohorts without a Lock, and the result stays optimal', () => {
    const rnd = mulberry32(14014);
    let held = 0;
    let relocked = 0;
    for (let k = 0; k < 150; k++) {
      const base = randomInstance(rnd, {
        maxMentees: 5,
        maxMentors: 4,
        maxCapacity: 2,
        rules: k % 2 === 0,
      });
      // Earlier pairs: mostly pairs the mentee chose (so the rule has something to refuse).
      const previous = base.mentees.flatMap((m) =>
        m.choices
          .filter((c) => c.startsWith('mentor') && rnd() < 0.5)
          .map((c) => ({ mentee: m.email, mentor: c, cohort: `Cohort ${1 + (k % 3)}` })),
      );
      const input: MatchInput = { ...base, previous };
      const result = matchCohort(input);
      const norm = (s: string) => s.trim().toLowerCase();
      const locks = new Set(
        input.rules
          .filter((r) => r.rule === 'Lock')
          .map((r) => `${norm(r.mentee)}|${norm(r.mentor)}`),
      );
      const confirmed = new Set(input.confirmed.map((c) => `${norm(c.mentee)}|${norm(c.mentor)}`));
      for (const p of result.matches) {
        const key = `${p.mentee}|${p.mentor}`;
        const before = previous.some((x) => `${norm(x.mentee)}|${norm(x.mentor)}` === key);
        if (!before) continue;
        // A previous pair comes back only by a Lock (or as this cohort's Confirmed pair).
        expect({ k, key, fixed: locks.has(key) || confirmed.has(key) }).toEqual({
          k,
          key,
          fixed: true,
        });
        relocked++;
      }
      held += previous.length;
      // History is a Never that a Lock lifts (and that never parts a pair Confirmed in this
      // cohort): the reference semantics with it as such.
      const asNever: MatchInput = {
        ...base,
        rules: [
          ...base.rules,
          ...previous
            .filter((x) => {
              const key = `${norm(x.mentee)}|${norm(x.mentor)}`;
              return !locks.has(key) && !confirmed.has(key);
            })
            .map((x) => ({ mentee: x.mentee, mentor: x.mentor, rule: 'Never' as const })),
        ],
      };
      expect({ k, v: violations(asNever, result) }).toEqual({ k, v: [] });
      expect({ k, t: profileTuple(result) }).toEqual({ k, t: bruteForce(asNever) });
    }
    // The generator really exercises the rule, and Locks that bring a pair back.
    expect(held).toBeGreaterThan(100);
    expect(relocked).toBeGreaterThan(0);
  });
});
