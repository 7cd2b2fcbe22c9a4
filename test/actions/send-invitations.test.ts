import { sendInvitationsAction } from '../../src/actions/send-invitations';
import { SESSIONS_TAB } from '../../src/domain/tabs';
import { memoryScheme } from '../support/memory-scheme';
import { crashAtEveryBoundary } from '../support/crash-loop';

/** A scheme of `n` pairs with a launch day for everyone and a drop-in for the mentors. */
function scheme(n: number) {
  const s = memoryScheme(n);
  const rows = [
    {
      ID: 'S01',
      Kind: 'Launch day',
      Start: '2026-07-08 10:00',
      End: '2026-07-08 16:00',
      Where: 'Leeds',
      Audience: 'All accepted',
    },
    {
      ID: 'S02',
      Kind: 'Drop-in',
      Start: '2026-11-11 10:00',
      End: '2026-11-11 11:00',
      Where: 'Online',
      Audience: 'Mentors',
    },
  ];
  s.ports.workbook.writeTab(SESSIONS_TAB, {
    header: [...SESSIONS_TAB.columns],
    rows: rows.map((r) =>
      SESSIONS_TAB.columns.map((c) => (r as Record<string, string>)[c] ?? null),
    ),
  });
  return s;
}

describe('send-invitations rules (memory ports)', () => {
  it('crashed at every boundary, the next run leaves one event per session and each guest told once', () => {
    const boundaries = crashAtEveryBoundary(
      () => scheme(3),
      (s) => sendInvitationsAction(s.context()),
      (s) => {
        sendInvitationsAction(s.context());
        sendInvitationsAction(s.context());
        expect([...s.ports.calendar.events.keys()].sort()).toEqual(['S01', 'S02']);
        const told = s.ports.calendar.notices.map((x) => `${x.sessionId} ${x.email} ${x.notice}`);
        expect(told).toHaveLength(6 + 3);
        expect(new Set(told).size).toBe(told.length);
        const rows = s.ports.workbook.rows('Sessions');
        expect(rows.map((r) => r.Invited)).toEqual(['6 invited', '3 invited']);
      },
    );
    // Per session: the calendar call, then its Log record.
    expect(boundaries).toBe(2 * 2);
  });

  it('a time limit continues in a minute; the invitation limit waits for tomorrow', () => {
    const s = scheme(3);
    s.ports.jobs.budgetMs = 40_000; // less than the 45 s the runner keeps in reserve
    const stopped = sendInvitationsAction(s.context());
    expect(stopped.summary.join('\n')).toMatch(
      /2 sessions still to do: the run stopped before the time limit/,
    );
    expect(s.ports.jobs.pending()).toEqual([
      expect.objectContaining({ job: 'send-invitations', reason: 'time limit' }),
    ]);
    expect(s.ports.calendar.notices).toHaveLength(0);
    s.ports.jobs.budgetMs = Infinity;
    s.ports.calendar.dailyLimit = 4;
    sendInvitationsAction(s.context());
    expect(s.ports.jobs.pending()).toEqual([
      expect.objectContaining({ job: 'send-invitations', reason: 'daily invitation limit' }),
    ]);
    s.ports.calendar.dailyLimit = Infinity;
    sendInvitationsAction(s.context());
    expect(s.ports.jobs.pending()).toEqual([]);
    expect(s.ports.calendar.notices).toHaveLength(9);
  });
});
