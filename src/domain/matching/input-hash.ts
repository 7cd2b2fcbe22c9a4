import { fnv1a64 } from '../hash';
import type { CanonInput } from './normalise';

/** Hash of the canonical input (already sorted and normalised), including the priority. */
export function hashCanonicalInput(canon: CanonInput): string {
  // Without earlier pairs the hash is what it was before they existed (runs stay comparable).
  const { previous, ...rest } = canon;
  return fnv1a64(JSON.stringify({ v: 1, ...rest, ...(previous.length ? { previous } : {}) }));
}
