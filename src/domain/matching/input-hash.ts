import { fnv1a64 } from '../hash';
import type { CanonInput } from './normalise';

/** Hash of the canonical input (already sorted and normalised), including the priority. */
export function hashCanonicalInput(canon: CanonInput): string {
  return fnv1a64(JSON.stringify({ v: 1, ...canon }));
}
