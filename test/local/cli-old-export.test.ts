import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import { csvColumns, MENTOR_FORM } from '../../src/domain/forms';
import { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

describe('an export made before a question was added to the form', () => {
  it('is imported, the new answer read as blank, never refused for the missing column', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    const added = MENTOR_FORM.questions.filter((q) => q.addedLater).map((q) => q.title);
    expect(added).toEqual(['Use my profile from my last cohort for any answer I leave blank']);
    const columns = csvColumns(MENTOR_FORM).filter((c) => !added.includes(c));
    const row = mentorRow();
    const file = path.join(dir, 'last-year-form.csv');
    fs.writeFileSync(file, stringify([columns, columns.map((c) => row[c] ?? '')]));
    const result = await cli(dir, 'import', '--form', 'mentor', file);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/1 new/);
    const workbook = await XlsxWorkbook.open(path.join(dir, 'scheme.xlsx'), { create: false });
    const tab = workbook.readTab('Applications');
    const [application] = (tab?.rows ?? []).map((r) =>
      Object.fromEntries((tab?.header ?? []).map((h, i) => [h, r[i]])),
    );
    expect(application).toMatchObject({ Name: 'Ann Jones', Email: 'ann.jones@kent.gov.example' });
    expect(application['Profile carried over'] ?? '').toBe('');
  });
});
