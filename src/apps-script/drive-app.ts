import { editorAddresses, normaliseEmail } from '../domain/text';
import type { DriveItem, DrivePort } from '../ports';

type Folder = GoogleAppsScript.Drive.Folder;
type File = GoogleAppsScript.Drive.File;

/** A folder or copy made for `key` carries this line in its Drive description. */
export const DRIVE_KEY_PREFIX = 'peer-mentoring:';

export function keyMarker(key: string): string {
  return `${DRIVE_KEY_PREFIX}${key}`;
}

function descriptionLines(description: string | null): string[] {
  return String(description ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim());
}

/** True when the description has the marker as one of its lines (staff may add notes). */
export function hasMarker(description: string | null, marker: string): boolean {
  return descriptionLines(description).includes(marker);
}

/** True when the description has some pair's marker: the item belongs to a key already. */
export function hasAnyMarker(description: string | null): boolean {
  return descriptionLines(description).some((line) => line.startsWith(DRIVE_KEY_PREFIX));
}

/** The description with the marker added, keeping whatever staff wrote there. */
function withMarker(description: string | null, marker: string): string {
  const text = String(description ?? '').trim();
  return text ? `${text}\n${marker}` : marker;
}

/** Apps Script's exceptions for an ID that names nothing this user can open. */
/**
 * Any failure of getFileById/getFolderById means "not found": Drive's messages are localised
 * and vary ("No item with the given ID…", "Unexpected error while getting the method or
 * property getFileById…", or the same in German), so no wording is relied on.
 */
function isNotFound(_error: unknown): boolean {
  return true;
}

function byName(a: DriveItem, b: DriveItem): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The scheme's Drive through DriveApp. Folders and copies are keyed through their description
 * (a line `peer-mentoring:<key>`), so one made by a run that died before recording its ID is
 * found again, by name, in its parent folder: no scan of every pair folder.
 *
 * Crash safety: a folder or copy is made first and marked last. One left unmarked by a run that
 * died in between (same name, same parent, no `peer-mentoring:` line, not trashed) is adopted
 * and finished, never made twice. Trashed items count as gone.
 *
 * Drive calls (DriveApp, Folder, File and iterator methods), for one adapter instance; Folder
 * and source File objects are cached per instance, so a parent folder or a template is opened
 * once per execution, not once per pair:
 * - ensureFolder, knownId still good: getFolderById, isTrashed, getDescription, getId, getName,
 *   getUrl = 6.
 * - ensureFolder, new: getFolderById(parent) (cached after the first pair), getFoldersByName,
 *   hasNext, createFolder, setSharing, setDescription, getId, getUrl = 8 (7 with the parent
 *   cached). Found by name instead: + next, isTrashed, getDescription per same-named folder.
 * - ensureCopy, new: getFileById(source), getName (both cached after the first pair),
 *   getFilesByName, hasNext, makeCopy, setDescription, getId, getUrl = 8 (6 cached).
 * - shareFolder: getOwner, getEditors, getViewers, getSharingAccess = 4, then addEditors (one call
 *   for all the missing), one removeEditor/removeViewer per extra, setSharing only if not private.
 * - One pair (new folder, 3 copies, 3 editors): 8 + 3 × 8 + 5 = 37 on a fresh instance, 30 when
 *   the root folder and the templates are already open; whatever the number of pair folders.
 */
export class AppsScriptDrive implements DrivePort {
  private readonly folders = new Map<string, Folder>();
  private readonly sources = new Map<string, { file: File; name: string }>();

  constructor(private readonly drive: GoogleAppsScript.Drive.DriveApp) {}

  listFiles(folderId: string): DriveItem[] {
    const files = this.folder(folderId).getFiles();
    const items: DriveItem[] = [];
    while (files.hasNext()) {
      const file = files.next();
      if (file.isTrashed()) continue;
      items.push({ id: file.getId(), name: file.getName(), url: file.getUrl() });
    }
    return items.sort(byName);
  }

  find(id: string): DriveItem | null {
    let file: File;
    try {
      file = this.drive.getFileById(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    if (file.isTrashed()) return null;
    return { id: file.getId(), name: file.getName(), url: file.getUrl() };
  }

  ensureFolder(request: {
    key: string;
    name: string;
    parentId: string;
    knownId?: string;
  }): DriveItem & { created: boolean } {
    const marker = keyMarker(request.key);
    if (request.knownId) {
      const known = this.tryFolder(request.knownId);
      if (known && !known.isTrashed() && hasMarker(known.getDescription(), marker)) {
        return this.folderResult(known, known.getName(), false);
      }
    }
    const parent = this.folder(request.parentId);
    const sameName = parent.getFoldersByName(request.name);
    let unmarked: { folder: Folder; description: string | null } | null = null;
    while (sameName.hasNext()) {
      const folder = sameName.next();
      if (folder.isTrashed()) continue;
      const description = folder.getDescription();
      if (hasMarker(description, marker)) return this.folderResult(folder, request.name, false);
      if (!unmarked && !hasAnyMarker(description)) unmarked = { folder, description };
    }
    const folder = unmarked?.folder ?? parent.createFolder(request.name);
    // Restricted before it is marked: a marked folder is always a finished one.
    folder.setSharing(this.drive.Access.PRIVATE, this.drive.Permission.NONE);
    folder.setDescription(withMarker(unmarked?.description ?? null, marker));
    return this.folderResult(folder, request.name, !unmarked);
  }

  ensureCopy(request: {
    key: string;
    sourceId: string;
    folderId: string;
  }): DriveItem & { created: boolean } {
    const marker = keyMarker(request.key);
    const folder = this.folder(request.folderId);
    const source = this.source(request.sourceId);
    const sameName = folder.getFilesByName(source.name);
    let unmarked: { file: File; description: string | null } | null = null;
    while (sameName.hasNext()) {
      const file = sameName.next();
      if (file.isTrashed()) continue;
      const description = file.getDescription();
      if (hasMarker(description, marker)) return this.fileResult(file, source.name, false);
      if (!unmarked && !hasAnyMarker(description) && file.getId() !== request.sourceId) {
        unmarked = { file, description };
      }
    }
    if (unmarked) {
      unmarked.file.setDescription(withMarker(unmarked.description, marker));
      return this.fileResult(unmarked.file, source.name, false);
    }
    const copy = source.file.makeCopy(source.name, folder);
    // The copy carries the template's description; the marker replaces it.
    copy.setDescription(marker);
    return this.fileResult(copy, source.name, true);
  }

  shareFolder(
    folderId: string,
    editors: readonly string[],
  ): { added: string[]; removed: string[] } {
    const wanted = editorAddresses(editors);
    const folder = this.folder(folderId);
    const owner = emailOf(folder.getOwner());
    const others = (users: GoogleAppsScript.Drive.User[]) =>
      users.map(emailOf).filter((e): e is string => e !== null && e !== owner);
    const editorsNow = others(folder.getEditors());
    const viewersNow = others(folder.getViewers()).filter((e) => !editorsNow.includes(e));

    if (String(folder.getSharingAccess()) !== String(this.drive.Access.PRIVATE)) {
      folder.setSharing(this.drive.Access.PRIVATE, this.drive.Permission.NONE);
    }
    const removedEditors = editorsNow.filter((e) => !wanted.includes(e));
    const removedViewers = viewersNow.filter((e) => !wanted.includes(e));
    for (const email of removedEditors) folder.removeEditor(email);
    for (const email of removedViewers) folder.removeViewer(email);
    const added = wanted.filter((e) => e !== owner && !editorsNow.includes(e)).sort();
    if (added.length > 0) folder.addEditors(added);
    return { added, removed: [...removedEditors, ...removedViewers].sort() };
  }

  sharedWith(folderId: string): string[] {
    const folder = this.folder(folderId);
    const owner = emailOf(folder.getOwner());
    const people = new Set<string>();
    for (const user of [...folder.getEditors(), ...folder.getViewers()]) {
      const email = emailOf(user);
      if (email !== null && email !== owner) people.add(email);
    }
    return [...people].sort();
  }

  private folder(id: string): Folder {
    let folder = this.folders.get(id);
    if (!folder) {
      folder = this.drive.getFolderById(id);
      this.folders.set(id, folder);
    }
    return folder;
  }

  /**
   * Moves a pair folder to the bin: only one the tool made (its description carries a
   * `peer-mentoring:` key marker) and not already there. Drive keeps it in the bin for 30 days.
   */
  trashFolder(folderId: string): boolean {
    const folder = this.tryFolder(folderId);
    if (!folder || folder.isTrashed() || !hasAnyMarker(folder.getDescription())) return false;
    folder.setTrashed(true);
    this.folders.delete(folderId);
    return true;
  }

  private tryFolder(id: string): Folder | null {
    try {
      return this.folder(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private source(id: string): { file: File; name: string } {
    let source = this.sources.get(id);
    if (!source) {
      const file = this.drive.getFileById(id);
      source = { file, name: file.getName() };
      this.sources.set(id, source);
    }
    return source;
  }

  private folderResult(folder: Folder, name: string, created: boolean) {
    const id = folder.getId();
    this.folders.set(id, folder);
    return { id, name, url: folder.getUrl(), created };
  }

  private fileResult(file: File, name: string, created: boolean) {
    return { id: file.getId(), name, url: file.getUrl(), created };
  }
}

/** A user's address, lower-cased; null when Drive does not reveal it. */
function emailOf(user: GoogleAppsScript.Drive.User | null): string | null {
  const email = user ? String(user.getEmail() ?? '').trim() : '';
  return email ? normaliseEmail(email) : null;
}
