import { EffectLedger } from '../../src/core/effect-ledger';
import { jobSummary, runJob } from '../../src/core/job';
import { Mailer } from '../../src/core/mailer';
import { parseSettings } from '../../src/domain/settings';
import { DEFAULT_TEMPLATES } from '../../src/domain/templates';
import type { LogRecord } from '../../src/ports';
import { memoryPorts } from '../support/memory-ports';

const key = (i: number) => `mail:welcome:${i}`;

/** A mail-only job over people 0..n-1, one e-mail each, on a Log that already holds `log`. */
function mailJob(n: number, dailyLimit: number, log: LogRecord[] = []) {
  const ports = memoryPorts();
  ports.mail.dailyLimit = dailyLimit;
  ports.journal.append(log);
  const ledger = EffectLedger.open(ports, 'run-1', 'welcome');
  const templates = new Map(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  const mailer = new Mailer(
    ports.mail,
    ledger,
    parseSettings(new Map([['replyTo', 'mentoring@scheme.example']])),
    templates,
  );
  const steps: number[] = [];
  const report = runJob(ports, {
    name: 'welcome',
    items: Array.from({ length: n }, (_, i) => i),
    timeZone: 'Europe/London',
    mail: { mailer, key },
    step: (i) => {
      steps.push(i);
      return mailer.send({
        key: key(i),
        template: 'waitlisted',
        to: [`p${i}@lib.example`],
        values: { Name: `P${i}`, FirstName: `P${i}`, Role: 'mentee' },
      });
    },
  });
  return { ports, steps, report };
}

const logged = (k: string, state: 'started' | 'done'): LogRecord => ({
  time: new Date('2026-08-31T10:00:00Z'),
  run: 'r0',
  action: 'welcome',
  key: k,
  state,
  detail: '',
});

describe('the job runner', () => {
  it('starts no item of a mail-only job once the day’s quota is spent, and tries again in an hour', () => {
    const { steps, report, ports } = mailJob(5, 2);
    expect(steps).toEqual([0, 1]);
    expect(report.counts).toMatchObject({ done: 2, queued: 3 });
    expect(report.queued).toBe('daily e-mail limit');
    // Google's quota is a rolling 24 hours from each send, not a calendar day: hourly tries.
    expect(ports.jobs.pending().map((p) => p.at.getTime())).toEqual([
      ports.clock.now().getTime() + 3_600_000,
    ]);
  });

  it('takes what the Log already knows without a step, and names the uncertain for staff', () => {
    const { steps, report, ports } = mailJob(4, 100, [
      logged(key(1), 'started'),
      logged(key(2), 'started'),
      logged(key(2), 'done'),
    ]);
    expect(steps).toEqual([0, 3]);
    expect(report.counts).toMatchObject({ done: 2, 'already-done': 1, uncertain: 1 });
    expect(report.uncertain).toEqual([1]);
    expect(report.queued).toBeNull();
    expect(ports.jobs.pending()).toEqual([]);
    expect(
      jobSummary(report, {
        job: 'welcome',
        noun: 'e-mail',
        item: 'person',
        describe: (i) => `P${i}`,
      }),
    ).toEqual([
      'Sent 2 e-mails; 1 had already been sent.',
      '1 e-mail may or may not have gone (a run stopped while sending): P1. Check with the person, then set that row\'s State in the Log tab to "retry" to send it again.',
    ]);
  });
});
