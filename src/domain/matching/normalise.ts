/**
 * Normalisation and canonical ordering of the matching input.
 *
 * Everything downstream works on the canonical form, so the result depends only on the content of
 * the input, never on the order of its rows:
 * - e-mails: trimmed, lower-case; rows with a blank e-mail are dropped;
 * - library services: compared on a key that ignores case, accents, punctuation and extra spaces
 *   ("Kent Libraries" = "kent  libraries." ); "&" counts as "and"; a blank service never collides;
 * - areas: compared case-insensitively ignoring extra spaces; a mentee's needs keep their order and
 *   spelling (first spelling wins for duplicates); a mentor's offers are a set;
 * - duplicate mentee / mentor rows (same e-mail): the first in canonical order is kept, where rows
 *   are ordered by e-mail and then by their full normalised content;
 * - choices: positional (index 0 = 1st choice), at most three positions are read; a repeated mentor
 *   keeps its best rank; unknown mentors are kept here and ignored later.
 */
import type { MatchInput, MatchingPriority } from './types';

export interface CanonMentee {
  email: string;
  name: string;
  service: string;
  serviceKey: string;
  /** Needs in the mentee's order and spelling; `key` is the comparison key. */
  needs: { label: string; key: string }[];
  /** Normalised e-mails by position (0 = 1st choice); '' for a blank position. Length <= 3. */
  choices: string[];
}

export interface CanonMentor {
  email: string;
  name: string;
  service: string;
  serviceKey: string;
  /** Sorted, de-duplicated area keys. */
  offers: string[];
  capacity: number;
}

export interface CanonRule {
  mentee: string;
  mentor: string;
  rule: 'Lock' | 'Never';
  reason: string;
}

export interface CanonInput {
  mentees: CanonMentee[];
  mentors: CanonMentor[];
  rules: CanonRule[];
  confirmed: { mentee: string; mentor: string }[];
  /** Earlier pairs, one entry per pair (sorted), with the cohorts it ran in (in input order). */
  previous: { mentee: string; mentor: string; cohorts: string[] }[];
  priority: MatchingPriority;
}

const text = (s: unknown): string => (typeof s === 'string' ? s : s == null ? '' : String(s));

/** Trim and collapse inner white space (for display strings). */
export function tidy(s: unknown): string {
  return tidyRaw(s);
}

function tidyRaw(s: unknown): string {
  return text(s).replace(/\s+/g, ' ').trim();
}

export function normEmail(s: unknown): string {
  return text(s).trim().toLowerCase();
}

export function normService(s: unknown): string {
  return normServiceRaw(s);
}

function normServiceRaw(s: unknown): string {
  return text(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function normArea(s: unknown): string {
  return normAreaRaw(s);
}

function normAreaRaw(s: unknown): string {
  return tidy(s).toLowerCase();
}

/** True when both people name the same (non-blank) library service. */
export function sameService(a: { serviceKey: string }, b: { serviceKey: string }): boolean {
  return a.serviceKey !== '' && a.serviceKey === b.serviceKey;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function dedupeBy<T extends { email: string }>(rows: T[]): T[] {
  const keyed = rows.map((r) => ({ r, k: JSON.stringify(r) }));
  keyed.sort((x, y) => cmp(x.r.email, y.r.email) || cmp(x.k, y.k));
  const out: T[] = [];
  for (const { r } of keyed) {
    if (out.length === 0 || out[out.length - 1].email !== r.email) out.push(r);
  }
  return out;
}

function sortUniquePairs<T extends { mentee: string; mentor: string }>(rows: T[]): T[] {
  const keyed = rows.map((r) => ({ r, k: JSON.stringify(r) }));
  keyed.sort((x, y) => cmp(x.r.mentee, y.r.mentee) || cmp(x.r.mentor, y.r.mentor) || cmp(x.k, y.k));
  const out: T[] = [];
  let last = '';
  for (const { r, k } of keyed) {
    if (k !== last) out.push(r);
    last = k;
  }
  return out;
}

const memo = <T>(f: (s: unknown) => T): ((s: unknown) => T) => {
  const cache = new Map<unknown, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) cache.set(s, (v = f(s)));
    return v;
  };
};

export function canonicalise(input: MatchInput): CanonInput {
  // Services and areas repeat a lot: normalise each distinct string once.
  const normService = memo(normServiceRaw);
  const normArea = memo(normAreaRaw);
  const tidy = memo(tidyRaw);
  const mentees = dedupeBy(
    (input.mentees ?? [])
      .map((m): CanonMentee => {
        const needs: { label: string; key: string }[] = [];
        for (const raw of m.needs ?? []) {
          const key = normArea(raw);
          if (key !== '' && !needs.some((n) => n.key === key))
            needs.push({ label: tidy(raw), key });
        }
        const choices = (m.choices ?? []).slice(0, 3).map(normEmail);
        while (choices.length > 0 && choices[choices.length - 1] === '') choices.pop();
        return {
          email: normEmail(m.email),
          name: tidy(m.name),
          service: tidy(m.service),
          serviceKey: normService(m.service),
          needs,
          choices,
        };
      })
      .filter((m) => m.email !== ''),
  );
  const mentors = dedupeBy(
    (input.mentors ?? [])
      .map((m): CanonMentor => {
        const cap = Number(m.capacity);
        return {
          email: normEmail(m.email),
          name: tidy(m.name),
          service: tidy(m.service),
          serviceKey: normService(m.service),
          offers: [...new Set((m.offers ?? []).map(normArea).filter((k) => k !== ''))].sort(cmp),
          capacity: Number.isFinite(cap) ? Math.max(0, Math.floor(cap)) : 0,
        };
      })
      .filter((m) => m.email !== ''),
  );
  const rules = sortUniquePairs(
    (input.rules ?? [])
      .filter((r) => r.rule === 'Lock' || r.rule === 'Never')
      .map((r): CanonRule => ({
        mentee: normEmail(r.mentee),
        mentor: normEmail(r.mentor),
        rule: r.rule,
        reason: tidy(r.reason),
      }))
      .filter((r) => r.mentee !== '' && r.mentor !== ''),
  );
  const confirmed = sortUniquePairs(
    (input.confirmed ?? [])
      .map((c) => ({ mentee: normEmail(c.mentee), mentor: normEmail(c.mentor) }))
      .filter((c) => c.mentee !== '' && c.mentor !== ''),
  );
  const previousByPair = new Map<string, { mentee: string; mentor: string; cohorts: string[] }>();
  for (const p of input.previous ?? []) {
    const mentee = normEmail(p.mentee);
    const mentor = normEmail(p.mentor);
    if (mentee === '' || mentor === '') continue;
    const key = `${mentee}\n${mentor}`;
    const entry = previousByPair.get(key) ?? { mentee, mentor, cohorts: [] };
    const cohort = tidy(p.cohort) || 'an earlier cohort';
    if (!entry.cohorts.includes(cohort)) entry.cohorts.push(cohort);
    previousByPair.set(key, entry);
  }
  const previous = [...previousByPair.values()].sort(
    (x, y) => cmp(x.mentee, y.mentee) || cmp(x.mentor, y.mentor),
  );
  const priority: MatchingPriority =
    input.priority === 'first-choice' ? 'first-choice' : 'any-choice';
  return { mentees, mentors, rules, confirmed, previous, priority };
}
