import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkLive, HELP } from '../../scripts/check-live';
import { RESPONSES_PROPERTY } from '../../src/apps-script/live-check';
import { isOwnAddress } from '../../src/apps-script/live-check-cohort';
import { loadBundle } from '../support/bundle';
import { tempDir } from '../support/temp';
import { mentorAnswers } from '../support/people';

/**
 * A stand-in for script.googleapis.com on 127.0.0.1: scripts.run calls the named function of
 * the built bundle, loaded on the in-memory fake, and answers as the Apps Script API does.
 */
async function stubApi(
  before: Record<string, () => void> = {},
  bundle = loadBundle({ account: 'workspace', userEmail: 'lead@scheme.example' }),
) {
  const { fake, call } = bundle;
  const requests: { url: string; auth: string; body: Record<string, unknown> }[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as { function: string; parameters?: unknown[] };
      requests.push({ url: req.url ?? '', auth: String(req.headers.authorization), body });
      let answer: unknown;
      before[body.function]?.();
      try {
        const result = call(body.function, ...(body.parameters ?? []));
        answer = {
          done: true,
          response: {
            '@type': 'type.googleapis.com/google.apps.script.v1.ExecutionResponse',
            result: JSON.parse(JSON.stringify(result ?? null)),
          },
        };
      } catch (error) {
        answer = {
          done: true,
          error: {
            code: 3,
            message: 'ScriptError',
            details: [
              {
                '@type': 'type.googleapis.com/google.apps.script.v1.ExecutionError',
                errorMessage: String((error as { message?: unknown }).message ?? error),
                errorType: 'ScriptError',
              },
            ],
          },
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { fake, call, requests, server, rootUrl: `http://127.0.0.1:${port}/` };
}

type Fake = Awaited<ReturnType<typeof stubApi>>['fake'];

/** Everything a user could see: every tab's values, every Drive item, the script properties. */
function state(fake: Fake) {
  return {
    tabs: Object.fromEntries(
      fake.spreadsheet.getSheets().map((s) => [s.getName(), fake.spreadsheet.values(s.getName())]),
    ),
    drive: [...fake.drive.folders(), ...fake.drive.files()],
    properties: Object.fromEntries(fake.properties.script),
    mail: fake.sentMail.length,
    triggers: fake.triggers().length,
  };
}

/**
 * A staff member's own things in the development Sheet and Drive, which the check must not
 * touch, and Settings naming real people, whom it must never e-mail or share with.
 */
function seedStaffThings(fake: Fake) {
  const settings = fake.spreadsheet.getSheetByName('Settings');
  if (settings) {
    const values = settings.getDataRange().getValues();
    for (const [label, value] of [
      ['Staff emails', 'team@council.example'],
      ['Scheme lead email', 'head@council.example'],
      ['Supervisor name', 'Dr Real Person'],
      ['Supervisor email', 'supervisor@council.example'],
      ['Reply-to', 'mentoring@council.example'],
    ]) {
      const row = values.findIndex((r) => r[0] === label);
      if (row >= 0) settings.getRange(row + 1, 2).setValue(value);
    }
  }
  const folder = fake.drive.seedFolder('Live check notes (staff)');
  fake.drive.seedFile('Live check handbook.txt', folder, { content: 'the staff copy' });
  fake.spreadsheet.seed('Live check notes', [['Note'], ['kept by staff']]);
}

/** The markers noted for the test responses (the script property), or none. */
function markers(fake: Fake): string[] {
  return note(fake).markers;
}

function note(fake: Fake): { markers: string[]; responseIds: { formId: string; id: string }[] } {
  const raw = fake.properties.script.get(RESPONSES_PROPERTY);
  return raw ? JSON.parse(raw) : { markers: [], responseIds: [] };
}

const carries = (value: unknown, marks: string[]) =>
  marks.some((m) =>
    JSON.stringify(value ?? '')
      .toLowerCase()
      .includes(m.toLowerCase()),
  );

/** A staff member's own response to the mentor form (a real applicant's, without the marker). */
function seedStaffResponse(fake: Fake) {
  const formId = String(
    fake.spreadsheet.values('Settings').find((r) => r[0] === 'Mentor application form ID')?.[1],
  );
  fake.forms.submit(formId, {
    email: 'ann@council.example',
    answers: mentorAnswers({ 'Full name': 'Ann Example', 'Library service': 'Example Libraries' }),
  });
  return formId;
}

/** Every form's responses, by form ID. */
function responses(fake: Fake) {
  return Object.fromEntries(fake.forms.all().map((f) => [f.id, f.responses]));
}

/** No tab but the Log, and no form, still holds a row or response carrying one of the marks. */
function expectNoneMarked(
  after: { tabs: Record<string, unknown[][]>; forms: ReturnType<typeof responses> },
  marks: string[],
) {
  for (const [name, rows] of Object.entries(after.tabs))
    if (name !== 'Log') expect(rows.filter((r) => carries(r, marks))).toEqual([]);
  expect(
    Object.values(after.forms)
      .flat()
      .filter((r) => carries(r.answers, marks)),
  ).toEqual([]);
}

/**
 * What the clean-up of test responses must leave: every row without a marker, in its order, in
 * every tab (the Log whole), and every response without one.
 */
function withoutMarked(
  before: { tabs: Record<string, unknown[][]>; forms: ReturnType<typeof responses> },
  marks: string[],
) {
  return {
    tabs: Object.fromEntries(
      Object.entries(before.tabs).map(([name, rows]) => [
        name,
        name === 'Log' ? rows : rows.filter((row) => !carries(row, marks)),
      ]),
    ),
    forms: Object.fromEntries(
      Object.entries(before.forms).map(([id, list]) => [
        id,
        list.filter((r) => !carries(r.answers, marks)),
      ]),
    ),
  };
}

function project(scriptId = '1DevSheetScript') {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'dist' }));
  fs.writeFileSync(
    path.join(dir, '.clasprc.json'),
    JSON.stringify({
      tokens: {
        default: {
          type: 'authorized_user',
          client_id: 'client.apps.googleusercontent.com',
          client_secret: 'secret',
          refresh_token: 'refresh',
          access_token: 'access-token',
          expiry_date: Date.now() + 3_600_000,
        },
      },
    }),
  );
  return dir;
}

describe('npm run check:live (against a local stub of the Apps Script API)', () => {
  it('--help explains what it does, what it needs and what it leaves behind', async () => {
    const lines: string[] = [];
    expect(await checkLive(['--help'], { out: (l) => lines.push(l), cwd: '.', home: '.' })).toBe(0);
    expect(lines.join('\n')).toBe(HELP);
    expect(HELP).toMatch(/DEVELOPMENT Sheet/);
    expect(HELP).toMatch(/API-executable deployment/);
    expect(HELP).toMatch(/leaves behind/);
  });

  it('runs the scripted sequence through scripts.run and prints each assumption with a verdict', async () => {
    let recorded: unknown[][] = [];
    const stub = await stubApi({
      liveCheckCohort: () => (recorded = stub.fake.spreadsheet.values('Applications')),
    });
    const { fake, requests, server, rootUrl } = stub;
    const dir = project();
    const lines: string[] = [];
    try {
      const code = await checkLive(['--root-url', rootUrl], {
        out: (l) => lines.push(l),
        cwd: dir,
        home: dir,
      });
      const out = lines.join('\n');
      expect(out).toMatch(/^confirmed active-user: .*\(lead@scheme\.example\)$/m);
      expect(out).toMatch(/^confirmed set-up-workbook:/m);
      expect(out).toMatch(/^confirmed forms-published-after-set-up:/m);
      expect(out).toMatch(/^confirmed sweep-records-untriggered-responses:/m);
      expect(out).toMatch(/^confirmed script-response-has-no-address:/m);
      // Settings name no supervisor of the deployer's own: a test concern is not even tried.
      expect(out).toMatch(/^unknown {3}form-takes-response:concern: .*\(not tried: /m);
      // Nobody but the deployer (and their +aliases) was e-mailed, in the whole check.
      expect(fake.sentMail.flatMap((m) => m.recipients)).not.toEqual(
        expect.arrayContaining([
          expect.not.stringMatching(/^lead(\+[a-z0-9-]+)?@scheme\.example$/),
        ]),
      );
      expect(out).toMatch(/^(confirmed|REFUTED {2}|unknown {2}) cell-limit:/m);
      // pdf-lib in the bundle, in a context with no setTimeout, TextEncoder or Buffer.
      expect(out).toMatch(
        /^confirmed pdf-lib-synchronous: .*the same through newBlob; present here: none of/m,
      );
      expect(out).toMatch(/\d+ confirmed, \d+ refuted, \d+ unknown\./);
      expect(code).toBe(/REFUTED/.test(out) ? 1 : 0);
      // The deployer's token, the development script, the latest pushed code.
      expect(requests.every((r) => r.auth === 'Bearer access-token')).toBe(true);
      expect(requests.every((r) => r.url === '/v1/scripts/1DevSheetScript:run')).toBe(true);
      expect(requests.every((r) => r.body.devMode === true)).toBe(true);
      // The test responses went into the forms and were recorded by the sweep, not a trigger.
      expect(recorded.length).toBeGreaterThan(2);
      expect(fake.forms.all().every((f) => f.published)).toBe(true);
      // Then removed again: no test application is left in the tab.
      expect(out).toMatch(/^confirmed test-responses-clean-up:/m);
      expect(fake.spreadsheet.values('Applications')).toHaveLength(1);
    } finally {
      server.close();
    }
  }, 60_000);

  it('takes a throwaway cohort from review to pair set-up, then leaves nothing it made and touches nothing else', async () => {
    let before: ReturnType<typeof state> | undefined;
    let noted: string[] = [];
    const stub = await stubApi({
      liveCheckSubmit: () => seedStaffThings(stub.fake),
      liveCheckCohort: () => {
        before = state(stub.fake);
        noted = markers(stub.fake);
      },
    });
    const { fake, server, rootUrl } = stub;
    const dir = project();
    const lines: string[] = [];
    try {
      await checkLive(['--root-url', rootUrl], { out: (l) => lines.push(l), cwd: dir, home: dir });
      const out = lines.join('\n');
      for (const id of [
        'cohort-review',
        'cohort-match',
        'cohort-pairs',
        'pair-folders-restricted',
        'mail-quota-per-recipient',
        'cohort-clean-up',
      ])
        expect(out).toMatch(new RegExp(`^confirmed ${id}:`, 'm'));
      expect(out).toMatch(/cohort-clean-up: .*\((\d+) tabs deleted, 10 Drive items binned\)/);
      expect(out).not.toMatch(/throwaway-cohort/);
      expect(JSON.stringify(before?.tabs.Settings)).toContain('supervisor@council.example');
      // Settings name real people: the test concern is not tried, and nobody but the deployer
      // (and their +aliases) was e-mailed in the whole check.
      expect(out).toMatch(/^unknown {3}form-takes-response:concern: .*\(not tried: /m);
      expect(fake.sentMail.flatMap((m) => m.recipients)).not.toEqual(
        expect.arrayContaining([
          expect.not.stringMatching(/^lead(\+[a-z0-9-]+)?@scheme\.example$/),
        ]),
      );
      expect(out).toMatch(/^confirmed script-response-has-no-address:/m);

      // Its introductions went to the deployer's own +aliases only, one pair each.
      const mail = fake.sentMail.slice(before?.mail);
      expect(mail).toHaveLength(2);
      for (const m of mail) {
        expect(m.recipients).toHaveLength(2);
        for (const r of m.recipients) expect(r).toMatch(/^lead\+lc-ment(or|ee)\d@scheme\.example$/);
      }
      expect(mail.flatMap((m) => m.recipients).sort()).toEqual([
        'lead+lc-mentee1@scheme.example',
        'lead+lc-mentee2@scheme.example',
        'lead+lc-mentor1@scheme.example',
        'lead+lc-mentor2@scheme.example',
      ]);

      // Nothing it made is left: every Drive item that was not there before is in the bin,
      // with the folders it made for the two pairs among them; no tab, property or trigger
      // of its own remains.
      const after = state(fake);
      const made = after.drive.filter((i) => !before?.drive.some((b) => b.id === i.id));
      expect(made.filter((i) => i.kind === 'folder').map((i) => i.name)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Live check .* \(safe to delete\)$/)]),
      );
      expect(made.filter((i) => i.kind === 'folder')).toHaveLength(4); // root, templates, 2 pairs
      expect(made.every((i) => i.trashed)).toBe(true);
      // Nothing it did not make is touched: the scheme's tabs (Settings, Applications, Log, the
      // staff's own tab) hold exactly what they held, every other Drive item is as it was.
      // (less the check's own test responses, removed by their clean-up).
      expect(after.tabs).toEqual(
        withoutMarked({ tabs: before?.tabs ?? {}, forms: {} }, noted).tabs,
      );
      expect(after.drive.filter((i) => before?.drive.some((b) => b.id === i.id))).toEqual(
        before?.drive,
      );
      expect(after.properties).toEqual(
        Object.fromEntries(
          Object.entries(before?.properties ?? {}).filter(([k]) => k !== RESPONSES_PROPERTY),
        ),
      );
      expect(after.triggers).toBe(before?.triggers);
    } finally {
      server.close();
    }
  }, 60_000);

  it('cleans up after a step that failed, and a cohort an earlier check left behind', async () => {
    const { fake, call } = loadBundle({ account: 'workspace', userEmail: 'lead@scheme.example' });
    call('liveCheckRun', 'init');
    seedStaffThings(fake);
    const before = state(fake);
    // Drive refuses the sharing of the first pair folder: the cohort stops there.
    fake.failNext('Folder.addEditors', 1, 'Service error: Drive');
    const failed = call('liveCheckCohort') as { id: string; result: string; detail: string }[];
    expect(failed.find((v) => v.id === 'throwaway-cohort')).toMatchObject({
      result: 'refuted',
      detail: expect.stringMatching(/^stopped at set-up-pairs: /),
    });
    // As if the check had died here: its tabs and folders are still there, and the note of them.
    const added = fake.spreadsheet
      .getSheets()
      .map((t) => t.getName())
      .filter((n) => !(n in before.tabs));
    expect(added).toEqual(
      expect.arrayContaining(
        ['Applications', 'Settings', 'Matches', 'Log'].map((t) =>
          expect.stringMatching(
            new RegExp(`^Live check \\d{4}-\\d\\d-\\d\\d \\d\\dh\\d\\d · ${t}$`),
          ),
        ),
      ),
    );
    expect(added.every((n) => n.startsWith('Live check '))).toBe(true);
    expect(fake.properties.script.has('peer-mentoring.live-check')).toBe(true);
    // The next check cleans that up first, then runs afresh and cleans up its own.
    const again = call('liveCheckCohort') as { id: string; result: string }[];
    expect(again[0]).toMatchObject({ id: 'cohort-clean-up', result: 'confirmed' });
    expect(again.find((v) => v.id === 'cohort-pairs')).toMatchObject({ result: 'confirmed' });
    expect(call('liveCheckCleanUp')).toEqual([
      expect.objectContaining({ id: 'cohort-clean-up', result: 'confirmed' }),
    ]);
    const after = state(fake);
    expect(after.tabs).toEqual(before.tabs);
    expect(after.properties).toEqual(before.properties);
    const made = after.drive.filter((i) => !before.drive.some((b) => b.id === i.id));
    expect(made.length).toBeGreaterThan(8);
    expect(made.every((i) => i.trashed)).toBe(true);
    expect(after.drive.filter((i) => before.drive.some((b) => b.id === i.id))).toEqual(
      before.drive,
    );
    // With nothing left to clean, the clean-up says nothing and changes nothing.
    expect(call('liveCheckCleanUp')).toEqual([]);
  }, 60_000);

  it('removes its test responses from the forms and every tab but the Log, and nothing without its marker', async () => {
    let before: { tabs: Record<string, unknown[][]>; forms: ReturnType<typeof responses> } = {
      tabs: {},
      forms: {},
    };
    let noted: string[] = [];
    let byId: { formId: string; id: string }[] = [];
    let mentorForm = '';
    const stub = await stubApi({
      liveCheckSubmit: () => {
        seedStaffThings(stub.fake);
        mentorForm = seedStaffResponse(stub.fake);
      },
      liveCheckCleanUp: () => {
        before = { tabs: state(stub.fake).tabs, forms: responses(stub.fake) };
        noted = markers(stub.fake);
        byId = note(stub.fake).responseIds;
      },
    });
    const { fake, server, rootUrl } = stub;
    const dir = project();
    const lines: string[] = [];
    try {
      await checkLive(['--root-url', rootUrl], { out: (l) => lines.push(l), cwd: dir, home: dir });
      const out = lines.join('\n');
      expect(out).toMatch(
        /^confirmed test-responses-clean-up: .*\((\d+) responses deleted from the forms, \d+ rows from .*Applications.*; the Log keeps its records/m,
      );
      // Before the clean-up the test responses were in the forms and recorded in the tabs,
      // every text answer carrying the marker, and the Log recorded the sweep.
      expect(noted).toHaveLength(1);
      expect(noted[0]).toMatch(/^lc\d{17}[a-z0-9]{4}$/);
      const marked = (tab: string) => (before.tabs[tab] ?? []).filter((r) => carries(r, noted));
      for (const tab of ['Applications', 'Evaluations', 'Continuation', 'Form Responses 1'])
        expect(marked(tab).length).toBeGreaterThan(0);
      expect(
        Object.values(before.forms)
          .flat()
          .filter((r) => carries(r.answers, noted)).length,
      ).toBe(4);
      expect(before.tabs.Log.length).toBeGreaterThan(1);
      // The staff's own response and rows were there too, without the marker.
      expect(before.forms[mentorForm].some((r) => r.email === 'ann@council.example')).toBe(true);
      expect(JSON.stringify(before.tabs.Applications)).toContain('ann@council.example');

      // After it: nothing with the marker in any form or tab but the Log; everything else
      // exactly as it was, in its order; the Log whole; the note gone.
      const after = { tabs: state(fake).tabs, forms: responses(fake) };
      expectNoneMarked(after, noted);
      const kept = withoutMarked(before, noted);
      expect(after.tabs).toEqual(
        Object.fromEntries(Object.entries(kept.tabs).filter(([n]) => n in after.tabs)),
      );
      // Every tab that went is one of the throwaway cohort's.
      expect(
        Object.keys(before.tabs)
          .filter((n) => !(n in after.tabs))
          .every((n) => n.startsWith('Live check 20')),
      ).toBe(true);
      // The choice form's response has drop-downs only, nothing to mark: it was noted by its ID
      // as it was made, and removed by it (the rows it made carry no marker and stay).
      expect(byId).toHaveLength(1);
      expect(out).toMatch(/1 response with no text answer to mark \(the choice form\)/);
      expect(after.forms).toEqual(
        Object.fromEntries(
          Object.entries(kept.forms).map(([id, list]) => [
            id,
            list.filter((r) => !byId.some((n) => n.formId === id && n.id === r.id)),
          ]),
        ),
      );
      expect(after.forms[mentorForm].map((r) => r.email)).toEqual(['ann@council.example']);
      expect(JSON.stringify(after.tabs.Applications)).toContain('ann@council.example');
      expect(after.tabs['Live check notes']).toEqual([['Note'], ['kept by staff']]);
      expect(fake.properties.script.has(RESPONSES_PROPERTY)).toBe(false);
    } finally {
      server.close();
    }
  }, 60_000);

  it('test responses a check left when it died after submitting are removed by the next check', async () => {
    const bundle = loadBundle({ account: 'workspace', userEmail: 'lead@scheme.example' });
    const { fake, call } = bundle;
    call('liveCheckRun', 'init');
    call('liveCheckRun', 'set-up-forms');
    seedStaffThings(fake);
    const mentorForm = seedStaffResponse(fake);
    // The marker is noted before the first response is made: the check dies in the sweep.
    fake.failNext('Form.createResponse', 1, 'Service error: Forms');
    const submitted = call('liveCheckSubmit') as { form: string; submitted: boolean }[];
    expect(submitted[0]).toMatchObject({ form: 'mentor', submitted: false });
    expect(submitted.filter((s) => s.submitted).length).toBeGreaterThan(2);
    const first = markers(fake);
    expect(first).toHaveLength(1);
    call('liveCheckRun', 'record-responses');
    const died = { tabs: state(fake).tabs, forms: responses(fake) };
    expect(died.tabs.Applications.filter((r) => carries(r, first)).length).toBe(1);
    expect(JSON.stringify(died.tabs.Applications)).toContain('ann@council.example');

    // The next check, start to end: its own responses and the dead one's are removed.
    let both: string[] = [];
    const stub = await stubApi({ liveCheckCleanUp: () => (both = markers(fake)) }, bundle);
    const dir = project();
    const lines: string[] = [];
    try {
      await checkLive(['--root-url', stub.rootUrl], {
        out: (l) => lines.push(l),
        cwd: dir,
        home: dir,
      });
      expect(lines.join('\n')).toMatch(/^confirmed test-responses-clean-up:/m);
      expect(both).toHaveLength(2);
      expect(both[0]).toBe(first[0]);
      const after = { tabs: state(fake).tabs, forms: responses(fake) };
      expectNoneMarked(after, both);
      // What staff made is untouched.
      expect(after.forms[mentorForm]).toEqual(
        died.forms[mentorForm].filter((r) => !carries(r.answers, first)),
      );
      expect(after.forms[mentorForm].map((r) => r.email)).toEqual(['ann@council.example']);
      // (The next check's review decides Ann's status: her row is otherwise as it was.)
      const who = (rows: unknown[][]) => rows.map((r) => r.slice(0, 16));
      expect(who(after.tabs.Applications.filter((r) => !carries(r, both)))).toEqual(
        who(died.tabs.Applications.filter((r) => !carries(r, first))),
      );
      expect(after.tabs['Live check notes']).toEqual([['Note'], ['kept by staff']]);
      expect(fake.properties.script.has(RESPONSES_PROPERTY)).toBe(false);
      // With nothing left to clean, the clean-up says nothing.
      expect(call('liveCheckCleanUp')).toEqual([]);
    } finally {
      stub.server.close();
    }
  }, 60_000);

  it("the throwaway cohort's mail and sharing guard knows the deployer's own addresses", () => {
    const me = 'Lead@Scheme.example';
    expect(isOwnAddress('lead@scheme.example', me)).toBe(true);
    expect(isOwnAddress('LEAD+lc-mentor1@scheme.EXAMPLE', me)).toBe(true);
    expect(isOwnAddress('lead@other.example', me)).toBe(false);
    expect(isOwnAddress('leader@scheme.example', me)).toBe(false);
    expect(isOwnAddress('lead+x@scheme.example.evil', me)).toBe(false);
    expect(isOwnAddress('', me)).toBe(false);
    expect(isOwnAddress('lead@scheme.example', '')).toBe(false);
  });

  it('says in one sentence what to do when .clasp.json names no script or there is no login', async () => {
    const lines: string[] = [];
    const dir = project('REPLACE-WITH-THE-DEV-SHEET-SCRIPT-ID');
    expect(await checkLive([], { out: (l) => lines.push(l), cwd: dir, home: dir })).toBe(2);
    expect(lines).toEqual([
      ".clasp.json names no development script yet: put the development Sheet's script ID in it (see README).",
    ]);
    const other = project();
    fs.rmSync(path.join(other, '.clasprc.json'));
    lines.length = 0;
    expect(await checkLive([], { out: (l) => lines.push(l), cwd: other, home: other })).toBe(2);
    expect(lines[0]).toMatch(/run "npx clasp login" first/);
  });

  it('an API refusal (no API-executable deployment) is one sentence pointing at the set-up', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 404, message: 'Requested entity was not found.' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = project();
    const lines: string[] = [];
    try {
      const code = await checkLive(['--root-url', `http://127.0.0.1:${port}/`], {
        out: (l) => lines.push(l),
        cwd: dir,
        home: dir,
      });
      expect(code).toBe(2);
      expect(lines.at(-1)).toMatch(
        /refused liveCheckPlatform .*docs\/apps-script\.md \("Live check"\)/,
      );
    } finally {
      server.close();
    }
  });
});
