/**
 * Test support for the matching engine: a seeded PRNG, random instances, an independent brute-force
 * optimum and an independent checker of the hard rules. Nothing here imports engine internals.
 */
import type {
  MatchInput,
  MatchMentee,
  MatchMentor,
  MatchResult,
  MatchingPriority,
} from '../../src/domain/matching';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], rnd: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

// Spelling variants exercise normalisation: they must compare equal.
const SERVICES = [
  ['Kent Libraries', 'kent libraries', ' Kent  Libraries. '],
  ['Essex Library Service', 'ESSEX LIBRARY SERVICE'],
  ['York Explore', 'York-Explore'],
  ['Hull Libraries', 'hull libraries'],
];
const AREAS = [
  ['Budgeting', 'budgeting'],
  ['Capital projects', 'capital PROJECTS'],
  ['Working with councillors'],
  ['Digital services', 'digital services '],
  ['Staff development'],
];

export interface RandomOptions {
  maxMentees: number;
  maxMentors: number;
  maxCapacity: number;
  rules: boolean;
  services?: number;
  /** Use this many generated area names instead of the five realistic ones. */
  areaCount?: number;
}

export function randomInstance(rnd: () => number, o: RandomOptions): MatchInput {
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  // A blank service (about 1 in 20) never collides, even with another blank one.
  const services = [...SERVICES.slice(0, o.services ?? SERVICES.length), ['', ' - ']];
  const pool = o.areaCount
    ? Array.from({ length: o.areaCount }, (_, k) => [`Area ${k}`, `area ${k}`])
    : AREAS;
  const p = o.areaCount ? 6 / o.areaCount : 0.35;
  const areas = (): string[] => {
    const out: string[] = [];
    for (const a of pool) if (rnd() < p) out.push(pick(a));
    return out;
  };
  const service = (): string =>
    rnd() < 0.05 ? pick(services[services.length - 1]) : pick(pick(services.slice(0, -1)));
  const nMentors = 1 + int(o.maxMentors);
  const nMentees = 1 + int(o.maxMentees);
  const mentors = Array.from({ length: nMentors }, (_, j) => ({
    email: rnd() < 0.2 ? `Mentor${j}@Example.org ` : `mentor${j}@example.org`,
    name: `Mentor ${j}`,
    service: service(),
    offers: areas(),
    capacity: 1 + int(o.maxCapacity),
  }));
  const mentees = Array.from({ length: nMentees }, (_, i) => {
    const choices: string[] = [];
    const k = int(4);
    for (let c = 0; c < k; c++) {
      choices.push(
        rnd() < 0.1 ? `unknown${int(3)}@example.org` : `mentor${int(nMentors)}@example.org`,
      );
    }
    return {
      email: `mentee${i}@example.org`,
      name: `Mentee ${i}`,
      service: service(),
      needs: areas(),
      choices,
    };
  });
  const rules: MatchInput['rules'] = [];
  const confirmed: MatchInput['confirmed'] = [];
  if (o.rules) {
    const pair = () => ({
      mentee: `mentee${int(nMentees)}@example.org`,
      mentor: `mentor${int(nMentors)}@example.org`,
    });
    for (let k = int(3); k > 0; k--) rules.push({ ...pair(), rule: 'Never' });
    for (let k = int(3); k > 0; k--)
      rules.push({ ...pair(), rule: 'Lock', reason: 'staff decision' });
    for (let k = int(2); k > 0; k--) confirmed.push(pair());
  }
  return {
    mentees,
    mentors,
    rules,
    confirmed,
    priority: rnd() < 0.5 ? 'any-choice' : 'first-choice',
  };
}

// ---- independent reference semantics ----

const email = (s: string): string => s.trim().toLowerCase();
const service = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const area = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

export interface Reference {
  /** Kept fixed pairs: mentee -> mentor. */
  fixed: Map<string, string>;
  allowed: (mentee: string, mentor: string) => boolean;
  capacity: Map<string, number>;
  rank: (mentee: string, mentor: string) => 0 | 1 | 2 | 3;
  shared: (mentee: string, mentor: string) => number;
  mentees: string[];
  mentors: string[];
}

export function reference(input: MatchInput): Reference {
  const mentees = new Map(input.mentees.map((m) => [email(m.email), m]));
  const mentors = new Map(input.mentors.map((m) => [email(m.email), m]));
  const never = new Set(
    input.rules
      .filter((r) => r.rule === 'Never')
      .map((r) => `${email(r.mentee)}|${email(r.mentor)}`),
  );
  const allowedPair = (a: string, b: string): boolean => {
    const x = mentees.get(a);
    const y = mentors.get(b);
    if (!x || !y || a === b || never.has(`${a}|${b}`)) return false;
    // A blank service never collides.
    return service(x.service) === '' || service(x.service) !== service(y.service);
  };
  const candidates = [
    ...input.confirmed.map((c) => ({ a: email(c.mentee), b: email(c.mentor), k: 0 })),
    ...input.rules
      .filter((r) => r.rule === 'Lock')
      .map((r) => ({ a: email(r.mentee), b: email(r.mentor), k: 1 })),
  ].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : x.k - y.k));
  const fixed = new Map<string, string>();
  const used = new Map<string, number>();
  for (const c of candidates) {
    if (!allowedPair(c.a, c.b) || fixed.has(c.a)) continue;
    if ((used.get(c.b) ?? 0) >= (mentors.get(c.b)?.capacity ?? 0)) continue;
    fixed.set(c.a, c.b);
    used.set(c.b, (used.get(c.b) ?? 0) + 1);
  }
  const capacity = new Map([...mentors].map(([e, m]) => [e, m.capacity - (used.get(e) ?? 0)]));
  return {
    fixed,
    allowed: (a, b) => allowedPair(a, b) && !fixed.has(a),
    capacity,
    rank: (a, b) => {
      const pos = (mentees.get(a)?.choices ?? []).slice(0, 3).map(email).indexOf(b);
      return (pos + 1) as 0 | 1 | 2 | 3;
    },
    shared: (a, b) => {
      const offers = new Set((mentors.get(b)?.offers ?? []).map(area));
      return new Set((mentees.get(a)?.needs ?? []).map(area).filter((n) => offers.has(n))).size;
    },
    mentees: [...mentees.keys()],
    mentors: [...mentors.keys()],
  };
}

/** Objective tuple in priority order (larger is better, compared lexicographically). */
export function tupleOf(
  pairs: [string, string][],
  ref: Reference,
  priority: MatchingPriority,
): number[] {
  let any = 0;
  let first = 0;
  let second = 0;
  let shared = 0;
  for (const [a, b] of pairs) {
    const r = ref.rank(a, b);
    if (r > 0) any++;
    if (r === 1) first++;
    if (r === 2) second++;
    shared += ref.shared(a, b);
  }
  return priority === 'first-choice'
    ? [pairs.length, first, any, second, shared]
    : [pairs.length, any, first, second, shared];
}

export function compareTuples(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

/** Exhaustive optimum: every free mentee takes nobody or any allowed mentor with a place left. */
export function bruteForce(input: MatchInput): number[] {
  const ref = reference(input);
  const free = ref.mentees.filter((a) => !ref.fixed.has(a));
  const left = new Map(ref.capacity);
  const pairs: [string, string][] = [...ref.fixed];
  let best: number[] | null = null;
  const go = (k: number): void => {
    if (k === free.length) {
      const t = tupleOf(pairs, ref, input.priority);
      if (!best || compareTuples(t, best) > 0) best = t;
      return;
    }
    go(k + 1);
    for (const b of ref.mentors) {
      if ((left.get(b) ?? 0) <= 0 || !ref.allowed(free[k], b)) continue;
      left.set(b, (left.get(b) ?? 0) - 1);
      pairs.push([free[k], b]);
      go(k + 1);
      pairs.pop();
      left.set(b, (left.get(b) ?? 0) + 1);
    }
  };
  go(0);
  return best as unknown as number[];
}

/** Checks every hard rule on a result; returns a list of violations (empty when all hold). */
export function violations(input: MatchInput, result: MatchResult): string[] {
  const ref = reference(input);
  const out: string[] = [];
  const seen = new Set<string>();
  const load = new Map<string, number>();
  for (const p of result.matches) {
    if (seen.has(p.mentee)) out.push(`${p.mentee} listed twice`);
    seen.add(p.mentee);
    load.set(p.mentor, (load.get(p.mentor) ?? 0) + 1);
    const fixedTo = ref.fixed.get(p.mentee);
    if (fixedTo !== undefined) {
      if (fixedTo !== p.mentor) out.push(`${p.mentee} fixed pair to ${fixedTo} not kept`);
    } else if (!ref.allowed(p.mentee, p.mentor)) out.push(`${p.mentee}-${p.mentor} not allowed`);
    if (p.rank !== (ref.rank(p.mentee, p.mentor) || null)) out.push(`${p.mentee} wrong rank`);
    if (p.sharedAreas.length !== ref.shared(p.mentee, p.mentor))
      out.push(`${p.mentee} wrong shared areas`);
    if ((p.fixed !== null) !== (fixedTo !== undefined)) out.push(`${p.mentee} wrong fixed flag`);
  }
  for (const u of result.unmatched) {
    if (seen.has(u.mentee)) out.push(`${u.mentee} both matched and unmatched`);
    seen.add(u.mentee);
    if (ref.fixed.has(u.mentee)) out.push(`${u.mentee} fixed but unmatched`);
  }
  for (const a of ref.mentees) if (!seen.has(a)) out.push(`${a} missing`);
  for (const [b, n] of load) {
    const cap = (ref.capacity.get(b) ?? 0) + [...ref.fixed.values()].filter((x) => x === b).length;
    if (n > cap) out.push(`${b} over capacity`);
  }
  return out;
}

export function profileTuple(result: MatchResult): number[] {
  const p = result.profile;
  const any = p.choice1 + p.choice2 + p.choice3;
  return result.priority === 'first-choice'
    ? [p.matched, p.choice1, any, p.choice2, p.sharedAreas]
    : [p.matched, any, p.choice1, p.choice2, p.sharedAreas];
}

/** A hand-made mentee: `id`@example.org, who needs `needs` and chose `choices` (mentor ids). */
export const mentee = (
  id: string,
  service: string,
  needs: string[],
  choices: string[],
): MatchMentee => ({
  email: `${id}@example.org`,
  name: id.toUpperCase(),
  service,
  needs,
  choices: choices.map((c) => `${c}@example.org`),
});

/** A hand-made mentor: `id`@example.org, offering `offers` to `capacity` mentees. */
export const mentor = (
  id: string,
  name: string,
  service: string,
  offers: string[],
  capacity = 1,
): MatchMentor => ({
  email: `${id}@example.org`,
  name,
  service,
  offers,
  capacity,
});

/** A cohort with nothing but what the test gives it. */
export const cohort = (over: Partial<MatchInput>): MatchInput => ({
  mentees: [],
  mentors: [],
  rules: [],
  confirmed: [],
  priority: 'any-choice',
  ...over,
});

/** The pair made for mentee `id`, if any. */
export const pairOf = (r: MatchResult, id: string) =>
  r.matches.find((p) => p.mentee === `${id}@example.org`);
