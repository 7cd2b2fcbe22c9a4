/** Plain-English, one-line explanations for scheme staff ("why" texts). */
import { pairKey } from './fixed-pairs';
import { sameService, type CanonMentee, type CanonMentor } from './normalise';

export interface ReasonContext {
  mentorByEmail: Map<string, CanonMentor>;
  never: Set<string>;
  /** Pairs from earlier cohorts that no Lock names, with their cohorts: not made again. */
  previous: Map<string, string[]>;
  /** How many mentees chose each mentor at all / as 1st choice (all mentees, fixed ones too). */
  demand: Map<string, { any: number; first: number }>;
  /** Places taken by fixed pairs, per mentor. */
  taken: Map<string, number>;
  /** Places still free after matching, per mentor. */
  free: Map<string, number>;
  /** Mentors with a free place after matching, per service key (blank services excluded). */
  freeByService: Map<string, number>;
  /** Number of mentors with a free place after matching. */
  freeMentors: number;
}

const ORDINAL = ['1st', '2nd', '3rd'];

export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function sharedText(areas: string[]): string {
  return areas.length > 0 ? `shares ${listText(areas)}` : 'no shared areas';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const nameOf = (m: CanonMentor): string => m.name || m.email;

type Status =
  'unknown' | 'self' | 'same-service' | 'never' | 'previous' | 'no-places' | 'full' | 'free';

function status(mentee: CanonMentee, email: string, ctx: ReasonContext): Status {
  const mentor = ctx.mentorByEmail.get(email);
  if (!mentor) return 'unknown';
  if (mentor.email === mentee.email) return 'self';
  if (sameService(mentee, mentor)) return 'same-service';
  if (ctx.never.has(pairKey(mentee.email, email))) return 'never';
  if (ctx.previous.has(pairKey(mentee.email, email))) return 'previous';
  if (mentor.capacity - (ctx.taken.get(email) ?? 0) <= 0) return 'no-places';
  return (ctx.free.get(email) ?? 0) > 0 ? 'free' : 'full';
}

/** Describes one chosen mentor that was not granted, e.g. "1st choice Ann Jones is full". */
function describe(mentee: CanonMentee, pos: number, ctx: ReasonContext, detail: boolean): string {
  const email = mentee.choices[pos];
  const mentor = ctx.mentorByEmail.get(email);
  const who = `${ORDINAL[pos]} choice ${mentor ? nameOf(mentor) : email}`;
  switch (status(mentee, email, ctx)) {
    case 'unknown':
      return `${who} is not a registered mentor`;
    case 'self':
      return `${ORDINAL[pos]} choice is the mentee themself`;
    case 'same-service':
      return `${who} is from the same library service`;
    case 'never':
      return `${who} is ruled out by staff`;
    case 'previous':
      return `${who} was paired with them in ${listText(ctx.previous.get(pairKey(mentee.email, email)) ?? [])}: not paired again unless you Lock them`;
    case 'no-places':
      return mentor && mentor.capacity <= 0
        ? `${who} has no places`
        : `${who} has no place left after locked or confirmed pairs`;
    default: {
      if (!detail || !mentor) return `${who} is full`;
      const d = ctx.demand.get(email) ?? { any: 0, first: 0 };
      const places = mentor.capacity - (ctx.taken.get(email) ?? 0);
      const fixed = ctx.taken.get(email) ?? 0;
      let text = `${who} was chosen by ${plural(d.any, 'mentee')}, ${d.first} as 1st choice, for ${plural(places, 'place')}`;
      if (fixed > 0) text += ` (${fixed} more taken by fixed pairs)`;
      if (d.any <= places)
        text += `, which went to ${places === 1 ? 'a mentee' : 'mentees'} with fewer options`;
      return text;
    }
  }
}

/** Positions (0..2) of choices naming a registered mentor, first occurrence only. */
export function knownChoices(mentee: CanonMentee, ctx: ReasonContext): number[] {
  const out: number[] = [];
  mentee.choices.forEach((e, pos) => {
    if (e !== '' && ctx.mentorByEmail.has(e) && mentee.choices.indexOf(e) === pos) out.push(pos);
  });
  return out;
}

function unknownChoices(mentee: CanonMentee, ctx: ReasonContext): string {
  const unknown = mentee.choices.filter((e) => e !== '' && !ctx.mentorByEmail.has(e));
  if (unknown.length === 0) return '';
  return ` (${listText(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not a registered mentor)`;
}

function onNeeds(shared: string[]): string {
  return shared.length > 0
    ? `matched on needs: ${sharedText(shared)}`
    : 'matched on a free place (no shared areas)';
}

/** Why text for a pair made by the optimiser. */
export function matchedWhy(
  mentee: CanonMentee,
  rank: 1 | 2 | 3 | null,
  shared: string[],
  ctx: ReasonContext,
): string {
  const known = knownChoices(mentee, ctx);
  const firstNote = (): string => {
    if (mentee.choices.length === 0 || mentee.choices[0] === '') return '';
    return ` (${describe(mentee, 0, ctx, true)})`;
  };
  if (rank === 1) return `1st choice; ${sharedText(shared)}`;
  if (rank !== null) return `${ORDINAL[rank - 1]} choice${firstNote()}; ${sharedText(shared)}`;
  if (known.length === 0)
    return `No choices received${unknownChoices(mentee, ctx)}; ${onNeeds(shared)}`;
  const none =
    known.length === 1
      ? 'Their only choice could not be given'
      : 'None of their choices could be given';
  const detail = known.map((pos) => describe(mentee, pos, ctx, pos === known[0]));
  return `${none} (${detail.join('; ')}); ${onNeeds(shared)}`;
}

/** Why text for a mentee left without a mentor. */
export function unmatchedWhy(mentee: CanonMentee, ctx: ReasonContext): string {
  const known = knownChoices(mentee, ctx);
  // Mentors with a free place other than the mentee's choices, and why each is out of reach.
  let others = ctx.freeMentors;
  let sameSvc = mentee.serviceKey !== '' ? (ctx.freeByService.get(mentee.serviceKey) ?? 0) : 0;
  const chosen = new Set(known.map((pos) => mentee.choices[pos]));
  for (const e of chosen) {
    if ((ctx.free.get(e) ?? 0) <= 0) continue;
    others--;
    if (sameService(mentee, ctx.mentorByEmail.get(e) as CanonMentor)) sameSvc--;
  }
  const service = mentee.service || 'their library service';
  let tail: string;
  if (others <= 0)
    tail = known.length > 0 ? 'no other mentor has a free place' : 'no mentor has a free place';
  else if (others === sameSvc) {
    tail =
      known.length > 0
        ? `no other mentor outside ${service} has a place`
        : `every mentor with a place is from ${service}`;
  } else {
    const before = [...ctx.previous.keys()].some((k) => k.startsWith(`${mentee.email}\n`));
    tail = `every ${known.length > 0 ? 'other ' : ''}mentor with a place is from the same library service${before ? ', was paired with them before' : ''} or ruled out by staff`;
  }
  if (known.length === 0) {
    return `No choices received${unknownChoices(mentee, ctx)}; ${tail}`;
  }
  const statuses = known.map((pos) => status(mentee, mentee.choices[pos], ctx));
  if (statuses.every((s) => s === 'full')) {
    const all =
      known.length === 3
        ? 'All three choices are full'
        : known.length === 2
          ? 'Both choices are full'
          : 'Their only choice is full';
    const first = known[0] === 0 ? ` (${describe(mentee, 0, ctx, true)})` : '';
    return `${all}${first} and ${tail}`;
  }
  const text = known.map((pos) => describe(mentee, pos, ctx, pos === 0)).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}; ${tail}`;
}
