import { createFakeAppsScript } from '../fakes/apps-script';

/** The fake's SpreadsheetApp.create / openById and File.moveTo, as strict as Google's. */
describe('fake: spreadsheets made by a script', () => {
  it('makes a spreadsheet in My Drive with one Sheet1, owned by the caller, and opens it by ID', () => {
    const fake = createFakeAppsScript();
    const { SpreadsheetApp, DriveApp } = fake.globals;
    const made = SpreadsheetApp.create('Scheme – Cohort 1 archive');
    expect(made.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    const item = fake.drive.item(made.getId())!;
    expect(item).toMatchObject({
      parentId: fake.drive.rootId,
      mimeType: 'application/vnd.google-apps.spreadsheet',
      owner: 'staff@example.org',
      access: 'PRIVATE',
    });
    expect(SpreadsheetApp.openById(made.getId()).getName()).toBe('Scheme – Cohort 1 archive');
    const folder = fake.drive.seedFolder('Root');
    DriveApp.getFileById(made.getId()).moveTo(DriveApp.getFolderById(folder));
    expect(fake.drive.item(made.getId())!.parentId).toBe(folder);
    expect(() => SpreadsheetApp.create('  ')).toThrow('Invalid argument: name');
  });

  it('refuses to open one deleted from Drive, or one the caller cannot open', () => {
    const fake = createFakeAppsScript();
    const { SpreadsheetApp } = fake.globals;
    const id = SpreadsheetApp.create('A').getId();
    fake.setUser('someone@else.example');
    expect(() => SpreadsheetApp.openById(id)).toThrow(/openById/);
    fake.setUser('staff@example.org');
    fake.drive.remove(id);
    expect(() => SpreadsheetApp.openById(id)).toThrow(/openById/);
  });

  it('renames a tab, refusing a name another tab has', () => {
    const fake = createFakeAppsScript();
    const made = fake.globals.SpreadsheetApp.create('A');
    made.insertSheet('Log');
    made.getSheets()[0].setName('About this archive');
    expect(made.getSheets().map((s) => s.getName())).toEqual(['About this archive', 'Log']);
    expect(() => made.getSheets()[0].setName('log')).toThrow(/already exists/);
  });

  it('makes the bound spreadsheet a Drive file too', () => {
    const fake = createFakeAppsScript();
    const id = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getId();
    const copy = fake.globals.DriveApp.getFileById(id).makeCopy('Before v2');
    expect(fake.drive.item(copy.getId())!.name).toBe('Before v2');
  });
});
