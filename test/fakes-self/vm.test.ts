import * as vm from 'node:vm';
import { createFakeAppsScript, createFakeContext } from '../fakes/apps-script';

const SCRIPT = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Mentoring').addItem('Send', 'sendAll').addToUi();
}
function sendAll() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('People');
  var rows = sheet.getDataRange().getValues();
  var sent = 0;
  for (var i = 1; i < rows.length; i++) {
    MailApp.sendEmail({ to: rows[i][1], subject: 'Hello ' + rows[i][0], body: 'Hi' });
    sent++;
  }
  sheet.getRange(1, 3).setValue('Sent ' + sent);
  return sent;
}
`;

describe('running code inside node:vm', () => {
  test('a plain context with only the fake globals', () => {
    const fake = createFakeAppsScript();
    fake.spreadsheet.seed('People', [
      ['Name', 'Email'],
      ['Ann', 'ann@example.org'],
      ['Bob', 'bob@example.org'],
    ]);
    const context = vm.createContext({ ...fake.globals });
    vm.runInContext(SCRIPT, context);
    expect(vm.runInContext('typeof require + typeof process', context)).toBe('undefinedundefined');
    vm.runInContext('onOpen()', context);
    expect(vm.runInContext('sendAll()', context)).toBe(2);

    expect(fake.ui.menus[0].items).toEqual([{ caption: 'Send', functionName: 'sendAll' }]);
    expect(fake.sentMail.map((m) => m.to)).toEqual(['ann@example.org', 'bob@example.org']);
    expect(fake.spreadsheet.values('People')[0][2]).toBe('Sent 2');
    expect(fake.calls.count('MailApp.sendEmail')).toBe(2);
  });

  test('createFakeContext: realm-native dates and errors, virtual Date, recording console', () => {
    const fake = createFakeAppsScript({ latency: true });
    fake.spreadsheet.seed('Dates', [[new Date('2026-07-02T08:00:00Z')]]);
    const context = createFakeContext(fake);
    const result = vm.runInContext(
      `
      var started = Date.now();
      var v = SpreadsheetApp.getActive().getSheetByName('Dates').getRange(1, 1).getValue();
      var err;
      try { SpreadsheetApp.getActive().getSheetByName('Dates').getRange(1, 99); } catch (e) { err = e; }
      console.log('elapsed', Date.now() - started);
      ({ isDate: v instanceof Date, iso: v.toISOString(), isError: err instanceof Error,
         name: err.name, text: String(err), now: new Date().toISOString() })
      `,
      context,
    );
    expect(result).toEqual({
      isDate: true,
      iso: '2026-07-02T08:00:00.000Z',
      isError: true,
      name: 'Exception',
      text: 'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      now: fake.clock.now().toISOString(),
    });
    // getActive 50 + getSheetByName 30 + getRange 10 + getValue 80, then 50 + 30 + 10 (throws)
    expect(fake.consoleOutput).toEqual([{ level: 'log', text: 'elapsed 260' }]);
  });

  test('dates written from the vm realm are accepted', () => {
    const fake = createFakeAppsScript();
    const context = createFakeContext(fake, { virtualDate: false });
    vm.runInContext(
      `SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1).setValue(new Date(Date.UTC(2026, 6, 3)))`,
      context,
    );
    const stored = fake.spreadsheet.values('Sheet1')[0][0];
    expect((stored as Date).toISOString()).toBe('2026-07-03T00:00:00.000Z');
  });
});
