import { cellText, fingerprint } from '../domain/archive';
import { ARCHIVE_MANIFEST_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';
import type { ArchiveWorkbook } from '../ports';

/**
 * After erasure or the retention schedule rewrote an archive's tabs: its manifest's Rows and
 * Hash describe the archive as it now is (the Log's `archive:<cohort>:verified` record keeps
 * what was archived), so a later check of the archive against its manifest still holds.
 */
export function refreshManifest(archive: ArchiveWorkbook): void {
  const manifest = archive.readTab(ARCHIVE_MANIFEST_TAB.name);
  if (!manifest) return;
  const column = (name: string) =>
    manifest.header.findIndex((h) => headerKey(String(h ?? '')) === headerKey(name));
  const [tab, rows, hash] = ['Tab', 'Rows', 'Hash'].map(column);
  if (tab < 0 || rows < 0 || hash < 0) return;
  let changed = false;
  const next = manifest.rows.map((row) => {
    const name = cellText(row[tab]);
    if (!name) return row;
    const now = fingerprint(archive.readTab(name));
    if (row[rows] === now.rows && row[hash] === now.hash) return row;
    changed = true;
    const out = [...row];
    out[rows] = now.rows;
    out[hash] = now.hash;
    return out;
  });
  if (changed) archive.writeTab(ARCHIVE_MANIFEST_TAB, { header: [...manifest.header], rows: next });
}
