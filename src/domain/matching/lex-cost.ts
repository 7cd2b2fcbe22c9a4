/**
 * Exact lexicographic costs as short vectors of safe integers.
 *
 * The objective has several levels (e.g. [any choice, 1st choice, 2nd choice, shared areas]) that
 * must be compared lexicographically. One double cannot hold them all for thousands of mentees, so
 * levels are packed into D "components" (D is usually 1 for small cohorts, 2 for thousands of
 * mentees). Each component is a mixed-radix integer sum_k L_k * W_k over its levels, with signed
 * digits. Packing is exact and order-preserving PROVIDED that every quantity the min-cost-flow code
 * ever forms (arc costs, potentials, reduced costs, tentative and final distances) has
 * |level k| <= B_k, where B_k = M_k * 32 * (n + 1), M_k = the largest |level k| of any arc and
 * n = the number of mentee nodes. Why that bound holds (see min-cost-flow.ts for the algorithm):
 * - only arcs leaving a mentee (and their reverses) carry cost, and a simple path uses at most two
 *   arcs per mentee, so any shortest-path distance has |level k| <= 2n * M_k;
 * - a potential is either its start value (|.| <= M_k) or the last distance it was set to, shifted
 *   by a difference of two sink distances: |.| <= 6n * M_k + M_k;
 * - a reduced cost is cost + two potentials: <= (12n + 3) * M_k; Dijkstra distances are true path
 *   costs minus a potential, tentative ones add one reduced cost: <= (20n + 6) * M_k.
 * All of these are < 32(n + 1) * M_k. With radix R_k = 2 * B_k + 1 the digits stay in
 * (-R_k / 2, R_k / 2), so a component compares exactly like its level tuple, and sums of packed
 * values are exact while every component stays below 2^52 (checked when planning).
 */

export interface LexPacking {
  /** Number of components per cost vector. */
  dims: number;
  /** For each level: the component it lives in and its weight there. */
  component: number[];
  weight: number[];
}

const LIMIT = 2 ** 52;

/**
 * Plans how to pack `levelMax.length` levels into as few exact components as possible.
 * `pack = false` keeps one level per component (used by tests to check the packing is exact).
 */
export function planPacking(levelMax: number[], menteeCount: number, pack = true): LexPacking {
  const radix = levelMax.map((m) => 2 * Math.max(0, m) * 32 * (menteeCount + 1) + 1);
  for (const r of radix) {
    if (!(r < LIMIT)) throw new Error('matching: cohort too large for exact integer costs');
  }
  // Greedy grouping from the most significant level.
  const groups: number[][] = [];
  let product = Infinity;
  for (let k = 0; k < radix.length; k++) {
    if (!pack || product * radix[k] > LIMIT) {
      groups.push([k]);
      product = radix[k];
    } else {
      groups[groups.length - 1].push(k);
      product *= radix[k];
    }
  }
  const component = new Array<number>(radix.length);
  const weight = new Array<number>(radix.length);
  groups.forEach((g, gi) => {
    let w = 1;
    for (let j = g.length - 1; j >= 0; j--) {
      component[g[j]] = gi;
      weight[g[j]] = w;
      w *= radix[g[j]];
    }
  });
  return { dims: Math.max(1, groups.length), component, weight };
}

/** Packs one level vector into its components. */
export function packLevels(p: LexPacking, levels: number[]): number[] {
  const out = new Array<number>(p.dims).fill(0);
  for (let k = 0; k < levels.length; k++) out[p.component[k]] += levels[k] * p.weight[k];
  return out;
}
