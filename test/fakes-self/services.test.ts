import { createFakeAppsScript } from '../fakes/apps-script';

describe('Ui and HtmlService', () => {
  test('menus are recorded with items, separators and sub-menus', () => {
    const fake = createFakeAppsScript();
    const ui = fake.globals.SpreadsheetApp.getUi();
    const sub = ui.createMenu('Admin').addItem('Reset', 'resetAll');
    ui.createMenu('Mentoring')
      .addItem('Match', 'runMatch')
      .addSeparator()
      .addSubMenu(sub)
      .addToUi();
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0].name).toBe('Mentoring');
    expect(fake.ui.menus[0].items).toEqual([
      { caption: 'Match', functionName: 'runMatch' },
      { caption: 'Reset', functionName: 'resetAll' },
    ]);
    expect(fake.ui.menus[0].entries.map((e) => e.kind)).toEqual(['item', 'separator', 'submenu']);
  });

  test('alerts record the prompt and answer OK/YES unless told otherwise', () => {
    const fake = createFakeAppsScript();
    const ui = fake.globals.SpreadsheetApp.getUi();
    expect(ui.alert('Hello')).toBe(ui.Button.OK);
    expect(ui.alert('Sure?', 'Send 12 emails?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    fake.ui.alertResponses.push('NO');
    expect(ui.alert('Again?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(fake.ui.alerts).toEqual(['Hello', 'Send 12 emails?', 'Again?']);
    expect(fake.ui.alertDetails[1].title).toBe('Sure?');
  });

  test('dialogs and sidebars record their HTML', () => {
    const fake = createFakeAppsScript();
    const ui = fake.globals.SpreadsheetApp.getUi();
    const out = fake.globals.HtmlService.createHtmlOutput('<p>Hi</p>')
      .append('<b>x</b>')
      .appendUntrusted('<script>')
      .setWidth(300)
      .setTitle('Report');
    ui.showModalDialog(out, 'Results');
    ui.showSidebar(out);
    expect(fake.ui.dialogs).toEqual([
      { title: 'Results', html: '<p>Hi</p><b>x</b>&lt;script&gt;', modal: true },
    ]);
    expect(fake.ui.sidebars[0].title).toBe('Report');
  });
});

describe('MailApp', () => {
  test('records mail in both call forms', () => {
    const fake = createFakeAppsScript();
    fake.globals.MailApp.sendEmail({ to: 'a@example.org', subject: 'S', htmlBody: '<p>x</p>' });
    fake.globals.MailApp.sendEmail('b@example.org', 'S2', 'body', {
      cc: 'c@example.org',
      name: 'Bot',
    });
    expect(fake.sentMail.map((m) => [m.to, m.cc, m.subject, m.name])).toEqual([
      ['a@example.org', '', 'S', undefined],
      ['b@example.org', 'c@example.org', 'S2', 'Bot'],
    ]);
    expect(fake.sentMail[0].at).toEqual(fake.clock.now());
    expect(fake.globals.MailApp.getRemainingDailyQuota()).toBe(97);
  });

  test('invalid addresses throw and send nothing', () => {
    const fake = createFakeAppsScript();
    expect(() => fake.globals.MailApp.sendEmail('not-an-address', 's', 'b')).toThrow(
      'Invalid email: not-an-address',
    );
    expect(() => fake.globals.MailApp.sendEmail({ to: '', subject: 's' })).toThrow('no recipient');
    expect(fake.sentMail).toHaveLength(0);
    expect(fake.globals.MailApp.getRemainingDailyQuota()).toBe(100);
  });

  test('quota: every recipient counts; exhaustion throws; it frees up 24 hours after each use, not at midnight', () => {
    const fake = createFakeAppsScript();
    const mail = fake.globals.MailApp;
    for (let i = 0; i < 49; i++) mail.sendEmail(`p${i}@example.org`, 's', 'b');
    mail.sendEmail({ to: 'x@example.org', bcc: 'y@example.org, Z <z@example.org>', subject: 's' });
    expect(mail.getRemainingDailyQuota()).toBe(48);
    fake.mail.consumeQuota(47);
    expect(() =>
      mail.sendEmail({ to: 'a@example.org', cc: 'b@example.org', subject: 's' }),
    ).toThrow('Service invoked too many times for one day: email.');
    expect(fake.sentMail).toHaveLength(50);
    mail.sendEmail('last@example.org', 's', 'b');
    expect(mail.getRemainingDailyQuota()).toBe(0);
    fake.advanceDay();
    expect(fake.clock.now().toISOString()).toBe('2026-07-01T23:00:00.000Z'); // 00:00 BST
    expect(mail.getRemainingDailyQuota()).toBe(0); // a rolling 24 hours: midnight changes nothing
    fake.clock.advanceTo(new Date('2026-07-02T09:00:00.000Z')); // 24 hours after the sends
    expect(mail.getRemainingDailyQuota()).toBe(100);
  });

  test('workspace accounts get 1500', () => {
    const fake = createFakeAppsScript({ account: 'workspace' });
    expect(fake.globals.MailApp.getRemainingDailyQuota()).toBe(1500);
  });
});

describe('PropertiesService', () => {
  test('stores are separate and behave like Properties', () => {
    const fake = createFakeAppsScript();
    const script = fake.globals.PropertiesService.getScriptProperties();
    script.setProperty('a', '1').setProperties({ b: '2', c: '3' });
    expect(script.getProperty('a')).toBe('1');
    expect(script.getProperty('zz')).toBeNull();
    expect(fake.globals.PropertiesService.getUserProperties().getKeys()).toEqual([]);
    script.setProperties({ d: '4' }, true);
    expect(script.getProperties()).toEqual({ d: '4' });
    script.deleteProperty('d');
    expect(script.getKeys()).toEqual([]);
    expect(fake.properties.script.size).toBe(0);
  });

  test('9 KB per value and 500 KB per store', () => {
    const fake = createFakeAppsScript();
    const props = fake.globals.PropertiesService.getDocumentProperties();
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(
      'Argument too large: value',
    );
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    for (let i = 0; i < 54; i++) props.setProperty(`k${i}`, 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('one-too-many', 'x'.repeat(9 * 1024))).toThrow(
      'exceeded the property storage quota',
    );
    expect(props.getProperty('one-too-many')).toBeNull();
  });
});

describe('ScriptApp triggers', () => {
  test('create, list, delete', () => {
    const fake = createFakeAppsScript();
    const app = fake.globals.ScriptApp;
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const t1 = app.newTrigger('continueRun').timeBased().after(60_000).create();
    const t2 = app.newTrigger('onSubmit').forSpreadsheet(ss).onFormSubmit().create();
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'continueRun',
      'onSubmit',
    ]);
    expect(t1.getEventType()).toBe(app.EventType.CLOCK);
    expect(t2.getEventType()).toBe(app.EventType.ON_FORM_SUBMIT);
    expect(t2.getTriggerSource()).toBe(app.TriggerSource.SPREADSHEETS);
    expect(t2.getTriggerSourceId()).toBe(ss.getId());
    expect(t1.getUniqueId()).not.toBe(t2.getUniqueId());
    app.deleteTrigger(t1);
    expect(fake.triggers().map((t) => t.handler)).toEqual(['onSubmit']);
  });

  test('at most 20 triggers', () => {
    const fake = createFakeAppsScript();
    const app = fake.globals.ScriptApp;
    for (let i = 0; i < 20; i++) app.newTrigger(`f${i}`).timeBased().after(1000).create();
    expect(() => app.newTrigger('f20').timeBased().after(1000).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  });

  test('due triggers fire in a new execution without UI; fired ones stay installed', () => {
    const fake = createFakeAppsScript();
    const app = fake.globals.ScriptApp;
    app
      .newTrigger('later')
      .timeBased()
      .after(10 * 60_000)
      .create();
    app
      .newTrigger('soon')
      .timeBased()
      .at(new Date(fake.clock.nowMs() + 60_000))
      .create();
    expect(fake.dueTriggers()).toEqual([]);
    fake.clock.advance(5 * 60_000);
    expect(fake.dueTriggers().map((t) => t.handler)).toEqual(['soon']);

    const ran: string[] = [];
    const before = fake.clock.executionId();
    fake.runDueTriggers((name, e) => {
      ran.push(`${name}:${e.triggerUid}`);
      expect(() => fake.globals.SpreadsheetApp.getUi()).toThrow(
        'Cannot call SpreadsheetApp.getUi()',
      );
    });
    expect(ran).toEqual([`soon:${fake.triggers()[1].id}`]);
    expect(fake.clock.executionId()).toBe(before + 1);
    expect(fake.dueTriggers()).toEqual([]);
    expect(app.getProjectTriggers()).toHaveLength(2);
    expect(() => fake.globals.SpreadsheetApp.getUi()).not.toThrow();
  });
});

describe('LockService', () => {
  test('free lock: tryLock succeeds, hasLock, releaseLock', () => {
    const fake = createFakeAppsScript();
    const lock = fake.globals.LockService.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(fake.lockState()).toBe('held');
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    expect(fake.lockState()).toBe('free');
  });

  test('held elsewhere: tryLock waits out its timeout and fails; waitLock throws', () => {
    const fake = createFakeAppsScript();
    fake.lockHeldElsewhere(true);
    const lock = fake.globals.LockService.getScriptLock();
    const t0 = fake.clock.nowMs();
    expect(lock.tryLock(5000)).toBe(false);
    expect(fake.clock.nowMs() - t0).toBe(5000);
    expect(() => lock.waitLock(1000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(fake.globals.LockService.getDocumentLock().tryLock(0)).toBe(true); // other scope
    fake.lockHeldElsewhere(false);
    expect(lock.tryLock(0)).toBe(true);
  });

  test('held elsewhere for a while: waiting long enough acquires it', () => {
    const fake = createFakeAppsScript();
    fake.lockHeldElsewhere({ forMs: 3000 });
    const lock = fake.globals.LockService.getScriptLock();
    const t0 = fake.clock.nowMs();
    expect(lock.tryLock(10_000)).toBe(true);
    expect(fake.clock.nowMs() - t0).toBe(3000);
  });

  test('a new execution releases locks the previous one held', () => {
    const fake = createFakeAppsScript();
    const lock = fake.globals.LockService.getScriptLock();
    lock.waitLock(1000);
    fake.clock.startExecution();
    expect(lock.hasLock()).toBe(false);
    expect(fake.lockState()).toBe('free');
  });
});

describe('Session, Utilities, Logger', () => {
  test('session', () => {
    const fake = createFakeAppsScript({ timeZone: 'America/New_York' });
    expect(fake.globals.Session.getScriptTimeZone()).toBe('America/New_York');
    expect(fake.globals.Session.getActiveUser().getEmail()).toBe('staff@example.org');
    expect(fake.globals.Session.getEffectiveUser().getEmail()).toBe('staff@example.org');
  });

  test('formatDate follows SimpleDateFormat in the given zone', () => {
    const { Utilities } = createFakeAppsScript().globals;
    const d = new Date('2026-01-05T17:04:09.007Z');
    expect(Utilities.formatDate(d, 'Europe/London', 'yyyy-MM-dd HH:mm:ss')).toBe(
      '2026-01-05 17:04:09',
    );
    expect(Utilities.formatDate(d, 'Europe/Paris', "EEE d MMM yyyy 'at' h:mm a")).toBe(
      'Mon 5 Jan 2026 at 6:04 PM',
    );
    expect(Utilities.formatDate(d, 'Asia/Kolkata', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe(
      '2026-01-05T22:34:09.007+05:30',
    );
    expect(Utilities.formatDate(d, 'UTC', 'EEEE, MMMM dd Z')).toBe('Monday, January 05 +0000');
    expect(Utilities.formatDate(new Date('2026-07-01T12:00:00Z'), 'Europe/London', 'z')).toBe(
      'BST',
    );
  });

  test('getUuid is unique; sleep advances the virtual clock', () => {
    const fake = createFakeAppsScript();
    const { Utilities } = fake.globals;
    expect(Utilities.getUuid()).not.toBe(Utilities.getUuid());
    const t0 = fake.clock.nowMs();
    Utilities.sleep(1500);
    expect(fake.clock.nowMs() - t0).toBe(1500);
  });

  test('Logger keeps lines', () => {
    const fake = createFakeAppsScript();
    fake.globals.Logger.log('a %s c', 'b');
    fake.globals.Logger.log({ n: 1 });
    expect(fake.logs).toEqual(['a b c', '{"n":1}']);
  });
});
