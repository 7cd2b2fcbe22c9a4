import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../domain/errors';
import { editorAddresses } from '../domain/text';
import type { DriveItem, DrivePort } from '../ports';
import { copyFileAtomic, writeFileAtomic } from './atomic-file';

/** The record kept in each folder the tool made or shared: its key, sharing and copies. */
export const FOLDER_RECORD = '.peer-mentoring.json';

export interface FolderRecord {
  /** The key the folder was made for; null for a folder the tool only shared or copied into. */
  key: string | null;
  /** Always 'restricted': only the people listed (and whoever runs the tool) can open it. */
  access: 'restricted';
  editors: string[];
  /** Copy key → file name in this folder. */
  copies: Record<string, string>;
}

/**
 * The scheme's "Drive" on disk, under one directory (e.g. out/drive). Folders are directories and
 * IDs are their paths relative to that directory with '/' separators (e.g.
 * `Scheme root/Cohort 1 – Siân & Ann`); copies are real file copies. A hidden
 * `.peer-mentoring.json` in a folder records its key, who it is shared with and which file is
 * the copy for which key. Every write is atomic (temporary file, then rename).
 *
 * Crash safety mirrors the Drive adapter: a folder or copy is made first and recorded last; one a
 * killed run left unrecorded (same name, no record) is adopted, never made twice. Finding a
 * folder by key reads the records of the parent's folders once per instance (then an index).
 */
export class LocalDrive implements DrivePort {
  private readonly root: string;
  /** Per parent folder: key → folder name, from one scan (the CLI holds the lock meanwhile). */
  private readonly keyIndex = new Map<string, Map<string, string>>();

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  /** Writes a file under rootDir (creating folders), for tests and the demo; returns its ID. */
  static seedFile(rootDir: string, relPath: string, contents: string | Buffer): string {
    const file = path.join(path.resolve(rootDir), ...relPath.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
    return relPath.split('/').filter(Boolean).join('/');
  }

  /** Makes a folder under rootDir (and its parents); returns its ID. */
  static seedFolder(rootDir: string, relPath: string): string {
    fs.mkdirSync(path.join(path.resolve(rootDir), ...relPath.split('/')), { recursive: true });
    return relPath.split('/').filter(Boolean).join('/');
  }

  listFiles(folderId: string): DriveItem[] {
    const dir = this.dir(folderId);
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => this.item(path.join(dir, entry.name)))
      .sort(byName);
  }

  find(id: string): DriveItem | null {
    const abs = this.resolve(id);
    if (abs === null || !fs.existsSync(abs)) return null;
    if (abs !== this.root && path.basename(abs).startsWith('.')) return null;
    return this.item(abs);
  }

  ensureFolder(request: {
    key: string;
    name: string;
    parentId: string;
    knownId?: string;
  }): DriveItem & { created: boolean } {
    const parent = this.dir(request.parentId);
    if (request.knownId) {
      const known = this.resolve(request.knownId);
      if (known && isDirectory(known) && readRecord(known)?.key === request.key) {
        return { ...this.item(known), created: false };
      }
    }
    const found = this.findByKey(parent, request.key);
    if (found) return { ...this.item(found), created: false };
    // The first of "Name", "Name (2)", ... that is free, or a folder without a key: one a killed
    // run made but never recorded (or staff made by hand), which is adopted.
    const base = safeName(request.name);
    for (let n = 1; ; n++) {
      const dir = path.join(parent, numbered(base, n, false));
      let created = false;
      if (!fs.existsSync(dir)) {
        fs.mkdirSync(dir);
        writeRecord(dir, { ...emptyRecord(), key: request.key });
        created = true;
      } else {
        const record = isDirectory(dir) ? readRecord(dir) : undefined;
        // Made meanwhile by another LocalDrive over the same folder (this one's index is older).
        if (record?.key === request.key) return { ...this.item(dir), created: false };
        if (record === undefined || record?.key) continue;
        writeRecord(dir, { ...emptyRecord(), ...record, key: request.key });
      }
      this.keyIndex.get(parent)?.set(request.key, path.basename(dir));
      return { ...this.item(dir), created };
    }
  }

  ensureCopy(request: {
    key: string;
    sourceId: string;
    folderId: string;
  }): DriveItem & { created: boolean } {
    const dir = this.dir(request.folderId);
    const source = this.resolve(request.sourceId);
    if (source === null || !isFile(source)) {
      throw new Error(`There is no file "${request.sourceId}" to copy in ${this.root}.`);
    }
    const record = readRecord(dir) ?? emptyRecord();
    const recorded = record.copies[request.key];
    if (recorded && isFile(path.join(dir, recorded))) {
      return { ...this.item(path.join(dir, recorded)), created: false };
    }
    const taken = new Set(
      Object.entries(record.copies)
        .filter(([key]) => key !== request.key)
        .map(([, name]) => name),
    );
    const base = safeName(path.basename(source));
    for (let n = 1; ; n++) {
      const name = numbered(base, n, true);
      const target = path.join(dir, name);
      let created = false;
      if (!fs.existsSync(target)) {
        copyFileAtomic(source, target);
        created = true;
      } else if (!isFile(target) || taken.has(name) || target === source) {
        continue;
      }
      // New, or left unrecorded by a killed run: recorded now.
      writeRecord(dir, { ...record, copies: { ...record.copies, [request.key]: name } });
      return { ...this.item(target), created };
    }
  }

  shareFolder(
    folderId: string,
    editors: readonly string[],
  ): { added: string[]; removed: string[] } {
    const wanted = editorAddresses(editors);
    const dir = this.dir(folderId);
    const record = readRecord(dir) ?? emptyRecord();
    const added = wanted.filter((e) => !record.editors.includes(e)).sort();
    const removed = record.editors.filter((e) => !wanted.includes(e)).sort();
    if (added.length || removed.length || record.access !== 'restricted' || !hasRecord(dir)) {
      writeRecord(dir, { ...record, access: 'restricted', editors: [...wanted].sort() });
    }
    return { added, removed };
  }

  sharedWith(folderId: string): string[] {
    return [...(readRecord(this.dir(folderId))?.editors ?? [])].sort();
  }

  /**
   * Deletes a folder the tool made (its record names a key) with what is in it: locally there is
   * no bin. A folder without the tool's record, or the root itself, is never touched.
   */
  trashFolder(folderId: string): boolean {
    const abs = this.resolve(folderId);
    if (abs === null || abs === this.root || !isDirectory(abs)) return false;
    if (!readRecord(abs)?.key) return false;
    fs.rmSync(abs, { recursive: true, force: true });
    this.keyIndex.clear();
    return true;
  }

  /** The folder's record (uncounted inspection for tests and the demo), or null. */
  record(folderId: string): FolderRecord | null {
    return readRecord(this.dir(folderId));
  }

  /**
   * The folder in `parent` recorded for `key`. The parent is scanned once per instance (one
   * command); a hit is checked against its record, and a stale index is rebuilt.
   */
  private findByKey(parent: string, key: string): string | null {
    for (let attempt = 0; attempt < 2; attempt++) {
      let index = this.keyIndex.get(parent);
      if (!index || attempt > 0) {
        index = new Map();
        for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
          if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
          const recorded = readRecord(path.join(parent, entry.name))?.key;
          if (recorded && !index.has(recorded)) index.set(recorded, entry.name);
        }
        this.keyIndex.set(parent, index);
      }
      const name = index.get(key);
      if (name === undefined) return null;
      const dir = path.join(parent, name);
      if (isDirectory(dir) && readRecord(dir)?.key === key) return dir;
    }
    return null;
  }

  /** The absolute path of an ID, or null for one that is not a path inside the root. */
  private resolve(id: string): string | null {
    if (typeof id !== 'string' || path.isAbsolute(id) || /[\\\0]/.test(id)) return null;
    const parts = id.split('/').filter((part) => part !== '');
    if (parts.some((part) => part === '.' || part === '..')) return null;
    return path.join(this.root, ...parts);
  }

  private dir(id: string): string {
    const abs = this.resolve(id);
    if (abs === null || !isDirectory(abs)) {
      throw new Error(`There is no folder "${id}" in ${this.root}.`);
    }
    return abs;
  }

  private item(abs: string): DriveItem {
    const id = path.relative(this.root, abs).split(path.sep).join('/');
    return { id, name: path.basename(abs), url: pathToFileURL(abs).href };
  }
}

function byName(a: DriveItem, b: DriveItem): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME_BYTES = 200;

/**
 * A folder or file name safe on any file system: Unicode kept (NFC: "Siân" stays "Siân"),
 * `/ \ : * ? " < > |` and control characters turned into spaces, runs of spaces collapsed, no
 * leading dot (that would hide it), no trailing dot or space, at most 200 UTF-8 bytes.
 */
export function safeName(name: string): string {
  let text = String(name)
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (Buffer.byteLength(text, 'utf8') > MAX_NAME_BYTES) {
    const chars = Array.from(text);
    while (Buffer.byteLength(chars.join(''), 'utf8') > MAX_NAME_BYTES) chars.pop();
    text = chars.join('').replace(/[.\s]+$/, '');
  }
  if (WINDOWS_RESERVED.test(text)) text = `_${text}`;
  return text || 'Untitled';
}

/** "Name", "Name (2)", ...; for files the number goes before the extension. */
function numbered(base: string, n: number, isFile: boolean): string {
  if (n === 1) return base;
  const ext = isFile ? path.extname(base) : '';
  return `${base.slice(0, base.length - ext.length)} (${n})${ext}`;
}

function emptyRecord(): FolderRecord {
  return { key: null, access: 'restricted', editors: [], copies: {} };
}

function hasRecord(dir: string): boolean {
  return fs.existsSync(path.join(dir, FOLDER_RECORD));
}

function readRecord(dir: string): FolderRecord | null {
  const file = path.join(dir, FOLDER_RECORD);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Empty: the system went down before the data reached the disk; nothing was recorded.
  if (text.trim() === '') return null;
  try {
    const data = JSON.parse(text) as Partial<FolderRecord>;
    return {
      key: typeof data.key === 'string' ? data.key : null,
      access: 'restricted',
      editors: Array.isArray(data.editors) ? data.editors.map(String) : [],
      copies: typeof data.copies === 'object' && data.copies !== null ? { ...data.copies } : {},
    };
  } catch {
    throw new UserError(
      `The folder record ${file} is damaged: restore it from a backup, or delete it and the folder's copies will be made again.`,
    );
  }
}

function writeRecord(dir: string, record: FolderRecord): void {
  writeFileAtomic(path.join(dir, FOLDER_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}

function isDirectory(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}
