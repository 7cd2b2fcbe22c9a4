import * as vm from 'node:vm';
import { createFakeAppsScript, createFakeContext } from '../fakes/apps-script';

const NOT_FOUND =
  'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

function setUp(options: Parameters<typeof createFakeAppsScript>[0] = {}) {
  const fake = createFakeAppsScript(options);
  const DriveApp = fake.globals.DriveApp as unknown as GoogleAppsScript.Drive.DriveApp;
  return { fake, DriveApp };
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return String(error);
  }
  return 'nothing thrown';
}

describe('DriveApp: folders and files', () => {
  test('seeded items open by ID, with Drive-like IDs and URLs', () => {
    const { fake, DriveApp } = setUp();
    const folderId = fake.drive.seedFolder('Scheme');
    const docId = fake.drive.seedFile('Handbook', folderId, { content: 'text' });
    const pdfId = fake.drive.seedFile('Leaflet.pdf', folderId, { mimeType: 'application/pdf' });
    expect(folderId).toMatch(/^1Fake[A-Za-z0-9]{28}$/);
    const folder = DriveApp.getFolderById(folderId);
    expect(folder.getName()).toBe('Scheme');
    expect(folder.getId()).toBe(folderId);
    expect(folder.getUrl()).toBe(`https://drive.google.com/drive/folders/${folderId}`);
    expect(DriveApp.getFileById(docId).getUrl()).toBe(
      `https://docs.google.com/document/d/${docId}/edit?usp=drivesdk`,
    );
    expect(DriveApp.getFileById(pdfId).getUrl()).toBe(
      `https://drive.google.com/file/d/${pdfId}/view?usp=drivesdk`,
    );
    expect(DriveApp.getFileById(pdfId).getMimeType()).toBe('application/pdf');
    // Folders are files too.
    expect(DriveApp.getFileById(folderId).getMimeType()).toBe('application/vnd.google-apps.folder');
    expect(DriveApp.getRootFolder().getName()).toBe('My Drive');
    expect(DriveApp.getRootFolder().getId()).toBe(fake.drive.rootId);
  });

  test('missing IDs throw as Apps Script does', () => {
    const { fake, DriveApp } = setUp();
    const fileId = fake.drive.seedFile('Doc');
    expect(thrown(() => DriveApp.getFolderById('nope'))).toBe(NOT_FOUND);
    expect(thrown(() => DriveApp.getFileById('nope'))).toBe(NOT_FOUND);
    expect(thrown(() => DriveApp.getFolderById(fileId))).toBe(NOT_FOUND);
    expect(thrown(() => DriveApp.getFolderById(''))).toBe('Exception: Invalid argument: id');
    const folderId = fake.drive.seedFolder('Gone');
    const folder = DriveApp.getFolderById(folderId);
    fake.drive.remove(folderId);
    expect(thrown(() => DriveApp.getFolderById(folderId))).toBe(NOT_FOUND);
    expect(thrown(() => folder.getName())).toBe(NOT_FOUND);
  });

  test('createFolder, names, descriptions, parents and iterators', () => {
    const { fake, DriveApp } = setUp();
    const top = DriveApp.createFolder('Top');
    const a = top.createFolder('A');
    top.createFolder('B');
    top.createFolder('A');
    expect(a.getDescription()).toBeNull();
    a.setDescription('peer-mentoring:k').setName('A1');
    expect([a.getName(), a.getDescription()]).toEqual(['A1', 'peer-mentoring:k']);

    const names: string[] = [];
    const all = top.getFolders();
    while (all.hasNext()) names.push(all.next().getName());
    expect(names).toEqual(['A1', 'B', 'A']);
    const byName = top.getFoldersByName('A');
    expect(byName.hasNext()).toBe(true);
    expect(byName.next().getName()).toBe('A');
    expect(byName.hasNext()).toBe(false);
    expect(thrown(() => byName.next())).toBe(
      'Exception: Cannot retrieve the next object: iterator has reached the end.',
    );
    const parents = a.getParents();
    expect(parents.next().getId()).toBe(top.getId());
    expect(parents.hasNext()).toBe(false);
    expect(top.getParents().next().getId()).toBe(fake.drive.rootId);
    expect(DriveApp.getRootFolder().getParents().hasNext()).toBe(false);

    const file = top.createFile('notes.txt', 'hello');
    expect(top.getFilesByName('notes.txt').next().getId()).toBe(file.getId());
    expect(top.getFiles().next().getName()).toBe('notes.txt');
    expect(top.getFoldersByName('notes.txt').hasNext()).toBe(false);
    expect(fake.drive.folders(top.getId()).map((f) => f.name)).toEqual(['A1', 'B', 'A']);
    expect(fake.drive.folders()).toHaveLength(4);
  });

  test('trashed items stay listed in their folder (check isTrashed), and open by ID', () => {
    const { fake, DriveApp } = setUp();
    const top = DriveApp.createFolder('Top');
    const child = top.createFolder('Child');
    child.setTrashed(true);
    const it = top.getFoldersByName('Child');
    expect(it.next().isTrashed()).toBe(true);
    expect(DriveApp.getFolderById(child.getId()).isTrashed()).toBe(true);
    fake.drive.trash(top.getId());
    expect(fake.drive.item(top.getId())?.trashed).toBe(true);
  });

  test('makeCopy: name and destination; content, type and description copied; not shared', () => {
    const { fake, DriveApp } = setUp();
    const templates = fake.drive.seedFolder('Templates');
    const pair = fake.drive.seedFolder('Pair');
    const sourceId = fake.drive.seedFile('Agreement', templates, {
      content: 'Terms',
      description: 'A template',
    });
    const source = DriveApp.getFileById(sourceId);
    source.addEditor('author@example.org');
    const copy = source.makeCopy('Agreement', DriveApp.getFolderById(pair));
    expect(copy.getId()).not.toBe(sourceId);
    expect(copy.getParents().next().getId()).toBe(pair);
    expect(copy.getDescription()).toBe('A template');
    expect(fake.drive.item(copy.getId())).toMatchObject({
      name: 'Agreement',
      content: 'Terms',
      mimeType: 'application/vnd.google-apps.document',
      editors: [],
      access: 'PRIVATE',
    });
    expect(source.makeCopy().getName()).toBe('Copy of Agreement');
    expect(source.makeCopy().getParents().next().getId()).toBe(templates);
    expect(source.makeCopy(DriveApp.getFolderById(pair)).getName()).toBe('Copy of Agreement');
    expect(fake.drive.files(pair)).toHaveLength(2);
    expect(thrown(() => source.makeCopy('x', 'not a folder' as never))).toMatch(
      /don't match the method signature/,
    );
  });
});

describe('DriveApp: sharing', () => {
  test('editors, viewers and the owner', () => {
    const { fake, DriveApp } = setUp({ userEmail: 'Owner@Example.org' });
    const folder = DriveApp.createFolder('Pair');
    folder.addEditor('Ann@Example.org').addEditors(['bob@example.org', 'ann@example.org']);
    folder.addViewer('cai@example.org').addViewers(['dee@example.org']);
    const emails = (users: GoogleAppsScript.Drive.User[]) => users.map((u) => u.getEmail());
    // The owner is listed among the editors (assumed; see README).
    expect(emails(folder.getEditors())).toEqual([
      'owner@example.org',
      'ann@example.org',
      'bob@example.org',
    ]);
    expect(emails(folder.getViewers())).toEqual(['cai@example.org', 'dee@example.org']);
    expect(folder.getOwner().getEmail()).toBe('owner@example.org');

    // Making a viewer an editor moves them; removeViewer leaves editors alone.
    folder.addEditor('cai@example.org').removeViewer('ann@example.org');
    expect(emails(folder.getViewers())).toEqual(['dee@example.org']);
    folder.removeEditor('bob@example.org').removeViewer('dee@example.org');
    expect(fake.drive.item(folder.getId())).toMatchObject({
      editors: ['ann@example.org', 'cai@example.org'],
      viewers: [],
      owner: 'owner@example.org',
    });
    expect(thrown(() => folder.removeEditor('owner@example.org'))).toMatch(/^Exception: /);
  });

  test('invalid addresses throw, and addEditors adds nobody when one is invalid', () => {
    const { fake, DriveApp } = setUp();
    const folder = DriveApp.createFolder('Pair');
    expect(thrown(() => folder.addEditor('not an address'))).toBe(
      'Exception: Invalid argument: email',
    );
    expect(thrown(() => folder.addEditors(['ok@example.org', 'bad@']))).toBe(
      'Exception: Invalid argument: email',
    );
    expect(fake.drive.item(folder.getId())?.editors).toEqual([]);
  });

  test('sharing access and permission', () => {
    const { DriveApp } = setUp();
    const folder = DriveApp.createFolder('Pair');
    expect(folder.getSharingAccess()).toBe(DriveApp.Access.PRIVATE);
    expect(folder.getSharingPermission()).toBe(DriveApp.Permission.NONE);
    folder.setSharing(DriveApp.Access.ANYONE_WITH_LINK, DriveApp.Permission.VIEW);
    expect(folder.getSharingAccess()).toBe(DriveApp.Access.ANYONE_WITH_LINK);
    expect(folder.getSharingPermission()).toBe(DriveApp.Permission.VIEW);
    folder.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.EDIT);
    expect(folder.getSharingPermission()).toBe(DriveApp.Permission.NONE);
    expect(thrown(() => folder.setSharing(DriveApp.Access.ANYONE, DriveApp.Permission.OWNER))).toBe(
      'Exception: Invalid argument: permissionType',
    );
    expect(Object.keys(DriveApp.Access).sort()).toEqual([
      'ANYONE',
      'ANYONE_WITH_LINK',
      'DOMAIN',
      'DOMAIN_WITH_LINK',
      'PRIVATE',
    ]);
    expect(Object.keys(DriveApp.Permission)).toEqual(
      expect.arrayContaining(['VIEW', 'EDIT', 'COMMENT', 'OWNER', 'NONE']),
    );
  });
});

describe('DriveApp: call counting and latency', () => {
  test('calls are counted per Class.method under the Drive service; controls are not', () => {
    const { fake, DriveApp } = setUp();
    const root = fake.drive.seedFolder('Root');
    fake.drive.seedFile('Doc', root);
    fake.drive.folders();
    expect(fake.calls.total()).toBe(0);

    const folder = DriveApp.getFolderById(root);
    const sub = folder.createFolder('Pair');
    const files = folder.getFiles();
    while (files.hasNext()) files.next().makeCopy('Doc', sub);
    sub.addEditors(['a@example.org', 'b@example.org']);
    expect(fake.calls.snapshot()).toEqual({
      'DriveApp.getFolderById': 1,
      'File.makeCopy': 1,
      'FileIterator.hasNext': 2,
      'FileIterator.next': 1,
      'Folder.addEditors': 1,
      'Folder.createFolder': 1,
      'Folder.getFiles': 1,
    });
    expect(fake.calls.total('Drive')).toBe(8);
    fake.quiet(() => DriveApp.getFolderById(root).getName());
    expect(fake.calls.total('Drive')).toBe(8);
  });

  test('with latency, calls take their modelled time (addEditors per address)', () => {
    const { fake, DriveApp } = setUp({ latency: true });
    const id = fake.drive.seedFolder('Root');
    const cost = (fn: () => unknown) => {
      const t0 = fake.clock.nowMs();
      fn();
      return fake.clock.nowMs() - t0;
    };
    const folder = DriveApp.getFolderById(id);
    expect(cost(() => DriveApp.getFolderById(id))).toBe(200);
    expect(cost(() => folder.createFolder('x'))).toBe(800);
    const docId = fake.drive.seedFile('Doc', id);
    const doc = DriveApp.getFileById(docId);
    expect(cost(() => DriveApp.getFileById(docId))).toBe(200);
    expect(cost(() => doc.makeCopy('Doc', folder))).toBe(1200);
    expect(cost(() => folder.addEditor('a@example.org'))).toBe(600);
    expect(cost(() => folder.addEditors(['b@example.org', 'c@example.org']))).toBe(1200);
    expect(cost(() => folder.removeEditor('a@example.org'))).toBe(500);
    expect(cost(() => folder.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.NONE))).toBe(
      500,
    );
    expect(cost(() => folder.setDescription('d'))).toBe(300);
    expect(cost(() => folder.getEditors())).toBe(300);
    const it = folder.getFolders();
    expect(cost(() => it.next())).toBe(50);
    expect(cost(() => folder.getEditors()[0].getEmail())).toBe(300);
  });

  test('the costs option overrides Drive costs', () => {
    const { fake, DriveApp } = setUp({ latency: true, costs: { 'Folder.createFolder': 5 } });
    const folder = DriveApp.getRootFolder();
    const t0 = fake.clock.nowMs();
    folder.createFolder('x');
    expect(fake.clock.nowMs() - t0).toBe(5);
  });

  test('runs in a vm context with native errors', () => {
    const fake = createFakeAppsScript();
    const id = fake.drive.seedFolder('Scheme');
    const context = createFakeContext(fake);
    const result = vm.runInContext(
      `(function () {
        var name = DriveApp.getFolderById(${JSON.stringify(id)}).getName();
        try { DriveApp.getFolderById('missing'); } catch (e) {
          return [name, e instanceof Error, String(e).slice(0, 30), Array.isArray(DriveApp.getRootFolder().getEditors())];
        }
      })()`,
      context,
    );
    expect(result).toEqual(['Scheme', true, 'Exception: No item with the gi', true]);
  });
});
