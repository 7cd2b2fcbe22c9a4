import published from 'exceljs';
import JSZip from 'jszip';
import { createRequire } from 'node:module';
import path from 'node:path';

type ExcelJSType = typeof published;

/**
 * The CLI bundles exceljs with changes that make saving faster (scripts/exceljs-speed-patches.cjs).
 * The workbook it writes must be the one exceljs as published writes: every part, byte for byte.
 */
// Built by the global setup (test/support/global-setup.cjs), as the CLI runs it.
const bundled = createRequire(__filename)(
  path.resolve(__dirname, '../../dist-cli/vendor/exceljs.cjs'),
) as ExcelJSType;

const when = new Date('2026-07-01T09:30:00Z');

/** A workbook with what the tool and staff put in one: many rows, text of every kind, styles. */
function scheme(lib: ExcelJSType): InstanceType<ExcelJSType['Workbook']> {
  const book = new lib.Workbook();
  book.created = when;
  book.modified = when;
  const applications = book.addWorksheet('Applications', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  applications.addRow(['ID', 'Name', 'Email', 'Areas', 'Capacity', 'Submitted', 'Notes']);
  applications.getRow(1).font = { bold: true };
  for (let i = 0; i < 3000; i += 1) {
    applications.addRow([
      `A${String(i).padStart(4, '0')}`,
      i % 7 === 0 ? `Siân O'Brien-Ngũ ${i} 🌱` : `Mentor ${i}`,
      `mentor${i}@council${i % 40}.gov.uk`,
      'Budgeting, Working with councillors & <partners>',
      (i % 3) + 1,
      new Date(Date.UTC(2026, 4, 1 + (i % 28), 9, i % 60)),
      i % 11 === 0 ? '=SUM(A1:A2) "quoted"\nsecond line' : null,
    ]);
  }
  applications.getColumn(2).width = 30;
  applications.getColumn(6).numFmt = 'yyyy-mm-dd hh:mm:ss';
  applications.getCell('D2').fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: 'FFFFFF00' },
  };
  applications.getCell('B3').value = {
    richText: [{ text: 'Rich ', font: { italic: true } }, { text: 'text' }],
  };
  (
    applications as unknown as { dataValidations: { add(a: string, v: object): void } }
  ).dataValidations.add('E2:E10000', {
    type: 'list',
    allowBlank: true,
    formulae: ['"1,2,3"'],
  });
  const log = book.addWorksheet('Log');
  log.addRow(['Time', 'Key', 'Detail']);
  for (let i = 0; i < 2000; i += 1)
    log.addRow([when, `share:mentee${i}|mentor${i}`, JSON.stringify({ editors: [i, 'x"y'] })]);
  return book;
}

async function parts(lib: ExcelJSType): Promise<Map<string, string>> {
  const bytes = await scheme(lib).xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(bytes as ArrayBuffer);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (!zip.files[name].dir) out.set(name, await zip.file(name)!.async('string'));
  }
  return out;
}

test("the CLI's exceljs writes exactly the workbook exceljs as published writes", async () => {
  const [expected, actual] = [await parts(published), await parts(bundled)];
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  // Big enough that the sheet is joined in many pieces, not one.
  expect(expected.get('xl/worksheets/sheet1.xml')!.length).toBeGreaterThan(300_000);
  for (const [name, xml] of expected)
    expect({ name, xml: actual.get(name) }).toEqual({ name, xml });
});
