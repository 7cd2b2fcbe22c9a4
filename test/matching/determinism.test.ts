/** Same content, same result: row order never matters, and the input hash is stable. */
import { matchCohort, type MatchInput } from '../../src/domain/matching';
import { fnv1a64 } from '../../src/domain/hash';
import { mulberry32, randomInstance, shuffle } from './support';

function shuffled(input: MatchInput, rnd: () => number): MatchInput {
  return {
    ...input,
    mentees: shuffle(input.mentees, rnd).map((m) => ({ ...m })),
    mentors: shuffle(input.mentors, rnd).map((m) => ({ ...m, offers: shuffle(m.offers, rnd) })),
    rules: shuffle(input.rules, rnd),
    confirmed: shuffle(input.confirmed, rnd),
  };
}

describe('determinism', () => {
  it('gives deep-equal results (including inputHash) whatever the order of the input rows', () => {
    const rnd = mulberry32(42);
    for (let k = 0; k < 60; k++) {
      const big = k % 4 === 0;
      const input = randomInstance(rnd, {
        maxMentees: big ? 120 : 8,
        maxMentors: big ? 90 : 6,
        maxCapacity: 3,
        rules: true,
        services: big ? 4 : 3,
      });
      const expected = matchCohort(input);
      for (let s = 0; s < 3; s++) expect(matchCohort(shuffled(input, rnd))).toEqual(expected);
    }
  });

  it('is not fooled by ties: equally good mentees are chosen by content, not position', () => {
    // Two identical mentees (but for e-mail) want the only place; the result must not depend on order.
    const a = {
      email: 'a@example.org',
      name: 'A',
      service: 'Kent',
      needs: [],
      choices: ['m@example.org'],
    };
    const b = { ...a, email: 'b@example.org', name: 'B', service: 'Essex' };
    const m = { email: 'm@example.org', name: 'M', service: 'York', offers: [], capacity: 1 };
    const base = { mentors: [m], rules: [], confirmed: [], priority: 'any-choice' as const };
    const r1 = matchCohort({ ...base, mentees: [a, b] });
    const r2 = matchCohort({ ...base, mentees: [b, a] });
    expect(r1).toEqual(r2);
    expect(r1.matches).toHaveLength(1);
  });

  it('hashes the canonical input, including the priority', () => {
    const input = randomInstance(mulberry32(1), {
      maxMentees: 6,
      maxMentors: 5,
      maxCapacity: 2,
      rules: true,
    });
    const h = matchCohort({ ...input, priority: 'any-choice' }).inputHash;
    expect(matchCohort({ ...input, priority: 'first-choice' }).inputHash).not.toBe(h);
    expect(
      matchCohort({ ...input, priority: 'any-choice', mentees: input.mentees.slice(1) }).inputHash,
    ).not.toBe(h);
    // Case and spacing of e-mails do not change the canonical input.
    const upper = {
      ...input,
      priority: 'any-choice' as const,
      mentees: input.mentees.map((m) => ({ ...m, email: ` ${m.email.toUpperCase()}` })),
    };
    expect(matchCohort(upper).inputHash).toBe(h);
  });

  it('implements FNV-1a 64 (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });
});
