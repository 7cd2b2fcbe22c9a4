/**
 * The engine's objective equals an exhaustive brute-force optimum on hundreds of random small
 * instances, and the Hungarian algorithm (`munkres` package) on larger capacity-1 instances.
 */
import { matchCohort, type MatchInput } from '../../src/domain/matching';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { Table } from '../../src/domain/table';
import {
  APPLICATIONS_TAB,
  CHOICES_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
} from '../../src/domain/tabs';
import { readCohort } from '../../src/workflows/cohort';
import { matchingInput } from '../../src/workflows/matching-input';
import { matchCohort as matchCohortWith } from '../../src/domain/matching/match-cohort';
import {
  bruteForce,
  mulberry32,
  profileTuple,
  randomInstance,
  reference,
  tupleOf,
  violations,
} from './support';

// `munkres` ships ES module + CommonJS builds; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { munkres } = require('munkres') as { munkres: (costs: number[][]) => [number, number][] };

describe('cross-check against brute force', () => {
  it('matches the exhaustive optimum on 400 random small instances', () => {
    const rnd = mulberry32(20240611);
    let withRules = 0;
    let unmatchedSeen = 0;
    for (let k = 0; k < 400; k++) {
      const input = randomInstance(rnd, {
        maxMentees: 6,
        maxMentors: 5,
        maxCapacity: 3,
        rules: k % 2 === 0,
      });
      const result = matchCohort(input);
      expect({ k, v: violations(input, result) }).toEqual({ k, v: [] });
      const ref = reference(input);
      const pairs = result.matches.map((p): [string, string] => [p.mentee, p.mentor]);
      // The profile agrees with the pairs, and both reach the brute-force optimum.
      expect({ k, t: profileTuple(result) }).toEqual({ k, t: tupleOf(pairs, ref, input.priority) });
      expect({ k, t: profileTuple(result) }).toEqual({ k, t: bruteForce(input) });
      if (input.rules.length + input.confirmed.length > 0) withRules++;
      unmatchedSeen += result.unmatched.length;
    }
    // The generator really exercises rules and scarcity.
    expect(withRules).toBeGreaterThan(100);
    expect(unmatchedSeen).toBeGreaterThan(50);
  });

  it('matches the exhaustive optimum with many distinct areas (wide area sets)', () => {
    const rnd = mulberry32(31337);
    for (let k = 0; k < 100; k++) {
      const areaCount = k % 2 === 0 ? 20 : 70; // one 32-bit word, and several
      const input = randomInstance(rnd, {
        maxMentees: 6,
        maxMentors: 5,
        maxCapacity: 2,
        rules: k % 3 === 0,
        areaCount,
      });
      const result = matchCohort(input);
      expect({ k, v: violations(input, result) }).toEqual({ k, v: [] });
      expect({ k, t: profileTuple(result) }).toEqual({ k, t: bruteForce(input) });
    }
  });

  it('gives identical results with packed and unpacked objective levels', () => {
    const rnd = mulberry32(99);
    for (let k = 0; k < 60; k++) {
      const big = k % 3 === 0;
      const input = randomInstance(rnd, {
        maxMentees: big ? 160 : 8,
        maxMentors: big ? 120 : 6,
        maxCapacity: 3,
        rules: true,
      });
      const dims: number[] = [];
      const packed = matchCohortWith(input, { onStats: (s) => dims.push(s.dims) });
      const unpacked = matchCohortWith(input, { pack: false, onStats: (s) => dims.push(s.dims) });
      expect(unpacked).toEqual(packed);
      expect(dims[1]).toBe(4);
    }
  });
});

describe('cross-check against the Hungarian algorithm (munkres)', () => {
  /** Objective as one exact integer weight per pair (valid while the total stays < 2^53). */
  function hungarianOptimum(input: MatchInput): number {
    const ref = reference(input);
    const n = ref.mentees.length;
    const B = n + 1;
    const S = 5 * n + 1;
    const size = Math.max(n, ref.mentors.length);
    const weight = (a: string, b: string): number => {
      if (!ref.allowed(a, b)) return 0;
      const [, l1, l2, l3, shared] = tupleOf([[a, b]], ref, input.priority);
      return (((B + l1) * B + l2) * B + l3) * S + shared;
    };
    const costs = Array.from({ length: size }, (_, i) =>
      Array.from({ length: size }, (_, j) =>
        i < n && j < ref.mentors.length ? -weight(ref.mentees[i], ref.mentors[j]) : 0,
      ),
    );
    return munkres(costs).reduce((sum, [i, j]) => sum - costs[i][j], 0);
  }
  const flatten = (t: number[], n: number): number => {
    const B = n + 1;
    const S = 5 * n + 1;
    return (((t[0] * B + t[1]) * B + t[2]) * B + t[3]) * S + t[4];
  };

  it('reaches the same objective on 40 capacity-1 instances of up to 150 mentees', () => {
    const rnd = mulberry32(7);
    for (let k = 0; k < 40; k++) {
      const input = randomInstance(rnd, {
        maxMentees: 150,
        maxMentors: 150,
        maxCapacity: 1,
        rules: false,
      });
      input.rules = [
        { mentee: 'mentee0@example.org', mentor: 'mentor0@example.org', rule: 'Never' },
      ];
      const result = matchCohort(input);
      expect(violations(input, result)).toEqual([]);
      const n = input.mentees.length;
      expect({ k, value: flatten(profileTuple(result), n) }).toEqual({
        k,
        value: hungarianOptimum(input),
      });
    }
  });
});

describe('cross-check with impossible choices, from the workbook', () => {
  /**
   * Mentees' choices as the Choices tab holds them, with some impossible (a withdrawn mentor,
   * someone not in the scheme, a blank, a mentor from their own service): the engine, fed
   * through matchingInput, reaches the brute-force optimum counted with the mentee's own ranks,
   * and every pair's rank is the position the mentee wrote it in.
   */
  it('keeps every rank the mentee gave on 200 random instances', () => {
    const rnd = mulberry32(4242);
    let promotedBefore = 0;
    for (let k = 0; k < 200; k++) {
      const input = randomInstance(rnd, {
        maxMentees: 6,
        maxMentors: 5,
        maxCapacity: 2,
        rules: false,
      });
      const int = (n: number) => Math.floor(rnd() * n);
      const impossible = () =>
        [`withdrawn${int(2)}@example.org`, 'Nobody In The Scheme', ''][int(3)];
      for (const m of input.mentees) {
        m.choices = [0, 1, 2].map((pos) =>
          rnd() < 0.35 ? impossible() : (m.choices[pos] ?? impossible()),
        );
        if (m.choices.slice(1).some(Boolean) && !m.choices[0]) promotedBefore++;
      }
      const applications = new Table(APPLICATIONS_TAB, null);
      for (const m of input.mentors)
        applications.append({
          Role: 'Mentor',
          Name: m.name,
          Email: m.email,
          'Library service': m.service,
          Areas: m.offers.join(', '),
          Capacity: m.capacity,
          Status: 'Accepted',
        });
      for (const j of [0, 1])
        applications.append({
          Role: 'Mentor',
          Name: `Withdrawn ${j}`,
          Email: `withdrawn${j}@example.org`,
          'Library service': 'Elsewhere',
          Status: 'Withdrawn',
        });
      const choices = new Table(CHOICES_TAB, null);
      for (const m of input.mentees) {
        applications.append({
          Role: 'Mentee',
          Name: m.name,
          Email: m.email,
          'Library service': m.service,
          Areas: m.needs.join(', '),
          Status: 'Accepted',
        });
        choices.append({
          'Mentee email': m.email,
          'Choice 1': m.choices[0],
          'Choice 2': m.choices[1],
          'Choice 3': m.choices[2],
        });
      }
      const tables = {
        settings: { ...DEFAULT_SETTINGS, matchingPriority: input.priority },
        cohort: readCohort(applications),
        choices,
        rules: new Table(PAIRING_RULES_TAB, null),
        matches: new Table(MATCHES_TAB, null),
      };
      // Areas go through the workbook's own reading (a comma list), as they would for staff.
      const fromWorkbook = matchingInput(tables);
      const raw: MatchInput = {
        ...input,
        mentees: input.mentees.map((m) => ({
          ...m,
          needs: fromWorkbook.mentees.find((x) => x.email === m.email)?.needs ?? [],
        })),
        mentors: input.mentors.map((m) => ({
          ...m,
          offers:
            fromWorkbook.mentors.find((x) => x.email === m.email.trim().toLowerCase())?.offers ??
            [],
        })),
      };
      const result = matchCohort(fromWorkbook);
      const ref = reference(raw);
      for (const p of result.matches)
        expect({ k, p: p.mentee, rank: p.rank ?? 0 }).toEqual({
          k,
          p: p.mentee,
          rank: ref.rank(p.mentee, p.mentor),
        });
      expect({ k, t: profileTuple(result) }).toEqual({ k, t: bruteForce(raw) });
    }
    expect(promotedBefore).toBeGreaterThan(50);
  });
});
