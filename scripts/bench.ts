/**
 * Benchmark of the matching engine (src/domain/matching), then of the CLI (scripts/bench-cli.ts).
 *
 *   npm run bench              # tables
 *   npm run bench -- --json    # JSON only: { matching: [...], cli: [...] }
 *   npm run bench -- --cli     # the CLI cases only (--matching: the engine's only)
 *   npm run bench -- --combine # the combined certificates PDF on Google only (bench-combine.ts)
 *
 * Cases: cohorts of 40, 1,000 and 5,000 mentees with (a) as many mentors, capacity 1, and (b) 60% as
 * many mentors with capacity 1-3. Choices follow a Zipf-like popularity (a few very popular
 * mentors), 10 area tags (1-4 per person), 150 library services (so some people collide), a few
 * Never rules. Seeded PRNG, so every run sees the same instances.
 *
 * `ms` is the median wall time of matchCohort. `baselineMs` is the `munkres` package (Hungarian
 * algorithm, O(n^3)) on the same capacity-1 instance, with the same lexicographic objective
 * flattened into one safe-integer weight per pair (exact for these sizes; it is only a timing
 * baseline). It is skipped (null) when the estimate from the smaller case exceeds 60 s.
 * `peakRssMB` is the process's peak resident memory right after the case's matchCohort runs (all
 * engine runs go first, smallest case first; node + tsx alone are ~60-80 MB of it). `arcs`, `phases`
 * and `dims` are solver statistics (network size, Dijkstra phases, numbers per cost vector).
 */
import {
  matchCohort,
  type MatchInput,
  type MatchMentee,
  type MatchMentor,
} from '../src/domain/matching';
import { type CliCase, cliCases } from './bench-cli';
import { combineCase } from './bench-combine';
import { matchCohort as matchCohortWith } from '../src/domain/matching/match-cohort';

// `munkres` ships as an ES module with a CommonJS build; load the CommonJS build (this script is CJS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { munkres } = require('munkres') as {
  munkres: (costs: ArrayLike<ArrayLike<number>>) => [number, number][];
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  'Capital projects',
  'Budgeting',
  'Working with councillors',
  'Digital services',
  'Staff development',
  'Partnerships',
  'Stock and collections',
  'Income generation',
  'Community engagement',
  'Service review',
];

function makeInstance(
  mentees: number,
  mentors: number,
  capacityOne: boolean,
  seed: number,
): MatchInput {
  const rnd = mulberry32(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const services = Array.from({ length: 150 }, (_, i) => `Library Service ${i + 1}`);
  const areas = (): string[] => {
    const k = 1 + int(4);
    const pool = AREAS.slice();
    const out: string[] = [];
    while (out.length < k) out.push(pool.splice(int(pool.length), 1)[0]);
    return out;
  };
  const mentorRows: MatchMentor[] = Array.from({ length: mentors }, (_, j) => ({
    email: `mentor${j}@example.org`,
    name: `Mentor ${j}`,
    service: services[int(services.length)],
    offers: areas(),
    capacity: capacityOne ? 1 : 1 + int(3),
  }));
  // Zipf-like popularity over a random order of mentors.
  const order = mentorRows.map((_, j) => j).sort(() => rnd() - 0.5);
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < mentors; r++) cumulative.push((total += 1 / (r + 1)));
  const pick = (): number => {
    const x = rnd() * total;
    let lo = 0;
    let hi = mentors - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
  const menteeRows: MatchMentee[] = Array.from({ length: mentees }, (_, i) => {
    const choices: string[] = [];
    const count = rnd() < 0.05 ? 0 : 3;
    while (choices.length < Math.min(count, mentors)) {
      const e = mentorRows[pick()].email;
      if (!choices.includes(e)) choices.push(e);
    }
    if (rnd() < 0.02 && choices.length > 0)
      choices[choices.length - 1] = `left-the-scheme${i}@example.org`;
    return {
      email: `mentee${i}@example.org`,
      name: `Mentee ${i}`,
      service: services[int(services.length)],
      needs: areas(),
      choices,
    };
  });
  const rules: MatchInput['rules'] = [];
  for (let k = 0; k < Math.ceil(mentees / 200); k++) {
    rules.push({
      mentee: menteeRows[int(mentees)].email,
      mentor: mentorRows[int(mentors)].email,
      rule: 'Never',
    });
  }
  return { mentees: menteeRows, mentors: mentorRows, rules, confirmed: [], priority: 'any-choice' };
}

/** Same objective as matchCohort, flattened into one weight per pair (0 = not allowed). */
function munkresBaseline(input: MatchInput): { ms: number; objective: number; exact: boolean } {
  const n = input.mentees.length;
  const m = input.mentors.length;
  const size = Math.max(n, m);
  const B = n + 1;
  const S = 4 * n + 1;
  const exact = n * B ** 3 * S * 2 < Number.MAX_SAFE_INTEGER;
  const never = new Set(input.rules.map((r) => `${r.mentee}|${r.mentor}`));
  const weight = (i: number, j: number): number => {
    const a = input.mentees[i];
    const b = input.mentors[j];
    if (a.service === b.service || never.has(`${a.email}|${b.email}`)) return 0;
    const pos = a.choices.indexOf(b.email);
    const shared = a.needs.filter((x) => b.offers.includes(x)).length;
    const choice = pos >= 0 ? 1 : 0;
    return (((1 * B + choice) * B + (pos === 0 ? 1 : 0)) * B + (pos === 1 ? 1 : 0)) * S + shared;
  };
  const rows: Float64Array[] = [];
  for (let i = 0; i < size; i++) {
    const row = new Float64Array(size);
    if (i < n) for (let j = 0; j < m; j++) row[j] = -weight(i, j);
    rows.push(row);
  }
  const t0 = performance.now();
  const pairs = munkres(rows);
  const ms = performance.now() - t0;
  let objective = 0;
  for (const [i, j] of pairs) objective -= rows[i][j];
  return { ms, objective, exact };
}

function objectiveOf(r: ReturnType<typeof matchCohort>, n: number): number {
  const B = n + 1;
  const S = 4 * n + 1;
  const p = r.profile;
  return (
    (((p.matched * B + p.matched - p.noChoice) * B + p.choice1) * B + p.choice2) * S + p.sharedAreas
  );
}

const median = (xs: number[]): number =>
  xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number): number => Math.round(x * 10) / 10;
const MB = 2 ** 20;

interface Row {
  case: string;
  mentees: number;
  mentors: number;
  ms: number;
  baselineMs: number | null;
  ratio: number | null;
  peakRssMB: number;
  matched: number;
  agree: boolean | null;
  arcs: number;
  phases: number;
  dims: number;
  note: string;
}

function main(): void {
  const json = process.argv.includes('--json');
  if (process.argv.includes('--combine')) {
    // The combined certificates PDF on Google (scripts/bench-combine.ts), on its own.
    const result = combineCase();
    if (json) process.stdout.write(`${JSON.stringify({ combine: result })}\n`);
    else
      console.log(
        `Combined PDF of ${result.certificates} certificates (bundle on the fake): ${(result.modelledMs / 60_000).toFixed(2)} modelled minutes of the 6; ${result.cpuMs} ms processor time here (${result.wallMs} ms wall); ${result.combinedKB} KB (${result.certificateKB} KB each certificate).`,
      );
    return;
  }
  const cli = process.argv.includes('--matching')
    ? []
    : cliCases(json ? undefined : (line) => console.error(line));
  const matching = process.argv.includes('--cli') ? [] : matchingBench(json);
  if (json) process.stdout.write(`${JSON.stringify({ matching, cli })}\n`);
  else if (cli.length) printCli(cli);
}

function printCli(cli: CliCase[]): void {
  console.log('');
  const table = cli.map((c) => [
    c.case,
    String(c.ms),
    c.cpuMs === null ? '-' : String(c.cpuMs),
    `${c.ratio}x`,
    c.targetMs ? `< ${c.targetMs}` : '',
    c.targetMs ? (c.ok ? 'yes' : 'NO') : '',
  ]);
  const header = ['CLI case', 'ms', 'cpuMs', 'ratio', 'target ms', 'met'];
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((t) => t[k].length)));
  const line = (cells: string[]): string =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log(
    'ms = median wall time, spawn to exit; cpuMs = its processor time (user + system), which a ' +
      'busy machine does not inflate; ratio = ms / node -e 0 now; met = ms under the target.',
  );
}

/** The matching engine's cases; prints their table unless `json`. */
function matchingBench(json: boolean): Row[] {
  const startRssMB = process.memoryUsage().rss / MB;
  const cases: { row: Row; input: MatchInput; result: ReturnType<typeof matchCohort> }[] = [];
  // 1) The engine on every case, smallest first, so the process's peak memory after a case is that
  //    case's peak (the baseline runs afterwards: its 5,000 x 5,000 matrix alone is 200 MB).
  for (const n of [40, 1000, 5000]) {
    for (const variant of ['a', 'b'] as const) {
      const mentors = variant === 'a' ? n : Math.round(0.6 * n);
      const input = makeInstance(n, mentors, variant === 'a', n * 7 + (variant === 'a' ? 1 : 2));
      let stats = { arcs: 0, phases: 0, dims: 0 };
      let result = matchCohort(input);
      for (let k = n <= 40 ? 50 : n <= 1000 ? 5 : 0; k > 0; k--) matchCohort(input); // warm-up (JIT)
      const times: number[] = [];
      for (let k = 0; k < (n <= 1000 ? 7 : 3); k++) {
        const t0 = performance.now();
        result = matchCohortWith(input, { onStats: (s) => (stats = s) });
        times.push(performance.now() - t0);
      }
      cases.push({
        input,
        result,
        row: {
          case: `${n}-${variant}`,
          mentees: n,
          mentors,
          ms: round(median(times)),
          baselineMs: null,
          ratio: null,
          peakRssMB: round(process.resourceUsage().maxRSS / 1024),
          matched: result.profile.matched,
          agree: null,
          arcs: stats.arcs,
          phases: stats.phases,
          dims: stats.dims,
          note: variant === 'a' ? '' : 'no baseline (capacities > 1)',
        },
      });
    }
  }
  // 2) The munkres baseline on the capacity-1 cases.
  let msPerCubed: number | null = null; // munkres ms / n^3 from the last measured case
  for (const { row, input, result } of cases) {
    if (!row.case.endsWith('-a')) continue;
    const n = row.mentees;
    const estimate = msPerCubed === null ? 0 : msPerCubed * n ** 3;
    if (estimate > 60000) {
      row.note = `baseline skipped (estimated ${Math.round(estimate / 1000)} s)`;
      continue;
    }
    const b = munkresBaseline(input);
    msPerCubed = b.ms / n ** 3;
    row.baselineMs = round(b.ms);
    row.ratio = round(b.ms / row.ms);
    row.agree = b.exact ? b.objective === objectiveOf(result, n) : null;
  }
  const rows = cases.map((c) => c.row);
  if (json) return rows;
  const header = [
    'case',
    'mentees',
    'mentors',
    'ms',
    'baselineMs',
    'ratio',
    'peakRssMB',
    'matched',
    'agree',
    'arcs',
    'phases',
  ];
  const table = rows.map((r) => [
    r.case,
    String(r.mentees),
    String(r.mentors),
    String(r.ms),
    r.baselineMs === null
      ? r.note.startsWith('baseline skipped')
        ? 'skipped'
        : '-'
      : String(r.baselineMs),
    r.ratio === null ? '-' : `${r.ratio}x`,
    String(r.peakRssMB),
    String(r.matched),
    r.agree === null ? '-' : r.agree ? 'yes' : 'NO',
    String(r.arcs),
    String(r.phases),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((t) => t[k].length)));
  const line = (cells: string[]): string => cells.map((c, k) => c.padStart(widths[k])).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
  for (const r of rows) if (r.note) console.log(`${r.case}: ${r.note}`);
  console.log(
    `ratio = baselineMs / ms; agree = munkres reaches the same lexicographic objective; ` +
      `peakRssMB = process peak so far (node itself: ${round(startRssMB)} MB at start).`,
  );
  return rows;
}

main();
