import path from 'node:path';
import { FileJournal } from '../../src/local/file-journal';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { tempDir } from '../support/temp';
import { workbookContract } from './workbook-contract';

describe('local .xlsx back end', () => {
  workbookContract(async () => {
    const file = path.join(tempDir(), 'scheme.xlsx');
    const workbook = await XlsxWorkbook.open(file, { create: true });
    const journal = new FileJournal(`${file}.journal`, workbook);
    return {
      workbook,
      journal,
      reopen: async () => {
        await workbook.save();
        return XlsxWorkbook.open(file, { create: false });
      },
    };
  });
});
