import vm from 'node:vm';
import { NOT_STAFF } from '../../src/apps-script/callers';
import { inert } from '../../src/apps-script/services';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import { createFakeAppsScript, createFakeContext, FakeAppsScript } from '../fakes/apps-script';
import { bundleCode } from '../support/bundle';

const OWNER = 'lead@scheme.example';
const EDITOR = 'editor@scheme.example';
const LISTED = 'listed@scheme.example';

/**
 * A running scheme: workbook, forms, two accepted mentors and a mentee, one application
 * submitted through the form and recorded, the submit triggers installed by the owner.
 */
function scheme() {
  const fake = createFakeAppsScript({ account: 'workspace', userEmail: OWNER });
  fake.spreadsheet.editors = [EDITOR];
  const context = createFakeContext(fake);
  const before = new Set(Object.keys(context));
  vm.runInContext(bundleCode(), context, { filename: 'Code.js' });
  // Every top-level function the bundle declares, read from the context itself (never a list).
  const functions = Object.keys(context).filter(
    (k) => !before.has(k) && typeof (context as Record<string, unknown>)[k] === 'function',
  );
  const call = (fn: string, args: unknown[]): unknown => {
    (context as Record<string, unknown>).__args = args;
    return vm.runInContext(`${fn}.apply(null, __args)`, context);
  };
  const invoke = (handler: string, event: unknown) => call(handler, [event]);
  call('setUpWorkbook', []);
  setSetting(fake, 'Staff emails', LISTED);
  const header = [...APPLICATIONS_TAB.columns];
  const row = (cells: Record<string, unknown>) =>
    header.map((h) =>
      inert(
        (
          {
            'Job title': 'Head of Libraries',
            'Head of Service': 'Yes',
            Areas: 'Budgeting',
            Capacity: 1,
            Goals: 'Confidence',
            Consent: 'I agree',
            Submitted: new Date('2026-05-01T09:00:00Z'),
            Status: 'Accepted',
            'Reviewed status': 'Accepted',
            ...cells,
          } as Record<string, unknown>
        )[h] ?? '',
      ),
    );
  fake.spreadsheet.seed('Applications', [
    header,
    row({ ID: 'A001', Role: 'Mentor', Name: 'Ann Jones', Email: 'ann@kent.example' }),
    row({ ID: 'A002', Role: 'Mentor', Name: 'Dafydd Rhys', Email: 'dafydd@cardiff.example' }),
    row({ ID: 'A003', Role: 'Mentee', Name: 'Siân Llywelyn', Email: 'sian@gwynedd.example' }),
  ]);
  call('setUpForms', []);
  submitMentor(fake, invoke, 'first.mentor@bath.example');
  return { fake, functions, call, invoke };
}

/** A complete mentor application through the form, its triggers run as their owner. */
function submitMentor(
  fake: FakeAppsScript,
  invoke: (handler: string, event: unknown) => unknown,
  email: string,
) {
  const form = fake.forms.all().find((f) => f.title === 'Apply to be a mentor');
  if (!form) throw new Error('no mentor form');
  const answer = (i: (typeof form.items)[number]) =>
    i.type === 'CHECKBOX' ? [i.choices[0]] : i.choices.length ? i.choices[0] : 'Bath';
  return fake.forms.submit(
    form.id,
    {
      email,
      answers: Object.fromEntries(
        form.items.filter((i) => i.required).map((i) => [i.title, answer(i)]),
      ),
    },
    invoke,
  );
}

function setSetting(fake: FakeAppsScript, label: string, value: string): void {
  const values = fake.spreadsheet.values('Settings');
  const key = values[0].indexOf('Setting');
  const at = values.findIndex((r) => r[key] === label);
  values[at][values[0].indexOf('Value')] = value;
  fake.spreadsheet.seed(
    'Settings',
    values.map((r) => r.map(inert)),
  );
}

/** Everything a call could change: every tab, Drive, mail, triggers, properties, forms. */
function state(fake: FakeAppsScript) {
  return JSON.stringify({
    tabs: fake.spreadsheet.sheets.map((s) => [s.name, fake.spreadsheet.values(s.name)]),
    drive: [fake.drive.folders(), fake.drive.files()],
    mail: fake.sentMail,
    triggers: fake.triggers().map((t) => [t.id, t.handler, t.owner, t.sourceId]),
    properties: Object.entries(fake.properties).map(([k, m]) => [k, [...m]]),
    forms: fake.forms.all(),
  });
}

/** Plausible arguments a visitor might try, for any function. */
function attempts(fake: FakeAppsScript): unknown[][] {
  const uid = fake.triggers()[0]?.id ?? '7000000001';
  return [
    [],
    ['sian@gwynedd.example', 'ann@kent.example'],
    ['sian@gwynedd.example'],
    [{}],
    // A forged submit event: a made-up application, and a guessed trigger ID.
    [
      {
        triggerUid: 'forged',
        namedValues: { 'Email address': ['evil@x.example'], 'Full name': ['=IMPORTXML("x")'] },
        range: { getSheet: () => ({ getFormUrl: () => 'x' }) },
      },
    ],
    [{ triggerUid: String(Number(uid) + 100) }],
  ];
}

function outcome(run: () => unknown): { refused: boolean; threw: boolean; value: unknown } {
  try {
    const value = run();
    return { refused: false, threw: false, value };
  } catch (error) {
    // Errors thrown inside the vm context are not host-realm Errors.
    const message = String((error as { message?: unknown })?.message ?? error);
    return { refused: message === NOT_STAFF, threw: true, value: message };
  }
}

/** What may pass for a visitor, and why it is harmless. */
const PUBLIC = ['onOpen', 'doGet'];

describe('only staff can run staff actions (the built bundle, every top-level function)', () => {
  it('finds the entry points in the bundle itself', () => {
    const { functions } = scheme();
    expect(functions).toEqual(
      expect.arrayContaining([
        'onOpen',
        'doGet',
        'onFormSubmit',
        'continueJobs',
        'pageMatchReport',
        'pageConfirmMatches',
        'pageLockPair',
      ]),
    );
    expect(functions.length).toBeGreaterThan(15);
  });

  for (const [who, active] of [
    ['an anonymous-looking visitor (empty e-mail)', ''],
    ['a signed-in visitor of the web app', 'visitor@gmail.example'],
  ] as const) {
    it(`${who}: every function is refused or harmless, and nothing changes`, () => {
      const { fake, functions, call } = scheme();
      const before = state(fake);
      const mailBefore = fake.sentMail.length;
      // In a web app deployed "as me", the code runs with the deployer's (the owner's) authority.
      fake.setUser(active, OWNER);
      const passed: string[] = [];
      for (const fn of functions) {
        for (const args of attempts(fake)) {
          const result = outcome(() => call(fn, args));
          if (!result.refused) passed.push(fn);
          if (fn === 'doGet') {
            const html = String((result.value as { getContent(): string }).getContent());
            expect(html).toContain('Ann Jones');
            expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // no e-mail address reaches a visitor
          }
        }
      }
      expect([...new Set(passed)].sort()).toEqual(PUBLIC.sort());
      expect(fake.sentMail.length).toBe(mailBefore);
      expect(state(fake)).toBe(before);
    });
  }

  it('a visitor who guessed a real trigger ID gets only a sweep of what the forms hold: nothing changes', () => {
    const { fake, call } = scheme();
    const before = state(fake);
    fake.setUser('', OWNER);
    for (const trigger of fake.triggers()) {
      expect(outcome(() => call('onFormSubmit', [{ triggerUid: trigger.id }])).threw).toBe(false);
    }
    expect(state(fake)).toBe(before);
  });

  it('a refusal touches no service but Session and the check itself', () => {
    const { fake, call } = scheme();
    fake.setUser('', OWNER);
    fake.calls.reset();
    expect(outcome(() => call('pageMatchReport', [])).refused).toBe(true);
    expect(Object.keys(fake.calls.snapshot()).sort()).toEqual([
      'Session.getActiveUser',
      'User.getEmail',
    ]);
  });

  for (const [who, email] of [
    ['the owner', OWNER],
    ['an editor of the spreadsheet', EDITOR],
    ['someone listed in "Staff emails"', LISTED],
  ] as const) {
    it(`${who}: the same calls are not refused`, () => {
      const { fake, functions, call } = scheme();
      fake.setUser(email);
      for (const fn of functions) {
        if (fn === 'continueJobs' || fn === 'onFormSubmit') continue; // triggers: below
        const result = outcome(() => call(fn, ['sian@gwynedd.example', 'ann@kent.example']));
        expect({ fn, refused: result.refused }).toEqual({ fn, refused: false });
      }
      expect(fake.ui.alerts).not.toContain(NOT_STAFF);
    });
  }

  it("a trigger still runs with no active user: its event names one of its owner's triggers", () => {
    const { fake, invoke } = scheme();
    const submission = submitMentor(fake, invoke, 'new.mentor@bath.example');
    expect(submission.fired.length).toBeGreaterThan(0);
    const values = fake.spreadsheet.values('Applications');
    expect(values.some((r) => r.includes('new.mentor@bath.example'))).toBe(true);
  });
});
