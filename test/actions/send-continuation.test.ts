import { CRASH_AT } from '../../src/core/crash-points';
import { ACTIONS } from '../../src/actions';
import { sendContinuationAction } from '../../src/actions/send-continuation';
import { settingsAction } from '../../src/actions/settings';
import { statusAction } from '../../src/actions/status';
import { CONTINUATION_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { memoryScheme } from '../support/memory-scheme';
import { crashAtEveryBoundary } from '../support/crash-loop';

const DAY = 86_400_000;

/** Two pairs; the deadline is 10 days after the memory clock's start (1 September 2026). */
function scheme() {
  const s = memoryScheme(2);
  settingsAction(s.context(), ['set', 'Continuation form link', 'https://forms.example/c']);
  settingsAction(s.context(), ['set', 'Continuation deadline', '2026-09-10']);
  return s;
}

function codes(s: ReturnType<typeof scheme>) {
  const t = s.ports.workbook.readTab(MATCHES_TAB.name)!;
  const col = (name: string) => t.header.indexOf(name);
  return t.rows.map((r) => ({
    pair: String(r[col('Pair code')]),
    mentee: String(r[col('Mentee code')]),
    mentor: String(r[col('Mentor code')]),
  }));
}

describe('send-continuation on in-memory ports', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('asks each person privately before the deadline, then tells each the outcome once', () => {
    const s = scheme();
    sendContinuationAction(s.context());
    expect(s.ports.mail.sent.map((m) => m.to)).toHaveLength(4);
    expect(s.ports.mail.sent.every((m) => m.to.length === 1 && m.cc.length === 0)).toBe(true);
    expect(s.ports.jobs.pending().map((j) => j.reason)).toEqual(['the continuation deadline']);
    const [a, b] = codes(s);
    const at = (d: number) => new Date(Date.UTC(2026, 8, d, 12));
    s.ports.workbook.writeTab(CONTINUATION_TAB, {
      header: [...CONTINUATION_TAB.columns],
      rows: [
        [a.pair, a.mentee, 'Mentee', 'Yes', null, at(3), null],
        [a.pair, a.mentor, 'Mentor', 'Yes', null, at(4), null],
        [b.pair, b.mentee, 'Mentee', 'Yes', null, at(4), null],
        [b.pair, b.mentor, 'Mentor', 'No', null, at(5), null],
      ],
    });
    // Before the deadline nobody is told anything, whatever the answers say.
    sendContinuationAction(s.context());
    expect(s.ports.mail.sent).toHaveLength(4);
    s.ports.clock.advance(10 * DAY);
    const after = sendContinuationAction(s.context());
    expect(after.data).toMatchObject({
      told: 4,
      outcomes: { Continuing: 1, 'Ending at scheme close': 1 },
    });
    const outcomes = s.ports.mail.sent.slice(4);
    expect(outcomes.map((m) => m.key).sort()).toEqual(
      [
        `mail:continuation-outcome:${a.pair}:${a.mentee}`,
        `mail:continuation-outcome:${a.pair}:${a.mentor}`,
        `mail:continuation-outcome:${b.pair}:${b.mentee}`,
        `mail:continuation-outcome:${b.pair}:${b.mentor}`,
      ].sort(),
    );
    expect(s.ports.jobs.pending()).toEqual([]);
    sendContinuationAction(s.context());
    expect(s.ports.mail.sent).toHaveLength(8);
    const status = statusAction(s.context(), ACTIONS);
    expect(status.summary).toContain(
      'After the scheme: 1 pair continuing, 1 ending at scheme close, 0 waiting for answers, 0 for staff to decide.',
    );
  });

  it('crashed at every effect boundary, the next run asks each person at most once', () => {
    const boundaries = crashAtEveryBoundary(
      () => scheme(),
      (s) => sendContinuationAction(s.context()),
      (s, crash) => {
        sendContinuationAction(s.context());
        const inFlight = /\b(started|carried out) mail:/.test(crash.message);
        const keys = s.ports.mail.sent.map((m) => m.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.length).toBeGreaterThanOrEqual(inFlight ? 3 : 4);
      },
    );
    expect(boundaries).toBe(4 * 3);
  });
});
