import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fingerprint, safeFileName } from '../domain/archive';
import { UserError } from '../domain/errors';
import { isDate, type TabData, type TabSpec } from '../domain/table';
import { ARCHIVE_MANIFEST_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';
import type { ArchivePort, ArchiveRef, ArchiveWorkbook } from '../ports';
import { writeFileAtomic } from './atomic-file';
import { XlsxWorkbook } from './xlsx-workbook';

/** The archive folder's index: which cohort each file holds (see LocalArchives.load). */
export const ARCHIVE_INDEX = '.archives.json';
const INDEX_FILE = ARCHIVE_INDEX;

interface IndexEntry {
  file: string;
  cohort: string;
  made: number;
  size: number;
  mtimeMs: number;
}

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
  /** Null when only its index entry was read (the command does not open archives). */
  workbook: XlsxWorkbook | null;
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

  /**
   * Finds every archive in the folder (none before the first cohort is archived). With
   * `contents` each is read whole (for an action that opens archives); otherwise only the
   * folder's index (which cohort each file holds, written with each archive), so a command that
   * only lists them costs no workbook read; a file the index does not know is read anyway.
   */
  async load({ contents = true } = {}): Promise<void> {
    if (!fs.existsSync(this.dir)) return;
    const files = fs
      .readdirSync(this.dir)
      .filter((f) => f.toLowerCase().endsWith('.xlsx') && !f.startsWith('.') && !f.startsWith('~'))
      .sort();
    const index = contents ? new Map<string, IndexEntry>() : this.readIndex();
    for (const name of files) {
      const file = path.join(this.dir, name);
      const id = path.posix.join(this.folder, name);
      const stat = fs.statSync(file);
      const known = index.get(name);
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
        this.archives.push({
          ref: { id, cohort: known.cohort, name: `${this.folder}/${name}`, url: pathToUrl(file) },
          workbook: null,
          made: known.made,
          pending: false,
        });
        continue;
      }
      const workbook = await XlsxWorkbook.open(file, { create: false });
      const manifest = workbook.readTab(ARCHIVE_MANIFEST_TAB.name);
      const cohort = manifestValue(manifest, 'Cohort') ?? name.replace(/\.xlsx$/i, '');
      const archived = manifestDate(manifest);
      this.archives.push({
        ref: { id, cohort, name: `${this.folder}/${name}`, url: pathToUrl(file) },
        workbook,
        made: archived ?? stat.mtimeMs,
        pending: false,
      });
    }
  }

  private readIndex(): Map<string, IndexEntry> {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(this.dir, INDEX_FILE), 'utf8')) as {
        archives: IndexEntry[];
      };
      return new Map(parsed.archives.map((e) => [e.file, e]));
    } catch {
      return new Map();
    }
  }

  /** Which cohort each file holds, so the next command can list them without reading them. */
  private writeIndex(): void {
    const archives = this.archives
      .filter((a) => fs.existsSync(path.join(this.base, a.ref.id)))
      .map((a) => {
        const stat = fs.statSync(path.join(this.base, a.ref.id));
        return {
          file: path.posix.basename(a.ref.id),
          cohort: a.ref.cohort,
          made: a.made,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
        };
      });
    writeFileAtomic(path.join(this.dir, INDEX_FILE), `${JSON.stringify({ archives }, null, 1)}\n`);
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
    const workbook = archive.workbook;
    if (!workbook)
      throw new Error(
        `The archive ${id} was not read when this command started: its action needs "archives: true".`,
      );
    return {
      readTab: (name) => workbook.readTab(name),
      writeTab: (spec: TabSpec, data: TabData) => workbook.writeTab(spec, data),
      tabNames: () => workbook.tabNames(),
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
    let wrote = false;
    for (const archive of this.archives) {
      const workbook = archive.workbook;
      if (!archive.pending || !workbook) continue;
      fs.mkdirSync(this.dir, { recursive: true });
      await workbook.save();
      const reread = await XlsxWorkbook.open(workbook.file, { create: false });
      for (const name of workbook.tabNames()) {
        const written = fingerprint(workbook.readTab(name));
        const back = fingerprint(reread.readTab(name));
        if (written.hash !== back.hash || written.rows !== back.rows) {
          throw new UserError(
            `The archive ${archive.ref.name} did not read back as written (tab "${name}"): nothing was cleared; check the disk has room, then run the command again.`,
          );
        }
      }
      archive.pending = false;
      if (archive.made === Number.MAX_SAFE_INTEGER) archive.made = Date.now();
      wrote = true;
    }
    if (wrote) this.writeIndex();
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
