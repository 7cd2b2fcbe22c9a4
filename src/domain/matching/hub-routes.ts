/**
 * Needs-only routes from mentees to mentors without one arc per pair.
 *
 * A mentee with needs N and a mentor offering O share |N & O| areas, so routes go through one hub
 * per distinct intersection I = N & O (N over the mentees' distinct need sets, O over the mentors'
 * distinct offer sets): mentee -> hub(I) carries the cost "shared |I|"; hub(I) reaches every mentor
 * whose offer set produces I with some need set. A route through a hub I smaller than the real
 * intersection only under-counts shared areas, and inner arcs have unlimited capacity, so a flow
 * using such a route can be re-routed through hub(N & O) at strictly better cost: the optimum over
 * this network is exactly the optimum over all pairs. (Likewise a needs-only route to a mentor the
 * mentee chose is dominated by the choice arc, which only that mentee can use.)
 *
 * Same-service exclusion without pairs: each hub's mentors are sorted by service into a prefix chain
 * P[0..r-1] (P[k] reaches service groups <= k) and a suffix chain Q (groups >= k). A mentee whose
 * service is group k of the hub enters P[k-1] and Q[k+1], or P[r-1] when no mentor of the hub
 * shares its service, so it reaches every mentor of the hub except those of its own service.
 *
 * Size: O(sum over people of min(2^areas, distinct sets on the other side)) arcs, plus the
 * (distinct need sets) x (distinct offer sets) intersections computed once; for realistic data
 * (10 areas, 1-4 per person) this is linear in people. With very diverse area sets it degrades
 * towards mentees x distinct offer sets, never beyond about twice the all-pairs network.
 */
import type { AreaMasks } from './area-masks';
import { popcount } from './area-masks';
import type { FlowNetworkBuilder } from './flow-network';

export interface HubRouteInput {
  g: FlowNetworkBuilder;
  masks: AreaMasks;
  needMask: Uint32Array[];
  offerMask: Uint32Array[];
  menteeService: number[];
  mentorService: number[];
  menteeNode: number;
  mentorNode: number;
  /** Mentees routed through hubs, and mentors with free places. */
  hubMentees: number[];
  openMentors: number[];
  /** Cost id of a mentee -> hub arc sharing `shared` areas. */
  entryCost: (shared: number) => number;
  /** Capacity standing for "unlimited". */
  INF: number;
}

/** Adds hub nodes, chains and entry arcs; returns the number of hubs. */
export function addHubRoutes(input: HubRouteInput): number {
  const {
    g,
    masks,
    needMask,
    offerMask,
    menteeNode,
    mentorNode,
    hubMentees,
    openMentors,
    entryCost,
    INF,
  } = input;
  const W = masks.W;
  // Classes of hub-routed mentees (by need set) and open mentors (by offer set).
  const groupBy = (
    sets: Uint32Array[],
    members: number[],
  ): { mask: Uint32Array; items: number[] }[] => {
    const index = new Map<number | string, number>();
    const out: { mask: Uint32Array; items: number[] }[] = [];
    for (const i of members) {
      const k = masks.key(sets[i]);
      let c = index.get(k);
      if (c === undefined) {
        c = out.length;
        index.set(k, c);
        out.push({ mask: sets[i], items: [] });
      }
      out[c].items.push(i);
    }
    return out;
  };
  const menteeClasses = groupBy(needMask, hubMentees);
  const mentorClasses = groupBy(offerMask, openMentors);

  // Hubs = distinct intersections N & O. First pass (need-set major): hubs of each mentee class;
  // second pass (offer-set major): mentor classes of each hub. Stamps de-duplicate in O(1).
  // Small tag universes index hubs by mask directly (no hashing); larger ones use a Map.
  const table =
    W === 1 && masks.tagCount <= 16 ? new Int32Array(1 << masks.tagCount).fill(-1) : null;
  const hubIndex = new Map<number | string, number>();
  const hubSize: number[] = [];
  const hubStamp: number[] = [];
  const menteeClassHubs: number[][] = menteeClasses.map(() => []);
  const hubMentorClasses: number[][] = [];
  const tmp = new Uint32Array(W);
  const hubOf = (a: Uint32Array, b: Uint32Array, create: boolean): number => {
    for (let w = 0; w < W; w++) tmp[w] = a[w] & b[w];
    const k = table ? tmp[0] : masks.key(tmp);
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
    list.sort((x, y) => input.mentorService[x] - input.mentorService[y] || x - y);
    const services: number[] = [];
    const groups: number[][] = [];
    for (const j of list) {
      const s = input.mentorService[j];
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
      const s = input.menteeService[i];
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
        const cost = entryCost(hubSize[h]);
        if (lo === r || services[lo] !== s) {
          g.arc(menteeNode + i, pNode + r - 1, 1, cost);
          continue;
        }
        if (lo > 0) g.arc(menteeNode + i, pNode + lo - 1, 1, cost);
        if (lo < r - 1) g.arc(menteeNode + i, qNode + lo + 1, 1, cost);
      }
    }
  });

  return hubSize.length;
}
