import type { CertificateRequest, CertificatesPort, DriveItem } from '../ports';
import { DRIVE_KEY_PREFIX, hasAnyMarker, hasMarker, keyMarker } from './drive-app';

type File = GoogleAppsScript.Drive.File;
type Folder = GoogleAppsScript.Drive.Folder;

const PDF = 'application/pdf';

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
 */
export class SlidesCertificates implements CertificatesPort {
  readonly usesTemplate = true;
  private readonly folders = new Map<string, Folder>();
  private readonly templates = new Map<string, File>();

  constructor(
    private readonly drive: GoogleAppsScript.Drive.DriveApp,
    private readonly slides: GoogleAppsScript.Slides.SlidesApp,
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

  /** Combining PDFs needs a PDF library, which Apps Script does not have (see docs). */
  ensureCombined(): null {
    return null;
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

function result(file: File, name: string, created: boolean): DriveItem & { created: boolean } {
  return { id: file.getId(), name, url: file.getUrl(), created };
}
