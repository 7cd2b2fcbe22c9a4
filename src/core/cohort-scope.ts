import type { ArchivePort } from '../ports';

/**
 * What keys that reach stores outside the workbook (calendar event IDs on Google; the local
 * e-mail and calendar folders) add for this cohort, so the next cohort never finds last
 * cohort's folder, event or message by its key: '' for the first cohort (so a deployment's
 * existing items keep the keys they were made with), the cohort's name for every cohort after
 * one that was archived. Used for pair folders' and copies' Drive markers
 * (`cohort:<cohort>:folder:…`), calendar event IDs on Google, and the local e-mail and
 * calendar folders. Certificates need none (their key's hash covers {{Cohort}}), and the Log
 * starts empty for each cohort.
 */
export function cohortScope(archives: ArchivePort, cohort: string): string {
  return archives.list().some((a) => a.cohort !== cohort) ? cohort : '';
}
