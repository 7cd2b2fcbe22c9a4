/**
 * Min-cost max-flow with exact lexicographic (vector) costs.
 *
 * Primal-dual successive shortest paths: each phase runs Dijkstra on reduced costs (Johnson
 * potentials), stops when the sink is settled, raises potentials by min(dist, dist(sink)), and then
 * pushes as many unit paths as it can find along arcs of zero reduced cost (all of them are shortest
 * augmenting paths). Repeats until the sink is unreachable, so the flow is maximum and, among
 * maximum flows, of minimum cost; this is exactly successive shortest paths, just augmenting several
 * equally short paths per Dijkstra.
 *
 * Costs are vectors of `dims` exact integers compared lexicographically (see lex-cost.ts), stored
 * as Float64Array rows. Arc costs are ids into a small table (each id paired with its negation for
 * the reverse arc), so memory is O(nodes * dims + arcs). Every source-to-sink path carries one unit
 * (the caller gives source arcs capacity 1). Everything is deterministic: arcs are scanned in
 * insertion order and the heap breaks ties on node index.
 */

import type { FlowNetwork } from './flow-network';

export interface FlowStats {
  flow: number;
  phases: number;
}

/**
 * Runs primal-dual SSP from `source` to `sink`. `potential` (nodes * dims) must make every arc with
 * residual capacity have a lexicographically non-negative reduced cost; it is updated in place.
 */
export function minCostMaxFlow(
  net: FlowNetwork,
  source: number,
  sink: number,
  potential: Float64Array,
): FlowStats {
  const { nodes: V, dims: D, start, head, residual, rev, cost, costs } = net;
  const pi = potential;
  const dist = new Float64Array(V * D);
  const state = new Uint8Array(V); // 0 unseen, 1 in heap, 2 settled
  const heap = new Int32Array(V);
  const pos = new Int32Array(V);
  const base = new Float64Array(D);
  const cand = new Float64Array(D);
  let heapSize = 0;

  const less2 = (a: number, b: number): boolean => {
    const x = dist[2 * a];
    const y = dist[2 * b];
    if (x !== y) return x < y;
    const x1 = dist[2 * a + 1];
    const y1 = dist[2 * b + 1];
    return x1 !== y1 ? x1 < y1 : a < b;
  };
  const lessN = (a: number, b: number): boolean => {
    const ia = a * D;
    const ib = b * D;
    for (let k = 0; k < D; k++) {
      const x = dist[ia + k];
      const y = dist[ib + k];
      if (x !== y) return x < y;
    }
    return a < b;
  };
  const less = D === 2 ? less2 : lessN;
  const siftUp = (i: number): void => {
    const v = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const u = heap[p];
      if (!less(v, u)) break;
      heap[i] = u;
      pos[u] = i;
      i = p;
    }
    heap[i] = v;
    pos[v] = i;
  };
  const siftDown = (i: number): void => {
    const v = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && less(heap[c + 1], heap[c])) c++;
      const u = heap[c];
      if (!less(u, v)) break;
      heap[i] = u;
      pos[u] = i;
      i = c;
    }
    heap[i] = v;
    pos[v] = i;
  };

  /** Dijkstra on reduced costs; returns false when the sink cannot be reached. */
  const dijkstra = (): boolean => {
    state.fill(0);
    heapSize = 0;
    for (let k = 0; k < D; k++) dist[source * D + k] = 0;
    state[source] = 1;
    heap[heapSize++] = source;
    pos[source] = 0;
    while (heapSize > 0) {
      const u = heap[0];
      const last = heap[--heapSize];
      if (heapSize > 0) {
        heap[0] = last;
        pos[last] = 0;
        siftDown(0);
      }
      state[u] = 2;
      if (u === sink) return true;
      const uo = u * D;
      for (let k = 0; k < D; k++) base[k] = dist[uo + k] + pi[uo + k];
      for (let e = start[u], end = start[u + 1]; e < end; e++) {
        if (residual[e] <= 0) continue;
        const v = head[e];
        const sv = state[v];
        if (sv === 2) continue;
        const vo = v * D;
        const co = cost[e] * D;
        if (D === 2) {
          const x0 = base[0] + costs[co] - pi[vo];
          const x1 = base[1] + costs[co + 1] - pi[vo + 1];
          if (sv === 0) {
            dist[vo] = x0;
            dist[vo + 1] = x1;
            state[v] = 1;
            heap[heapSize] = v;
            siftUp(heapSize++);
          } else if (x0 < dist[vo] || (x0 === dist[vo] && x1 < dist[vo + 1])) {
            dist[vo] = x0;
            dist[vo + 1] = x1;
            siftUp(pos[v]);
          }
          continue;
        }
        if (sv === 0) {
          for (let k = 0; k < D; k++) dist[vo + k] = base[k] + costs[co + k] - pi[vo + k];
          state[v] = 1;
          heap[heapSize] = v;
          siftUp(heapSize++);
          continue;
        }
        let better = false;
        for (let k = 0; k < D; k++) {
          const x = base[k] + costs[co + k] - pi[vo + k];
          cand[k] = x;
          const y = dist[vo + k];
          if (x !== y) {
            better = x < y;
            if (!better) break;
            for (let j = k + 1; j < D; j++) cand[j] = base[j] + costs[co + j] - pi[vo + j];
            break;
          }
        }
        if (better) {
          for (let k = 0; k < D; k++) dist[vo + k] = cand[k];
          siftUp(pos[v]);
        }
      }
    }
    return false;
  };

  const it = new Int32Array(V);
  const dead = new Uint8Array(V);
  const onPath = new Uint8Array(V);
  const pathArc = new Int32Array(V + 1);
  const pathNode = new Int32Array(V + 1);

  /** Set when a round skipped an arc into its own path: a node may then be given up too early. */
  let skipped = false;

  /** Pushes unit flows along zero-reduced-cost paths until the source is exhausted. */
  const augmentAll = (): number => {
    skipped = false;
    it.set(start.subarray(0, V));
    dead.fill(0);
    onPath.fill(0);
    let pushed = 0;
    let depth = 0;
    pathNode[0] = source;
    onPath[source] = 1;
    for (;;) {
      const u = pathNode[depth];
      if (u === sink) {
        for (let i = 0; i < depth; i++) {
          const e = pathArc[i];
          residual[e]--;
          residual[rev[e]]++;
          onPath[pathNode[i + 1]] = 0;
        }
        pushed++;
        depth = 0;
        continue;
      }
      const uo = u * D;
      let next = -1;
      let e = it[u];
      for (const end = start[u + 1]; e < end; e++) {
        if (residual[e] <= 0) continue;
        const v = head[e];
        if (dead[v]) continue;
        if (onPath[v]) {
          skipped = true;
          continue;
        }
        const vo = v * D;
        const co = cost[e] * D;
        let zero = true;
        for (let k = 0; k < D; k++) {
          if (costs[co + k] + pi[uo + k] - pi[vo + k] !== 0) {
            zero = false;
            break;
          }
        }
        if (zero) {
          next = v;
          break;
        }
      }
      it[u] = e;
      if (next >= 0) {
        pathArc[depth] = e;
        pathNode[++depth] = next;
        onPath[next] = 1;
        continue;
      }
      dead[u] = 1;
      onPath[u] = 0;
      if (depth === 0) return pushed;
      depth--;
      it[pathNode[depth]]++;
    }
  };

  let flow = 0;
  let phases = 0;
  while (dijkstra()) {
    phases++;
    const to = sink * D;
    for (let v = 0; v < V; v++) {
      const vo = v * D;
      const src = state[v] === 2 ? vo : to;
      for (let k = 0; k < D; k++) pi[vo + k] += dist[src + k];
    }
    // A round gives up on a node once all its arcs are tried. That is final (a node given up has
    // no arc that a later augmentation can change) except when an arc was skipped because it led
    // back into the current path; only then can another round find more paths.
    let pushed = 0;
    for (let got = augmentAll(); got > 0; got = skipped ? augmentAll() : 0) {
      pushed += got;
    }
    flow += pushed;
  }
  return { flow, phases };
}
