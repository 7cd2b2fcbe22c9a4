import path from 'node:path';
import fs from 'node:fs';
import { FileJournal } from '../../src/local/file-journal';
import { LocalArchives } from '../../src/local/local-archives';
import { archiveContract } from './archive-contract';
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

describe('local archives (archive/<cohort>.xlsx)', () => {
  archiveContract(async () => {
    const dir = tempDir();
    const archives = new LocalArchives(dir);
    await archives.load();
    return {
      archives,
      reopen: async () => {
        await archives.flush();
        const again = new LocalArchives(dir);
        await again.load();
        return again;
      },
      sharedWith: () => null,
    };
  });

  it('writes each archive beside the workbook as archive/<cohort>.xlsx, only when saved', async () => {
    const dir = tempDir();
    const archives = new LocalArchives(dir);
    const made = archives.ensure({ cohort: '2026/27', name: 'S – 2026/27 archive', staff: [] });
    expect(made.id).toBe('archive/2026-27.xlsx');
    await archives.flush();
    expect(fs.existsSync(path.join(dir, 'archive'))).toBe(false);
    const workbook = archives.open(made.id);
    workbook.writeTab({ name: 'Log', columns: ['Key'] }, { header: ['Key'], rows: [['k']] });
    workbook.save();
    await archives.flush();
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['.archives.json', '2026-27.xlsx']);
  });

  it('lists the archives from the folder index when a command does not open them', async () => {
    const dir = tempDir();
    const archives = new LocalArchives(dir);
    const made = archives.ensure({ cohort: '2026/27', name: 'S – 2026/27 archive', staff: [] });
    const workbook = archives.open(made.id);
    workbook.writeTab({ name: 'Log', columns: ['Key'] }, { header: ['Key'], rows: [['k']] });
    workbook.save();
    await archives.flush();
    const listing = new LocalArchives(dir);
    await listing.load({ contents: false });
    expect(listing.list().map((a) => [a.id, a.cohort])).toEqual([[made.id, '2026/27']]);
    expect(() => listing.open(made.id)).toThrow(/needs "archives: true"/);
    // A file changed since (or not in the index) is read to learn its cohort.
    fs.rmSync(path.join(dir, 'archive', '.archives.json'));
    const unindexed = new LocalArchives(dir);
    await unindexed.load({ contents: false });
    expect(unindexed.list().map((a) => a.id)).toEqual([made.id]);
    expect(unindexed.open(made.id).readTab('Log')?.rows).toEqual([['k']]);
  });
});
