import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fingerprint, safeFileName } from '../domain/archive';
import { UserError } from '../domain/errors';
import { isDate, type TabData, type TabSpec } from '../domain/table';
import { ARCHIVE_MANIFEST_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';
import type { ArchivePort, ArchiveRef, ArchiveWorkbook } from '../ports';
import { XlsxWorkbook } from './xlsx-workbook';

/**
 * The folder beside the workbook that holds one .xlsx per past cohort: archive/ for
 * scheme.xlsx, NAME-archive/ for NAME.xlsx (as out/ and NAME-out/), so a demo or a second
 * workbook in the same folder never mixes its archives with the scheme's.
 */
export function archiveFolder(workbook: string): string {
  const stem = path.basename(workbook, path.extname(workbook));
  return stem === 'scheme' ? 'archive' : `${stem}-archive`;
}

interface LocalArchive {
  ref: ArchiveRef;
  workbook: XlsxWorkbook;
  /** When it was made (its manifest's Archived date, or the file's time): list() sorts by it. */
  made: number;
  /** save() was called since the last write to disk. */
  pending: boolean;
}

/**
 * The archives as .xlsx files in archive/ beside the workbook, named for the cohort (made safe
 * as a file name) and found again by the cohort recorded in their "About this archive" tab.
 *
 * exceljs reads and writes files asynchronously and the core is synchronous, so the archives
 * are read when the session opens (`load`) and written when it commits (`flush`), before the
 * workbook itself: an archive is on disk, written atomically and read back from the file to
 * check every tab, before a workbook whose tabs were cleared can be saved. A command that dies
 * first leaves both files as they were, and its re-run starts again from the Log.
 */
export class LocalArchives implements ArchivePort {
  private readonly archives: LocalArchive[] = [];

  constructor(
    /** The workbook's folder: ids are paths relative to it. */
    private readonly base: string,
    /** The archives' folder in it (archiveFolder). */
    private readonly folder = 'archive',
  ) {}

  private get dir(): string {
    return path.join(this.base, this.folder);
  }

  /** Reads every archive in the folder (none before the first cohort is archived). */
  async load(): Promise<void> {
    if (!fs.existsSync(this.dir)) return;
    const files = fs
      .readdirSync(this.dir)
      .filter((f) => f.toLowerCase().endsWith('.xlsx') && !f.startsWith('.') && !f.startsWith('~'))
      .sort();
    for (const name of files) {
      const file = path.join(this.dir, name);
      const workbook = await XlsxWorkbook.open(file, { create: false });
      const manifest = workbook.readTab(ARCHIVE_MANIFEST_TAB.name);
      const cohort = manifestValue(manifest, 'Cohort') ?? name.replace(/\.xlsx$/i, '');
      const archived = manifestDate(manifest);
      const id = path.posix.join(this.folder, name);
      this.archives.push({
        ref: { id, cohort, name: `${this.folder}/${name}`, url: pathToUrl(file) },
        workbook,
        made: archived ?? fs.statSync(file).mtimeMs,
        pending: false,
      });
    }
  }

  list(): ArchiveRef[] {
    return [...this.archives].sort((a, b) => a.made - b.made).map((a) => ({ ...a.ref }));
  }

  ensure(request: { cohort: string; name: string; staff: readonly string[] }) {
    const found = this.archives.find((a) => a.ref.cohort === request.cohort);
    if (found) return { ...found.ref, created: false };
    // Two cohorts whose names differ only in characters a file name cannot hold get "(2)"…
    const stem = safeFileName(request.cohort);
    const taken = new Set(this.archives.map((a) => headerKey(path.posix.basename(a.ref.id))));
    let fileName = `${stem}.xlsx`;
    for (let n = 2; taken.has(headerKey(fileName)) || this.existsOnDisk(fileName); n += 1)
      fileName = `${stem} (${n}).xlsx`;
    const file = path.join(this.dir, fileName);
    const id = path.posix.join(this.folder, fileName);
    const archive: LocalArchive = {
      ref: {
        id,
        cohort: request.cohort,
        name: `${this.folder}/${fileName}`,
        url: pathToUrl(file),
      },
      workbook: XlsxWorkbook.create(file),
      made: Number.MAX_SAFE_INTEGER,
      pending: false,
    };
    this.archives.push(archive);
    return { ...archive.ref, created: true };
  }

  open(id: string): ArchiveWorkbook {
    const archive = this.archives.find((a) => a.ref.id === id);
    if (!archive) throw new UserError(`There is no archive ${id} beside the workbook.`);
    return {
      readTab: (name) => archive.workbook.readTab(name),
      writeTab: (spec: TabSpec, data: TabData) => archive.workbook.writeTab(spec, data),
      tabNames: () => archive.workbook.tabNames(),
      save: () => {
        archive.pending = true;
      },
    };
  }

  /**
   * Writes each archive saved this session (atomically, flushed to disk) and reads the file
   * back: a tab that does not come back exactly as written stops the command before the
   * workbook is saved, so nothing is cleared on the strength of a bad copy.
   */
  async flush(): Promise<void> {
    for (const archive of this.archives) {
      if (!archive.pending) continue;
      fs.mkdirSync(this.dir, { recursive: true });
      await archive.workbook.save();
      const reread = await XlsxWorkbook.open(archive.workbook.file, { create: false });
      for (const name of archive.workbook.tabNames()) {
        const written = fingerprint(archive.workbook.readTab(name));
        const back = fingerprint(reread.readTab(name));
        if (written.hash !== back.hash || written.rows !== back.rows) {
          throw new UserError(
            `The archive ${archive.ref.name} did not read back as written (tab "${name}"): nothing was cleared; check the disk has room, then run the command again.`,
          );
        }
      }
      archive.pending = false;
      if (archive.made === Number.MAX_SAFE_INTEGER) archive.made = Date.now();
    }
  }

  private existsOnDisk(fileName: string): boolean {
    return fs.existsSync(path.join(this.dir, fileName));
  }
}

function pathToUrl(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}

function manifestValue(manifest: TabData | null, column: string): string | null {
  if (!manifest) return null;
  const c = manifest.header.findIndex((h) => headerKey(String(h)) === headerKey(column));
  if (c < 0) return null;
  for (const row of manifest.rows) {
    const v = row[c];
    if (v !== null && v !== undefined && String(v).trim() !== '') return String(v).trim();
  }
  return null;
}

function manifestDate(manifest: TabData | null): number | null {
  if (!manifest) return null;
  const c = manifest.header.findIndex((h) => headerKey(String(h)) === 'archived');
  if (c < 0) return null;
  const times = manifest.rows
    .map((r) => r[c])
    .map((v) => (isDate(v) ? v.getTime() : Date.parse(String(v ?? ''))))
    .filter((t) => Number.isFinite(t));
  return times.length ? Math.min(...times) : null;
}
