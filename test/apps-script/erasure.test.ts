import vm from 'node:vm';
import { inert } from '../../src/apps-script/services';
import { APPLICATIONS_TAB, MATCHES_TAB, SESSIONS_TAB } from '../../src/domain/tabs';
import type { FakeAppsScript } from '../fakes/apps-script';
import { loadBundle } from '../support/bundle';
import { fillPeopleSettings, mentorAnswers } from '../support/people';

const ANN = { name: 'Ann Jones', email: 'ann@kent.example', service: 'Kent Libraries' };
const DAFYDD = {
  name: 'Dafydd Rhys',
  email: 'dafydd@cardiff.example',
  service: 'Cardiff Libraries',
};
const SIAN = { name: 'Siân Llywelyn', email: 'sian@gwynedd.example', service: 'Gwynedd Libraries' };

function setSettings(fake: FakeAppsScript, values: Record<string, string>): void {
  const settings = fake.spreadsheet.values('Settings');
  for (const [label, value] of Object.entries(values)) {
    settings[settings.findIndex((r) => r[0] === label)][1] = value;
  }
  fake.spreadsheet.seed(
    'Settings',
    settings.map((r) => r.map(inert)),
  );
}

/**
 * The bundle on the fake with every Google store holding Ann: her application and its answers
 * inside the mentor form (and its response tab), her pair's Drive folder shared with her, the
 * launch day's calendar event with her as a guest, her introduction in the Log.
 */
function scheme() {
  const { fake, context, call } = loadBundle({ account: 'workspace' });
  fake.quiet(() => call('setUpWorkbook'));
  fillPeopleSettings(fake);
  const root = fake.drive.seedFolder('Peer mentoring pairs');
  const handbook = fake.drive.seedFile('Handbook', root);
  const templates = fake.drive.seedFolder('Templates');
  fake.drive.seedFile('Meeting notes', templates);
  setSettings(fake, {
    'Root folder': root,
    'Handbook file': handbook,
    'Templates folder': templates,
    'Daily invitation limit': '1000',
  });
  const header = [...APPLICATIONS_TAB.columns];
  const person = (p: typeof ANN, id: string, role: string) =>
    header.map((h) =>
      inert(
        (
          {
            ID: id,
            Role: role,
            Name: p.name,
            Email: p.email,
            'Library service': p.service,
            Status: 'Accepted',
            'Reviewed status': 'Accepted',
            Consent: 'I agree',
          } as Record<string, string>
        )[h] ?? '',
      ),
    );
  fake.spreadsheet.seed('Applications', [
    header,
    person(ANN, 'A001', 'Mentor'),
    person(DAFYDD, 'A002', 'Mentor'),
    person(SIAN, 'A003', 'Mentee'),
  ]);
  const mh = [...MATCHES_TAB.columns];
  const pair = {
    Mentee: SIAN.email,
    'Mentee name': SIAN.name,
    Mentor: ANN.email,
    'Mentor name': ANN.name,
    Status: 'Confirmed',
  } as Record<string, string>;
  fake.spreadsheet.seed('Matches', [mh, mh.map((h) => inert(pair[h] ?? ''))]);
  const sh = [...SESSIONS_TAB.columns];
  const launch = {
    Kind: 'Launch day',
    Title: 'Launch day',
    Start: '2026-07-20 10:00',
    End: '2026-07-20 16:00',
    Where: 'Leeds',
    Audience: 'All accepted',
  } as Record<string, string>;
  fake.spreadsheet.seed('Sessions', [sh, sh.map((h) => inert(launch[h] ?? ''))]);
  const invoke = (handler: string, event: unknown) => {
    (context as Record<string, unknown>).__event = event;
    return vm.runInContext(`${handler}(__event)`, context);
  };
  fake.quiet(() => {
    call('setUpForms');
    call('setUpPairs');
    call('sendSessionInvitations');
  });
  const formId = String(
    fake.spreadsheet.values('Settings').find((r) => r[0] === 'Mentor application form ID')?.[1],
  );
  fake.forms.submit(
    formId,
    {
      email: ANN.email,
      answers: mentorAnswers({ 'Full name': ANN.name, 'Library service': ANN.service }),
    },
    invoke,
  );
  return { fake, call, formId };
}

/** Every Google store the fake holds, as text: sheets, forms' responses, sharing, guests. */
function stores(fake: FakeAppsScript) {
  return {
    sheets: JSON.stringify(
      fake.spreadsheet.sheets.map((s) => [s.name, fake.spreadsheet.values(s.name)]),
    ),
    forms: JSON.stringify(fake.forms.all().map((f) => f.responses)),
    sharing: JSON.stringify(
      [...fake.drive.folders(), ...fake.drive.files()]
        .filter((i) => !i.trashed)
        .map((i) => [i.name, i.editors, i.viewers]),
    ),
    guests: JSON.stringify(
      [...fake.calendar.store.values()].flatMap((c) => [...c.values()]).map((e) => e.attendees),
    ),
  };
}

const naming = (text: string) => text.toLowerCase().includes(ANN.email) || text.includes(ANN.name);

describe('erase-person on Google (the bundle on the fake)', () => {
  it('asks for the address and a Yes, then leaves Ann in no sheet, form response, sharing or guest list', () => {
    const { fake, call } = scheme();
    const before = stores(fake);
    // Ann really is in every store first: the test can fail.
    expect(Object.values(before).map(naming)).toEqual([true, true, true, true]);

    fake.ui.promptResponses.push({ text: ANN.email, button: 'OK' });
    fake.ui.alertResponses.push('YES', 'OK');
    const notices = fake.calendar.notices.length;
    call('erasePerson');
    expect(fake.ui.prompts.at(-1)?.prompt).toMatch(/e-mail address of the person/);
    const [preview, result] = fake.ui.alertDetails.slice(-2);
    expect(preview.buttons).toBe('YES_NO');
    expect(preview.prompt).toMatch(/active pair[\s\S]*Go ahead\?$/);
    expect(result.prompt).toMatch(
      /^Erased \d+ items naming this person \(reference E-[0-9A-F]{6}-1/,
    );
    expect(result.prompt).toMatch(/Sent folder/);
    expect(result.prompt).toMatch(/Drive bin/);

    const after = stores(fake);
    expect(
      Object.entries(after)
        .filter(([, text]) => naming(text))
        .map(([store]) => store),
    ).toEqual([]);
    // Taking her off the event told nobody; Siân and Dafydd are still invited.
    expect(fake.calendar.notices.length).toBe(notices);
    expect(after.guests).toContain(SIAN.email);
    expect(after.guests).toContain(DAFYDD.email);
    // The pair's folder the tool made is in the bin; Siân's record stays, the pair ended.
    expect(
      fake.drive
        .folders(
          fake.spreadsheet.values('Settings').find((r) => r[0] === 'Root folder')?.[1] as string,
        )
        .map((f) => f.trashed),
    ).toEqual([true]);
    const matches = fake.spreadsheet.values('Matches');
    expect(matches[1][matches[0].indexOf('Mentee')]).toBe(SIAN.email);
    expect(matches[1][matches[0].indexOf('Status')]).toBe('Ended');
    const erasures = fake.spreadsheet.values('Erasures');
    expect(erasures).toHaveLength(2);
    expect(erasures[1][erasures[0].indexOf('By')]).toBe('staff@example.org');

    // A second request finds nothing and says so, without asking to go ahead.
    fake.ui.promptResponses.push({ text: ANN.email, button: 'OK' });
    call('erasePerson');
    expect(fake.ui.alertDetails.at(-1)?.prompt).toMatch(
      /^Nothing the tool holds names this address any more/,
    );
    expect(fake.ui.alertDetails.at(-1)?.buttons).toBe('OK');
  });

  it('erases the only response in a response tab staff trimmed to its last row (Google keeps one row)', () => {
    const { fake, call } = scheme();
    const tab = fake.spreadsheet.sheets.find(
      (s) => s.formUrl && fake.spreadsheet.values(s.name).some((r) => r.includes(ANN.email)),
    )!;
    // Staff deleted the empty rows under the one response: the tab is its header and Ann.
    expect(fake.spreadsheet.values(tab.name).filter((r) => r.some((v) => v !== ''))).toHaveLength(
      2,
    );
    tab.maxRows = Math.max(2, tab.getFrozenRows() + 1);
    expect(tab.maxRows - tab.getFrozenRows()).toBe(1);

    fake.ui.promptResponses.push({ text: ANN.email, button: 'OK' });
    fake.ui.alertResponses.push('YES', 'OK');
    call('erasePerson');
    expect(fake.ui.alertDetails.at(-1)?.prompt).toMatch(/^Erased \d+ items naming this person/);
    // Her row is gone, a blank one stands in its place, and the header is as it was.
    const values = fake.spreadsheet.values(tab.name);
    expect(JSON.stringify(values)).not.toContain(ANN.email);
    expect(values[0]).toContain('Email Address');
    expect(tab.maxRows).toBeGreaterThan(tab.getFrozenRows());
  });

  it('Apply the retention schedule shows its dry run; with nothing due it asks nothing', () => {
    const { fake, call } = scheme();
    const before = stores(fake);
    call('purgePersonalData');
    expect(fake.ui.alertDetails.at(-1)).toMatchObject({
      prompt: 'Nothing is due under the retention schedule.',
      buttons: 'OK',
    });
    expect(stores(fake)).toEqual(before);
  });

  it('Cancel at the prompt or No at the confirmation changes nothing', () => {
    const { fake, call } = scheme();
    const before = stores(fake);
    fake.ui.promptResponses.push({ text: ANN.email, button: 'CANCEL' });
    call('erasePerson');
    fake.ui.promptResponses.push({ text: ANN.email, button: 'OK' });
    fake.ui.alertResponses.push('NO');
    call('erasePerson');
    expect(stores(fake)).toEqual(before);
  });
});
