import { UserError } from '../domain/errors';
import type { CertificateRequest, CertificatesPort, CombinedRequest, DriveItem } from '../ports';
import { DRIVE_KEY_PREFIX, hasAnyMarker, hasMarker, keyMarker } from './drive-app';
import { mergePdfs, pdfKey } from './pdf-merge';

type File = GoogleAppsScript.Drive.File;
type Folder = GoogleAppsScript.Drive.Folder;

const PDF = 'application/pdf';
/**
 * Apps Script refuses a Blob (and so a file made from one) over 50 MB; counted in decimal
 * megabytes to stay on the safe side of either reading.
 */
export const MAX_BLOB_BYTES = 50_000_000;
/**
 * What combining costs per certificate, modelled: getFileById and getBlob (about 0.5 s of Drive
 * calls) plus parsing and copying its page (tens of ms in V8). A run starts the combined PDF only
 * if this much time is left for every certificate; otherwise the next execution makes it.
 */
export const COMBINE_MS_EACH = 700;

/**
 * Certificates from the scheme's Google Slides template: a copy with every `{{Placeholder}}`
 * replaced (case-sensitive, so the template's own word "Date" is never touched), saved and
 * closed (Slides only flushes edits then), exported to PDF into the Certificates folder, and
 * the copy trashed. The PDF carries the key in its description (`peer-mentoring:<key>`) and
 * the working copy `peer-mentoring:<key>#copy`, both named like the PDF, so one search by name
 * finds what a crashed run left: a finished PDF is reused (an unmarked one adopted), a working
 * copy trashed, and nothing is ever made twice.
 *
 * Calls per new certificate: getFolderById (once per execution), getFileById(template) (once),
 * getFilesByName, hasNext, makeCopy, setDescription, getId, SlidesApp.openById, one
 * replaceAllText per placeholder, saveAndClose, getAs, Blob.setName, createFile, setDescription,
 * setTrashed, getId, getUrl: 13 + one per placeholder (test/apps-script/certificates.test.ts).
 *
 * The combined PDF for printing is merged here with pdf-lib (made synchronous by the build:
 * sync-promise.ts) from the certificate PDFs, in the order given, and carries its key both in its
 * description and in its Subject: a run that died between making and marking it leaves a file
 * that the next run recognises by its content. A new list (another order, a remade certificate)
 * is a new key and a new file; the earlier one is kept, and the new one takes the next free name
 * ("… (2).pdf"), as the local back end does.
 */
export class SlidesCertificates implements CertificatesPort {
  readonly usesTemplate = true;
  readonly combineMsEach = COMBINE_MS_EACH;
  private readonly folders = new Map<string, Folder>();
  private readonly templates = new Map<string, File>();

  constructor(
    private readonly drive: GoogleAppsScript.Drive.DriveApp,
    private readonly slides: GoogleAppsScript.Slides.SlidesApp,
    private readonly utilities: GoogleAppsScript.Utilities.Utilities,
  ) {}

  ensureCertificate(request: CertificateRequest): DriveItem & { created: boolean } {
    const marker = keyMarker(request.key);
    const copyMarker = `${marker}#copy`;
    const folder = this.folder(request.folderId);
    const sameName = folder.getFilesByName(request.name);
    let unmarked: File | null = null;
    while (sameName.hasNext()) {
      const file = sameName.next();
      if (file.isTrashed()) continue;
      const description = file.getDescription();
      if (hasMarker(description, marker)) return result(file, request.name, false);
      if (hasMarker(description, copyMarker)) file.setTrashed(true);
      else if (!unmarked && !hasAnyMarker(description) && file.getMimeType() === PDF) {
        unmarked = file;
      }
    }
    if (unmarked) {
      // Exported by a run that stopped before marking it.
      unmarked.setDescription(marker);
      return result(unmarked, request.name, false);
    }
    const copy = this.template(request.templateId).makeCopy(request.name, folder);
    copy.setDescription(copyMarker);
    const presentation = this.slides.openById(copy.getId());
    for (const [placeholder, value] of Object.entries(request.values)) {
      presentation.replaceAllText(`{{${placeholder}}}`, value, true);
    }
    presentation.saveAndClose();
    const pdf = folder.createFile(copy.getAs(PDF).setName(request.name));
    pdf.setDescription(marker);
    copy.setTrashed(true);
    return result(pdf, request.name, true);
  }

  /**
   * Moves to the bin every file in the folder whose key marker matches (only files the tool
   * marked: a staff file has none). One pass over the folder's files.
   */
  removeCertificates(folderId: string, matches: (key: string) => boolean): number {
    let folder: Folder;
    try {
      folder = this.folder(folderId);
    } catch {
      return 0; // Drive's errors for a missing folder vary: treated as none (docs).
    }
    const files = folder.getFiles();
    let removed = 0;
    while (files.hasNext()) {
      const file = files.next();
      if (file.isTrashed()) continue;
      const keys = String(file.getDescription() ?? '')
        .split(/\r?\n/)
        .filter((line) => line.startsWith(DRIVE_KEY_PREFIX))
        .map((line) => line.slice(DRIVE_KEY_PREFIX.length).replace(/#copy$/, ''));
      if (keys.some(matches)) {
        file.setTrashed(true);
        removed += 1;
      }
    }
    return removed;
  }

  ensureCombined(request: CombinedRequest): DriveItem & { created: boolean } {
    const marker = keyMarker(request.key);
    const folder = this.folder(request.folderId);
    // Found again, or the first name no file has: "<name>", "<name> (2)", ...
    let name = request.name;
    for (let n = 2; ; n++) {
      const sameName = folder.getFilesByName(name);
      let taken = false;
      while (sameName.hasNext()) {
        const file = sameName.next();
        if (file.isTrashed()) continue;
        taken = true;
        const description = file.getDescription();
        if (hasMarker(description, marker)) return result(file, name, false);
        if (
          !hasAnyMarker(description) &&
          file.getMimeType() === PDF &&
          pdfKey(Uint8Array.from(file.getBlob().getBytes())) === request.key
        ) {
          // Made by a run that stopped before marking it.
          file.setDescription(marker);
          return result(file, name, false);
        }
      }
      if (!taken) break;
      name = request.name.replace(/(\.pdf)?$/i, ` (${n})$1`);
    }
    const parts: { name: string; bytes: Uint8Array }[] = [];
    let size = 0;
    for (const certificate of request.certificates) {
      const bytes = this.certificateBytes(certificate);
      size += bytes.length;
      if (size > MAX_BLOB_BYTES) throw tooBig(size);
      parts.push({ name: certificate.name, bytes });
    }
    const merged = mergePdfs(parts, {
      key: request.key,
      title: request.name.replace(/\.pdf$/i, ''),
    });
    if (merged.length > MAX_BLOB_BYTES) throw tooBig(merged.length);
    // Blob bytes are Java's signed bytes.
    const bytes = Array.from(new Int8Array(merged.buffer, merged.byteOffset, merged.length));
    const file = folder.createFile(this.utilities.newBlob(bytes, PDF, name));
    file.setDescription(marker);
    return result(file, name, true);
  }

  private certificateBytes(certificate: DriveItem): Uint8Array {
    let bytes: GoogleAppsScript.Byte[];
    try {
      bytes = this.drive.getFileById(certificate.id).getBlob().getBytes();
    } catch {
      throw new UserError(
        `The certificate "${certificate.name}" cannot be opened in Drive (was it deleted?): write Yes in Remake on its row in the Certificates tab and run "Make certificates" again.`,
      );
    }
    return Uint8Array.from(bytes);
  }

  private folder(id: string): Folder {
    let folder = this.folders.get(id);
    if (!folder) {
      folder = this.drive.getFolderById(id);
      this.folders.set(id, folder);
    }
    return folder;
  }

  private template(id: string): File {
    let file = this.templates.get(id);
    if (!file) {
      file = this.drive.getFileById(id);
      this.templates.set(id, file);
    }
    return file;
  }
}

function tooBig(bytes: number): UserError {
  return new UserError(
    `The combined PDF would be over ${Math.floor(bytes / 1_000_000)} MB, more than Google Drive lets a script make in one file (50 MB): print the certificates from the Certificates folder instead.`,
  );
}

function result(file: File, name: string, created: boolean): DriveItem & { created: boolean } {
  return { id: file.getId(), name, url: file.getUrl(), created };
}
