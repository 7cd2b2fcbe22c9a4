/**
 * A flow network in compressed sparse rows: each node's arc slots are contiguous; every arc added
 * gets a slot at its tail and a reverse slot (capacity 0, negated cost) at its head. Arc costs are
 * ids into a small table of cost vectors, so memory is O(nodes + arcs) plus the table.
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
