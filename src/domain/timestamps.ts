/**
 * Timestamps as Google writes them in form exports and response sheets, read into instants.
 * A timestamp without an offset is wall-clock time in the scheme's time zone.
 */

const GOOGLE_EXPORT =
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(?:(GMT|UTC)\s*(?:([+-]\d{1,2})(?::?(\d{2}))?)?)?$/i;
const SLASHED =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function parseTimestamp(text: string, timeZone: string): Date | null {
  const value = String(text).trim();
  let m = GOOGLE_EXPORT.exec(value);
  if (m) {
    const wall = wallTime(m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
    if (!wall) return null;
    if (m[8] === undefined) return fromZonedWallTime(wall, timeZone);
    const hours = m[9] ?? '+0';
    const sign = hours.startsWith('-') ? -1 : 1;
    const offset = sign * (Math.abs(Number(hours)) * 60 + Number(m[10] ?? 0));
    return fromOffsetWallTime(wall, offset);
  }
  m = SLASHED.exec(value);
  if (m) {
    // Response sheets write the spreadsheet's locale. A number over 12 settles which is the day;
    // otherwise the day comes first, as in the UK locale the scheme's sheets use.
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [day, month] = a > 12 || b <= 12 ? [a, b] : [b, a];
    const wall = wallTime(m[3], String(month), String(day), m[4], m[5], m[6], m[7]);
    return wall ? fromZonedWallTime(wall, timeZone) : null;
  }
  m = ISO.exec(value);
  if (m) {
    const wall = wallTime(m[1], m[2], m[3], m[4], m[5], m[6], undefined);
    if (!wall) return null;
    if (!m[7]) return fromZonedWallTime(wall, timeZone);
    if (m[7].toUpperCase() === 'Z') return fromOffsetWallTime(wall, 0);
    const sign = m[7].startsWith('-') ? -1 : 1;
    const digits = m[7].replace(/[^0-9]/g, '');
    return fromOffsetWallTime(
      wall,
      sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))),
    );
  }
  return null;
}

function wallTime(
  year: string,
  month: string,
  day: string,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  meridiem: string | undefined,
): WallTime | null {
  let h = Number(hour ?? 0);
  if (meridiem) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
  }
  const wall = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: h,
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  const valid =
    probe.getUTCMonth() === wall.month - 1 &&
    probe.getUTCDate() === wall.day &&
    wall.hour < 24 &&
    wall.minute < 60 &&
    wall.second < 60;
  return valid ? wall : null;
}

function fromOffsetWallTime(wall: WallTime, offsetMinutes: number): Date {
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return new Date(utc - offsetMinutes * 60_000);
}

/** Minutes the zone is ahead of UTC at that instant (60 for London in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function fromZonedWallTime(wall: WallTime, timeZone: string): Date {
  const guess = fromOffsetWallTime(wall, 0);
  const first = fromOffsetWallTime(wall, zoneOffsetMinutes(guess, timeZone));
  return fromOffsetWallTime(wall, zoneOffsetMinutes(first, timeZone));
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Shortly after midnight tomorrow in the zone: when a new day's e-mail quota is there. */
export function startOfNextDay(now: Date, timeZone: string, minutesAfter = 10): Date {
  const wall = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000);
  return fromZonedWallTime(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate() + 1,
      hour: 0,
      minute: minutesAfter,
      second: 0,
    },
    timeZone,
  );
}
