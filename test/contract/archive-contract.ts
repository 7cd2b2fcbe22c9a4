import { fingerprint } from '../../src/domain/archive';
import type { TabData, TabSpec } from '../../src/domain/table';
import { APPLICATIONS_TAB, ARCHIVE_MANIFEST_TAB } from '../../src/domain/tabs';
import type { ArchivePort } from '../../src/ports';

/** A back end under test: its archives, and how a later execution would see them. */
export interface ArchiveBackend {
  archives: ArchivePort;
  /** Makes what was saved durable (where a back end writes at the end) and opens them afresh. */
  reopen(): Promise<ArchivePort>;
  /** Who besides the owner can open the archive (null where the back end has no sharing). */
  sharedWith(id: string): string[] | null;
}

const STAFF = ['staff.one@scheme.example', 'Staff.Two@scheme.example'];

const APPLICATIONS: TabData = {
  header: [...APPLICATIONS_TAB.columns.slice(0, 4), 'Staff notes'],
  rows: [
    ['A001', 'Mentor', 'Siân Llywelyn', 'sian@lib.example', 'kind'],
    ['A002', 'Mentee', '=HYPERLINK("http://x.example","x")', '0123', null],
    ['A003', 'Mentee', 'Seán Ó Briain', 'sean@lib.example', 'line one\nline two'],
  ],
};

function manifest(cohort: string, tabs: Record<string, TabData>, archived: Date): TabData {
  return {
    header: [...ARCHIVE_MANIFEST_TAB.columns],
    rows: Object.entries(tabs).map(([tab, data]) => {
      const f = fingerprint(data);
      return [tab, f.rows, f.hash, archived, cohort];
    }),
  };
}

function fill(
  archives: ArchivePort,
  id: string,
  cohort: string,
  archived = new Date('2027-02-01T10:00:00Z'),
): void {
  const workbook = archives.open(id);
  workbook.writeTab(APPLICATIONS_TAB as TabSpec, APPLICATIONS);
  workbook.writeTab(
    ARCHIVE_MANIFEST_TAB,
    manifest(cohort, { Applications: APPLICATIONS }, archived),
  );
  workbook.save();
}

/** What every ArchivePort must do, whatever the back end. */
export function archiveContract(makeBackend: () => Promise<ArchiveBackend>): void {
  it('has no archives before the first cohort is archived', async () => {
    const { archives } = await makeBackend();
    expect(archives.list()).toEqual([]);
  });

  it('makes one archive per cohort and finds it again by cohort, never two', async () => {
    const backend = await makeBackend();
    const first = backend.archives.ensure({
      cohort: 'Cohort 1',
      name: 'Scheme – Cohort 1 archive',
      staff: STAFF,
    });
    expect(first.created).toBe(true);
    expect(first.cohort).toBe('Cohort 1');
    const again = backend.archives.ensure({
      cohort: 'Cohort 1',
      name: 'Scheme – Cohort 1 archive',
      staff: STAFF,
    });
    expect(again).toEqual({ ...first, created: false });
    fill(backend.archives, first.id, 'Cohort 1');
    const later = await backend.reopen();
    expect(later.list().map((a) => [a.id, a.cohort])).toEqual([[first.id, 'Cohort 1']]);
    const third = later.ensure({
      cohort: 'Cohort 1',
      name: 'Scheme – Cohort 1 archive',
      staff: STAFF,
    });
    expect(third.created).toBe(false);
    expect(third.id).toBe(first.id);
  });

  it('reads back every tab exactly as written, with its own name and header', async () => {
    const backend = await makeBackend();
    const made = backend.archives.ensure({
      cohort: 'Cohort 1',
      name: 'S – Cohort 1 archive',
      staff: STAFF,
    });
    fill(backend.archives, made.id, 'Cohort 1');
    const workbook = (await backend.reopen()).open(made.id);
    expect(workbook.tabNames()).toEqual(
      expect.arrayContaining(['Applications', ARCHIVE_MANIFEST_TAB.name]),
    );
    expect(workbook.tabNames()).toHaveLength(2);
    const back = workbook.readTab('Applications');
    expect(back?.header).toEqual(APPLICATIONS.header);
    expect(fingerprint(back)).toEqual(fingerprint(APPLICATIONS));
    const about = workbook.readTab(ARCHIVE_MANIFEST_TAB.name);
    expect(about?.rows[0].slice(0, 3)).toEqual(['Applications', 3, fingerprint(APPLICATIONS).hash]);
    expect((about?.rows[0][3] as Date).toISOString()).toBe('2027-02-01T10:00:00.000Z');
  });

  it('keeps cohorts whose names are not safe file names apart, oldest first', async () => {
    const backend = await makeBackend();
    const names = ['2026/27: Pilot', '2026:27? Pilot', 'Cohort 2'];
    const ids = names.map((cohort, i) => {
      const made = backend.archives.ensure({ cohort, name: `S – ${cohort} archive`, staff: STAFF });
      // Archived a year apart, as cohorts are.
      fill(backend.archives, made.id, cohort, new Date(Date.UTC(2027 + i, 1, 1)));
      return made.id;
    });
    expect(new Set(ids).size).toBe(3);
    const later = await backend.reopen();
    expect(later.list().map((a) => a.cohort)).toEqual(names);
    for (const [i, cohort] of names.entries()) {
      expect(later.ensure({ cohort, name: `S – ${cohort} archive`, staff: STAFF }).id).toBe(ids[i]);
    }
  });

  it('shares an archive with the staff alone', async () => {
    const backend = await makeBackend();
    const made = backend.archives.ensure({
      cohort: 'Cohort 1',
      name: 'S – Cohort 1 archive',
      staff: STAFF,
    });
    const shared = backend.sharedWith(made.id);
    if (shared === null) return; // files on this computer: whoever can open the workbook's folder
    expect(shared).toEqual(['staff.one@scheme.example', 'staff.two@scheme.example']);
  });
}
