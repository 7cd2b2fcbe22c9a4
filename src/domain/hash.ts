/**
 * FNV-1a 64-bit hash in pure TypeScript (two 32-bit halves, no BigInt), over the UTF-8 bytes of a
 * string: a short stable key for text (the matching input, a forwarded concern).
 */
const PRIME_LO = 0x1b3; // FNV 64-bit prime is 2^40 + 0x1b3

export function fnv1a64(s: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    let n = 1;
    if (c < 0x80) {
      bytes[0] = c;
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate
      if (c < 0x800) {
        bytes[0] = 0xc0 | (c >> 6);
        bytes[1] = 0x80 | (c & 63);
        n = 2;
      } else if (c < 0x10000) {
        bytes[0] = 0xe0 | (c >> 12);
        bytes[1] = 0x80 | ((c >> 6) & 63);
        bytes[2] = 0x80 | (c & 63);
        n = 3;
      } else {
        bytes[0] = 0xf0 | (c >> 18);
        bytes[1] = 0x80 | ((c >> 12) & 63);
        bytes[2] = 0x80 | ((c >> 6) & 63);
        bytes[3] = 0x80 | (c & 63);
        n = 4;
      }
    }
    for (let b = 0; b < n; b++) {
      lo = (lo ^ bytes[b]) >>> 0;
      // (hi:lo) * (2^40 + 0x1b3) mod 2^64; lo * 0x1b3 < 2^41 is exact in a double.
      const low = lo * PRIME_LO;
      hi = (Math.imul(hi, PRIME_LO) + ((low / 0x100000000) | 0) + (lo << 8)) >>> 0;
      lo = low >>> 0;
    }
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}
