import {
  CERTIFICATES_TAB,
  eligibility,
  MentorPairs,
  override as readOverride,
} from '../domain/certificates';
import type { Table } from '../domain/table';
import { normaliseEmail } from '../domain/text';
import type { Cohort } from './cohort';
import type { Pair } from './pairs';

export { CERTIFICATES_TAB };

/** A row of the Certificates tab after it was brought up to date. */
export interface CertificateRow {
  row: number;
  email: string;
  name: string;
  /** The final decision: the rule, unless staff overrode it (with a reason). */
  gets: boolean;
}

/**
 * The mentors who mentored in this cohort: everyone named as the mentor of a Confirmed or Ended
 * pair. (Pair outcomes from the evaluation and continuation issue do not exist yet; the pair's
 * Status in the Matches tab is what there is.)
 */
export function mentorsWhoMentored(pairs: readonly Pair[], cohort: Cohort): MentorPairs[] {
  const byEmail = new Map<string, MentorPairs>();
  for (const pair of pairs) {
    if (!pair.mentor || (pair.status !== 'Confirmed' && pair.status !== 'Ended')) continue;
    let mentor = byEmail.get(pair.mentor);
    if (!mentor) {
      const person = cohort.mentorByEmail.get(pair.mentor);
      mentor = {
        email: pair.mentor,
        name: person?.name ?? (pair.mentorName || pair.mentor),
        service: person?.service ?? '',
        status: person?.status ?? '',
        pairs: [],
      };
      byEmail.set(pair.mentor, mentor);
    }
    mentor.pairs.push({ mentee: pair.menteeName || pair.mentee, status: pair.status });
  }
  return [...byEmail.values()];
}

/**
 * Brings the Certificates tab up to date: a row for every mentor who mentored (never a row
 * removed: someone unpaired since keeps theirs, marked not eligible), Pairs, Eligible and Why
 * recomputed; Name and Library service filled in only when empty, so staff can correct the
 * spelling printed on a certificate. Override and Override reason are staff's alone.
 */
export function syncCertificatesTab(
  table: Table,
  mentors: readonly MentorPairs[],
): { rows: CertificateRow[]; problems: string[] } {
  const rowOf = new Map<string, number>();
  table.rows.forEach((_, row) => {
    const email = normaliseEmail(table.text(row, 'Mentor'));
    if (email && !rowOf.has(email)) rowOf.set(email, row);
  });
  const byEmail = new Map(mentors.map((m) => [m.email, m]));
  for (const mentor of mentors) {
    if (!rowOf.has(mentor.email)) rowOf.set(mentor.email, table.append({ Mentor: mentor.email }));
  }
  const rows: CertificateRow[] = [];
  const problems: string[] = [];
  for (const [email, row] of [...rowOf].sort(([, a], [, b]) => a - b)) {
    const mentor = byEmail.get(email) ?? {
      email,
      name: '',
      service: '',
      status: 'Accepted',
      pairs: [],
    };
    if (!table.text(row, 'Name') && mentor.name) table.set(row, 'Name', mentor.name);
    if (!table.text(row, 'Library service') && mentor.service) {
      table.set(row, 'Library service', mentor.service);
    }
    table.set(
      row,
      'Pairs',
      mentor.pairs.map((p) => `${p.mentee} (${p.status})`).join('; ') || null,
    );
    const rule = eligibility(mentor);
    table.set(row, 'Eligible', rule.eligible ? 'Yes' : 'No');
    const staff = readOverride(table.text(row, 'Override'), table.text(row, 'Override reason'));
    const name = table.text(row, 'Name') || email;
    if (staff.problem) {
      problems.push(`${name}: ${staff.problem}; no certificate until it is corrected.`);
      table.set(row, 'Why', `${staff.problem}`);
      continue;
    }
    const gets = staff.decision ?? rule.eligible;
    table.set(
      row,
      'Why',
      staff.decision === null
        ? rule.why
        : `staff: ${staff.decision ? 'Yes' : 'No'} (${table.text(row, 'Override reason')})`,
    );
    rows.push({ row, email, name, gets });
  }
  return { rows, problems };
}
