import { SheetsArchives } from '../../src/apps-script/sheets-archives';
import { SheetJournal } from '../../src/apps-script/sheet-journal';
import { archiveContract } from './archive-contract';
import { SheetsWorkbook } from '../../src/apps-script/sheets-workbook';
import { fakeServices } from '../support/fake-services';
import { workbookContract } from './workbook-contract';

describe('Apps Script back end (on the fake)', () => {
  workbookContract(async () => {
    const { services } = fakeServices();
    return {
      workbook: new SheetsWorkbook(services.SpreadsheetApp),
      journal: new SheetJournal(services.SpreadsheetApp),
      reopen: async () => new SheetsWorkbook(services.SpreadsheetApp),
    };
  });
});

describe('Apps Script archives (on the fake)', () => {
  archiveContract(async () => {
    const { fake, services } = fakeServices();
    const root = fake.drive.seedFolder('Peer mentoring 2026');
    const make = () =>
      new SheetsArchives(services.SpreadsheetApp, services.DriveApp, () => ({
        rootFolderId: root,
        timeZone: 'Europe/London',
      }));
    return {
      archives: make(),
      reopen: async () => make(),
      sharedWith: (id) => {
        const item = fake.drive.item(id)!;
        expect(item.parentId).toBe(root);
        expect(item.access).toBe('PRIVATE');
        return [...item.editors, ...item.viewers].sort();
      },
    };
  });
});
