import { CRASH_AT } from '../../src/core/crash-points';
import { ACTIONS } from '../../src/actions';
import { notifyApplicantsAction } from '../../src/actions/notify-applicants';
import { statusAction } from '../../src/actions/status';
import { memoryScheme } from '../support/memory-scheme';
import { crashAtEveryBoundary } from '../support/crash-loop';

describe('notify-applicants on in-memory ports (a mail-only job)', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('e-mails each decision once; over the quota it waits for tomorrow and then finishes', () => {
    const s = memoryScheme(3, { status: 'Proposed' });
    s.ports.mail.dailyLimit = 4;
    const first = notifyApplicantsAction(s.context());
    expect(first.summary).toEqual([
      'Sent 4 e-mails.',
      '2 e-mails queued: daily e-mail limit. Google counts the limit over a rolling 24 hours: in Google they are tried again every hour (or run notify-applicants again later).',
    ]);
    expect(s.ports.jobs.pending().map((j) => [j.job, j.reason])).toEqual([
      ['notify-applicants', 'daily e-mail limit'],
    ]);
    const status = statusAction(s.context(), ACTIONS);
    expect(status.summary).toContain('Decisions not yet e-mailed: 2.');
    expect((status.data as { emails: { waiting: number } }).emails.waiting).toBe(2);

    s.ports.clock.advance(24 * 3_600_000);
    const second = notifyApplicantsAction(s.context());
    expect(second.summary).toEqual(['Sent 2 e-mails; 4 had already been sent.']);
    expect(s.ports.jobs.pending()).toEqual([]);
    expect(new Set(s.ports.mail.sent.map((m) => m.to[0])).size).toBe(6);
  });

  it('stops before the time limit and continues in a minute', () => {
    const s = memoryScheme(3, { status: 'Proposed' });
    // Each e-mail takes a second; the job keeps a 45-second reserve: two fit.
    s.ports.jobs.budgetMs = 45_000 + 1_500;
    const send = s.ports.mail.send.bind(s.ports.mail);
    s.ports.mail.send = (mail) => {
      send(mail);
      s.ports.clock.advance(1_000);
    };
    const first = notifyApplicantsAction(s.context());
    expect(first.summary).toEqual([
      'Sent 2 e-mails.',
      '4 applicants still to do: the run stopped before the time limit and continues soon, by itself in Google.',
    ]);
    expect(s.ports.jobs.pending()[0].reason).toBe('time limit');
  });

  it('crashed at every effect boundary, the next run sends each e-mail at most once and leaves only the one in flight uncertain', () => {
    const boundaries = crashAtEveryBoundary(
      () => memoryScheme(2, { status: 'Proposed' }),
      (s) => notifyApplicantsAction(s.context()),
      (s, crash) => {
        const rerun = notifyApplicantsAction(s.context());
        const inFlight = /\b(started|carried out) mail:/.test(crash.message);
        const keys = s.ports.mail.sent.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBeGreaterThanOrEqual(inFlight ? 3 : 4);
        expect(rerun.summary.some((l) => /may or may not have gone/.test(l))).toBe(inFlight);
      },
    );
    // Four people, each e-mail: started, sent, done.
    expect(boundaries).toBe(4 * 3);
  });
});
