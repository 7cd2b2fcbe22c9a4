import { readSessions, schemePeople, schemeWindow, sessionGuests } from '../../src/domain/sessions';
import { DEFAULT_SETTINGS } from '../../src/domain/settings';
import { Table } from '../../src/domain/table';
import { SESSIONS_TAB } from '../../src/domain/tabs';

const settings = {
  ...DEFAULT_SETTINGS,
  supervisorEmail: 'sue@supervise.example',
  supervisorName: 'Sue',
};
const people = schemePeople(
  [
    { email: 'ann@kent.example', name: 'Ann', role: 'Mentor', status: 'Accepted' },
    { email: 'dai@powys.example', name: 'Dai', role: 'Mentee', status: 'Accepted' },
    { email: 'fay@hull.example', name: 'Fay', role: 'Mentor', status: 'Withdrawn' },
  ],
  settings,
);

function tab(rows: Record<string, string>[]): Table {
  const header = [...SESSIONS_TAB.columns];
  return new Table(SESSIONS_TAB, {
    header,
    rows: rows.map((r) => header.map((h) => r[h] ?? null)),
  });
}

describe('the Sessions tab', () => {
  it('reads local times in the scheme zone: 10:00 in July is 09:00 UTC, 10:00 in November 10:00 UTC', () => {
    const t = tab([
      {
        Kind: 'Launch day',
        Start: '2026-07-08 10:00',
        End: '2026-07-08 16:00',
        Audience: 'All accepted',
      },
      {
        Kind: 'drop-in',
        Theme: 'Budgets',
        Start: '2026-11-11 10:00',
        End: '2026-11-11 11:00',
        Audience: 'mentors',
      },
    ]);
    const { sessions, problems, numbered } = readSessions(t, settings, people);
    expect(problems.size).toBe(0);
    expect(numbered).toEqual([0, 1]);
    expect(sessions.map((s) => [s.id, s.kind, s.title, s.start.toISOString()])).toEqual([
      ['S01', 'Launch day', 'Launch day', '2026-07-08T09:00:00.000Z'],
      ['S02', 'Drop-in', 'Drop-in: Budgets', '2026-11-11T10:00:00.000Z'],
    ]);
    expect(sessionGuests(sessions[0], people, settings).map((g) => g.email)).toEqual([
      'ann@kent.example',
      'dai@powys.example',
    ]);
  });

  it('a Supervisor 1:1 names one or two guests and also invites the supervisor; a withdrawn guest is dropped', () => {
    const t = tab([
      {
        ID: 'S05',
        Kind: 'Supervisor 1:1',
        Start: '2026-10-07 14:00',
        End: '2026-10-07 15:00',
        Audience: 'dai@powys.example, fay@hull.example',
      },
      {
        ID: 'S06',
        Kind: 'Supervisor 1:1',
        Start: '2026-10-07 14:00',
        End: '2026-10-07 15:00',
        Audience: 'Mentees',
      },
    ]);
    const { sessions, problems } = readSessions(t, settings, people);
    expect(sessionGuests(sessions[0], people, settings).map((g) => g.email)).toEqual([
      'dai@powys.example',
      'sue@supervise.example',
    ]);
    expect(problems.get(1)).toEqual([
      'A Supervisor 1:1 names one or two guests in Audience (their e-mail addresses).',
    ]);
  });

  it('the scheme dates run from 1 July to 31 January of the next year', () => {
    const inside = schemeWindow(settings)!;
    expect(inside(new Date('2026-07-01T00:30:00+01:00'))).toBe(true);
    expect(inside(new Date('2027-01-31T20:00:00Z'))).toBe(true);
    expect(inside(new Date('2027-02-01T10:00:00Z'))).toBe(false);
    expect(inside(new Date('2026-06-30T10:00:00Z'))).toBe(false);
    expect(schemeWindow({ ...settings, schemeStart: 'early summer' })).toBeNull();
  });

  it('flags a duplicate ID and keeps the first', () => {
    const row = {
      ID: 'S01',
      Kind: 'Other',
      Start: '2026-09-01 10:00',
      End: '2026-09-01 11:00',
      Audience: 'Mentors',
    };
    const { sessions, problems } = readSessions(tab([row, row]), settings, people);
    expect(sessions).toHaveLength(1);
    expect(problems.get(1)?.[0]).toMatch(/The ID S01 is used by an earlier row/);
  });
});
