/**
 * matchCohort: the matching engine's entry point.
 *
 * Objective, compared lexicographically and exactly (integers only, never a weighted sum):
 *   1. most mentees matched;
 *   2. most mentees matched to one of their choices   } swapped when priority = 'first-choice'
 *   3. most mentees matched to their 1st choice       }
 *   4. most 2nd choices;
 *   5. largest total of shared areas (mentee needs covered by the mentor's offers);
 *   6. tie-break: among matchings equal on 1-5, the one the deterministic solver reaches on the
 *      canonical input (people sorted by normalised e-mail, services and areas by normalised key,
 *      arcs scanned in that order, heap ties broken by node index). It depends only on the content
 *      of the input, never on row order, but it is not a "fairness" rule staff should rely on.
 * Locked and confirmed pairs are fixed first (see fixed-pairs.ts) and count in the profile.
 * Pairs from earlier cohorts (`previous`) are ruled out like a Never, unless a Lock names them.
 */
import {
  solveAssignment,
  type SolverMentee,
  type SolverMentor,
  type SolverStats,
} from './assignment';
import { pairKey, resolveFixedPairs } from './fixed-pairs';
import { hashCanonicalInput } from './input-hash';
import { canonicalise, sameService, type CanonMentee, type CanonMentor } from './normalise';
import { listText, matchedWhy, unmatchedWhy, type ReasonContext } from './reasons';
import type { MatchedPair, MatchInput, MatchProfile, MatchResult, Unmatched } from './types';

export const MATCHING_ALGORITHM = 'ssp-mcmf-lex/1';

export interface MatchOptions {
  /** Pack objective levels into few numbers (default true). False is only for tests. */
  pack?: boolean;
  /** Receives solver statistics (network size, phases, timings), e.g. for the benchmark. */
  onStats?: (stats: SolverStats & { solveMs: number }) => void;
}

function rankOf(mentee: CanonMentee, mentor: string): 1 | 2 | 3 | null {
  const pos = mentee.choices.indexOf(mentor);
  return pos === 0 ? 1 : pos === 1 ? 2 : pos === 2 ? 3 : null;
}

function sharedAreas(mentee: CanonMentee, mentor: CanonMentor): string[] {
  const offers = new Set(mentor.offers);
  return mentee.needs.filter((n) => offers.has(n.key)).map((n) => n.label);
}

export function matchCohort(input: MatchInput, options: MatchOptions = {}): MatchResult {
  const canon = canonicalise(input);
  const inputHash = hashCanonicalInput(canon);
  const { mentees, mentors, priority } = canon;
  const menteeByEmail = new Map(mentees.map((m) => [m.email, m]));
  const mentorByEmail = new Map(mentors.map((m) => [m.email, m]));
  const mentorIndex = new Map(mentors.map((m, j) => [m.email, j]));
  const never = new Set(
    canon.rules.filter((r) => r.rule === 'Never').map((r) => pairKey(r.mentee, r.mentor)),
  );
  const fixed = resolveFixedPairs(canon, menteeByEmail, mentorByEmail, never);
  // Earlier cohorts' pairs are not made again; a Lock on one lifts that (a Never does not).
  const locked = new Set(
    canon.rules.filter((r) => r.rule === 'Lock').map((r) => pairKey(r.mentee, r.mentor)),
  );
  const pairedBefore = new Map(canon.previous.map((p) => [pairKey(p.mentee, p.mentor), p.cohorts]));
  const previous = new Map([...pairedBefore].filter(([key]) => !locked.has(key)));

  // Service ids in key order; a blank service gets an id of its own per person.
  const serviceKeys = [
    ...new Set([...mentees, ...mentors].map((p) => p.serviceKey).filter((k) => k !== '')),
  ].sort();
  const serviceId = new Map(serviceKeys.map((k, i) => [k, i]));
  let nextBlank = serviceKeys.length;
  const svc = (p: { serviceKey: string }): number =>
    p.serviceKey === '' ? nextBlank++ : (serviceId.get(p.serviceKey) as number);

  const free = mentees.filter((m) => !fixed.kept.has(m.email));
  // Areas that can ever be shared: needed by a free mentee and offered by some mentor.
  const offered = new Set(mentors.flatMap((m) => m.offers));
  const tagKeys = [
    ...new Set(free.flatMap((m) => m.needs.map((n) => n.key)).filter((k) => offered.has(k))),
  ].sort();
  const tagId = new Map(tagKeys.map((k, i) => [k, i]));
  const tags = (keys: string[]): number[] =>
    keys.filter((k) => tagId.has(k)).map((k) => tagId.get(k) as number);

  const solverMentors: SolverMentor[] = mentors.map((m) => ({
    service: svc(m),
    offers: tags(m.offers),
    capacity: Math.max(0, m.capacity - (fixed.taken.get(m.email) ?? 0)),
  }));
  const neverOf = new Map<string, number[]>();
  for (const r of [
    ...canon.rules.filter((x) => x.rule === 'Never'),
    ...canon.previous.filter((x) => previous.has(pairKey(x.mentee, x.mentor))),
  ]) {
    const j = mentorIndex.get(r.mentor);
    if (j === undefined) continue;
    neverOf.set(r.mentee, [...(neverOf.get(r.mentee) ?? []), j]);
  }
  const solverMentees: SolverMentee[] = free.map((m) => {
    const service = svc(m);
    const choices: SolverMentee['choices'] = [];
    m.choices.forEach((e, pos) => {
      const j = mentorIndex.get(e);
      if (j === undefined || m.choices.indexOf(e) !== pos || e === m.email) return;
      const key = pairKey(m.email, e);
      if (never.has(key) || previous.has(key) || sameService(m, mentors[j])) return;
      choices.push({ mentor: j, rank: (pos + 1) as 1 | 2 | 3 });
    });
    const excluded: number[] = [...(neverOf.get(m.email) ?? [])];
    const self = mentorIndex.get(m.email);
    if (self !== undefined) excluded.push(self);
    return { service, needs: tags(m.needs.map((n) => n.key)), choices, excluded };
  });
  const started = Date.now();
  const { mentorOf, stats } = solveAssignment({
    mentees: solverMentees,
    mentors: solverMentors,
    tagCount: tagKeys.length,
    priority,
    pack: options.pack,
  });
  options.onStats?.({ ...stats, solveMs: Date.now() - started });

  // Final pairs (mentee e-mail -> mentor e-mail) and remaining places.
  const pairOf = new Map<string, string>();
  for (const [e, f] of fixed.kept) pairOf.set(e, f.mentor);
  free.forEach((m, i) => {
    if (mentorOf[i] >= 0) pairOf.set(m.email, mentors[mentorOf[i]].email);
  });
  const used = new Map<string, number>();
  for (const t of pairOf.values()) used.set(t, (used.get(t) ?? 0) + 1);
  const remaining = new Map(
    mentors.map((m) => [m.email, Math.max(0, m.capacity - (used.get(m.email) ?? 0))]),
  );
  const freeByService = new Map<string, number>();
  let freeMentors = 0;
  for (const m of mentors) {
    if ((remaining.get(m.email) ?? 0) <= 0) continue;
    freeMentors++;
    if (m.serviceKey !== '')
      freeByService.set(m.serviceKey, (freeByService.get(m.serviceKey) ?? 0) + 1);
  }
  const demand = new Map<string, { any: number; first: number }>();
  for (const m of mentees) {
    m.choices.forEach((e, pos) => {
      if (e === '' || m.choices.indexOf(e) !== pos) return;
      const d = demand.get(e) ?? { any: 0, first: 0 };
      d.any++;
      if (pos === 0) d.first++;
      demand.set(e, d);
    });
  }
  const ctx: ReasonContext = {
    mentorByEmail,
    never,
    previous,
    demand,
    taken: fixed.taken,
    free: remaining,
    freeByService,
    freeMentors,
  };

  const matches: MatchedPair[] = [];
  const unmatched: Unmatched[] = [];
  const profile: MatchProfile = {
    mentees: mentees.length,
    matched: 0,
    choice1: 0,
    choice2: 0,
    choice3: 0,
    noChoice: 0,
    sharedAreas: 0,
  };
  for (const m of mentees) {
    const notes = fixed.notes.get(m.email) ?? [];
    const mentorEmail = pairOf.get(m.email);
    if (mentorEmail === undefined) {
      unmatched.push({ mentee: m.email, why: [...notes, unmatchedWhy(m, ctx)].join('; ') });
      continue;
    }
    const mentor = mentorByEmail.get(mentorEmail) as CanonMentor;
    const rank = rankOf(m, mentorEmail);
    const shared = sharedAreas(m, mentor);
    const f = fixed.kept.get(m.email);
    let why: string;
    if (f) {
      const head =
        f.kind === 'confirmed'
          ? 'Confirmed earlier'
          : // A reason that already says it ("Kept by staff in the review") is not said twice.
            /^kept by staff/i.test(f.reason ?? '')
            ? (f.reason as string)
            : `Kept by staff${f.reason ? `: ${f.reason}` : ''}`;
      const before = pairedBefore.get(pairKey(m.email, mentorEmail));
      // A Lock on an earlier pair says so: staff chose to pair them again.
      const again = f.kind === 'lock' && before ? [`paired before in ${listText(before)}`] : [];
      why = [head, ...again, ...notes].join('; ');
    } else {
      why = [...notes, matchedWhy(m, rank, shared, ctx)].join('; ');
    }
    matches.push({
      mentee: m.email,
      mentor: mentorEmail,
      rank,
      sharedAreas: shared,
      why,
      fixed: f ? f.kind : null,
    });
    profile.matched++;
    if (rank === 1) profile.choice1++;
    else if (rank === 2) profile.choice2++;
    else if (rank === 3) profile.choice3++;
    else profile.noChoice++;
    profile.sharedAreas += shared.length;
  }
  return {
    matches,
    notApplied: fixed.dropped,
    unmatched,
    profile,
    algorithm: MATCHING_ALGORITHM,
    inputHash,
    priority,
  };
}
