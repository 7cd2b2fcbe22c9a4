import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import { CONCERN_FORM, csvColumns } from '../../src/domain/forms';
import { cli, importApplications, menteeRow, mentorRow, PEOPLE_SETTINGS } from '../support/cli';
import { tempDir } from '../support/temp';

/** People are never defaulted: nothing goes to, or names, a blank or example address. */
describe('the people in Settings', () => {
  const mails = (dir: string) =>
    fs.existsSync(path.join(dir, 'out', 'mail'))
      ? fs.readdirSync(path.join(dir, 'out', 'mail'))
      : [];
  const set = async (dir: string, name: string, value: string) =>
    expect((await cli(dir, 'settings', 'set', name, value)).code).toBe(0);

  it('start blank, and e-mails refuse until Reply-to is a real address', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    const shown = await cli(dir, 'settings', '--json');
    const settings = JSON.parse(shown.out) as Record<string, unknown>;
    expect(JSON.stringify(settings)).not.toMatch(/example\.org|The scheme supervisor/);
    await importApplications(dir, [mentorRow()], [menteeRow()]);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    const workbook = path.join(dir, 'scheme.xlsx');
    const before = fs.readFileSync(workbook);
    const blank = await cli(dir, 'notify-applicants');
    expect(blank.code).toBe(2);
    expect(blank.err).toMatch(/In Settings, fill in "Reply-to" \(it is blank\)/);
    expect(blank.err.trim().split('\n')).toHaveLength(1);
    await set(dir, 'Reply-to', 'mentoring@example.org');
    const placeholder = await cli(dir, 'notify-applicants');
    expect(placeholder.code).toBe(2);
    expect(placeholder.err).toMatch(
      /replace "Reply-to" \(mentoring@example\.org is an example address/,
    );
    expect(mails(dir)).toEqual([]);
    await set(dir, 'Reply-to', 'mentoring@libraries.example');
    expect((await cli(dir, 'notify-applicants')).code).toBe(0);
    expect(mails(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expect(fs.readFileSync(workbook).equals(before)).toBe(false);
  });

  it('introductions refuse while the supervisor is missing or an example address', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    for (const [name, value] of PEOPLE_SETTINGS.filter(([n]) => !n.startsWith('Supervisor')))
      await set(dir, name, value);
    const missing = await cli(dir, 'set-up-pairs');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /fill in "Supervisor name" \(it is blank\): every introduction names/,
    );
    await set(dir, 'Supervisor name', 'Dr Rhiannon Price');
    await set(dir, 'Supervisor email', 'supervisor@example.org');
    const example = await cli(dir, 'set-up-pairs');
    expect(example.code).toBe(2);
    expect(example.err).toMatch(
      /replace "Supervisor email" \(supervisor@example\.org is an example/,
    );
    await set(dir, 'Staff emails', 'team@libraries.example, someone@example.com');
    const staff = await cli(dir, 'set-up-pairs');
    expect(staff.err).toMatch(/replace "Staff emails" \(someone@example\.com is an example/);
  });

  it('a confidential concern is never forwarded to a blank or example supervisor', async () => {
    const dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    await set(dir, 'Reply-to', 'mentoring@libraries.example');
    await set(dir, 'Scheme lead email', 'lead@libraries.example');
    const columns = csvColumns(CONCERN_FORM);
    const file = path.join(dir, 'concern.csv');
    fs.writeFileSync(
      file,
      stringify([
        columns,
        columns.map((c, i) =>
          i === 0 ? '2026/09/01 10:00:00 am GMT+1' : i === 1 ? 'a@b.example' : 'text',
        ),
      ]),
    );
    const refused = await cli(dir, 'import', '--form', 'concern', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /fill in "Supervisor email" \(it is blank\): confidential concerns/,
    );
    expect(mails(dir)).toEqual([]);
    await set(dir, 'Supervisor email', 'supervisor@libraries.example');
    const sent = await cli(dir, 'import', '--form', 'concern', file);
    expect(sent.code).toBe(0);
    expect(mails(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
  });
});
