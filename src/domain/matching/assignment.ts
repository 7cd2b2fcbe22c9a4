/**
 * Builds the flow network for one cohort and solves it exactly (see min-cost-flow.ts).
 *
 * Network: source -> each free mentee (cap 1) -> ... -> each mentor (cap = free places) -> sink.
 * - Choice arcs: mentee -> chosen mentor, cost by rank and shared areas (at most 3 per mentee).
 * - Needs-only ("any other mentor") arcs are NOT materialised per pair. A mentee with needs N and a
 *   mentor offering O share |N & O| areas, so we route through one hub per distinct intersection
 *   I = N & O (N over the mentees' distinct need sets, O over the mentors' distinct offer sets):
 *   mentee -> hub(I) costs "matched, shared |I|"; hub(I) reaches every mentor whose offers contain
 *   an I that some need set produces. A route through a hub I that is smaller than the real
 *   intersection only under-counts shared areas, and inner arcs have unlimited capacity, so any flow
 *   using such a route can be re-routed through hub(N & O) at strictly better cost: the optimum is
 *   exactly the optimum over all pairs. The same holds for a needs-only route to a chosen mentor
 *   (dominated by the choice arc, which only that mentee can use).
 * - Same-service exclusion without pairs: each hub's mentors are sorted by service into a prefix
 *   chain P[0..r-1] (P[k] reaches the services <= k) and a suffix chain Q (services >= k). A mentee
 *   of service s enters P[k-1] and Q[k+1] around its own service group k (or P[r-1] when no mentor
 *   of that hub shares its service), so it can reach every mentor of the hub except its own service.
 * - Mentees with a Never rule (or listed as a mentor themselves) that hits a reachable mentor cannot
 *   use shared hubs; they get direct arcs to every eligible mentor (O(mentors) each; Never rules are
 *   few, so memory stays ~linear in people; in the worst case it is mentees x mentors arcs).
 * Size: O((mentees + mentors) * 2^(areas per person) + choices) arcs, bounded also by
 * (distinct need sets) x (distinct offer sets), instead of mentees x mentors.
 */
import { packLevels, planPacking } from './lex-cost';
import { FlowNetworkBuilder, minCostMaxFlow } from './min-cost-flow';
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

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function solveAssignment(p: SolverProblem): SolverResult {
  const { mentees, mentors, priority } = p;
  const W = Math.max(1, Math.ceil(p.tagCount / 32));
  const toMask = (tags: number[]): Uint32Array => {
    const m = new Uint32Array(W);
    for (const t of tags) m[t >>> 5] |= 1 << (t & 31);
    return m;
  };
  const keyOf = (m: Uint32Array): number | string => (W === 1 ? m[0] : m.join(','));
  const sharedOf = (a: Uint32Array, b: Uint32Array): number => {
    let s = 0;
    for (let w = 0; w < W; w++) s += popcount(a[w] & b[w]);
    return s;
  };
  const needMask = mentees.map((m) => toMask(m.needs));
  const offerMask = mentors.map((m) => toMask(m.offers));

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

  // Classes of hub-routed mentees (by need set) and open mentors (by offer set).
  const groupBy = (
    masks: Uint32Array[],
    members: number[],
  ): { mask: Uint32Array; items: number[] }[] => {
    const index = new Map<number | string, number>();
    const out: { mask: Uint32Array; items: number[] }[] = [];
    for (const i of members) {
      const k = keyOf(masks[i]);
      let c = index.get(k);
      if (c === undefined) {
        c = out.length;
        index.set(k, c);
        out.push({ mask: masks[i], items: [] });
      }
      out[c].items.push(i);
    }
    return out;
  };
  const menteeClasses = groupBy(
    needMask,
    mentees.map((_, i) => i).filter((i) => !direct[i]),
  );
  const mentorClasses = groupBy(
    offerMask,
    mentors.map((_, j) => j).filter((j) => open[j]),
  );

  // Hubs = distinct intersections N & O. First pass (need-set major): hubs of each mentee class;
  // second pass (offer-set major): mentor classes of each hub. Stamps de-duplicate in O(1).
  // Small tag universes index hubs by mask directly (no hashing); larger ones use a Map.
  const table = W === 1 && p.tagCount <= 16 ? new Int32Array(1 << p.tagCount).fill(-1) : null;
  const hubIndex = new Map<number | string, number>();
  const hubSize: number[] = [];
  const hubStamp: number[] = [];
  const menteeClassHubs: number[][] = menteeClasses.map(() => []);
  const hubMentorClasses: number[][] = [];
  const tmp = new Uint32Array(W);
  const hubOf = (a: Uint32Array, b: Uint32Array, create: boolean): number => {
    for (let w = 0; w < W; w++) tmp[w] = a[w] & b[w];
    const k = table ? tmp[0] : keyOf(tmp);
    let h = table ? table[tmp[0]] : hubIndex.get(k);
    if ((h === undefined || h < 0) && create) {
      h = hubSize.length;
      if (table) table[tmp[0]] = h;
      else hubIndex.set(k, h);
      let s = 0;
      for (let w = 0; w < W; w++) s += popcount(tmp[w]);
      hubSize.push(s);
      hubStamp.push(-1);
      hubMentorClasses.push([]);
    }
    return h as number;
  };
  menteeClasses.forEach((a, ai) => {
    for (const b of mentorClasses) {
      const h = hubOf(a.mask, b.mask, true);
      if (hubStamp[h] !== ai) {
        hubStamp[h] = ai;
        menteeClassHubs[ai].push(h);
      }
    }
  });
  hubStamp.fill(-1);
  mentorClasses.forEach((b, bi) => {
    for (const a of menteeClasses) {
      const h = hubOf(a.mask, b.mask, false);
      if (hubStamp[h] !== bi) {
        hubStamp[h] = bi;
        hubMentorClasses[h].push(bi);
      }
    }
  });

  // Prefix / suffix chains per hub.
  interface Chain {
    services: number[];
    p: number;
    q: number;
  }
  const chains: Chain[] = [];
  hubMentorClasses.forEach((classes) => {
    const list: number[] = [];
    for (const bi of classes) for (const j of mentorClasses[bi].items) list.push(j);
    list.sort((x, y) => mentors[x].service - mentors[y].service || x - y);
    const services: number[] = [];
    const groups: number[][] = [];
    for (const j of list) {
      const s = mentors[j].service;
      if (services[services.length - 1] !== s) {
        services.push(s);
        groups.push([]);
      }
      groups[groups.length - 1].push(j);
    }
    const r = services.length;
    const pNode = g.nodes(r);
    const qNode = g.nodes(r);
    for (let k = 0; k < r; k++) {
      for (const j of groups[k]) g.arc(pNode + k, mentorNode + j, INF);
      if (k > 0) g.arc(pNode + k, pNode + k - 1, INF);
      for (const j of groups[k]) g.arc(qNode + k, mentorNode + j, INF);
      if (k < r - 1) g.arc(qNode + k, qNode + k + 1, INF);
    }
    chains.push({ services, p: pNode, q: qNode });
  });

  // Mentee -> hub entry arcs, larger intersections first.
  menteeClasses.forEach((a, ai) => {
    const hubs = menteeClassHubs[ai].slice().sort((x, y) => hubSize[y] - hubSize[x] || x - y);
    for (const i of a.items) {
      const s = mentees[i].service;
      for (const h of hubs) {
        const { services, p: pNode, q: qNode } = chains[h];
        const r = services.length;
        if (r === 0) continue;
        let lo = 0;
        let hi = r;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (services[mid] < s) lo = mid + 1;
          else hi = mid;
        }
        const cost = costId(0, hubSize[h]);
        if (lo === r || services[lo] !== s) {
          g.arc(menteeNode + i, pNode + r - 1, 1, cost);
          continue;
        }
        if (lo > 0) g.arc(menteeNode + i, pNode + lo - 1, 1, cost);
        if (lo < r - 1) g.arc(menteeNode + i, qNode + lo + 1, 1, cost);
      }
    }
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
    if (v === S) continue;
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
      hubs: hubSize.length,
      directMentees,
    },
  };
}
