import { driveContract } from './drive-contract';
import { workbookContract } from './workbook-contract';
import {
  MemoryArchives,
  MemoryDrive,
  MemoryJournal,
  MemoryWorkbook,
} from '../support/memory-ports';
import { archiveContract } from './archive-contract';

// The in-memory ports that workflow tests run on keep the same contracts as the real back ends,
// so a rule proved on them holds on Google and on files.
describe('in-memory back end (workflow tests)', () => {
  workbookContract(async () => {
    const workbook = new MemoryWorkbook();
    return { workbook, journal: new MemoryJournal(workbook), reopen: async () => workbook };
  });

  driveContract(() => {
    const drive = new MemoryDrive();
    const root = drive.seed('folder', 'Peer mentoring 2026');
    const templates = drive.seed('folder', 'Templates');
    for (const name of ['Meeting notes', 'reflective log', 'Agreement'])
      drive.seed('file', name, templates);
    return {
      drive,
      rootFolderId: root,
      templatesFolderId: templates,
      handbookId: drive.seed('file', 'Mentoring handbook'),
      reopen: () => drive,
      childFolders: (id) =>
        drive
          .children(id)
          .filter((i) => i.kind === 'folder')
          .map((i) => i.name),
      remove: (id) => drive.remove(id),
      isRestricted: () => true,
    };
  });
});

describe('in-memory archives (workflow tests)', () => {
  archiveContract(async () => {
    const archives = new MemoryArchives();
    return {
      archives,
      reopen: async () => archives,
      sharedWith: (id) =>
        archives.archives
          .find((a) => a.id === id)!
          .staff.map((e) => e.toLowerCase())
          .sort(),
    };
  });
});
