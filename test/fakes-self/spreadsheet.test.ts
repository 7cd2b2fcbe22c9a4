import { createFakeAppsScript } from '../fakes/apps-script';

function setup() {
  const fake = createFakeAppsScript();
  const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.insertSheet('Data');
  return { fake, ss, sheet };
}

describe('Sheets write semantics', () => {
  test('a string starting with = becomes a formula', () => {
    const { sheet } = setup();
    const cell = sheet.getRange(1, 1);
    cell.setValue('=HYPERLINK("http://evil.example","x")');
    expect(cell.getFormulas()).toEqual([['=HYPERLINK("http://evil.example","x")']]);
    expect(cell.getValues()).toEqual([['#FORMULA']]);
  });

  test('+ or - followed by a non-number becomes a formula; signed numbers stay numbers', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 5).setValues([['+1-2', '-x', '-5', '+7', '- item']]);
    expect(sheet.getRange(1, 1, 1, 5).getFormulas()).toEqual([['=+1-2', '=-x', '', '', '=- item']]);
    expect(sheet.getRange(1, 3, 1, 2).getValues()).toEqual([[-5, 7]]);
  });

  test('a lone - or + stays text', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 2).setValues([['-', '+']]);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['-', '+']]);
  });

  test('a leading quote stores literal text without the quote', () => {
    const { sheet } = setup();
    const cell = sheet.getRange('B2');
    cell.setValue('\'=HYPERLINK("http://x")');
    expect(cell.getValue()).toBe('=HYPERLINK("http://x")');
    expect(cell.getFormula()).toBe('');
    cell.setValue("'007");
    expect(cell.getValue()).toBe('007');
  });

  test('plain-number strings become numbers (leading zeros are lost)', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 4).setValues([['42', '3.5', '007', '1e3']]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([[42, 3.5, 7, 1000]]);
  });

  test("number format '@' keeps strings verbatim", () => {
    const { sheet } = setup();
    const row = sheet.getRange(1, 1, 1, 3);
    row.setNumberFormat('@');
    row.setValues([['=1+1', '007', '-x']]);
    expect(row.getValues()).toEqual([['=1+1', '007', '-x']]);
    expect(row.getFormulas()).toEqual([['', '', '']]);
    expect(row.getNumberFormats()).toEqual([['@', '@', '@']]);
  });

  test('empty strings, booleans, dates, ISO date strings and TRUE', () => {
    const { sheet } = setup();
    const when = new Date('2026-07-02T10:30:00Z');
    sheet.getRange(1, 1, 1, 5).setValues([['', true, when, '2026-07-03', 'TRUE']]);
    const [row] = sheet.getRange(1, 1, 1, 5).getValues();
    expect(row[0]).toBe('');
    expect(row[1]).toBe(true);
    expect(row[2]).toBeInstanceOf(Date);
    expect((row[2] as Date).getTime()).toBe(when.getTime());
    expect(row[2]).not.toBe(when); // a copy
    // midnight in Europe/London (BST) is 23:00 UTC the day before
    expect((row[3] as Date).toISOString()).toBe('2026-07-02T23:00:00.000Z');
    expect(row[4]).toBe(true);
  });

  test('getDisplayValues returns strings', () => {
    const { sheet } = setup();
    const range = sheet.getRange(1, 1, 1, 4);
    range.setValues([[1.5, false, new Date('2026-07-02T10:30:00Z'), '=A1']]);
    expect(range.getDisplayValues()).toEqual([['1.5', 'FALSE', '2026-07-02 11:30:00', '#FORMULA']]);
    sheet.getRange(1, 1).setNumberFormat('0.00');
    expect(sheet.getRange(1, 1).getDisplayValue()).toBe('1.50');
  });

  test('too long a string throws', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1).setValue('x'.repeat(50_001))).toThrow(
      'more than the maximum of 50000 characters',
    );
  });
});

describe('grid geometry', () => {
  test('new sheets are 1000 x 26 and empty', () => {
    const { sheet } = setup();
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('getRange outside the grid throws like Sheets', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 27)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow('outside the dimensions');
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('must be at least 1');
    expect(() => sheet.getRange(undefined as unknown as number, 1)).toThrow(
      "don't match the method signature for SpreadsheetApp.Sheet.getRange",
    );
  });

  test('errors look like Apps Script exceptions', () => {
    const { sheet } = setup();
    try {
      sheet.getRange(1, 40);
      throw new Error('no throw');
    } catch (e) {
      expect(String(e)).toBe(
        'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
  });

  test('insertColumnsAfter grows the grid and shifts cells right', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 3).setValues([['a', 'b', 'c']]);
    sheet.insertColumnsAfter(1, 30);
    expect(sheet.getMaxColumns()).toBe(56);
    expect(
      sheet
        .getRange(1, 1, 1, 33)
        .getValues()[0]
        .filter((v) => v !== ''),
    ).toEqual(['a', 'b', 'c']);
    expect(sheet.getRange(1, 32).getValue()).toBe('b');
    expect(sheet.getLastColumn()).toBe(33);
    expect(() => sheet.getRange(1, 56)).not.toThrow();
  });

  test('insertRowsAfter grows the grid and shifts rows down', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 2, 1).setValues([['first'], ['second']]);
    sheet.insertRowsAfter(1, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    expect(sheet.getRange(7, 1).getValue()).toBe('second');
    expect(sheet.getLastRow()).toBe(7);
  });

  test('getValues is always rectangular and getDataRange spans the content', () => {
    const { sheet } = setup();
    sheet.getRange(2, 3).setValue('x');
    sheet.getRange(4, 1).setValue(5);
    const values = sheet.getDataRange().getValues();
    expect(values).toEqual([
      ['', '', ''],
      ['', '', 'x'],
      ['', '', ''],
      [5, '', ''],
    ]);
  });

  test('setValues with the wrong shape throws and writes nothing', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('clearContent keeps formats', () => {
    const { sheet } = setup();
    const r = sheet.getRange(1, 1);
    r.setNumberFormat('@').setValue('x').setFontWeight('bold');
    r.clearContent();
    expect(r.getValue()).toBe('');
    expect(r.getNumberFormat()).toBe('@');
    expect(r.getFontWeight()).toBe('bold');
    expect(sheet.getLastRow()).toBe(0);
  });

  test('A1 notation', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D5');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()]).toEqual([2, 2, 4, 3]);
    expect(sheet.getRange('A:B').getNumRows()).toBe(1000);
    expect(() => sheet.getRange('nonsense!!')).toThrow('Range not found');
  });

  test('frozen rows', () => {
    const { sheet } = setup();
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
  });
});

describe('spreadsheet', () => {
  test('insertSheet refuses duplicate names (case-insensitive)', () => {
    const { ss } = setup();
    expect(() => ss.insertSheet('Data')).toThrow(
      'A sheet with the name "Data" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet('data')).toThrow('already exists');
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Data']);
  });

  test('ids, url, name, time zone and toast', () => {
    const { fake, ss } = setup();
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/London');
    ss.toast('Done', 'Title', 5);
    expect(fake.ui.toasts).toEqual(['Done']);
    expect(ss.getSheetByName('Sheet1')?.getSheetId()).toBe(0);
  });

  test('data validation rules are stored per cell', () => {
    const { fake, sheet } = setup();
    const rule = fake.globals.SpreadsheetApp.newDataValidation()
      .requireValueInList(['Yes', 'No'], true)
      .setAllowInvalid(false)
      .setHelpText('Pick one')
      .build();
    sheet.getRange(2, 1, 3, 1).setDataValidation(rule);
    const rules = sheet.getRange(1, 1, 4, 1).getDataValidations();
    expect(rules[0][0]).toBeNull();
    expect(rules[1][0]?.getCriteriaValues()).toEqual([['Yes', 'No'], true]);
    expect(rules[3][0]?.getAllowInvalid()).toBe(false);
    expect(rules[3][0]?.getHelpText()).toBe('Pick one');
  });

  test('seed and values write and read without counting', () => {
    const { fake } = setup();
    fake.calls.reset();
    fake.spreadsheet.seed('People', [['Name', 'Age'], ['Ann', '41'], ['Bob']]);
    expect(fake.spreadsheet.values('People')).toEqual([
      ['Name', 'Age'],
      ['Ann', 41],
      ['Bob', ''],
    ]);
    expect(fake.calls.total()).toBe(0);
  });
});
