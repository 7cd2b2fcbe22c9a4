import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { inert } from '../../src/apps-script/services';
import { APPLICATIONS_TAB, SESSIONS_TAB } from '../../src/domain/tabs';
import type { CalendarNotice, FakeOptions } from '../fakes/apps-script';
import { DIST, loadBundle } from '../support/bundle';

interface Person {
  role: 'Mentor' | 'Mentee';
  name: string;
  email: string;
  status: string;
}

/** The bundle on the fake, with a workbook, these people and these sessions. */
function scheme(
  people: Person[],
  sessions: Record<string, string>[],
  options: FakeOptions = {},
  settings: Record<string, string> = {},
) {
  const { fake, call, context } = loadBundle(options);
  fake.quiet(() => call('setUpWorkbook'));
  const values = fake.spreadsheet.values('Settings');
  for (const [label, value] of Object.entries({
    'Daily invitation limit': '100000',
    ...settings,
  })) {
    values[values.findIndex((r) => r[0] === label)][1] = value;
  }
  fake.spreadsheet.seed(
    'Settings',
    values.map((r) => r.map(inert)),
  );
  const header = [...APPLICATIONS_TAB.columns];
  fake.spreadsheet.seed('Applications', [
    header,
    ...people.map((p, i) =>
      header.map((h) =>
        inert(
          (
            {
              ID: `A${i}`,
              Role: p.role,
              Name: p.name,
              Email: p.email,
              Status: p.status,
              'Reviewed status': p.status,
            } as Record<string, string>
          )[h] ?? '',
        ),
      ),
    ),
  ]);
  writeSessions(sessions);
  function writeSessions(rows: Record<string, string>[]) {
    const sh = [...SESSIONS_TAB.columns];
    const current = fake.quiet(() => fake.spreadsheet.values('Sessions'));
    const byId = new Map(current.slice(1).map((r) => [String(r[0]), r]));
    for (const row of rows) {
      const existing = byId.get(row.ID);
      if (existing) for (const [k, v] of Object.entries(row)) existing[current[0].indexOf(k)] = v;
      else
        byId.set(
          row.ID,
          sh.map((h) => row[h] ?? ''),
        );
    }
    fake.spreadsheet.seed(
      'Sessions',
      [current[0].length ? current[0] : sh, ...byId.values()].map((r) => r.map(inert)),
    );
  }
  const sessionValues = () => {
    const v = fake.spreadsheet.values('Sessions');
    return v.slice(1).map((r) => Object.fromEntries(v[0].map((h, i) => [String(h), r[i]])));
  };
  const setStatus = (email: string, status: string) => {
    const v = fake.spreadsheet.values('Applications');
    const row = v.findIndex((r) => r[v[0].indexOf('Email')] === email);
    v[row][v[0].indexOf('Status')] = status;
    v[row][v[0].indexOf('Reviewed status')] = status;
    fake.spreadsheet.seed(
      'Applications',
      v.map((r) => r.map(inert)),
    );
  };
  const addPerson = (p: Person) => {
    const v = fake.spreadsheet.values('Applications');
    v.push(
      v[0].map(
        (h) =>
          (
            ({
              ID: `A${v.length}`,
              Role: p.role,
              Name: p.name,
              Email: p.email,
              Status: p.status,
              'Reviewed status': p.status,
            }) as Record<string, string>
          )[String(h)] ?? '',
      ),
    );
    fake.spreadsheet.seed(
      'Applications',
      v.map((r) => r.map(inert)),
    );
  };
  fake.calls.reset();
  return { fake, call, context, writeSessions, sessionValues, setStatus, addPerson };
}

const mentor = (n: number): Person => ({
  role: 'Mentor',
  name: `Mentor ${n}`,
  email: `mentor${n}@lib${n}.example`,
  status: 'Accepted',
});
const mentee = (n: number): Person => ({
  role: 'Mentee',
  name: `Mentee ${n}`,
  email: `mentee${n}@lib${n}.example`,
  status: 'Accepted',
});
const DROP_IN = {
  ID: 'S01',
  Kind: 'Drop-in',
  Theme: 'Budgets',
  Start: '2026-11-11 10:00',
  End: '2026-11-11 11:30',
  Where: 'https://teams.example/a',
  Audience: 'Mentors',
  Status: 'Planned',
};
const LAUNCH = {
  ID: 'S02',
  Kind: 'Launch day',
  Title: 'Launch day',
  Start: '2026-07-08 10:00',
  End: '2026-07-08 16:00',
  Where: 'Birmingham',
  Audience: 'All accepted',
  Status: 'Planned',
};

/** Notices since `from`, as "email notice" strings, sorted. */
function since(notices: CalendarNotice[], from: number): string[] {
  return notices
    .slice(from)
    .map((n) => `${n.email} ${n.notice}`)
    .sort();
}

describe('send-invitations on Google (the bundle on the fake Calendar advanced service)', () => {
  it('creates, updates, adds and removes guests and cancels, telling exactly the right guests once each; unchanged sends nothing', () => {
    const s = scheme([mentor(1), mentor(2), mentee(1)], [DROP_IN, LAUNCH]);
    s.call('sendSessionInvitations');
    const events = [...s.fake.calendar.store.get('staff@example.org')!.values()];
    expect(events).toHaveLength(2);
    expect(since(s.fake.calendar.notices, 0)).toEqual([
      'mentee1@lib1.example invitation',
      'mentor1@lib1.example invitation',
      'mentor1@lib1.example invitation',
      'mentor2@lib2.example invitation',
      'mentor2@lib2.example invitation',
    ]);
    // Times: 10:00 in November is 10:00 GMT; 10:00 in July is 10:00 BST (09:00 UTC).
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    const drop = byTitle.get('Drop-in: Budgets')!;
    expect(new Date(drop.start!.dateTime!).toISOString()).toBe('2026-11-11T10:00:00.000Z');
    expect(drop.start!.timeZone).toBe('Europe/London');
    expect(new Date(byTitle.get('Launch day')!.start!.dateTime!).toISOString()).toBe(
      '2026-07-08T09:00:00.000Z',
    );
    expect(drop.extendedProperties?.private?.peerMentoringSession).toBe('S01');
    const rows = s.sessionValues();
    expect(rows[0].Event).toBe(drop.id);
    expect(rows.map((r) => r.Invited)).toEqual(['2 invited', '3 invited']);

    let mark = s.fake.calendar.notices.length;
    s.call('sendSessionInvitations');
    expect(s.fake.calendar.notices.length).toBe(mark);

    // A changed place: the drop-in's two guests are told once each; the launch day's nobody.
    s.writeSessions([{ ID: 'S01', Where: 'Room 2, Leeds Central Library' }]);
    s.call('sendSessionInvitations');
    expect(since(s.fake.calendar.notices, mark)).toEqual([
      'mentor1@lib1.example update',
      'mentor2@lib2.example update',
    ]);

    // A newly accepted mentor is added and invited (only they hear); a withdrawn one is removed.
    mark = s.fake.calendar.notices.length;
    s.addPerson(mentor(3));
    s.call('sendSessionInvitations');
    expect(since(s.fake.calendar.notices, mark)).toEqual([
      'mentor3@lib3.example invitation',
      'mentor3@lib3.example invitation',
    ]);
    mark = s.fake.calendar.notices.length;
    s.setStatus('mentor2@lib2.example', 'Withdrawn');
    s.call('sendSessionInvitations');
    expect(since(s.fake.calendar.notices, mark)).toEqual([
      'mentor2@lib2.example cancellation',
      'mentor2@lib2.example cancellation',
    ]);
    const dropNow = s.fake.calendar.store.get('staff@example.org')!.get(drop.id!)!;
    expect(dropNow.attendees!.map((a) => a.email).sort()).toEqual([
      'mentor1@lib1.example',
      'mentor3@lib3.example',
    ]);

    // Cancelled: the guests are told once; the event is cancelled in place, never deleted.
    mark = s.fake.calendar.notices.length;
    s.writeSessions([{ ID: 'S01', Status: 'Cancelled' }]);
    s.call('sendSessionInvitations');
    s.call('sendSessionInvitations');
    expect(since(s.fake.calendar.notices, mark)).toEqual([
      'mentor1@lib1.example cancellation',
      'mentor3@lib3.example cancellation',
    ]);
    expect(s.fake.calendar.store.get('staff@example.org')!.get(drop.id!)!.status).toBe('cancelled');
    expect(s.fake.calendar.store.get('staff@example.org')!.size).toBe(2);
    expect(s.fake.consoleOutput.filter((c) => c.level === 'error')).toEqual([]);
  });

  it('a crash after creating an event and before recording it leaves one event, and nobody is invited twice', () => {
    const s = scheme([mentor(1), mentor(2)], [DROP_IN]);
    s.fake.calendar.failAfter = 'insert';
    s.call('sendSessionInvitations'); // the menu shows the failure; the Sheet was not written
    expect(s.sessionValues()[0].Event).toBe('');
    expect(s.fake.calendar.store.get('staff@example.org')!.size).toBe(1);
    s.fake.clock.startExecution();
    s.call('sendSessionInvitations');
    expect(s.fake.calendar.store.get('staff@example.org')!.size).toBe(1);
    expect(since(s.fake.calendar.notices, 0)).toEqual([
      'mentor1@lib1.example invitation',
      'mentor2@lib2.example invitation',
    ]);
    expect(s.sessionValues()[0].Event).toBe(
      [...s.fake.calendar.store.get('staff@example.org')!.keys()][0],
    );
  });

  it('shows per session how many accepted, declined or have not answered, and who is not invited yet', () => {
    const s = scheme([mentor(1), mentor(2), mentee(1)], [DROP_IN]);
    s.call('sendSessionInvitations');
    const id = String(s.sessionValues()[0].Event);
    s.fake.calendar.respond('primary', id, 'mentor1@lib1.example', 'accepted');
    s.fake.calendar.respond('primary', id, 'mentor2@lib2.example', 'declined');
    s.fake.ui.alerts.length = 0;
    s.call('showStatus');
    const shown = s.fake.ui.alerts.join('\n');
    expect(shown).toMatch(
      /S01 Drop-in: Budgets: 2 invited, 1 accepted, 1 declined, 0 not answered/,
    );
    expect(shown).toMatch(/Not invited to any session yet \(1\): Mentee 1/);
  });

  it('a 300-guest, 10-session run spreads over executions, each within 6 modelled minutes, and invites each guest once per session', () => {
    const people = [
      ...Array.from({ length: 150 }, (_, i) => mentor(i)),
      ...Array.from({ length: 150 }, (_, i) => mentee(i)),
    ];
    const sessions = Array.from({ length: 10 }, (_, i) => ({
      ID: `S${String(i + 1).padStart(2, '0')}`,
      Kind: 'Other',
      Title: `Session ${i + 1}`,
      Start: `2026-${String(7 + (i % 6)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')} 10:00`,
      End: `2026-${String(7 + (i % 6)).padStart(2, '0')}-${String(10 + i).padStart(2, '0')} 12:00`,
      Where: 'Online',
      Audience: 'All accepted',
      Status: 'Planned',
    }));
    const s = scheme(people, sessions, {
      account: 'workspace',
      latency: true,
      enforceTimeLimit: true,
    });
    const continuations = () =>
      s.fake.quiet(() =>
        s.fake.triggers().filter((t) => t.getHandlerFunction() === 'continueJobs'),
      );
    const executions: number[] = [];
    s.fake.clock.startExecution();
    s.call('sendSessionInvitations');
    executions.push(s.fake.clock.elapsedInExecution());
    for (let guard = 0; guard < 50; guard += 1) {
      const pending = continuations().filter((t) => !(t as unknown as { fired?: boolean }).fired);
      if (pending.length === 0) break;
      if (s.fake.dueTriggers().length === 0) {
        s.fake.clock.advanceTo((pending[0] as unknown as { dueAt: Date }).dueAt);
        continue;
      }
      s.fake.runDueTriggers((name, event) => {
        s.call(name, event);
        executions.push(s.fake.clock.elapsedInExecution());
      });
    }
    expect(s.fake.consoleOutput.filter((c) => c.level === 'error')).toEqual([]);
    expect(executions.length).toBeGreaterThan(1);
    expect(Math.max(...executions)).toBeLessThan(6 * 60_000);
    expect(s.fake.calendar.store.get('staff@example.org')!.size).toBe(10);
    const notices = s.fake.calendar.notices;
    expect(notices).toHaveLength(3000);
    expect(new Set(notices.map((n) => `${n.eventId} ${n.email}`)).size).toBe(3000);
    expect(notices.every((n) => n.notice === 'invitation')).toBe(true);
    expect(s.sessionValues().every((r) => r.Invited === '300 invited')).toBe(true);
    expect(
      continuations().filter((t) => !(t as unknown as { fired?: boolean }).fired),
    ).toHaveLength(0);
    console.log(
      `300 guests, 10 sessions: ${executions.length} executions, longest ${Math.round(Math.max(...executions) / 1000)} s`,
    );
  }, 120_000);

  it('the invitations that do not fit in the Daily invitation limit wait for the next day', () => {
    const s = scheme(
      Array.from({ length: 30 }, (_, i) => mentor(i)),
      [DROP_IN],
      {},
      { 'Daily invitation limit': '20' },
    );
    s.call('sendSessionInvitations');
    expect(s.fake.calendar.notices).toHaveLength(20);
    expect(s.sessionValues()[0].Invited).toBe(
      '20 of 30 invited; the rest tomorrow (daily invitation limit)',
    );
    s.fake.advanceDay();
    s.fake.clock.advance(20 * 60_000);
    s.fake.runDueTriggers((name, event) => s.call(name, event));
    expect(s.fake.calendar.notices).toHaveLength(30);
    expect(new Set(s.fake.calendar.notices.map((n) => n.email)).size).toBe(30);
    expect(s.sessionValues()[0].Invited).toBe('30 invited');
  });

  it('declares the Calendar advanced service with the events scope only, and says in one sentence when it is off', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'Calendar', serviceId: 'calendar', version: 'v3' },
    ]);
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/calendar.events');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/calendar');
    const s = scheme([mentor(1)], [DROP_IN]);
    vm.runInContext('Calendar = undefined', s.context);
    s.fake.ui.alerts.length = 0;
    s.call('sendSessionInvitations');
    expect(s.fake.ui.alerts.join('\n')).toMatch(
      /The Calendar advanced service is not turned on for this script: in the Apps Script editor choose Services, add Google Calendar API, then try again\./,
    );
  });
});
