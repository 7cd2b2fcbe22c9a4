import { findAction } from '../../src/actions';
import { inert } from '../../src/apps-script/services';
import { runAction, runFromMenu } from '../../src/apps-script/run-action';
import { APPLICATIONS_TAB } from '../../src/domain/tabs';
import { fakeServices } from '../support/fake-services';
import { fillPeopleSettings } from '../support/people';

const action = (id: string) => {
  const found = findAction(id);
  if (!found) throw new Error(id);
  return found;
};

/** Applications rows as a live form (or an earlier import) would have left them. */
function applicationRows(count: number): unknown[][] {
  const header = [...APPLICATIONS_TAB.columns];
  const rows = Array.from({ length: count }, (_, i) => {
    const cells: Record<string, unknown> = {
      ID: `A${String(i + 1).padStart(3, '0')}`,
      Role: i % 2 ? 'Mentee' : 'Mentor',
      Name: `Person ${i}`,
      Email: `person${i}@lib${i}.example`,
      'Library service': `Service ${i}`,
      'Job title': 'Head of Libraries',
      'Head of Service': i % 7 === 3 ? 'No' : 'Yes',
      Areas: 'Budgeting',
      Capacity: i % 2 ? '' : 2,
      'Video link': i % 2 ? '' : 'https://youtu.be/x',
      Goals: i % 2 ? 'Confidence' : '',
      Consent: 'I agree',
      Submitted: new Date(Date.UTC(2026, 4, 1, 9, 0, i)),
      Status: 'Applied',
    };
    return header.map((h) => inert(cells[h] ?? ''));
  });
  return [header, ...rows];
}

describe('actions on the Google Sheet (fake)', () => {
  it('review-applications makes the same number of Spreadsheet calls for 50 and for 5,000 applications', async () => {
    const counts = [];
    for (const n of [50, 5000]) {
      const { fake, services } = fakeServices();
      await runAction(action('init'), services);
      fake.spreadsheet.seed('Applications', applicationRows(n));
      fake.calls.reset();
      await runAction(action('review-applications'), services);
      counts.push(fake.calls.total('Spreadsheet'));
      const values = fake.spreadsheet.values('Applications');
      const status = values[0].indexOf('Status');
      expect(values.slice(1).filter((r) => r[status] === 'Ineligible').length).toBeGreaterThan(0);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThan(20);
  });

  it('stores a formula-like answer as text in the Sheet: no formula, exact text', async () => {
    const { fake, services } = fakeServices();
    await runAction(action('init'), services);
    const rows = applicationRows(1);
    rows[1][rows[0].indexOf('Name')] = inert('=HYPERLINK("http://evil.example","y")');
    rows[1][rows[0].indexOf('Job title')] = inert('+1-2');
    fake.spreadsheet.seed('Applications', rows);
    await runAction(action('review-applications'), services);
    const sheet = fake.spreadsheet.sheet('Applications');
    const range = sheet?.range(1, 1, 2, rows[0].length);
    const formulas = range?.getFormulas() ?? [];
    expect(formulas.flat().filter(Boolean)).toEqual([]);
    const values = fake.spreadsheet.values('Applications');
    expect(values[1][rows[0].indexOf('Name')]).toBe('=HYPERLINK("http://evil.example","y")');
    expect(values[1][rows[0].indexOf('Job title')]).toBe('+1-2');
  });

  it('writes staff formulas in their own columns back as formulas', async () => {
    const { fake, services } = fakeServices();
    await runAction(action('init'), services);
    const rows = applicationRows(3);
    rows[0].push('Name length');
    rows.slice(1).forEach((r, i) => r.push(`=LEN(C${i + 2})`));
    fake.spreadsheet.seed('Applications', rows);
    await runAction(action('review-applications'), services);
    const sheet = fake.spreadsheet.sheet('Applications');
    const formulas = sheet?.range(2, rows[0].length, 3, 1).getFormulas();
    expect(formulas).toEqual([['=LEN(C2)'], ['=LEN(C3)'], ['=LEN(C4)']]);
  });

  it('creates tabs with a frozen header and a Status dropdown', async () => {
    const { fake, services } = fakeServices();
    await runAction(action('init'), services);
    const sheet = fake.spreadsheet.sheet('Applications');
    expect(sheet?.getFrozenRows()).toBe(1);
    const status = APPLICATIONS_TAB.columns.indexOf('Status') + 1;
    const rule = sheet?.range(2, status, 1, 1).getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toEqual([
      'Applied',
      'Accepted',
      'Waitlisted',
      'Ineligible',
      'Withdrawn',
    ]);
  });

  it('notify-applicants sends each decision once through MailApp, with reply-to and sender name', async () => {
    const { fake, services } = fakeServices();
    await runAction(action('init'), services);
    fillPeopleSettings(fake);
    fake.spreadsheet.seed('Applications', applicationRows(4));
    await runAction(action('review-applications'), services);
    await runAction(action('notify-applicants'), services);
    expect(fake.sentMail).toHaveLength(4);
    expect(fake.sentMail[0]).toMatchObject({
      replyTo: 'mentoring@libraries.example',
      name: 'Peer Mentoring Scheme',
    });
    expect(fake.sentMail[0].htmlBody).toMatch(/<p>Dear Person/);
    await runAction(action('notify-applicants'), services);
    expect(fake.sentMail).toHaveLength(4);
  });

  it('tells staff in one sentence when another action holds the lock', async () => {
    const { fake, services } = fakeServices();
    fake.lockHeldElsewhere(true);
    await runFromMenu(action('review-applications'), services);
    expect(fake.ui.alerts.at(-1)).toMatch(/Another Mentoring action is still running/);
  });
});
