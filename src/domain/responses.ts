import { Cell, isDate } from './table';

/** One form response, from a CSV export or a live form submission alike. */
export interface FormResponse {
  email: string;
  /** When Google recorded it; null when the timestamp could not be read. */
  submitted: Date | null;
  /** The timestamp as written, kept when it could not be read. */
  submittedText: string;
  answers: ReadonlyMap<string, string>;
}

/** How many responses a recording added, replaced, found again, or ignored as older. */
export interface RecordCounts {
  added: number;
  updated: number;
  unchanged: number;
  older: number;
}

export function noCounts(): RecordCounts {
  return { added: 0, updated: 0, unchanged: 0, older: 0 };
}

/**
 * THE rule for a person who answers the same form again: the newest response wins, and the
 * answers it replaces go to the Log (the caller writes them). Compared by the Submitted cell:
 * - both dated: the later one wins; the same instant is a tie and counts as the same response,
 *   so what was recorded first stays (re-importing an export never flips between two rows);
 * - a dated response is never replaced by an undated one (its time cannot be trusted to be
 *   later), and an undated one is replaced by any dated one;
 * - both undated: the same text is the same response; otherwise the later arrival wins.
 */
export function compareResponses(incoming: Cell, existing: Cell): 'newer' | 'same' | 'older' {
  if (isDate(incoming) && isDate(existing)) {
    const order = Math.sign(incoming.getTime() - existing.getTime());
    return order > 0 ? 'newer' : order < 0 ? 'older' : 'same';
  }
  if (String(incoming ?? '') === String(existing ?? '')) return 'same';
  return isDate(existing) ? 'older' : 'newer';
}

/** Responses in the order the rule above applies them: dated oldest first, then undated ones as they arrived. */
export function inArrivalOrder<T extends { submitted: Date | null }>(responses: readonly T[]): T[] {
  const time = (r: T) => r.submitted?.getTime() ?? Number.MAX_VALUE;
  return [...responses].sort((a, b) => Math.sign(time(a) - time(b)));
}
