/**
 * Builds the flow network for one cohort and solves it exactly (see min-cost-flow.ts).
 *
 * Network: source -> each free mentee (cap 1) -> ... -> each mentor (cap = free places) -> sink.
 * - Choice arcs: mentee -> chosen mentor, cost by rank and shared areas (at most 3 per mentee).
 * - Needs-only arcs go through shared hubs (hub-routes.ts), not one arc per pair.
 * - Mentees with a Never rule (or listed as a mentor themselves) that hits a reachable mentor cannot
 *   use shared hubs; they get direct arcs to every eligible mentor. That is O(mentors) per such
 *   mentee: Never rules are few, so memory stays about linear in people (all pairs at worst).
 * Arc costs are the objective levels below the first ("matched"): successive shortest paths end
 * with a maximum flow, so the number of matched mentees is maximised before anything else.
 */
import { packLevels, planPacking } from './lex-cost';
import { areaMasks } from './area-masks';
import { FlowNetworkBuilder } from './flow-network';
import { addHubRoutes } from './hub-routes';
import { minCostMaxFlow } from './min-cost-flow';
import type { MatchingPriority } from './types';

export interface SolverMentee {
  /** Service id; equal ids are the same library service. */
  service: number;
  /** Area (tag) ids, 0 <= id < tagCount. */
  needs: number[];
  /** Allowed choices only (eligible, with free places), rank 1..3. */
  choices: { mentor: number; rank: 1 | 2 | 3 }[];
  /** Mentors ruled out besides same-service ones (Never rules, the mentee themself). */
  excluded: number[];
}

export interface SolverMentor {
  service: number;
  offers: number[];
  /** Free places (capacity minus fixed pairs). */
  capacity: number;
}

export interface SolverProblem {
  mentees: SolverMentee[];
  mentors: SolverMentor[];
  tagCount: number;
  priority: MatchingPriority;
  /** Pack levels into as few numbers as possible (default true); false is for tests. */
  pack?: boolean;
}

export interface SolverStats {
  nodes: number;
  arcs: number;
  dims: number;
  phases: number;
  hubs: number;
  directMentees: number;
}

export interface SolverResult {
  /** Mentor index per mentee, -1 when unmatched. */
  mentorOf: Int32Array;
  stats: SolverStats;
}

/** Objective levels of one arc (to minimise), in priority order. */
export function arcLevels(
  rank: 0 | 1 | 2 | 3,
  shared: number,
  priority: MatchingPriority,
): number[] {
  const any = rank > 0 ? -1 : 0;
  const first = rank === 1 ? -1 : 0;
  const second = rank === 2 ? -1 : 0;
  return priority === 'first-choice'
    ? [first, any, second, -shared]
    : [any, first, second, -shared];
}

export function solveAssignment(p: SolverProblem): SolverResult {
  const { mentees, mentors, priority } = p;
  const masks = areaMasks(p.tagCount);
  const sharedOf = masks.shared;
  const needMask = mentees.map((m) => masks.of(m.needs));
  const offerMask = mentors.map((m) => masks.of(m.offers));

  const g = new FlowNetworkBuilder();
  const S = g.nodes();
  const T = g.nodes();
  const menteeNode = g.nodes(mentees.length);
  const mentorNode = g.nodes(mentors.length);
  const INF = mentees.length + 1;

  // Cost ids by (rank, shared); id 0 = no cost.
  const costKey = new Map<number, number>([[0, 0]]);
  const costLevels: number[][] = [arcLevels(0, 0, priority)];
  const costId = (rank: 0 | 1 | 2 | 3, shared: number): number => {
    const key = shared * 4 + rank;
    let id = costKey.get(key);
    if (id === undefined) {
      id = costLevels.length;
      costKey.set(key, id);
      costLevels.push(arcLevels(rank, shared, priority));
    }
    return id;
  };

  const open = mentors.map((m) => m.capacity > 0);
  const direct = mentees.map((m) =>
    m.excluded.some((j) => open[j] && mentors[j].service !== m.service),
  );

  // Choice arcs first, so the search tries them first.
  mentees.forEach((m, i) => {
    for (const c of m.choices) {
      if (!open[c.mentor] || mentors[c.mentor].service === m.service) continue;
      const cost = costId(c.rank, sharedOf(needMask[i], offerMask[c.mentor]));
      g.arc(menteeNode + i, mentorNode + c.mentor, 1, cost);
    }
  });

  // Direct needs-only arcs for mentees with effective exclusions.
  let directMentees = 0;
  mentees.forEach((m, i) => {
    if (!direct[i]) return;
    directMentees++;
    const skip = new Set<number>(m.excluded);
    for (const c of m.choices) skip.add(c.mentor);
    mentors.forEach((o, j) => {
      if (!open[j] || o.service === m.service || skip.has(j)) return;
      g.arc(menteeNode + i, mentorNode + j, 1, costId(0, sharedOf(needMask[i], offerMask[j])));
    });
  });

  const hubs = addHubRoutes({
    g,
    masks,
    needMask,
    offerMask,
    menteeService: mentees.map((m) => m.service),
    mentorService: mentors.map((m) => m.service),
    menteeNode,
    mentorNode,
    hubMentees: mentees.map((_, i) => i).filter((i) => !direct[i]),
    openMentors: mentors.map((_, j) => j).filter((j) => open[j]),
    entryCost: (shared) => costId(0, shared),
    INF,
  });

  mentees.forEach((_, i) => g.arc(S, menteeNode + i, 1));
  mentors.forEach((m, j) => {
    if (open[j]) g.arc(mentorNode + j, T, m.capacity);
  });

  // Exact packing of the levels, sized by the largest |level| actually used.
  const levelMax = costLevels[0].map((_, k) => Math.max(0, ...costLevels.map((l) => -l[k])));
  const plan = planPacking(levelMax, mentees.length, p.pack !== false);
  const net = g.build(
    plan.dims,
    costLevels.map((l) => packLevels(plan, l)),
  );
  const D = plan.dims;
  const potential = new Float64Array(g.size * D);
  const shift = packLevels(
    plan,
    levelMax.map((m) => -m),
  );
  for (let v = menteeNode + mentees.length; v < g.size; v++) {
    for (let k = 0; k < D; k++) potential[v * D + k] = shift[k];
  }
  for (let k = 0; k < D; k++) potential[T * D + k] = shift[k];
  const { phases } = minCostMaxFlow(net, S, T, potential);

  // Read the assignment; walk hub chains greedily to decompose the flow into mentee -> mentor.
  const mentorOf = new Int32Array(mentees.length).fill(-1);
  const taken = new Int32Array(net.head.length);
  const firstMentor = mentorNode;
  const endMentor = mentorNode + mentors.length;
  /** A forward arc slot out of `x` with flow not yet assigned to a mentee. */
  const nextSlot = (x: number): number => {
    for (let e = net.start[x]; e < net.start[x + 1]; e++) {
      if (net.isForward(e) && net.flowAt(e) - taken[e] > 0) return e;
    }
    return -1;
  };
  for (let i = 0; i < mentees.length; i++) {
    const e = nextSlot(menteeNode + i);
    if (e < 0) continue;
    taken[e]++;
    let x = net.head[e];
    while (x < firstMentor || x >= endMentor) {
      const f = nextSlot(x);
      if (f < 0) throw new Error('matching: flow decomposition failed');
      taken[f]++;
      x = net.head[f];
    }
    mentorOf[i] = x - firstMentor;
  }
  return {
    mentorOf,
    stats: {
      nodes: g.size,
      arcs: g.arcs,
      dims: D,
      phases,
      hubs,
      directMentees,
    },
  };
}
