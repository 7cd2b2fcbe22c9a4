import { UserError } from '../domain/errors';
import { ARCHIVE_MANIFEST_TAB } from '../domain/tabs';
import { editorAddresses, normaliseEmail } from '../domain/text';
import type { ArchivePort, ArchiveRef, ArchiveWorkbook } from '../ports';
import { DRIVE_KEY_PREFIX, hasAnyMarker, hasMarker, keyMarker } from './drive-app';
import { SheetsWorkbook } from './sheets-workbook';

type File = GoogleAppsScript.Drive.File;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
const ARCHIVE_KEY = 'archive:';

/** The Drive description line that makes a spreadsheet the archive of `cohort`. */
export function archiveMarker(cohort: string): string {
  return keyMarker(`${ARCHIVE_KEY}${cohort.replace(/\s+/g, ' ').trim()}`);
}

function markedCohort(description: string | null): string | null {
  const prefix = `${DRIVE_KEY_PREFIX}${ARCHIVE_KEY}`;
  for (const line of String(description ?? '').split(/\r?\n/)) {
    const text = line.trim();
    if (text.startsWith(prefix)) return text.slice(prefix.length);
  }
  return null;
}

/**
 * The archives on Google: one spreadsheet per cohort, "<Scheme> – <Cohort> archive", in the
 * scheme's root folder, shared with the staff alone, found again by the line
 * `peer-mentoring:archive:<cohort>` in its Drive description.
 *
 * Crash safety: the spreadsheet is made, moved into the root folder, restricted and shared
 * first, and marked last, so a marked archive is always a finished one. One left unmarked by a
 * run that died in between (same name, a spreadsheet this user owns, no marker, not trashed) is
 * adopted and finished, never made twice. Drive puts a file in a folder's sharing too, so the
 * root folder must itself be shared with staff only; anything else is refused in a sentence.
 */
export class SheetsArchives implements ArchivePort {
  constructor(
    private readonly sheets: GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    private readonly drive: GoogleAppsScript.Drive.DriveApp,
    private readonly scheme: () => { rootFolderId: string; timeZone: string },
  ) {}

  list(): ArchiveRef[] {
    const { rootFolderId } = this.scheme();
    if (!rootFolderId) return [];
    const found: (ArchiveRef & { made: number })[] = [];
    let root: GoogleAppsScript.Drive.Folder;
    try {
      root = this.drive.getFolderById(rootFolderId);
    } catch {
      // A Root folder that cannot be opened holds no archive this user can read; making one
      // (ensure) says so in a sentence.
      return [];
    }
    const files = root.getFiles();
    while (files.hasNext()) {
      const file = files.next();
      if (file.getMimeType() !== SPREADSHEET_MIME || file.isTrashed()) continue;
      const cohort = markedCohort(file.getDescription());
      if (cohort === null) continue;
      found.push({
        ...ref(file, cohort),
        made: (file.getDateCreated() as unknown as Date).getTime(),
      });
    }
    return found.sort((a, b) => a.made - b.made).map(({ made: _made, ...r }) => r);
  }

  ensure(request: {
    cohort: string;
    name: string;
    staff: readonly string[];
  }): ArchiveRef & { created: boolean } {
    const { rootFolderId, timeZone } = this.scheme();
    if (!rootFolderId) {
      throw new UserError(
        'In Settings, fill in "Root folder" (the Drive folder that holds the pair folders): the archive is kept there.',
      );
    }
    let root: GoogleAppsScript.Drive.Folder;
    try {
      root = this.drive.getFolderById(rootFolderId);
    } catch {
      throw new UserError(
        'The "Root folder" in Settings cannot be opened (check its ID and that you can open it in Drive): the archive is kept there.',
      );
    }
    const staff = editorAddresses(request.staff);
    checkStaffOnly(root, staff, String(this.drive.Access.PRIVATE));
    const marker = archiveMarker(request.cohort);
    const me = emailOf(root.getOwner());

    const existing = this.list().find((a) => archiveMarker(a.cohort) === marker);
    if (existing) {
      this.shareWithStaff(this.drive.getFileById(existing.id), staff);
      return { ...existing, created: false };
    }
    // Marked but moved out of the root folder, or made and not yet marked (a crash).
    let adopt: File | null = null;
    const sameName = this.drive.getFilesByName(request.name);
    while (sameName.hasNext()) {
      const file = sameName.next();
      if (file.isTrashed() || file.getMimeType() !== SPREADSHEET_MIME) continue;
      const description = file.getDescription();
      if (hasMarker(description, marker)) {
        file.moveTo(root);
        this.shareWithStaff(file, staff);
        return { ...ref(file, request.cohort), created: false };
      }
      if (!adopt && !hasAnyMarker(description) && emailOf(file.getOwner()) === me) adopt = file;
    }
    let spreadsheet: Spreadsheet;
    let file: File;
    if (adopt) {
      file = adopt;
      spreadsheet = this.sheets.openById(file.getId());
    } else {
      spreadsheet = this.sheets.create(request.name);
      file = this.drive.getFileById(spreadsheet.getId());
    }
    spreadsheet.setSpreadsheetTimeZone(timeZone);
    // Its first tab becomes the manifest, so an archive holds no stray "Sheet1".
    if (!spreadsheet.getSheetByName(ARCHIVE_MANIFEST_TAB.name))
      spreadsheet.getSheets()[0].setName(ARCHIVE_MANIFEST_TAB.name);
    file.moveTo(root);
    this.shareWithStaff(file, staff);
    file.setDescription(marker);
    return { ...ref(file, request.cohort), created: !adopt };
  }

  open(id: string): ArchiveWorkbook {
    const spreadsheet = this.sheets.openById(id);
    const workbook = new SheetsWorkbook(this.sheets, spreadsheet);
    return {
      readTab: (name) => workbook.readTab(name),
      writeTab: (spec, data) => workbook.writeTab(spec, data),
      tabNames: () => spreadsheet.getSheets().map((s) => s.getName()),
      save: () => this.sheets.flush(),
    };
  }

  /** Nobody but the owner and `staff` can open it: others removed, no link sharing. */
  private shareWithStaff(file: File, staff: readonly string[]): void {
    const owner = emailOf(file.getOwner());
    if (String(file.getSharingAccess()) !== String(this.drive.Access.PRIVATE))
      file.setSharing(this.drive.Access.PRIVATE, this.drive.Permission.NONE);
    const editors = file.getEditors().map(emailOf);
    for (const email of editors)
      if (email && email !== owner && !staff.includes(email)) file.removeEditor(email);
    for (const email of file.getViewers().map(emailOf))
      if (email && email !== owner && !staff.includes(email) && !editors.includes(email))
        file.removeViewer(email);
    const missing = staff.filter((e) => e !== owner && !editors.includes(e));
    if (missing.length) file.addEditors(missing);
  }
}

function ref(file: File, cohort: string): ArchiveRef {
  return { id: file.getId(), cohort, name: file.getName(), url: file.getUrl() };
}

/** The archive inherits the root folder's sharing: it must be staff's alone. */
function checkStaffOnly(
  root: GoogleAppsScript.Drive.Folder,
  staff: readonly string[],
  privateAccess: string,
): void {
  const owner = emailOf(root.getOwner());
  const others = [...root.getEditors(), ...root.getViewers()]
    .map(emailOf)
    .filter((e): e is string => e !== null && e !== owner && !staff.includes(e));
  const open = String(root.getSharingAccess()) !== privateAccess;
  if (others.length || open) {
    const who = open ? 'anyone with the link' : [...new Set(others)].sort().join(', ');
    throw new UserError(
      `The root folder is shared with ${who}, who would see the archive too: share it with staff only (or add them to "Staff emails"), then run this again.`,
    );
  }
}

/** A user's address, lower-cased; null when Drive does not reveal it. */
function emailOf(
  user: GoogleAppsScript.Drive.User | GoogleAppsScript.Base.User | null,
): string | null {
  const email = user ? String(user.getEmail() ?? '').trim() : '';
  return email ? normaliseEmail(email) : null;
}
