/**
 * Resolves pairs fixed before optimisation: 'confirmed' pairs and 'Lock' rules.
 *
 * Fixed pairs are kept as given (they consume mentor places) except when they would break a hard
 * rule: an unknown mentor, the same person, the same library service, or a Never rule on the same
 * pair (Never wins). Conflicts are resolved without throwing: candidates are taken in (mentee e-mail,
 * mentor e-mail) order, a confirmed pair before a lock of the same pair; the first one for a mentee
 * is kept, later ones for that mentee are dropped, and a pair whose mentor has no place left is
 * dropped. Every dropped pair leaves a note for its mentee, shown in that mentee's `why`.
 */
import { sameService, type CanonInput, type CanonMentee, type CanonMentor } from './normalise';
import type { NotApplied } from './types';

export interface FixedPair {
  mentee: string;
  mentor: string;
  kind: 'confirmed' | 'lock';
  reason: string;
}

export interface FixedResolution {
  /** Kept fixed pair per mentee e-mail. */
  kept: Map<string, FixedPair>;
  /** Conflict notes per mentee e-mail. */
  notes: Map<string, string[]>;
  /** Places taken by kept fixed pairs, per mentor e-mail. */
  taken: Map<string, number>;
  /** Every Lock or Confirmed pair that could not be kept, and why (for the run's summary). */
  dropped: NotApplied[];
}

export const pairKey = (mentee: string, mentor: string): string => `${mentee}\n${mentor}`;

export function resolveFixedPairs(
  canon: CanonInput,
  menteeByEmail: Map<string, CanonMentee>,
  mentorByEmail: Map<string, CanonMentor>,
  never: Set<string>,
): FixedResolution {
  const candidates: FixedPair[] = [
    ...canon.confirmed.map((c): FixedPair => ({ ...c, kind: 'confirmed', reason: '' })),
    ...canon.rules
      .filter((r) => r.rule === 'Lock')
      .map((r): FixedPair => ({
        mentee: r.mentee,
        mentor: r.mentor,
        kind: 'lock',
        reason: r.reason,
      })),
  ];
  const order = (a: FixedPair, b: FixedPair): number =>
    a.mentee < b.mentee
      ? -1
      : a.mentee > b.mentee
        ? 1
        : a.mentor < b.mentor
          ? -1
          : a.mentor > b.mentor
            ? 1
            : 0;
  candidates.sort(
    (a, b) => order(a, b) || (a.kind === b.kind ? 0 : a.kind === 'confirmed' ? -1 : 1),
  );

  const kept = new Map<string, FixedPair>();
  const notes = new Map<string, string[]>();
  const taken = new Map<string, number>();
  const dropped: NotApplied[] = [];
  const note = (mentee: string, text: string): void => {
    const list = notes.get(mentee) ?? [];
    if (!list.includes(text)) list.push(text);
    notes.set(mentee, list);
  };
  let last: FixedPair | undefined;
  for (const c of candidates) {
    if (last && order(last, c) === 0) continue; // same pair both confirmed and locked
    last = c;
    const mentee = menteeByEmail.get(c.mentee);
    if (!mentee) {
      // Nothing to attach a note to, but staff are still told in the summary.
      dropped.push({
        mentee: c.mentee,
        mentor: c.mentor,
        kind: c.kind,
        problem: 'not an accepted mentee',
      });
      continue;
    }
    const mentor = mentorByEmail.get(c.mentor);
    const label = `${c.kind === 'lock' ? 'Lock with' : 'Confirmed pair with'} ${mentor?.name || c.mentor}`;
    const already = kept.get(c.mentee);
    let problem = '';
    if (!mentor) problem = 'not a registered mentor';
    else if (c.mentee === c.mentor) problem = 'same person';
    else if (sameService(mentee, mentor)) problem = 'same library service';
    else if (never.has(pairKey(c.mentee, c.mentor))) problem = 'a Never rule forbids this pair';
    else if (already) {
      const other = mentorByEmail.get(already.mentor);
      problem = `mentee already ${already.kind === 'lock' ? 'locked to' : 'confirmed with'} ${other?.name || already.mentor}`;
    } else if ((taken.get(c.mentor) ?? 0) >= mentor.capacity) {
      problem = `${mentor.name || mentor.email} has no place left after earlier fixed pairs`;
    }
    if (problem) {
      note(c.mentee, `${label} not applied (${problem})`);
      dropped.push({ mentee: c.mentee, mentor: c.mentor, kind: c.kind, problem });
      continue;
    }
    kept.set(c.mentee, c);
    taken.set(c.mentor, (taken.get(c.mentor) ?? 0) + 1);
  }
  return { kept, notes, taken, dropped };
}
