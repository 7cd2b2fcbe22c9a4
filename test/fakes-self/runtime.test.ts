import { createFakeAppsScript, fakeDateClass, VirtualClock } from '../fakes/apps-script';

describe('call counting', () => {
  test('every call is counted by Class.method and totals by service', () => {
    const fake = createFakeAppsScript();
    const { SpreadsheetApp, MailApp } = fake.globals;
    const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
    sheet?.getRange(1, 1, 2, 2).setValues([
      [1, 2],
      [3, 4],
    ]);
    sheet?.getRange(1, 1).getValues();
    MailApp.getRemainingDailyQuota();

    expect(fake.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
    expect(fake.calls.count('Sheet.getRange')).toBe(2);
    expect(fake.calls.count('Range.setValues')).toBe(1);
    expect(fake.calls.count('Range')).toBe(2);
    expect(fake.calls.total('Spreadsheet')).toBe(6);
    expect(fake.calls.total('Mail')).toBe(1);
    expect(fake.calls.snapshot()).toEqual({
      'MailApp.getRemainingDailyQuota': 1,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Sheet.getRange': 2,
      'Spreadsheet.getSheetByName': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(fake.calls.history()[0]).toBe('SpreadsheetApp.getActiveSpreadsheet');
    fake.calls.reset();
    expect(fake.calls.total()).toBe(0);
  });

  test('other fakes can register classes on the same counter and clock', () => {
    const fake = createFakeAppsScript({ latency: true });
    fake.runtime.registerService('Drive', ['DriveApp', 'File'], { 'DriveApp.getFileById': 70 });
    const t0 = fake.clock.nowMs();
    fake.runtime.hit('DriveApp', 'getFileById');
    fake.runtime.hit('File', 'getName');
    expect(fake.calls.total('Drive')).toBe(2);
    expect(fake.clock.nowMs() - t0).toBe(71); // 70 + the '*' default of 1
  });
});

describe('latency and the virtual clock', () => {
  test('without latency, calls take no virtual time', () => {
    const fake = createFakeAppsScript();
    const t0 = fake.clock.nowMs();
    fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets();
    expect(fake.clock.nowMs()).toBe(t0);
  });

  test('with latency, each call advances the clock by its cost (per cell for bulk calls)', () => {
    const fake = createFakeAppsScript({ latency: true });
    fake.clock.startExecution();
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet(); // 50
    const sheet = ss.getSheetByName('Sheet1'); // 30
    const range = sheet!.getRange(1, 1, 100, 10); // 10
    range.getValues(); // 100 + 0.05 * 1000 = 150
    range.setValues(Array.from({ length: 100 }, () => new Array(10).fill('x'))); // 150 + 100
    fake.globals.MailApp.sendEmail('a@example.org', 's', 'b'); // 400
    expect(fake.clock.elapsedInExecution()).toBeCloseTo(50 + 30 + 10 + 150 + 250 + 400, 6);
  });

  test('the cost table can be overridden', () => {
    const fake = createFakeAppsScript({ latency: true, costs: { 'Sheet.getRange': 1000 } });
    const sheet = fake.spreadsheet.sheet('Sheet1')!;
    const t0 = fake.clock.nowMs();
    sheet.getRange(1, 1);
    expect(fake.clock.nowMs() - t0).toBe(1000);
  });

  test('enforceTimeLimit: calls after 6 virtual minutes throw; a new execution resets it', () => {
    const fake = createFakeAppsScript({ enforceTimeLimit: true });
    fake.clock.advance(6 * 60_000 + 1);
    expect(() => fake.globals.Session.getScriptTimeZone()).toThrow(
      'Exceeded maximum execution time',
    );
    fake.clock.startExecution();
    expect(fake.globals.Session.getScriptTimeZone()).toBe('Europe/London');
  });

  test('fakeDateClass reads the virtual clock for new Date() and Date.now()', () => {
    const clock = new VirtualClock(new Date('2026-07-01T09:00:00Z'));
    const FakeDate = fakeDateClass(clock);
    clock.advance(1234);
    expect(FakeDate.now()).toBe(Date.parse('2026-07-01T09:00:01.234Z'));
    expect(new FakeDate().toISOString()).toBe('2026-07-01T09:00:01.234Z');
    expect(new FakeDate(0).getTime()).toBe(0);
    expect(new FakeDate(2026, 0, 2).getFullYear()).toBe(2026);
    expect(new FakeDate()).toBeInstanceOf(Date);
    expect(typeof (FakeDate as unknown as () => string)()).toBe('string');
    expect(FakeDate.UTC(2026, 0, 1)).toBe(Date.UTC(2026, 0, 1));
  });

  test('quiet() neither counts nor spends time', () => {
    const fake = createFakeAppsScript({ latency: true });
    const t0 = fake.clock.nowMs();
    fake.quiet(() => fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheets());
    expect(fake.calls.total()).toBe(0);
    expect(fake.clock.nowMs()).toBe(t0);
  });
});
