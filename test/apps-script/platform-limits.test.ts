import { AppsScriptDrive } from '../../src/apps-script/drive-app';
import { ScriptJobs } from '../../src/apps-script/script-jobs';
import { MAX_CELL_CHARS } from '../../src/apps-script/services';
import { SheetJournal } from '../../src/apps-script/sheet-journal';
import { SheetsWorkbook } from '../../src/apps-script/sheets-workbook';
import { fnv1a64 } from '../../src/domain/hash';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import { fakeServices } from '../support/fake-services';

describe("the platform's real limits", () => {
  it('a cell of more than 50,000 characters is cut with a note, its length and fingerprint, never an error', () => {
    const { fake, services } = fakeServices();
    const essay = `=${'All work and no play. '.repeat(3000)}`; // 66,001 characters, and formula-like
    const workbook = new SheetsWorkbook(services.SpreadsheetApp);
    const header = [...APPLICATIONS_TAB.columns];
    workbook.writeTab(APPLICATIONS_TAB, {
      header,
      rows: [header.map((h) => (h === 'Goals' ? essay : h === 'ID' ? 'A001' : ''))],
    });
    const values = fake.spreadsheet.values('Applications');
    const cell = String(values[1][header.indexOf('Goals')]);
    expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cell.startsWith('=All work')).toBe(true); // kept as text, not run as a formula
    expect(cell).toContain(`${essay.length} characters in all, fingerprint ${fnv1a64(essay)}`);

    new SheetJournal(services.SpreadsheetApp).append([
      {
        time: new Date(),
        run: 'r',
        action: 'form-submission',
        key: 'history:A001',
        state: 'history',
        detail: essay,
      },
    ]);
    const log = fake.spreadsheet.values('Log');
    const detail = String(log[1][log[0].indexOf('Detail')]);
    expect(detail.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(detail).toContain(`fingerprint ${fnv1a64(essay)}`);
  });

  it("any failure of Drive's getFileById means not found, whatever the wording or language", () => {
    const { fake, services } = fakeServices();
    const drive = new AppsScriptDrive(services.DriveApp);
    fake.drive.setNotFoundMessage(
      'Unerwarteter Fehler beim Abrufen der Methode oder Eigenschaft getFileById für Objekt DriveApp.',
    );
    expect(drive.find('1NoSuchFile')).toBeNull();
    fake.drive.setNotFoundMessage(
      'Unexpected error while getting the method or property getFileById on object DriveApp.',
    );
    expect(drive.find('1NoSuchFile')).toBeNull();
  });

  it('triggers are per user: each sees and deletes only their own, and a trigger runs as its owner', () => {
    const { fake, services } = fakeServices({ userEmail: 'lead@scheme.example' });
    services.ScriptApp.newTrigger('continueJobs').timeBased().after(60_000).create();
    fake.setUser('deputy@scheme.example');
    expect(services.ScriptApp.getProjectTriggers()).toHaveLength(0);
    services.ScriptApp.newTrigger('continueJobs').timeBased().after(60_000).create();
    expect(services.ScriptApp.getProjectTriggers()).toHaveLength(1);
    expect(fake.triggers().map((t) => t.owner)).toEqual([
      'lead@scheme.example',
      'deputy@scheme.example',
    ]);
    fake.clock.advance(120_000);
    const ranAs: string[] = [];
    fake.runDueTriggers(() => {
      ranAs.push(services.Session.getEffectiveUser().getEmail());
      // Google does not promise to name the owner as the active user in a trigger.
      expect(services.Session.getActiveUser().getEmail()).toBe('');
    });
    expect(ranAs).toEqual(['lead@scheme.example', 'deputy@scheme.example']);
  });

  it("another member of staff's job adds no second continuation trigger; an owner long gone is replaced", () => {
    const { fake, services } = fakeServices({ userEmail: 'lead@scheme.example' });
    const props = services.PropertiesService.getScriptProperties();
    const clock = { now: () => fake.clock.now() };
    const jobsAs = (email: string) =>
      new ScriptJobs(services.ScriptApp, props, clock, fake.clock.now(), undefined, () => email);
    const continuations = () => fake.triggers().filter((t) => t.handler === 'continueJobs');
    const soon = () => new Date(fake.clock.nowMs() + 5 * 60_000);

    jobsAs('lead@scheme.example').continueLater('set-up-pairs', soon(), 'time limit');
    fake.setUser('deputy@scheme.example');
    const deputy = jobsAs('deputy@scheme.example');
    deputy.continueLater('set-up-pairs', soon(), 'time limit');
    deputy.requestSweep();
    expect(continuations().map((t) => t.owner)).toEqual(['lead@scheme.example']);
    expect(deputy.triggerOwnedByOther()).toBe('lead@scheme.example');

    // The lead's trigger never fired (their account was closed): three hours on, the deputy's
    // next job takes over.
    fake.clock.advance(3 * 3_600_000);
    deputy.continueLater('set-up-pairs', soon(), 'time limit');
    expect(continuations().filter((t) => t.owner === 'deputy@scheme.example')).toHaveLength(1);
  });
});
