import type { ArchivePort } from '../ports';

/**
 * What keys that reach stores outside the workbook (calendar event IDs on Google; the local
 * e-mail and calendar folders) add for this cohort, so the next cohort never finds last
 * cohort's event or message by its key: '' for the first cohort (so a deployment's existing
 * items keep the keys they were made with), the cohort's name for every cohort after one that
 * was archived. Pair folders and certificates need none: their names and keys already hold the
 * cohort (the folder is named "<Cohort> – <Mentee> & <Mentor>"; the certificate's hash covers
 * its {{Cohort}}), and the Log starts empty for each cohort.
 */
export function cohortScope(archives: ArchivePort, cohort: string): string {
  return archives.list().some((a) => a.cohort !== cohort) ? cohort : '';
}
