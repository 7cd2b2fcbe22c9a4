import type { DrivePort } from '../../src/ports';

/**
 * A Drive back end under test. `rootFolderId` is an empty folder (the scheme's root, where pair
 * folders go); `templatesFolderId` holds three templates named "Meeting notes", "reflective log"
 * and "Agreement" (a back end may add an extension); `handbookId` is a file outside both.
 */
export interface DriveBackend {
  drive: DrivePort;
  rootFolderId: string;
  templatesFolderId: string;
  handbookId: string;
  /** A fresh adapter over the same storage: what the next execution (after a crash) sees. */
  reopen(): DrivePort;
  /** Inspection, outside the port: names of the folders directly in a folder (not trashed). */
  childFolders(parentId: string): string[];
  /** Deletes a folder for good, as staff might. */
  remove(id: string): void;
  /** Nobody beyond the named people (and the owner) can open it: never "anyone with the link". */
  isRestricted(folderId: string): boolean;
}

const PAIR = { key: 'folder:pair:P001', name: 'Cohort 1 – Ann Jones & Bob Smith' };
const stripExtension = (name: string) => name.replace(/\.[A-Za-z0-9]{1,5}$/, '');

/** The behaviour every DrivePort must have, whatever the back end. */
export function driveContract(make: () => DriveBackend): void {
  describe('ensureFolder', () => {
    it('makes the folder once: a second call finds it by its key', () => {
      const b = make();
      const first = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const second = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      expect(first.created).toBe(true);
      expect(second).toEqual({ ...first, created: false });
      expect(b.childFolders(b.rootFolderId)).toEqual([first.name]);
      expect(b.drive.find(first.id)).toEqual({ id: first.id, name: first.name, url: first.url });
    });

    it('after a crash (a fresh adapter, no knownId) finds the folder instead of making another', () => {
      const b = make();
      const first = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const again = b.reopen().ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      expect(again.id).toBe(first.id);
      expect(again.created).toBe(false);
      expect(b.childFolders(b.rootFolderId)).toHaveLength(1);
    });

    it('uses knownId when it still names the folder, whatever name is asked for', () => {
      const b = make();
      const first = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const again = b.reopen().ensureFolder({
        ...PAIR,
        name: 'A new name',
        parentId: b.rootFolderId,
        knownId: first.id,
      });
      expect(again).toEqual({ ...first, created: false });
    });

    it('makes the folder again, once, when knownId names a folder that was deleted', () => {
      const b = make();
      const first = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      b.remove(first.id);
      expect(b.drive.find(first.id)).toBeNull();
      const second = b.reopen().ensureFolder({
        ...PAIR,
        parentId: b.rootFolderId,
        knownId: first.id,
      });
      expect(second.created).toBe(true);
      const third = b.reopen().ensureFolder({
        ...PAIR,
        parentId: b.rootFolderId,
        knownId: second.id,
      });
      expect(third).toEqual({ ...second, created: false });
      expect(b.childFolders(b.rootFolderId)).toHaveLength(1);
    });

    it('ignores a knownId that names nothing, or another pair’s folder', () => {
      const b = make();
      const other = b.drive.ensureFolder({
        key: 'folder:pair:P002',
        name: 'Cohort 1 – Cai & Dee',
        parentId: b.rootFolderId,
      });
      const bogus = b.drive.ensureFolder({
        ...PAIR,
        parentId: b.rootFolderId,
        knownId: 'no-such-folder',
      });
      const wrong = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId, knownId: other.id });
      expect(bogus.created).toBe(true);
      expect(wrong).toEqual({ ...bogus, created: false });
      expect(wrong.id).not.toBe(other.id);
      expect(b.childFolders(b.rootFolderId)).toHaveLength(2);
    });

    it('keeps two pairs with the same folder name apart', () => {
      const b = make();
      const one = b.drive.ensureFolder({ key: 'k1', name: 'Same name', parentId: b.rootFolderId });
      const two = b.drive.ensureFolder({ key: 'k2', name: 'Same name', parentId: b.rootFolderId });
      expect(two.id).not.toBe(one.id);
      expect(two.created).toBe(true);
      const fresh = b.reopen();
      expect(
        fresh.ensureFolder({ key: 'k1', name: 'Same name', parentId: b.rootFolderId }).id,
      ).toBe(one.id);
      expect(
        fresh.ensureFolder({ key: 'k2', name: 'Same name', parentId: b.rootFolderId }).id,
      ).toBe(two.id);
      expect(b.childFolders(b.rootFolderId)).toHaveLength(2);
    });

    it('keeps diacritics, copes with slashes, and finds such a folder again', () => {
      const b = make();
      const name = 'Cohort 1 – Siân Llywelyn & Seán Ó Briain / Dún Laoghaire';
      const key = 'folder:pair:P003';
      const made = b.drive.ensureFolder({ key, name, parentId: b.rootFolderId });
      expect(made.name).toContain('Siân Llywelyn & Seán Ó Briain');
      expect(made.name).toContain('Dún Laoghaire');
      expect(b.drive.find(made.id)?.name).toBe(made.name);
      const again = b.reopen().ensureFolder({ key, name, parentId: b.rootFolderId });
      expect(again).toEqual({ ...made, created: false });
      expect(b.childFolders(b.rootFolderId)).toEqual([made.name]);
      const copy = b.drive.ensureCopy({
        key: `${key}:handbook`,
        sourceId: b.handbookId,
        folderId: made.id,
      });
      expect(b.drive.listFiles(made.id).map((f) => f.id)).toEqual([copy.id]);
    });

    it('is restricted from the start', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      expect(b.isRestricted(folder.id)).toBe(true);
      expect(b.drive.sharedWith(folder.id)).toEqual([]);
    });
  });

  describe('trashFolder (erasure)', () => {
    it('moves a folder the tool made to the bin, once; the folder is gone for every later call', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      b.drive.shareFolder(folder.id, ['ann@kent.example']);
      expect(b.drive.trashFolder(folder.id)).toBe(true);
      expect(b.drive.find(folder.id)).toBeNull();
      expect(b.childFolders(b.rootFolderId)).toEqual([]);
      expect(b.reopen().trashFolder(folder.id)).toBe(false);
    });

    it('never touches a folder the tool did not make', () => {
      const b = make();
      expect(b.drive.trashFolder(b.templatesFolderId)).toBe(false);
      expect(b.drive.trashFolder(b.rootFolderId)).toBe(false);
      expect(b.drive.trashFolder('no-such-folder')).toBe(false);
      expect(b.drive.listFiles(b.templatesFolderId)).toHaveLength(3);
    });
  });

  describe('listFiles and find', () => {
    it('lists the files of a folder in name order, without folders', () => {
      const b = make();
      b.drive.ensureFolder({ key: 'sub', name: 'A sub-folder', parentId: b.templatesFolderId });
      const files = b.drive.listFiles(b.templatesFolderId);
      expect(files.map((f) => stripExtension(f.name))).toEqual([
        'Agreement',
        'Meeting notes',
        'reflective log',
      ]);
      for (const file of files) expect(b.drive.find(file.id)).toEqual(file);
    });

    it('finds nothing for an ID that names nothing', () => {
      const b = make();
      expect(b.drive.find('no-such-item')).toBeNull();
      expect(b.drive.find(b.handbookId)?.name).toMatch(/^Mentoring handbook/);
    });
  });

  describe('ensureCopy', () => {
    it('copies the handbook and each template once, found again after a crash', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const sources = [
        { id: b.handbookId, key: 'handbook' },
        ...b.drive.listFiles(b.templatesFolderId).map((t) => ({ id: t.id, key: t.id })),
      ];
      const made = sources.map((s) =>
        b.drive.ensureCopy({ key: `${PAIR.key}:${s.key}`, sourceId: s.id, folderId: folder.id }),
      );
      expect(made.map((m) => m.created)).toEqual([true, true, true, true]);
      const fresh = b.reopen();
      const again = sources.map((s) =>
        fresh.ensureCopy({ key: `${PAIR.key}:${s.key}`, sourceId: s.id, folderId: folder.id }),
      );
      expect(again).toEqual(made.map((m) => ({ ...m, created: false })));
      const inFolder = b.drive.listFiles(folder.id);
      expect(inFolder).toHaveLength(4);
      expect(inFolder.map((f) => stripExtension(f.name))).toEqual([
        'Agreement',
        'Meeting notes',
        'Mentoring handbook',
        'reflective log',
      ]);
      // The sources are untouched.
      expect(b.drive.listFiles(b.templatesFolderId)).toHaveLength(3);
    });

    it('makes the copy again when it was deleted', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const request = { key: 'copy:handbook', sourceId: b.handbookId, folderId: folder.id };
      const first = b.drive.ensureCopy(request);
      b.remove(first.id);
      const second = b.reopen().ensureCopy(request);
      expect(second.created).toBe(true);
      expect(b.drive.listFiles(folder.id)).toEqual([
        { id: second.id, name: second.name, url: second.url },
      ]);
    });
  });

  describe('shareFolder', () => {
    it('shares with exactly the editors given: adds the missing, removes the rest', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      expect(b.drive.shareFolder(folder.id, ['ann@example.org', 'bob@example.org'])).toEqual({
        added: ['ann@example.org', 'bob@example.org'],
        removed: [],
      });
      expect(b.drive.sharedWith(folder.id)).toEqual(['ann@example.org', 'bob@example.org']);
      expect(b.drive.shareFolder(folder.id, [' Bob@Example.org ', 'cai@example.org'])).toEqual({
        added: ['cai@example.org'],
        removed: ['ann@example.org'],
      });
      expect(b.reopen().sharedWith(folder.id)).toEqual(['bob@example.org', 'cai@example.org']);
      expect(b.isRestricted(folder.id)).toBe(true);
    });

    it('is idempotent: a second call adds and removes nobody', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      const editors = ['ann@example.org', 'bob@example.org', 'staff.member@example.org'];
      b.drive.shareFolder(folder.id, editors);
      expect(b.reopen().shareFolder(folder.id, editors)).toEqual({ added: [], removed: [] });
      expect(b.drive.sharedWith(folder.id)).toEqual([...editors].sort());
    });

    it('rejects an invalid address before sharing with anyone', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      expect(() =>
        b.drive.shareFolder(folder.id, ['ann@example.org', 'bob at example dot org']),
      ).toThrow(/bob at example dot org/);
      expect(b.drive.sharedWith(folder.id)).toEqual([]);
      expect(b.isRestricted(folder.id)).toBe(true);
    });

    it('can take everyone away', () => {
      const b = make();
      const folder = b.drive.ensureFolder({ ...PAIR, parentId: b.rootFolderId });
      b.drive.shareFolder(folder.id, ['ann@example.org']);
      expect(b.drive.shareFolder(folder.id, [])).toEqual({
        added: [],
        removed: ['ann@example.org'],
      });
      expect(b.drive.sharedWith(folder.id)).toEqual([]);
    });
  });
}
