import type { Application } from '../domain/applications';
import { Table, isDate } from '../domain/table';
import type { Role } from '../domain/tabs';
import { normaliseEmail, plural } from '../domain/text';
import { parseTimestamp } from '../domain/timestamps';

/** Reads every row of the Applications tab as an Application. */
export function readApplications(table: Table, timeZone: string): Application[] {
  return table.rows.map((_, row) => {
    const submitted = table.get(row, 'Submitted');
    const role = table.text(row, 'Role');
    const normalisedRole = /^mentor$/i.test(role)
      ? 'Mentor'
      : /^mentee$/i.test(role)
        ? 'Mentee'
        : '';
    return {
      row,
      id: table.text(row, 'ID') || `row ${row + 2}`,
      role: normalisedRole as Role | '',
      name: table.text(row, 'Name'),
      email: table.text(row, 'Email'),
      service: table.text(row, 'Library service'),
      jobTitle: table.text(row, 'Job title'),
      headOfService: table.text(row, 'Head of Service'),
      areas: table.text(row, 'Areas'),
      capacity: table.text(row, 'Capacity'),
      video: table.text(row, 'Video link'),
      goals: table.text(row, 'Goals'),
      consent: table.text(row, 'Consent'),
      consentVersion: table.text(row, 'Consent version'),
      reuseProfile: table.text(row, 'Use last profile'),
      submitted: isDate(submitted)
        ? submitted
        : submitted === null
          ? null
          : parseTimestamp(String(submitted), timeZone),
      status: table.text(row, 'Status'),
      reviewedStatus: table.text(row, 'Reviewed status'),
    };
  });
}

/**
 * IDs of applications the review has not decided yet (imported or submitted since it last ran,
 * and not decided by staff). Until it runs, who has a place is not known, so nothing that
 * depends on it (a choice's "not a mentee with a place", "no longer a mentor") may be e-mailed.
 */
export function applicationsAwaitingReview(
  table: Table,
): { id: string; email: string; role: 'mentor' | 'mentee' }[] {
  return table.rows
    .map((_, row) => row)
    .filter(
      (row) =>
        /^ment(or|ee)$/i.test(table.text(row, 'Role')) &&
        ['', 'Applied'].includes(table.text(row, 'Status')) &&
        table.text(row, 'Reviewed status') === '',
    )
    .map((row) => ({
      id: table.text(row, 'ID') || `row ${row + 2}`,
      email: normaliseEmail(table.text(row, 'Email')),
      role: table.text(row, 'Role').toLowerCase() as 'mentor' | 'mentee',
    }));
}

/** "3 applications (A004, A005, A006) have": for a sentence asking staff to review first. */
export function awaitingReviewText(pending: readonly { id: string }[]): string {
  const ids = pending.map((p) => p.id);
  return `${plural(ids.length, 'application')} (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}) ${ids.length === 1 ? 'has' : 'have'}`;
}

/** The Applications tab's people as the Sessions tab may name them. */
export function applicants(
  table: Table,
): { email: string; name: string; role: string; status: string }[] {
  return table.rows.map((_, row) => ({
    email: table.text(row, 'Email'),
    name: table.text(row, 'Name'),
    role: table.text(row, 'Role'),
    status: table.text(row, 'Status'),
  }));
}
