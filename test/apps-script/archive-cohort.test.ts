import { findAction } from '../../src/actions';
import { archiveCohortAction, archiveKeys } from '../../src/actions/archive-cohort';
import { settingsAction } from '../../src/actions/settings';
import { appsScriptPorts, runAction } from '../../src/apps-script/run-action';
import { inert } from '../../src/apps-script/services';
import { archiveMarker } from '../../src/apps-script/sheets-archives';
import { CRASH_AT } from '../../src/core/crash-points';
import { fingerprint } from '../../src/domain/archive';
import type { TabData } from '../../src/domain/table';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import type { FakeAppsScript } from '../fakes/apps-script';
import { crashAtEveryBoundary } from '../support/crash-loop';
import { fakeServices } from '../support/fake-services';
import { fillPeopleSettings } from '../support/people';
import type { AppsScriptServices } from '../../src/apps-script/services';

const FORM_URL = 'https://docs.google.com/forms/d/1FakeMentorForm/viewform';
const STAFF = 'team@libraries.example, second@libraries.example';

interface Scheme {
  fake: FakeAppsScript;
  services: AppsScriptServices;
  root: string;
  /** deleteResponses calls, with whether the Log said "verified" at the time. */
  emptied: { id: string; verified: boolean }[];
  run(): ReturnType<typeof archiveCohortAction>;
}

function applications(): unknown[][] {
  const header = [...APPLICATIONS_TAB.columns];
  const people = [
    {
      ID: 'A001',
      Role: 'Mentor',
      Name: 'Ann Jones',
      Email: 'ann@kent.example',
      Status: 'Accepted',
    },
    {
      ID: 'A002',
      Role: 'Mentee',
      Name: 'Siân Llywelyn',
      Email: 'sian@cardiff.example',
      Status: 'Accepted',
    },
    {
      ID: 'A003',
      Role: 'Mentee',
      Name: 'Wyn Waiting',
      Email: 'wyn@powys.example',
      Status: 'Waitlisted',
    },
    {
      ID: 'A004',
      Role: 'Mentor',
      Name: '=HYPERLINK("x")',
      Email: 'odd@lib.example',
      Status: 'Ineligible',
    },
  ];
  return [
    header,
    ...people.map((p) => header.map((h) => inert((p as Record<string, string>)[h] ?? ''))),
  ];
}

/** A Google scheme at the end of its cohort: applications, a linked form's response tab, the Log. */
function googleScheme(): Scheme {
  const { fake, services } = fakeServices();
  runAction(findAction('init')!, services);
  fillPeopleSettings(fake);
  const root = fake.drive.seedFolder('Peer mentoring');
  const ports = () => appsScriptPorts(services);
  for (const [k, v] of [
    ['Root folder', root],
    ['Staff emails', STAFF],
    ['Mentor application form ID', '1FakeMentorForm'],
  ])
    settingsAction({ ports: ports(), run: 'setup' }, ['set', k, v]);
  fake.spreadsheet.seed('Applications', applications());
  const responses = fake.spreadsheet.seed('Form responses 1', [
    ['Timestamp', 'Email address', 'Full name'],
    [new Date('2026-05-14T09:21:03Z'), 'ann@kent.example', 'Ann Jones'],
  ]);
  responses.formUrl = FORM_URL;
  runAction(findAction('notify-applicants')!, services);
  const scheme: Scheme = {
    fake,
    services,
    root,
    emptied: [],
    run: () => {
      const p = ports();
      // Watched, as the Google back end empties a form (its own responses, its tab's rows); the
      // adapter's own deleteResponses is tested with the erasure (test/apps-script/erasure).
      p.forms.deleteResponses = (form) => {
        const log = fake.spreadsheet.values('Log');
        const key = log[0].indexOf('Key');
        const state = log[0].indexOf('State');
        scheme.emptied.push({
          id: form.id,
          verified: log.some(
            (r) => r[key] === archiveKeys('Cohort 1').verified && r[state] === 'done',
          ),
        });
        // As the Google back end does: the form's own responses and its tab's rows go.
        const tab = fake.spreadsheet.values('Form responses 1');
        fake.spreadsheet.seed('Form responses 1', [
          tab[0],
          ...tab.slice(1).map((r) => r.map(() => '')),
        ]);
        return tab.length - 1;
      };
      return archiveCohortAction(
        { ports: p, run: `run-${Math.random()}` },
        { options: {}, positional: [] },
      );
    },
  };
  return scheme;
}

function tabData(
  fake: FakeAppsScript,
  spreadsheet: { values(name: string): unknown[][] },
  name: string,
): TabData {
  const [header, ...rows] = spreadsheet.values(name);
  void fake;
  return { header: header.map(String), rows: rows as TabData['rows'] };
}

function liveTabs(s: Scheme): Map<string, TabData> {
  const tabs = new Map<string, TabData>();
  for (const name of ['Applications', 'Form responses 1', 'Matches', 'Log'])
    tabs.set(name, tabData(s.fake, s.fake.spreadsheet, name));
  return tabs;
}

function expectOneArchiveHolding(s: Scheme, original: Map<string, TabData>): void {
  const archives = [...s.fake.spreadsheets.values()];
  expect(archives).toHaveLength(1);
  const archive = archives[0];
  const item = s.fake.drive.item(archive.id)!;
  expect(item.name).toBe('Libraries Connected Peer Mentoring Scheme – Cohort 1 archive');
  expect(item.parentId).toBe(s.root);
  expect(item.access).toBe('PRIVATE');
  expect(item.editors.sort()).toEqual(['second@libraries.example', 'team@libraries.example']);
  expect(item.viewers).toEqual([]);
  expect(item.description).toBe(archiveMarker('Cohort 1'));
  expect(archive.sheets.map((t) => t.name)).toEqual(
    expect.arrayContaining(['About this archive', 'Applications', 'Form responses 1', 'Log']),
  );
  expect(archive.sheets.some((t) => t.name === 'Sheet1')).toBe(false);
  for (const [name, data] of original) {
    const archived = fingerprint(tabData(s.fake, archive, name));
    if (name === 'Log') expect(archived.rows).toBeGreaterThanOrEqual(fingerprint(data).rows);
    else expect(archived).toEqual(fingerprint(data));
  }
}

describe('archive-cohort on Google (fake)', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('archives into one spreadsheet in the root folder, shared with staff only; empties the forms only after checking it', () => {
    const s = googleScheme();
    const original = liveTabs(s);
    const result = s.run();
    expect(result.summary[0]).toMatch(/^Archived Cohort 1: /);
    expectOneArchiveHolding(s, original);
    expect(s.emptied).toEqual([{ id: '1FakeMentorForm', verified: true }]);
    const apps = s.fake.spreadsheet.values('Applications');
    const email = apps[0].indexOf('Email');
    expect(apps.slice(1).map((r) => r[email])).toEqual(['wyn@powys.example']);
    const settings = s.fake.spreadsheet.values('Settings');
    expect(settings.find((r) => r[0] === 'Cohort')?.[1]).toBe('Cohort 2');
    expect(
      s.fake.sentMail.filter((m) => m.subject.startsWith('Are you still interested')),
    ).toHaveLength(1);

    expect(s.run().summary[0]).toBe(
      'Nothing to archive: Cohort 2 has no applications, matches or answers yet.',
    );
    expect(s.fake.spreadsheets.size).toBe(1);
  });

  it('refuses to archive into a root folder others can open', () => {
    const s = googleScheme();
    s.fake.quiet(() =>
      (s.services.DriveApp.getFolderById(s.root) as GoogleAppsScript.Drive.Folder).addEditor(
        'mentee@lib.example',
      ),
    );
    expect(() => s.run()).toThrow(
      'The root folder is shared with mentee@lib.example, who would see the archive too: share it with staff only (or add them to "Staff emails"), then run this again.',
    );
    expect(s.fake.spreadsheets.size).toBe(0);
  });

  it('a run that dies at any effect boundary leaves one archive, and the re-run loses nothing', () => {
    let original = new Map<string, TabData>();
    crashAtEveryBoundary(
      () => {
        const s = googleScheme();
        original = liveTabs(s);
        return s;
      },
      (s) => s.run(),
      (s) => {
        expect(s.fake.spreadsheets.size).toBeLessThanOrEqual(1);
        s.run();
        expectOneArchiveHolding(s, original);
        expect(s.emptied.every((e) => e.verified)).toBe(true);
        expect(s.fake.spreadsheet.values('Settings').find((r) => r[0] === 'Cohort')?.[1]).toBe(
          'Cohort 2',
        );
      },
    );
  });

  it('migrates an older workbook once, after a Drive copy of it; refuses a newer one', () => {
    const { fake, services } = fakeServices();
    runAction(findAction('init')!, services);
    const settings = fake.spreadsheet.values('Settings');
    const v1 = settings.filter((r) => r[0] !== 'Workbook layout version');
    fake.spreadsheet.seed('Settings', [...v1.map((r) => r.map(inert)), ['', '', '']]);
    const result = runAction(findAction('status')!, services);
    expect(result.summary[0]).toMatch(
      /^This workbook was brought up to date \(layout version 1 → 2: .*\); a copy of it as it was: https:\/\/docs\.google\.com\/spreadsheets\/d\//,
    );
    const copies = fake.drive
      .files(fake.drive.rootId)
      .filter((f) => f.name === 'Peer mentoring (fake) (before layout v2)');
    expect(copies).toHaveLength(1);
    expect(runAction(findAction('status')!, services).summary[0]).not.toMatch(/brought up/);
    expect(
      fake.drive.files(fake.drive.rootId).filter((f) => f.name.includes('before layout')),
    ).toHaveLength(1);

    const now = fake.spreadsheet.values('Settings');
    const row = now.findIndex((r) => r[0] === 'Workbook layout version');
    now[row][1] = 7;
    fake.spreadsheet.seed(
      'Settings',
      now.map((r) => r.map(inert)),
    );
    expect(() => runAction(findAction('review-applications')!, services)).toThrow(
      /layout version 7, made by a newer version of the tool/,
    );
  });
});
