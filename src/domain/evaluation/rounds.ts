import type { Cell, Table, TabSpec } from '../table';
import { isDate } from '../table';
import { fromZonedWallTime, zoneOffsetMinutes } from '../timestamps';

/**
 * Evaluation rounds, scheduled by staff in the Rounds tab: one row per round, its name and the
 * days it opens and closes (both included). Staff may add rounds; a round's name is its key in
 * the Log and the Evaluations tab, so it should not be renamed once questionnaires have gone.
 */
export const ROUNDS_TAB: TabSpec = {
  name: 'Rounds',
  columns: ['Round', 'Opens', 'Closes', 'Notes'],
};

export interface Round {
  name: string;
  /** The first instant of the opening day, in the scheme's time zone. */
  opens: Date;
  /** The first instant after the closing day: nobody is asked or reminded from then on. */
  closes: Date;
}

/** The two rounds of the scheme year that contains `now` (July to January). */
export function defaultRounds(now: Date, timeZone: string): Record<string, Cell>[] {
  const wall = new Date(now.getTime() + zoneOffsetMinutes(now, timeZone) * 60_000);
  // In January the scheme year began last July; from February the coming one starts this July.
  const year = wall.getUTCMonth() === 0 ? wall.getUTCFullYear() - 1 : wall.getUTCFullYear();
  return [
    {
      Round: 'Mid-point',
      Opens: `${year}-10-01`,
      Closes: `${year}-10-31`,
      Notes: 'How is it going, half way through the scheme',
    },
    {
      Round: 'End',
      Opens: `${year + 1}-01-05`,
      Closes: `${year + 1}-01-31`,
      Notes: 'At the end of the scheme, in January',
    },
  ];
}

/** A day written as a date cell or as text (2026-10-01, 01/10/2026, 1 October 2026). */
export function parseDay(cell: Cell, timeZone: string): Date | null {
  if (isDate(cell)) {
    // A date cell's day as the workbook shows it (Sheets and Excel store midnight local time).
    const wall = new Date(cell.getTime() + zoneOffsetMinutes(cell, timeZone) * 60_000);
    return dayStart(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), timeZone);
  }
  const text = String(cell ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return dayStart(Number(m[1]), Number(m[2]), Number(m[3]), timeZone);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return dayStart(Number(m[3]), Number(m[2]), Number(m[1]), timeZone);
  m = /^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.findIndex((name) => name.startsWith(m![2].slice(0, 3).toLowerCase()));
    if (month >= 0) return dayStart(Number(m[3]), month + 1, Number(m[1]), timeZone);
  }
  return null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function dayStart(year: number, month: number, day: number, timeZone: string): Date | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return fromZonedWallTime({ year, month, day, hour: 0, minute: 0, second: 0 }, timeZone);
}

export function dayAfter(day: Date, timeZone: string): Date {
  const wall = new Date(day.getTime() + zoneOffsetMinutes(day, timeZone) * 60_000 + 36 * 3_600_000);
  return dayStart(
    wall.getUTCFullYear(),
    wall.getUTCMonth() + 1,
    wall.getUTCDate(),
    timeZone,
  ) as Date;
}

/** The rounds staff scheduled, and one sentence per row that cannot be read. */
export function readRounds(
  table: Table,
  timeZone: string,
): { rounds: Round[]; problems: string[] } {
  const rounds: Round[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const row of table.rows.keys()) {
    const name = table.text(row, 'Round');
    const opensCell = table.get(row, 'Opens');
    const closesCell = table.get(row, 'Closes');
    if (!name && opensCell === null && closesCell === null) continue;
    const where = `Row ${row + 2} of the Rounds tab`;
    const opens = parseDay(opensCell, timeZone);
    const closes = parseDay(closesCell, timeZone);
    if (!name) problems.push(`${where} has dates but no name in the Round column.`);
    else if (seen.has(name.toLowerCase()))
      problems.push(
        `${where}: there is already a round called "${name}"; give each round its own name.`,
      );
    else if (!opens || !closes)
      problems.push(`${where} ("${name}"): Opens and Closes must be dates such as 2026-10-01.`);
    else if (closes.getTime() < opens.getTime())
      problems.push(`${where} ("${name}") closes before it opens.`);
    else {
      seen.add(name.toLowerCase());
      rounds.push({ name, opens, closes: dayAfter(closes, timeZone) });
    }
  }
  return { rounds, problems };
}

export function isOpen(round: Round, now: Date): boolean {
  return round.opens.getTime() <= now.getTime() && now.getTime() < round.closes.getTime();
}

/** The round's part of an effect key: its name, lower-cased, spaces as dashes. */
export function roundKey(round: Pick<Round, 'name'>): string {
  return round.name.trim().toLowerCase().replace(/\s+/g, '-');
}

/** A day as staff read it in e-mails, e.g. "31 October 2026" (`end` is the instant after it). */
export function lastDayText(end: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(end.getTime() - 1));
}
