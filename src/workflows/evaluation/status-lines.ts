import { CONTINUATION_OUTCOMES } from '../../domain/evaluation/continuation';
import type { Table } from '../../domain/table';
import { plural } from '../../domain/text';

/** The January decision as `status` counts it, from the Continuation column of Matches. */
export function continuationStatus(matches: Table): {
  lines: string[];
  counts: Record<string, number>;
} {
  const counts: Record<string, number> = Object.fromEntries(
    Object.values(CONTINUATION_OUTCOMES).map((o) => [o, 0]),
  );
  let any = false;
  for (const row of matches.rows.keys()) {
    if (!matches.has('Continuation')) break;
    const text = matches.text(row, 'Continuation');
    const outcome = Object.values(CONTINUATION_OUTCOMES).find((o) => text.startsWith(o));
    if (outcome) {
      counts[outcome] += 1;
      any = true;
    }
  }
  const lines = any
    ? [
        `After the scheme: ${plural(counts[CONTINUATION_OUTCOMES.continuing], 'pair')} continuing, ${counts[CONTINUATION_OUTCOMES.ending]} ending at scheme close, ${counts[CONTINUATION_OUTCOMES.waiting]} waiting for answers, ${counts[CONTINUATION_OUTCOMES.staff]} for staff to decide.`,
      ]
    : [];
  return { lines, counts };
}
