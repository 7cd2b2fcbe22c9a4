import vm from 'node:vm';
import { inert } from '../../src/apps-script/services';
import { mentorOption } from '../../src/domain/forms';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import type { FakeAppsScript } from '../fakes/apps-script';
import { loadBundle } from '../support/bundle';
import { fillPeopleSettings, mentorAnswers } from '../support/people';

const MENTORS = [
  { name: 'Ann Jones', email: 'ann@kent.example', service: 'Kent Libraries', status: 'Accepted' },
  { name: 'Ann Jones', email: 'ann@leeds.example', service: 'Leeds Libraries', status: 'Accepted' },
  {
    name: 'Dafydd Rhys',
    email: 'dafydd@cardiff.example',
    service: 'Cardiff Libraries',
    status: 'Accepted',
  },
  {
    name: 'Withdrawn Mentor',
    email: 'gone@x.example',
    service: 'Somerset Libraries',
    status: 'Withdrawn',
  },
];
const MENTEE = {
  name: 'Siân Llywelyn',
  email: 'sian@gwynedd.example',
  service: 'Gwynedd Libraries',
};

function scheme() {
  const { fake, context, call } = loadBundle({ account: 'workspace' });
  call('setUpWorkbook');
  fillPeopleSettings(fake);
  const header = [...APPLICATIONS_TAB.columns];
  const complete = {
    'Job title': 'Head of Libraries',
    'Head of Service': 'Yes',
    Areas: 'Budgeting',
    Capacity: 1,
    Goals: 'Confidence',
    Consent: 'I agree',
    Submitted: new Date('2026-05-01T09:00:00Z'),
  };
  const row = (cells: Record<string, unknown>) =>
    header.map((h) => inert(({ ...complete, ...cells } as Record<string, unknown>)[h] ?? ''));
  fake.spreadsheet.seed('Applications', [
    header,
    ...MENTORS.map((m, i) =>
      row({
        ID: `A00${i + 1}`,
        Role: 'Mentor',
        Name: m.name,
        Email: m.email,
        'Library service': m.service,
        Status: m.status,
        'Reviewed status': m.status,
        'Video link': `https://youtu.be/v${i}`,
      }),
    ),
    row({
      ID: 'A005',
      Role: 'Mentee',
      Name: MENTEE.name,
      Email: MENTEE.email,
      'Library service': MENTEE.service,
      Status: 'Accepted',
      'Reviewed status': 'Accepted',
    }),
  ]);
  /** Calls a trigger's handler inside the bundle, as Apps Script would. */
  const invoke = (handler: string, event: unknown) => {
    (context as Record<string, unknown>).__event = event;
    return vm.runInContext(`${handler}(__event)`, context);
  };
  return { fake, context, call, invoke };
}

function settingsValue(fake: FakeAppsScript, label: string): string {
  const values = fake.spreadsheet.values('Settings');
  const key = values[0].indexOf('Setting');
  const value = values[0].indexOf('Value');
  return String(values.find((r) => r[key] === label)?.[value] ?? '');
}

function formId(fake: FakeAppsScript, label: string): string {
  return settingsValue(fake, `${label} form ID`);
}

function submitTriggers(fake: FakeAppsScript) {
  return fake.triggers().filter((t) => t.getHandlerFunction() === 'onFormSubmit');
}

describe('forms on Google (the bundle on the fake)', () => {
  it('set-up-forms run twice leaves six forms, their IDs and links in Settings, and no duplicate trigger', () => {
    const { fake, call } = scheme();
    call('setUpForms');
    call('setUpForms');
    const forms = fake.forms.all();
    expect(forms).toHaveLength(6);
    for (const label of [
      'Mentor application',
      'Mentee application',
      'Mentor choice',
      'Evaluation',
      'Continuation',
      'Concern',
    ]) {
      expect(forms.map((f) => f.id)).toContain(formId(fake, label));
      expect(settingsValue(fake, `${label} form link`)).toMatch(
        /^https:\/\/docs\.google\.com\/forms\//,
      );
    }
    // One spreadsheet trigger serves the five linked forms; the concern form, deliberately not
    // linked to the spreadsheet, needs its own.
    const triggers = submitTriggers(fake);
    expect(triggers).toHaveLength(2);
    expect(triggers.filter((t) => t.getTriggerSourceId() === formId(fake, 'Concern'))).toHaveLength(
      1,
    );
    const concern = forms.find((f) => f.id === formId(fake, 'Concern'));
    expect(concern?.destination).toBeNull();
    expect(forms.filter((f) => f.destination !== null)).toHaveLength(5);
    // The evaluation and continuation forms are pseudonymous: their links carry codes instead.
    const pseudonymous = [formId(fake, 'Evaluation'), formId(fake, 'Continuation')];
    expect(
      forms
        .filter((f) => !f.collectsEmail)
        .map((f) => f.id)
        .sort(),
    ).toEqual(pseudonymous.sort());
  });

  it("the choice form's dropdowns list exactly the accepted mentors, told apart by their service", () => {
    const { fake, call } = scheme();
    call('setUpForms');
    const choice = fake.forms.get(formId(fake, 'Mentor choice'));
    const dropdowns = choice?.items.filter((i) => i.title.endsWith('choice of mentor')) ?? [];
    expect(dropdowns).toHaveLength(3);
    const expected = MENTORS.filter((m) => m.status === 'Accepted')
      .map(mentorOption)
      .sort();
    for (const d of dropdowns) expect([...(d.choices ?? [])].sort()).toEqual(expected);
    expect(choice?.description).toContain('https://youtu.be/v0');
  });

  it('a review that changes who is accepted updates the choice form: a withdrawn mentor disappears', () => {
    const { fake, call } = scheme();
    call('setUpForms');
    const values = fake.spreadsheet.values('Applications');
    const status = values[0].indexOf('Status');
    values[3][status] = 'Withdrawn'; // Dafydd withdraws; staff change his Status by hand
    fake.spreadsheet.seed(
      'Applications',
      values.map((r) => r.map(inert)),
    );
    call('reviewApplications');
    const choice = fake.forms.get(formId(fake, 'Mentor choice'));
    const options = choice?.items.find((i) => i.title === 'First choice of mentor')?.choices ?? [];
    expect(options).toHaveLength(2);
    expect(options.join()).not.toContain('Dafydd');
    expect(choice?.description).not.toContain('Dafydd');
  });

  it('a live application with a problem is recorded and its sender is told what to fix, with the link', () => {
    const { fake, call, invoke } = scheme();
    call('setUpForms');
    fake.forms.submit(
      formId(fake, 'Mentor application'),
      {
        email: 'no.video@bath.example',
        answers: mentorAnswers({
          'Full name': 'Renée Okafor',
          'Library service': 'Bath Libraries',
          'Link to your 2-minute introduction video': 'on the shared drive',
        }),
      },
      invoke,
    );
    const values = fake.spreadsheet.values('Applications');
    const row = values.find((r) => r[values[0].indexOf('Email')] === 'no.video@bath.example');
    expect(String(row?.[values[0].indexOf('Problems')])).toMatch(/video link is not a web address/);
    const mail = fake.sentMail.find(
      (m) => m.to === 'no.video@bath.example' && /Please check your application/.test(m.subject),
    );
    expect(mail?.body).toMatch(/video link is not a web address/);
    expect(mail?.body).toContain(settingsValue(fake, 'Mentor application form link'));
  });

  it('each submission lands in its own tab through onFormSubmit; a concern lands in none', () => {
    const { fake, call, invoke } = scheme();
    call('setUpForms');
    fake.forms.submit(
      formId(fake, 'Mentor application'),
      {
        email: 'new.mentor@york.example',
        answers: mentorAnswers({
          'Full name': 'Björn Øvergaard',
          'Library service': 'York Explore',
          'Areas where you can offer support': ['Budgeting', 'Restructures'],
          'How many mentees could you support?': '2',
        }),
      },
      invoke,
    );
    fake.forms.submit(
      formId(fake, 'Mentor choice'),
      {
        email: MENTEE.email,
        answers: {
          'First choice of mentor': mentorOption(MENTORS[0]),
          'Second choice of mentor': mentorOption(MENTORS[0]),
          'Third choice of mentor': mentorOption(MENTORS[2]),
        },
      },
      invoke,
    );
    fake.forms.submit(
      formId(fake, 'Evaluation'),
      {
        answers: {
          'Your participant code': 'P-UNKNOWN2',
          'Questionnaire round': 'Mid-point',
          'How have you met?': ['Online'],
        },
      },
      invoke,
    );
    fake.forms.submit(
      formId(fake, 'Continuation'),
      {
        answers: {
          'Your pair code': 'PR-UNKNOWN2',
          'Your participant code': 'P-UNKNOWN2',
          'Would you like to carry on meeting after the scheme ends?': 'Yes',
        },
      },
      invoke,
    );
    const secret = 'My mentor keeps cancelling and I feel awkward raising it';
    fake.forms.submit(
      formId(fake, 'Concern'),
      {
        email: MENTEE.email,
        answers: {
          'What would you like to tell us?': secret,
          'Would you like the supervisor to contact you?': 'Yes, please',
        },
      },
      invoke,
    );

    const applications = fake.spreadsheet.values('Applications');
    expect(applications.map((r) => r[applications[0].indexOf('Email')])).toContain(
      'new.mentor@york.example',
    );
    const choices = fake.spreadsheet.values('Choices');
    expect(choices[1][choices[0].indexOf('Choice 1')]).toBe('ann@kent.example');
    expect(String(choices[1][choices[0].indexOf('Problems')])).toMatch(
      /Ann Jones was chosen more than once/,
    );
    // Codes that match no pair are kept, with a Problems sentence, and count for nothing.
    const evaluations = fake.spreadsheet.values('Evaluations');
    expect(evaluations).toHaveLength(2);
    expect(evaluations[1]).toEqual(expect.arrayContaining(['P-UNKNOWN2', 'Online']));
    expect(String(evaluations[1][evaluations[0].indexOf('Problems')])).toMatch(/belongs to nobody/);
    expect(fake.spreadsheet.values('Continuation')[1]).toEqual(
      expect.arrayContaining(['PR-UNKNOWN2', 'P-UNKNOWN2', 'Yes']),
    );

    // The concern is e-mailed to the supervisor and the lead, and is in no tab of the spreadsheet.
    for (const sheet of fake.spreadsheet.sheets) {
      expect(JSON.stringify(fake.spreadsheet.values(sheet.getName()))).not.toContain('cancelling');
    }
    const forwarded = fake.sentMail.filter((m) => /concern/i.test(m.subject));
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0].to).toContain('supervisor@libraries.example');
    expect(forwarded[0].body).toContain(secret);
    const log = JSON.stringify(fake.spreadsheet.values('Log'));
    expect(log).toMatch(/mail:concern:/);
    // Acknowledgement to the new mentor, and a request to resubmit to the mentee: once each.
    expect(
      fake.sentMail.filter((m) => m.to === 'new.mentor@york.example').map((m) => m.subject),
    ).toEqual(['We have your application: Libraries Connected Peer Mentoring Scheme']);
    expect(
      fake.sentMail.filter(
        (m) => m.to === MENTEE.email && /choose your mentors again/.test(m.subject),
      ),
    ).toHaveLength(1);
  });

  it('50 submissions arriving at once through the bundle are each recorded exactly once, even when delivered twice', () => {
    const { fake, context, call } = scheme();
    call('setUpForms');
    const events: unknown[] = [];
    const form = formId(fake, 'Mentee application');
    for (let i = 0; i < 50; i += 1) {
      const submission = fake.forms.submit(form, {
        email: `mentee${i}@lib${i}.example`,
        answers: {
          'Full name': `Mentee ${i}`,
          'Library service': `Service ${i}`,
          'Job title': 'Head of Libraries',
          'Are you the Head of Service managing libraries?': 'Yes',
          'Areas where you would like support': ['Budgeting'],
          'What would you like to gain from mentoring?': 'Confidence',
          'I agree to my information being used to run the scheme': ['I agree'],
        },
      });
      events.push(submission.sheetEvent);
    }
    // Another execution holds the lock for a while: each handler waits for it, none is lost.
    fake.lockHeldElsewhere({ forMs: 5_000 });
    for (const event of [...events, ...events]) {
      (context as Record<string, unknown>).__event = event;
      fake.clock.startExecution();
      vm.runInContext('onFormSubmit(__event)', context);
    }
    const rows = fake.spreadsheet.values('Applications').slice(1);
    const emails = rows.map((r) =>
      String(r[fake.spreadsheet.values('Applications')[0].indexOf('Email')]),
    );
    const mentees = emails.filter((e) => /^mentee\d+@/.test(e));
    expect(mentees).toHaveLength(50);
    expect(new Set(mentees).size).toBe(50);
    expect(fake.sentMail.filter((m) => /We have your application/.test(m.subject))).toHaveLength(
      50,
    );
  });
});
