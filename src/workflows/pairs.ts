import type { Table } from '../domain/table';
import { normaliseEmail } from '../domain/text';

/** A row of the Matches tab: a proposed, confirmed or ended pair, or a mentee left unmatched. */
export interface Pair {
  /** The row in the Matches table, for writing back (Introduced, Folder, Status). */
  row: number;
  /** `mentee|mentor`, e-mails normalised: what every effect for this pair is keyed by. */
  key: string;
  mentee: string;
  /** '' for an Unmatched row. */
  mentor: string;
  /** As staff see them in the tab ('' when blank). */
  menteeName: string;
  mentorName: string;
  status: string;
  folder: string;
  folderId: string;
  introduced: string;
}

export function pairKey(mentee: string, mentor: string): string {
  return `${normaliseEmail(mentee)}|${normaliseEmail(mentor)}`;
}

/** THE reader of the Matches tab: every row that names a mentee, in the tab's order. */
export function readPairs(matches: Table): Pair[] {
  const pairs: Pair[] = [];
  for (const row of matches.rows.keys()) {
    const mentee = normaliseEmail(matches.text(row, 'Mentee'));
    if (!mentee) continue;
    const mentor = normaliseEmail(matches.text(row, 'Mentor'));
    pairs.push({
      row,
      key: pairKey(mentee, mentor),
      mentee,
      mentor,
      menteeName: matches.text(row, 'Mentee name'),
      mentorName: matches.text(row, 'Mentor name'),
      status: matches.text(row, 'Status'),
      folder: matches.text(row, 'Folder'),
      folderId: matches.text(row, 'Folder ID'),
      introduced: matches.text(row, 'Introduced'),
    });
  }
  return pairs;
}
