import { FakeBlob, MAX_BLOB_BYTES } from './blob';
import { isDateLike, type FakeRuntime } from './runtime';
import { offsetMs, zonedParts, zoneName } from './tz';

type UtilitiesMethods = 'formatDate' | 'getUuid' | 'sleep' | 'newBlob';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Utilities: formatDate (Java SimpleDateFormat patterns), deterministic getUuid, virtual sleep,
 * newBlob (from a string, or from an Array of Java bytes: integers -128..127).
 */
export class FakeUtilities implements Pick<GoogleAppsScript.Utilities.Utilities, UtilitiesMethods> {
  private uuids = 0;

  constructor(private readonly rt: FakeRuntime) {
    rt.registerService('Utilities', ['Utilities']);
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.rt.hit('Utilities', 'formatDate');
    if (!isDateLike(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw this.rt.signatureError([date, timeZone, format], 'Utilities.formatDate');
    }
    return formatSimpleDate(date.getTime(), timeZone, format, (m) => this.rt.error(m));
  }

  /** Deterministic v4-shaped UUIDs: ...-000000000001, ...-000000000002, ... */
  getUuid(): string {
    this.rt.hit('Utilities', 'getUuid');
    this.uuids += 1;
    return `00000000-0000-4000-8000-${String(this.uuids).padStart(12, '0')}`;
  }

  /**
   * newBlob(data[, contentType[, name]]). Bytes must be a plain Array of integers from -128 to
   * 127 (Java's signed bytes, what getBytes() returns); a typed array, or a number outside that
   * range, is refused (see README: the cautious reading). Over 50 MB is refused too.
   */
  newBlob(
    data: string | GoogleAppsScript.Byte[],
    contentType?: string,
    name?: string,
  ): GoogleAppsScript.Base.Blob {
    this.rt.hit('Utilities', 'newBlob');
    const fail = () => this.rt.signatureError([data, contentType, name], 'Utilities.newBlob');
    if (contentType !== undefined && typeof contentType !== 'string') throw fail();
    if (name !== undefined && typeof name !== 'string') throw fail();
    let content: string | Uint8Array;
    if (typeof data === 'string') content = data;
    else if (Array.isArray(data)) {
      const bytes = new Uint8Array(data.length);
      for (let i = 0; i < data.length; i++) {
        const b = data[i];
        if (!Number.isInteger(b) || b < -128 || b > 127) throw fail();
        bytes[i] = b & 0xff;
      }
      content = bytes;
    } else throw fail();
    const blob = new FakeBlob(content, contentType ?? null, name ?? null);
    if (blob.bytes.length > MAX_BLOB_BYTES) {
      throw this.rt.error(
        'Blob object must have non-null data for this operation: size exceeds the 50 MB limit.',
      );
    }
    return blob as unknown as GoogleAppsScript.Base.Blob;
  }

  /** Advances the virtual clock by `milliseconds` (always, with or without latency). */
  sleep(milliseconds: number): void {
    this.rt.hit('Utilities', 'sleep');
    if (typeof milliseconds !== 'number' || milliseconds < 0 || milliseconds > 300_000) {
      throw this.rt.error('Invalid argument: milliseconds');
    }
    this.rt.clock.advance(milliseconds);
  }
}

/**
 * Formats like java.text.SimpleDateFormat in `timeZone`. Supported letters:
 * G y Y M L d D E u a H k K h m s S z Z X; text in single quotes; '' is a quote.
 */
export function formatSimpleDate(
  ms: number,
  timeZone: string,
  pattern: string,
  fail: (message: string) => Error = (m) => new Error(m),
): string {
  let p;
  try {
    p = zonedParts(ms, timeZone);
  } catch {
    throw fail(`Invalid argument: timeZone (${timeZone})`);
  }
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const offset = () => offsetMs(ms, timeZone) / 60000;
  const signed = (colon: boolean, withMinutes: boolean) => {
    const o = offset();
    const abs = Math.abs(o);
    const hh = pad(Math.floor(abs / 60), 2);
    const mm = pad(abs % 60, 2);
    return (o < 0 ? '-' : '+') + hh + (withMinutes ? (colon ? ':' : '') + mm : '');
  };
  const startOfYear = Date.UTC(p.year, 0, 1);
  const dayOfYear = Math.floor((Date.UTC(p.year, p.month - 1, p.day) - startOfYear) / 86400000) + 1;
  const field = (c: string, n: number): string => {
    switch (c) {
      case 'G':
        return p.year > 0 ? 'AD' : 'BC';
      case 'y':
      case 'Y':
        return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
      case 'M':
      case 'L':
        if (n >= 4) return MONTHS[p.month - 1];
        if (n === 3) return MONTHS[p.month - 1].slice(0, 3);
        return pad(p.month, n);
      case 'd':
        return pad(p.day, n);
      case 'D':
        return pad(dayOfYear, n);
      case 'E':
        return n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
      case 'u':
        return pad(p.weekday === 0 ? 7 : p.weekday, n);
      case 'a':
        return p.hour < 12 ? 'AM' : 'PM';
      case 'H':
        return pad(p.hour, n);
      case 'k':
        return pad(p.hour === 0 ? 24 : p.hour, n);
      case 'K':
        return pad(p.hour % 12, n);
      case 'h':
        return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
      case 'm':
        return pad(p.minute, n);
      case 's':
        return pad(p.second, n);
      case 'S':
        return pad(p.millisecond, n);
      case 'z':
        return zoneName(ms, timeZone, n >= 4);
      case 'Z':
        return signed(false, true);
      case 'X':
        if (offset() === 0) return 'Z';
        return signed(n >= 3, n >= 2);
      default:
        throw fail(`Illegal pattern character '${c}'`);
    }
  };

  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw fail('Unterminated quote');
      out += pattern.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n += 1;
      out += field(c, n);
      i += n;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}
