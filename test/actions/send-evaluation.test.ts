import { CRASH_AT } from '../../src/core/crash-points';
import { ACTIONS } from '../../src/actions';
import { sendEvaluationAction } from '../../src/actions/send-evaluation';
import { settingsAction } from '../../src/actions/settings';
import { statusAction } from '../../src/actions/status';
import { ROUNDS_TAB } from '../../src/domain/tabs';
import { memoryScheme } from '../support/memory-scheme';
import { crashAtEveryBoundary } from '../support/crash-loop';

const DAY = 86_400_000;

/** Three pairs (six people) and one round open from yesterday for 30 days. */
function scheme() {
  const s = memoryScheme(3);
  settingsAction(s.context(), ['set', 'Evaluation form link', 'https://forms.example/eval']);
  s.ports.workbook.writeTab(ROUNDS_TAB, {
    header: ['Round', 'Opens', 'Closes', 'Notes'],
    rows: [['Mid-point', '2026-08-31', '2026-09-30', null]],
  });
  return s;
}

describe('send-evaluation on in-memory ports (a mail-only job that wakes for reminders)', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('over the quota it waits for tomorrow, then finishes and wakes when the reminders are due', () => {
    const s = scheme();
    s.ports.mail.dailyLimit = 4;
    const first = sendEvaluationAction(s.context());
    expect(first.summary.slice(0, 2)).toEqual([
      'Sent 4 questionnaires and 0 reminders.',
      '2 e-mails queued: daily e-mail limit. Google counts the limit over a rolling 24 hours: in Google they are tried again every hour (or run send-evaluation again later).',
    ]);
    expect(s.ports.jobs.pending().map((j) => j.reason)).toEqual(['daily e-mail limit']);
    s.ports.clock.advance(DAY);
    sendEvaluationAction(s.context());
    expect(new Set(s.ports.mail.sent.map((m) => m.to[0])).size).toBe(6);
    // The first four were sent yesterday: their reminders are due 7 days after that.
    const [wake] = s.ports.jobs.pending();
    expect([wake.reason, wake.at.toISOString()]).toEqual([
      'next reminders',
      '2026-09-08T09:00:00.000Z',
    ]);
    const status = statusAction(s.context(), ACTIONS);
    expect(status.summary).toContain(
      'Evaluation Mid-point: 6 questionnaires sent, 0 reminders, 0 answers.',
    );
  });

  it('sends at most two reminders, a spacing apart, and nothing after the round closes', () => {
    const s = scheme();
    sendEvaluationAction(s.context());
    const sentBy = () => s.ports.mail.sent.length;
    s.ports.clock.advance(3 * DAY);
    sendEvaluationAction(s.context());
    expect(sentBy()).toBe(6);
    for (const expected of [12, 18, 18]) {
      s.ports.clock.advance(7 * DAY);
      sendEvaluationAction(s.context());
      expect(sentBy()).toBe(expected);
    }
    expect(s.ports.jobs.pending()).toEqual([]);
  });

  it('crashed at every effect boundary, the next run sends each e-mail at most once and leaves only the one in flight uncertain', () => {
    const boundaries = crashAtEveryBoundary(
      () => scheme(),
      (s) => sendEvaluationAction(s.context()),
      (s, crash) => {
        const rerun = sendEvaluationAction(s.context());
        const inFlight = /\b(started|carried out) mail:/.test(crash.message);
        const keys = s.ports.mail.sent.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBeGreaterThanOrEqual(inFlight ? 5 : 6);
        expect(rerun.summary.some((l) => /may or may not have gone/.test(l))).toBe(inFlight);
      },
    );
    // Six people, each e-mail: started, sent, done.
    expect(boundaries).toBe(6 * 3);
  });
});
