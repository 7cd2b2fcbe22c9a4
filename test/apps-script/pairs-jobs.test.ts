import { inert } from '../../src/apps-script/services';
import type { FakeOptions } from '../fakes/apps-script';
import { loadBundle } from '../support/bundle';
import { seedConfirmedPairs } from '../support/fake-pairs';
import { PEOPLE_SETTINGS } from '../support/cli';

/** A Sheet with `n` confirmed pairs, and the scheme's root folder, handbook and templates in Drive. */
function scheme(n: number, options: FakeOptions = {}) {
  const { fake, call } = loadBundle(options);
  fake.quiet(() => call('setUpWorkbook'));
  const rootId = fake.drive.seedFolder('Peer mentoring pairs');
  const resources = fake.drive.seedFolder('Scheme resources');
  const handbook = fake.drive.seedFile('Handbook', resources);
  const templates = fake.drive.seedFolder('Templates', resources);
  fake.drive.seedFile('Mentoring agreement', templates);
  fake.drive.seedFile('Meeting notes', templates);
  const settings = fake.spreadsheet.values('Settings');
  const set = (label: string, value: string) => {
    const row = settings.findIndex((r) => r[0] === label);
    settings[row][1] = value;
  };
  set('Root folder', rootId);
  set('Handbook file', handbook);
  set('Templates folder', templates);
  for (const [label, value] of PEOPLE_SETTINGS) set(label, value);
  fake.spreadsheet.seed(
    'Settings',
    settings.map((r) => r.map(inert)),
  );
  seedConfirmedPairs(fake, n);
  fake.calls.reset();
  return { fake, call, rootId };
}

describe('set-up-pairs as a long job on Google (the bundle on the fake)', () => {
  it('makes a constant number of Drive and mail calls per pair', () => {
    const calls = (n: number) => {
      const { fake, call } = scheme(n, { account: 'workspace' });
      call('setUpPairs');
      expect(fake.sentMail).toHaveLength(n);
      return fake.calls.total('Drive') + fake.calls.total('Mail');
    };
    const [c5, c20, c40] = [calls(5), calls(20), calls(40)];
    const perPair = (c40 - c5) / 35;
    // Documented in docs/apps-script.md: 12 for the folder and its sharing, 6 per copied file
    // (3 here: the handbook and two templates), 1 e-mail.
    expect(perPair).toBe(12 + 6 * 3 + 1);
    expect(c20).toBe(c5 + 15 * perPair);
  });

  it('1,000 pairs on a consumer account: several executions under 6 minutes, several days of quota, one folder and one introduction each, never two triggers', () => {
    const n = 1000;
    const { fake, call, rootId } = scheme(n, {
      account: 'consumer',
      latency: true,
      enforceTimeLimit: true,
    });
    const continuations = () =>
      fake.quiet(() => fake.triggers().filter((t) => t.getHandlerFunction() === 'continueJobs'));
    const executions: number[] = [];
    const startDay = fake.clock.now().toISOString().slice(0, 10);

    fake.clock.startExecution();
    fake.ui.alerts.length = 0;
    call('setUpPairs');
    executions.push(fake.clock.elapsedInExecution());
    for (let guard = 0; guard < 2000; guard += 1) {
      expect(continuations().length).toBeLessThanOrEqual(1);
      const pending = continuations().filter((t) => !(t as unknown as { fired?: boolean }).fired);
      if (pending.length === 0) break;
      const due = fake.dueTriggers();
      if (due.length === 0) {
        fake.clock.advanceTo((pending[0] as unknown as { dueAt: Date }).dueAt);
        continue;
      }
      fake.runDueTriggers((name, event) => {
        call(name, event);
        executions.push(fake.clock.elapsedInExecution());
        expect(continuations().length).toBeLessThanOrEqual(1);
      });
    }
    expect(fake.consoleOutput.filter((c) => c.level === 'error')).toEqual([]);
    expect(continuations()).toHaveLength(0);
    expect(executions.length).toBeGreaterThan(5);
    expect(Math.max(...executions)).toBeLessThan(6 * 60_000);
    const days = fake.clock.now().toISOString().slice(0, 10);
    expect(days > startDay).toBe(true);

    const folders = fake.drive.folders(rootId);
    expect(folders).toHaveLength(n);
    expect(new Set(folders.map((f) => f.description)).size).toBe(n);
    for (const folder of folders.slice(0, 20)) {
      expect(folder.access).toBe('PRIVATE');
      expect(
        fake.drive
          .files(folder.id)
          .map((f) => f.name)
          .sort(),
      ).toEqual(['Handbook', 'Meeting notes', 'Mentoring agreement']);
    }
    const intros = fake.sentMail.filter((m) => /^Introducing/.test(m.subject));
    expect(intros).toHaveLength(n);
    // 100 recipients in any 24 hours, two per introduction: twenty days or so of quota, never
    // more than 50 introductions in a calendar day (retried hourly, as the quota rolls).
    const perDay = new Map<string, number>();
    for (const m of intros) {
      const day = m.at.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect(perDay.size).toBeGreaterThanOrEqual(20);
    expect(perDay.size).toBeLessThanOrEqual(21);
    expect(Math.max(...perDay.values())).toBe(50);
    expect(new Set(intros.map((m) => m.to)).size).toBe(n);
    const matches = fake.spreadsheet.values('Matches');
    const introduced = matches[0].indexOf('Introduced');
    expect(matches.slice(1).every((r) => r[introduced] === 'Sent')).toBe(true);
  }, 240_000);
});
