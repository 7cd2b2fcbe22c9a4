import fs from 'node:fs';
import path from 'node:path';
import { AppsScriptDrive } from '../../src/apps-script/drive-app';
import { isUserError } from '../../src/domain/errors';
import { FOLDER_RECORD, LocalDrive, safeName } from '../../src/local/local-drive';
import type { DrivePort } from '../../src/ports';
import {
  createFakeAppsScript,
  DRIVE_COSTS,
  type CostTable,
  type FakeAppsScript,
  type FakeOptions,
} from '../fakes/apps-script';
import { tempDir } from '../support/temp';
import { driveContract, type DriveBackend } from './drive-contract';

const TEMPLATES = ['Meeting notes', 'reflective log', 'Agreement'];

function fakeBackend(options: FakeOptions = {}): DriveBackend & {
  fake: FakeAppsScript;
  app: GoogleAppsScript.Drive.DriveApp;
} {
  const fake = createFakeAppsScript(options);
  const root = fake.drive.seedFolder('Peer mentoring 2026');
  const templates = fake.drive.seedFolder('Templates');
  for (const name of TEMPLATES) {
    fake.drive.seedFile(name, templates, { content: `${name} text`, description: 'A template' });
  }
  const handbookId = fake.drive.seedFile('Mentoring handbook', fake.drive.rootId, {
    content: 'The handbook',
  });
  const app = fake.globals.DriveApp as unknown as GoogleAppsScript.Drive.DriveApp;
  return {
    fake,
    app,
    drive: new AppsScriptDrive(app),
    rootFolderId: root,
    templatesFolderId: templates,
    handbookId,
    reopen: () => new AppsScriptDrive(app),
    childFolders: (id) =>
      fake.drive
        .folders(id)
        .filter((f) => !f.trashed)
        .map((f) => f.name),
    remove: (id) => fake.drive.remove(id),
    isRestricted: (id) => fake.drive.item(id)?.access === 'PRIVATE',
  };
}

function localBackend(): DriveBackend & { dir: string } {
  const dir = path.join(tempDir(), 'drive');
  const root = LocalDrive.seedFolder(dir, 'Peer mentoring 2026');
  for (const name of TEMPLATES) LocalDrive.seedFile(dir, `Templates/${name}.docx`, `${name} text`);
  const handbookId = LocalDrive.seedFile(dir, 'Mentoring handbook.docx', 'The handbook');
  return {
    dir,
    drive: new LocalDrive(dir),
    rootFolderId: root,
    templatesFolderId: 'Templates',
    handbookId,
    reopen: () => new LocalDrive(dir),
    childFolders: (id) =>
      fs
        .readdirSync(path.join(dir, id), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name),
    remove: (id) => fs.rmSync(path.join(dir, id), { recursive: true, force: true }),
    isRestricted: (id) => new LocalDrive(dir).record(id)?.access === 'restricted',
  };
}

/** One pair as the workflow makes it: folder, handbook + 3 templates... here 3 copies, 3 people. */
function onePair(drive: DrivePort, b: DriveBackend, templateIds: string[], n: number): void {
  const key = `folder:pair:N${n}`;
  const folder = drive.ensureFolder({
    key,
    name: `Cohort 1 – New pair ${n}`,
    parentId: b.rootFolderId,
  });
  for (const sourceId of templateIds) {
    drive.ensureCopy({ key: `${key}:${sourceId}`, sourceId, folderId: folder.id });
  }
  drive.shareFolder(folder.id, [
    `mentor${n}@example.org`,
    `mentee${n}@example.org`,
    'staff@scheme.example.org',
  ]);
}

describe('Apps Script back end (DriveApp fake)', () => {
  driveContract(() => fakeBackend());

  test('pair folders are PRIVATE with no link access, marked with their key', () => {
    const b = fakeBackend();
    const folder = b.drive.ensureFolder({
      key: 'folder:pair:P1',
      name: 'Pair',
      parentId: b.rootFolderId,
    });
    b.drive.shareFolder(folder.id, ['ann@example.org']);
    const real = b.app.getFolderById(folder.id);
    expect(real.getSharingAccess()).toBe(b.app.Access.PRIVATE);
    expect(real.getSharingPermission()).toBe(b.app.Permission.NONE);
    expect(real.getDescription()).toBe('peer-mentoring:folder:pair:P1');
    expect(real.getName()).toBe('Pair');
  });

  test('shareFolder turns "anyone with the link" off and removes viewers too, never the owner', () => {
    const b = fakeBackend();
    const folder = b.drive.ensureFolder({ key: 'k', name: 'Pair', parentId: b.rootFolderId });
    b.fake.quiet(() => {
      const real = b.app.getFolderById(folder.id);
      real.setSharing(b.app.Access.ANYONE_WITH_LINK, b.app.Permission.EDIT);
      real.addViewer('nosy@example.org');
      real.addViewer('ann@example.org');
    });
    expect(b.drive.shareFolder(folder.id, ['ann@example.org', 'staff@example.org'])).toEqual({
      added: ['ann@example.org'],
      removed: ['nosy@example.org'],
    });
    const info = b.fake.drive.item(folder.id);
    expect(info?.access).toBe('PRIVATE');
    expect(info?.editors).toEqual(['ann@example.org']);
    expect(info?.viewers).toEqual([]);
    expect(info?.owner).toBe('staff@example.org');
  });

  test('a folder made by a run that timed out before marking it is adopted, not made again', () => {
    // Everything costs nothing except createFolder, which runs the execution out of time.
    const costs: CostTable = Object.fromEntries(Object.keys(DRIVE_COSTS).map((k) => [k, 0]));
    const b = fakeBackend({
      latency: true,
      enforceTimeLimit: true,
      costs: { ...costs, 'Folder.createFolder': 1000 },
    });
    b.fake.clock.advance(b.fake.clock.remainingInExecution() - 500);
    const request = { key: 'folder:pair:P1', name: 'Pair', parentId: b.rootFolderId };
    expect(() => b.drive.ensureFolder(request)).toThrow('Exceeded maximum execution time');
    expect(b.fake.drive.folders(b.rootFolderId)).toMatchObject([
      { name: 'Pair', description: null },
    ]);

    b.fake.clock.startExecution();
    const again = b.reopen().ensureFolder(request);
    expect(again.created).toBe(false);
    expect(b.fake.drive.folders(b.rootFolderId)).toMatchObject([
      { id: again.id, description: 'peer-mentoring:folder:pair:P1', access: 'PRIVATE' },
    ]);
  });

  test('a copy made by a run that timed out before marking it is adopted, not made again', () => {
    const costs: CostTable = Object.fromEntries(Object.keys(DRIVE_COSTS).map((k) => [k, 0]));
    const b = fakeBackend({
      latency: true,
      enforceTimeLimit: true,
      costs: { ...costs, 'File.makeCopy': 1000 },
    });
    const folder = b.drive.ensureFolder({ key: 'f', name: 'Pair', parentId: b.rootFolderId });
    const template = b.drive.listFiles(b.templatesFolderId)[0];
    b.fake.clock.advance(b.fake.clock.remainingInExecution() - 500);
    const request = { key: 'copy:1', sourceId: template.id, folderId: folder.id };
    expect(() => b.reopen().ensureCopy(request)).toThrow('Exceeded maximum execution time');
    // The copy carries the template's own description, not a key.
    expect(b.fake.drive.files(folder.id)).toMatchObject([{ description: 'A template' }]);

    b.fake.clock.startExecution();
    const again = b.reopen().ensureCopy(request);
    expect(again.created).toBe(false);
    expect(b.fake.drive.files(folder.id)).toMatchObject([
      { id: again.id, name: 'Agreement', description: 'A template\npeer-mentoring:copy:1' },
    ]);
  });

  test('a trashed folder or copy counts as gone; staff notes in a description are kept', () => {
    const b = fakeBackend();
    const request = { key: 'folder:pair:P1', name: 'Pair', parentId: b.rootFolderId };
    const first = b.drive.ensureFolder(request);
    b.fake.drive.trash(first.id);
    expect(b.drive.find(first.id)).toBeNull();
    const second = b.reopen().ensureFolder({ ...request, knownId: first.id });
    expect(second.created).toBe(true);
    b.fake.quiet(() =>
      b.app
        .getFolderById(second.id)
        .setDescription('Staff: pair met on 3 July\npeer-mentoring:folder:pair:P1'),
    );
    expect(b.reopen().ensureFolder(request)).toEqual({ ...second, created: false });
  });

  test('a same-named folder marked for another key is never adopted', () => {
    const b = fakeBackend();
    const other = b.drive.ensureFolder({ key: 'other', name: 'Pair', parentId: b.rootFolderId });
    const mine = b.drive.ensureFolder({ key: 'mine', name: 'Pair', parentId: b.rootFolderId });
    expect(mine.id).not.toBe(other.id);
    expect(mine.created).toBe(true);
  });

  describe('Drive calls per pair', () => {
    // Per pair: ensureFolder (new) 8, 3 × ensureCopy 8, shareFolder (3 editors) 5 = 37 on a
    // fresh adapter; 30 once the root folder and the templates are open (7 + 3 × 6 + 5).
    test.each([5, 200])('are a constant 37 (30 warm) with %i pair folders already there', (n) => {
      const b = fakeBackend();
      b.fake.quiet(() => {
        for (let i = 0; i < n; i++) onePair(b.drive, b, [], 1000 + i);
      });
      const templateIds = b.fake
        .quiet(() => b.drive.listFiles(b.templatesFolderId))
        .map((t) => t.id);
      expect(b.fake.drive.folders(b.rootFolderId)).toHaveLength(n);

      b.fake.calls.reset();
      const drive = b.reopen();
      onePair(drive, b, templateIds, 1);
      expect(b.fake.calls.total('Drive')).toBe(37);
      expect(b.fake.calls.snapshot()).toEqual({
        'DriveApp.getFileById': 3,
        'DriveApp.getFolderById': 1,
        'File.getId': 3,
        'File.getName': 3,
        'File.getUrl': 3,
        'File.makeCopy': 3,
        'File.setDescription': 3,
        'FileIterator.hasNext': 3,
        'Folder.addEditors': 1,
        'Folder.createFolder': 1,
        'Folder.getEditors': 1,
        'Folder.getFilesByName': 3,
        'Folder.getFoldersByName': 1,
        'Folder.getId': 1,
        'Folder.getOwner': 1,
        'Folder.getSharingAccess': 1,
        'Folder.getUrl': 1,
        'Folder.getViewers': 1,
        'Folder.setDescription': 1,
        'Folder.setSharing': 1,
        'FolderIterator.hasNext': 1,
      });

      b.fake.calls.reset();
      onePair(drive, b, templateIds, 2);
      expect(b.fake.calls.total('Drive')).toBe(30);
      expect(b.fake.drive.folders(b.rootFolderId)).toHaveLength(n + 2);
    });

    test('take about 10 virtual seconds, and a re-run of a finished pair changes nothing', () => {
      const b = fakeBackend({ latency: true });
      const templateIds = b.drive.listFiles(b.templatesFolderId).map((t) => t.id);
      const drive = b.reopen();
      const t0 = b.fake.clock.nowMs();
      onePair(drive, b, templateIds, 1);
      const fresh = b.fake.clock.nowMs() - t0;
      const t1 = b.fake.clock.nowMs();
      onePair(drive, b, templateIds, 2);
      const warm = b.fake.clock.nowMs() - t1;
      // Folder 200 + 300 + 5 + 800 + 500 + 300 + 1 + 1; each copy 200 + 20 + 300 + 5 + 1200 +
      // 300 + 1 + 1; sharing 200 + 300 + 300 + 100 + 3 × 600. Warm: no getFolderById, getFileById
      // or getName of a template.
      expect(fresh).toBe(2107 + 3 * 2027 + 2700);
      expect(warm).toBe(2107 - 200 + 3 * (2027 - 220) + 2700);

      b.fake.calls.reset();
      onePair(b.reopen(), b, templateIds, 1);
      const snapshot = b.fake.calls.snapshot();
      for (const write of [
        'createFolder',
        'makeCopy',
        'setDescription',
        'addEditors',
        'setSharing',
      ]) {
        expect(Object.keys(snapshot).filter((k) => k.endsWith(`.${write}`))).toEqual([]);
      }
    });
  });
});

describe('local back end (folders on disk)', () => {
  driveContract(() => localBackend());

  test('IDs are paths under the root; URLs are file:// URLs; names are safe on disk', () => {
    const b = localBackend();
    const folder = b.drive.ensureFolder({
      key: 'k',
      name: 'Cohort 1: Siân / Ann\t"Jones"?',
      parentId: b.rootFolderId,
    });
    expect(folder.name).toBe('Cohort 1 Siân Ann Jones');
    expect(folder.id).toBe('Peer mentoring 2026/Cohort 1 Siân Ann Jones');
    expect(fs.statSync(path.join(b.dir, folder.id)).isDirectory()).toBe(true);
    expect(folder.url).toMatch(/^file:\/\/.*Si%C3%A2n%20Ann%20Jones$/);
  });

  test('safeName keeps Unicode and removes what file systems reject', () => {
    expect(safeName('Siân & Seán Ó Briain')).toBe('Siân & Seán Ó Briain');
    expect(safeName('a/b\\c:d*e?f"g<h>i|j')).toBe('a b c d e f g h i j');
    expect(safeName('..hidden. ')).toBe('hidden');
    expect(safeName('line\none\u0007')).toBe('line one');
    expect(safeName('///')).toBe('Untitled');
    expect(safeName('CON')).toBe('_CON');
    expect(Buffer.byteLength(safeName('â'.repeat(300)), 'utf8')).toBeLessThanOrEqual(200);
  });

  test('the folder record holds the key, the editors and "restricted", and is never listed', () => {
    const b = localBackend();
    const folder = b.drive.ensureFolder({
      key: 'folder:pair:P1',
      name: 'Pair',
      parentId: b.rootFolderId,
    });
    const copy = b.drive.ensureCopy({ key: 'copy:h', sourceId: b.handbookId, folderId: folder.id });
    b.drive.shareFolder(folder.id, ['Bob@example.org', 'ann@example.org']);
    const record = JSON.parse(fs.readFileSync(path.join(b.dir, folder.id, FOLDER_RECORD), 'utf8'));
    expect(record).toEqual({
      key: 'folder:pair:P1',
      access: 'restricted',
      editors: ['ann@example.org', 'bob@example.org'],
      copies: { 'copy:h': 'Mentoring handbook.docx' },
    });
    expect(b.drive.listFiles(folder.id).map((f) => f.name)).toEqual(['Mentoring handbook.docx']);
    expect(fs.readFileSync(path.join(b.dir, copy.id), 'utf8')).toBe('The handbook');
    expect(
      fs.readdirSync(path.join(b.dir, folder.id)).filter((n) => n.startsWith('.pm-tmp')),
    ).toEqual([]);
  });

  test('a folder or copy a killed run left unrecorded is adopted, not made again', () => {
    const b = localBackend();
    // Killed between mkdir and writing the record.
    fs.mkdirSync(path.join(b.dir, b.rootFolderId, 'Pair'));
    const folder = b.drive.ensureFolder({ key: 'k', name: 'Pair', parentId: b.rootFolderId });
    expect(folder).toMatchObject({ name: 'Pair', created: false });
    // Killed between copying and recording the copy; and a half-written temporary file.
    fs.writeFileSync(path.join(b.dir, folder.id, 'Mentoring handbook.docx'), 'The handbook');
    fs.writeFileSync(path.join(b.dir, folder.id, '.pm-tmp-123-abc'), 'The hand');
    const copy = b.drive.ensureCopy({ key: 'c', sourceId: b.handbookId, folderId: folder.id });
    expect(copy).toMatchObject({ name: 'Mentoring handbook.docx', created: false });
    expect(b.drive.listFiles(folder.id)).toHaveLength(1);
    expect(b.childFolders(b.rootFolderId)).toEqual(['Pair']);
  });

  test('a same-named folder or copy that belongs to another key gets a numbered name', () => {
    const b = localBackend();
    const one = b.drive.ensureFolder({ key: 'k1', name: 'Pair', parentId: b.rootFolderId });
    const two = b.drive.ensureFolder({ key: 'k2', name: 'Pair', parentId: b.rootFolderId });
    expect([one.name, two.name]).toEqual(['Pair', 'Pair (2)']);
    const c1 = b.drive.ensureCopy({ key: 'c1', sourceId: b.handbookId, folderId: one.id });
    const c2 = b.drive.ensureCopy({ key: 'c2', sourceId: b.handbookId, folderId: one.id });
    expect([c1.name, c2.name]).toEqual(['Mentoring handbook.docx', 'Mentoring handbook (2).docx']);
  });

  test('two LocalDrive instances over one folder never make a folder twice', () => {
    const b = localBackend();
    b.drive.ensureFolder({ key: 'other', name: 'Other', parentId: b.rootFolderId });
    // Another instance makes the pair's folder after the first one indexed the root.
    const made = b.reopen().ensureFolder({ key: 'k', name: 'Pair', parentId: b.rootFolderId });
    expect(b.drive.ensureFolder({ key: 'k', name: 'Pair', parentId: b.rootFolderId })).toEqual({
      ...made,
      created: false,
    });
    expect(b.childFolders(b.rootFolderId).sort()).toEqual(['Other', 'Pair']);
  });

  test('IDs cannot reach outside the root', () => {
    const b = localBackend();
    expect(b.drive.find('../outside')).toBeNull();
    expect(b.drive.find('/etc')).toBeNull();
    expect(b.drive.find(`Peer mentoring 2026/${FOLDER_RECORD}`)).toBeNull();
    expect(() => b.drive.ensureFolder({ key: 'k', name: 'x', parentId: '../..' })).toThrow(
      'There is no folder',
    );
  });

  test('a damaged folder record is a UserError naming the file', () => {
    const b = localBackend();
    const folder = b.drive.ensureFolder({ key: 'k', name: 'Pair', parentId: b.rootFolderId });
    fs.writeFileSync(path.join(b.dir, folder.id, FOLDER_RECORD), '{"key": "k", "edi');
    let caught: unknown;
    try {
      b.reopen().sharedWith(folder.id);
    } catch (error) {
      caught = error;
    }
    expect(isUserError(caught)).toBe(true);
    expect(String((caught as Error).message)).toContain(FOLDER_RECORD);
  });
});
