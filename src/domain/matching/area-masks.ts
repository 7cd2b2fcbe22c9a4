/** Sets of area (tag) ids as fixed-width bit masks: W 32-bit words per set. */

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface AreaMasks {
  /** Words per mask. */
  W: number;
  tagCount: number;
  of(tags: number[]): Uint32Array;
  /** A Map key identifying the set. */
  key(m: Uint32Array): number | string;
  /** Size of the intersection. */
  shared(a: Uint32Array, b: Uint32Array): number;
}

export function areaMasks(tagCount: number): AreaMasks {
  const W = Math.max(1, Math.ceil(tagCount / 32));
  return {
    W,
    tagCount,
    of: (tags) => {
      const m = new Uint32Array(W);
      for (const t of tags) m[t >>> 5] |= 1 << (t & 31);
      return m;
    },
    key: (m) => (W === 1 ? m[0] : m.join(',')),
    shared: (a, b) => {
      let s = 0;
      for (let w = 0; w < W; w++) s += popcount(a[w] & b[w]);
      return s;
    },
  };
}
