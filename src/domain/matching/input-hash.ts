/**
 * FNV-1a 64-bit hash in pure TypeScript (two 32-bit halves, no BigInt), over the UTF-8 bytes of a
 * string, plus the hash of a canonical matching input.
 */
import type { CanonInput } from './normalise';

const PRIME_LO = 0x1b3; // FNV 64-bit prime is 2^40 + 0x1b3

export function fnv1a64(s: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const eat = (byte: number): void => {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64
    const low = lo * PRIME_LO; // < 2^41, exact
    const carry = Math.floor(low / 0x100000000);
    hi = (Math.imul(hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  for (let i = 0; i < s.length; i++) {
    let c = s.codePointAt(i) as number;
    if (c > 0xffff) i++; // surrogate pair consumed
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
    if (c < 0x80) eat(c);
    else if (c < 0x800) {
      eat(0xc0 | (c >> 6));
      eat(0x80 | (c & 63));
    } else if (c < 0x10000) {
      eat(0xe0 | (c >> 12));
      eat(0x80 | ((c >> 6) & 63));
      eat(0x80 | (c & 63));
    } else {
      eat(0xf0 | (c >> 18));
      eat(0x80 | ((c >> 12) & 63));
      eat(0x80 | ((c >> 6) & 63));
      eat(0x80 | (c & 63));
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Hash of the canonical input (already sorted and normalised), including the priority. */
export function hashCanonicalInput(canon: CanonInput): string {
  return fnv1a64(JSON.stringify({ v: 1, ...canon }));
}
