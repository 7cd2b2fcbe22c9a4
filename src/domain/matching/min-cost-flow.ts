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

export class FlowNetworkBuilder {
  private fromArr: Int32Array = new Int32Array(1024);
  private toArr: Int32Array = new Int32Array(1024);
  private capArr: Int32Array = new Int32Array(1024);
  private costArr: Int32Array = new Int32Array(1024);
  private arcCount = 0;
  private nodeCount = 0;

  /** Allocates `count` new nodes and returns the first one's index. */
  nodes(count = 1): number {
    const first = this.nodeCount;
    this.nodeCount += count;
    return first;
  }

  get size(): number {
    return this.nodeCount;
  }

  get arcs(): number {
    return this.arcCount;
  }

  from(handle: number): number {
    return this.fromArr[handle];
  }

  to(handle: number): number {
    return this.toArr[handle];
  }

  /** Adds an arc and returns its handle (0, 1, 2, ... in insertion order). */
  arc(from: number, to: number, capacity: number, costId = 0): number {
    const h = this.arcCount++;
    if (h === this.fromArr.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.fromArr = grow(this.fromArr);
      this.toArr = grow(this.toArr);
      this.capArr = grow(this.capArr);
      this.costArr = grow(this.costArr);
    }
    this.fromArr[h] = from;
    this.toArr[h] = to;
    this.capArr[h] = capacity;
    this.costArr[h] = costId;
    return h;
  }

  /** `costRows[id]` is the cost vector (length `dims`) of cost id `id`; row 0 must be all zero. */
  build(dims: number, costRows: number[][]): FlowNetwork {
    const m = this.arcCount;
    return new FlowNetwork(
      this.nodeCount,
      dims,
      this.fromArr.subarray(0, m),
      this.toArr.subarray(0, m),
      this.capArr.subarray(0, m),
      this.costArr.subarray(0, m),
      costRows,
    );
  }
}

export class FlowNetwork {
  readonly start: Int32Array;
  readonly head: Int32Array;
  readonly residual: Int32Array;
  readonly rev: Int32Array;
  /** Cost-table row of each arc slot: 2 * id for a forward arc, 2 * id + 1 for its reverse. */
  readonly cost: Int32Array;
  readonly costs: Float64Array;
  /** Arc slot of each handle, and its starting capacity. */
  readonly slot: Int32Array;
  readonly initial: Int32Array;

  constructor(
    readonly nodes: number,
    readonly dims: number,
    from: Int32Array,
    to: Int32Array,
    cap: Int32Array,
    costId: Int32Array,
    costRows: number[][],
  ) {
    const m = from.length;
    const D = dims;
    this.costs = new Float64Array(costRows.length * 2 * D);
    costRows.forEach((row, id) => {
      for (let k = 0; k < D; k++) {
        this.costs[2 * id * D + k] = row[k];
        this.costs[(2 * id + 1) * D + k] = -row[k];
      }
    });
    const start = new Int32Array(nodes + 1);
    for (let e = 0; e < m; e++) {
      start[from[e] + 1]++;
      start[to[e] + 1]++;
    }
    for (let v = 0; v < nodes; v++) start[v + 1] += start[v];
    const fill = start.slice(0, nodes);
    this.head = new Int32Array(2 * m);
    this.residual = new Int32Array(2 * m);
    this.rev = new Int32Array(2 * m);
    this.cost = new Int32Array(2 * m);
    this.slot = new Int32Array(m);
    this.initial = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const a = fill[from[e]]++;
      const b = fill[to[e]]++;
      this.head[a] = to[e];
      this.head[b] = from[e];
      this.residual[a] = cap[e];
      this.rev[a] = b;
      this.rev[b] = a;
      this.cost[a] = 2 * costId[e];
      this.cost[b] = 2 * costId[e] + 1;
      this.slot[e] = a;
      this.initial[e] = cap[e];
    }
    this.start = start;
  }

  /** True for the slot of an arc as added (false for its reverse). */
  isForward(slot: number): boolean {
    return (this.cost[slot] & 1) === 0;
  }

  /** Flow on a forward arc slot (= the residual capacity of its reverse, which starts at 0). */
  flowAt(slot: number): number {
    return this.residual[this.rev[slot]];
  }

  /** Flow currently on the arc with this handle. */
  flow(handle: number): number {
    return this.initial[handle] - this.residual[this.slot[handle]];
  }
}

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
