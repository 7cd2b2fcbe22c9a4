import type { Cell } from '../../src/domain/table';
import { APPLICATIONS_TAB, ARCHIVE_MANIFEST_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import type { ArchivePort } from '../../src/ports';

/**
 * Seeds a past cohort's archive through the ArchivePort, as archive-cohort leaves it: its
 * Applications and Matches tabs under their usual names and headers, and its manifest.
 */
export function seedArchive(
  archives: ArchivePort,
  cohort: string,
  tabs: { applications: Record<string, Cell>[]; matches: Record<string, Cell>[] },
): void {
  const ref = archives.ensure({
    cohort,
    name: `Peer Mentoring – ${cohort} archive`,
    staff: ['staff@scheme.example'],
  });
  const workbook = archives.open(ref.id);
  const write = (spec: typeof APPLICATIONS_TAB, rows: Record<string, Cell>[]) =>
    workbook.writeTab(spec, {
      header: [...spec.columns],
      rows: rows.map((r) => spec.columns.map((c) => r[c] ?? null)),
    });
  write(APPLICATIONS_TAB, tabs.applications);
  write(MATCHES_TAB, tabs.matches);
  write(ARCHIVE_MANIFEST_TAB, [
    { Tab: 'Applications', Rows: tabs.applications.length, Cohort: cohort },
    { Tab: 'Matches', Rows: tabs.matches.length, Cohort: cohort },
  ]);
  workbook.save();
}
