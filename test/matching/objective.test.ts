/** The objective is lexicographic and exact, and the priority setting changes its order. */
import {
  matchCohort,
  type MatchInput,
  type MatchMentee,
  type MatchMentor,
} from '../../src/domain/matching';
import { packLevels, planPacking } from '../../src/domain/matching/lex-cost';
import { mulberry32 } from './support';

const ALL = [
  'Budgeting',
  'Capital projects',
  'Working with councillors',
  'Digital services',
  'Staff development',
];
const mentee = (id: string, service: string, needs: string[], choices: string[]): MatchMentee => ({
  email: `${id}@example.org`,
  name: id,
  service,
  needs,
  choices: choices.map((c) => `${c}@example.org`),
});
const mentor = (id: string, service: string, offers: string[], capacity = 1): MatchMentor => ({
  email: `${id}@example.org`,
  name: id,
  service,
  offers,
  capacity,
});
const base = { rules: [], confirmed: [], priority: 'any-choice' as const };
const mentorOf = (r: ReturnType<typeof matchCohort>, id: string): string | undefined =>
  r.matches.find((p) => p.mentee === `${id}@example.org`)?.mentor.replace('@example.org', '');

describe('lexicographic objective', () => {
  it('prefers matching more mentees to giving anyone their 1st choice', () => {
    // b can only be matched with m1 (m2 is in b's service); a sum that valued a 1st choice above a
    // match would give m1 to a and leave b out.
    const r = matchCohort({
      ...base,
      mentees: [mentee('a', 'Kent', ALL, ['m1']), mentee('b', 'York', [], [])],
      mentors: [mentor('m1', 'Hull', ALL), mentor('m2', 'York', [])],
    });
    expect(mentorOf(r, 'a')).toBe('m2');
    expect(mentorOf(r, 'b')).toBe('m1');
    expect(r.profile).toMatchObject({ matched: 2, choice1: 0 });
  });

  it('prefers one more choice to any number of shared areas (a weighted sum would not)', () => {
    // a chose m0 (no shared areas). Giving it m0 pushes each y_i from m_{i-1} (2 or 3 shared areas)
    // to m_i (none): one more choice costs ~2.5k shared areas. A weighted sum with any fixed weight
    // below that for a choice would leave a on the filler mentor f instead.
    const k = 30;
    const sets = [ALL.slice(0, 2), ALL.slice(2)];
    const mentees = [mentee('a', 'S-a', [], ['m0'])];
    const mentors = [mentor('f', 'S-f', [])];
    const rules: MatchInput['rules'] = [];
    for (let j = 0; j <= k; j++) mentors.push(mentor(`m${j}`, `S-m${j}`, sets[(j + 1) % 2]));
    for (let i = 1; i <= k; i++) {
      mentees.push(mentee(`y${i}`, `S-y${i}`, sets[i % 2], []));
      // y_i may only take m_{i-1} (shares its needs) or m_i (shares nothing).
      for (const m of mentors) {
        if (m.email !== `m${i - 1}@example.org` && m.email !== `m${i}@example.org`) {
          rules.push({ mentee: `y${i}@example.org`, mentor: m.email, rule: 'Never' });
        }
      }
    }
    const r = matchCohort({ ...base, mentees, mentors, rules });
    expect(mentorOf(r, 'a')).toBe('m0');
    for (let i = 1; i <= k; i++) expect(mentorOf(r, `y${i}`)).toBe(`m${i}`);
    expect(r.profile).toMatchObject({ matched: k + 1, choice1: 1, sharedAreas: 0 });
    // Without a's choice the same cohort keeps every y_i on the mentor sharing its needs.
    const noChoice = matchCohort({
      ...base,
      mentees: [{ ...mentees[0], choices: [] }, ...mentees.slice(1)],
      mentors,
      rules,
    });
    expect(noChoice.profile.sharedAreas).toBe(75);
  });

  it('prefers more 2nd choices to more shared areas', () => {
    // Either a gets its 2nd choice m2 (no shared) and b gets m3 (5 shared),
    // or a gets m3 (5 shared, not chosen) and b gets m2 (5 shared): 10 shared but no 2nd choice.
    const r = matchCohort({
      ...base,
      mentees: [
        mentee('a', 'A', ALL, ['m1', 'm2']),
        mentee('b', 'B', ALL, []),
        mentee('c', 'C', ALL, ['m1']),
      ],
      mentors: [mentor('m1', 'M1', ALL), mentor('m2', 'M2', []), mentor('m3', 'M3', ALL)],
    });
    // c must take m1 (its only choice, and a 1st choice), so a is left with m2 or m3.
    expect(mentorOf(r, 'c')).toBe('m1');
    expect(r.matches.find((p) => p.mentee === 'a@example.org')?.rank).toBe(2);
    expect(r.profile).toMatchObject({ choice1: 1, choice2: 1, sharedAreas: 10 });
  });
});

describe('priority', () => {
  const input: MatchInput = {
    ...base,
    // All choices can be honoured only by giving a and b their 2nd choices;
    // 'first-choice' gives a and b their 1st choices and leaves c on a filler.
    mentees: [
      mentee('a', 'A', [], ['m1', 'm2']),
      mentee('b', 'B', [], ['m2', 'm3']),
      mentee('c', 'C', [], ['m1']),
    ],
    mentors: [
      mentor('m1', 'M1', []),
      mentor('m2', 'M2', []),
      mentor('m3', 'M3', []),
      mentor('f', 'F', []),
    ],
  };

  it("'any-choice' maximises mentees on any choice first", () => {
    const r = matchCohort(input);
    expect(r.priority).toBe('any-choice');
    expect(r.profile).toMatchObject({
      matched: 3,
      choice1: 1,
      choice2: 2,
      choice3: 0,
      noChoice: 0,
    });
  });

  it("'first-choice' maximises 1st choices first", () => {
    const r = matchCohort({ ...input, priority: 'first-choice' });
    expect(r.priority).toBe('first-choice');
    expect(r.profile).toMatchObject({
      matched: 3,
      choice1: 2,
      choice2: 0,
      choice3: 0,
      noChoice: 1,
    });
  });
});

describe('exact packing of objective levels', () => {
  it('compares and adds packed vectors exactly like level tuples within the proven bounds', () => {
    const rnd = mulberry32(5);
    for (const n of [3, 40, 1000, 5000, 2000000]) {
      const levelMax = [1, 1, 1, 12];
      const plan = planPacking(levelMax, n);
      const bound = levelMax.map((m) => m * 32 * (n + 1));
      const randomTuple = (): number[] =>
        bound.map((b) => {
          const x = rnd();
          return x < 0.1 ? b : x < 0.2 ? -b : Math.round((rnd() * 2 - 1) * b);
        });
      const lex = (a: number[], b: number[]): number => {
        for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return Math.sign(a[k] - b[k]);
        return 0;
      };
      const wrong: string[] = [];
      for (let t = 0; t < 2000; t++) {
        const a = randomTuple();
        const b = randomTuple();
        const pa = packLevels(plan, a);
        const pb = packLevels(plan, b);
        if (lex(pa, pb) !== lex(a, b)) wrong.push(`compare ${a} ${b}`);
        if (!pa.every((x) => Number.isSafeInteger(x))) wrong.push(`unsafe ${a}`);
        // Halves of bounded tuples add exactly.
        const half = (v: number[]): number[] => v.map((x) => Math.trunc(x / 2));
        const sum = packLevels(plan, half(a)).map((x, k) => x + packLevels(plan, half(b))[k]);
        const direct = packLevels(
          plan,
          half(a).map((x, k) => x + half(b)[k]),
        );
        if (sum.join() !== direct.join()) wrong.push(`add ${a} ${b}`);
      }
      expect({ n, wrong }).toEqual({ n, wrong: [] });
      if (n === 40) expect(plan.dims).toBe(1);
      if (n === 5000) expect(plan.dims).toBe(2);
    }
  });
});
