import { SheetJournal } from '../../src/apps-script/sheet-journal';
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
