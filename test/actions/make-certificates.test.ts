import { CRASH_AT } from '../../src/core/crash-points';
import { makeCertificatesAction } from '../../src/actions/make-certificates';
import { settingsAction } from '../../src/actions/settings';
import { statusAction } from '../../src/actions/status';
import { ACTIONS } from '../../src/actions';
import { parseCertificateKey } from '../../src/domain/certificates';
import { memoryScheme, MemoryScheme } from '../support/memory-scheme';
import { crashAtEveryBoundary } from '../support/crash-loop';

const HOUR = 3_600_000;

function scheme(mentors: number, settings: Record<string, string> = {}): MemoryScheme {
  const s = memoryScheme(mentors, {
    settings: { 'Certificate date': '25 January 2027', ...settings },
  });
  const folder = s.ports.drive.seed('folder', 'Certificates');
  settingsAction(s.context(), ['set', 'Certificates folder', folder]);
  return s;
}

/** Every mentor has exactly one certificate (one key per mentor, version 1). */
function expectOneEach(s: MemoryScheme, mentors: number): void {
  const keys = [...s.ports.certificates.made.keys()].map(parseCertificateKey);
  expect(keys).toHaveLength(mentors);
  expect(new Set(keys.map((k) => k!.email)).size).toBe(mentors);
  expect(keys.every((k) => k!.version === 1)).toBe(true);
}

describe('make-certificates on in-memory ports', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('respects the daily certificate limit as a rolling 24 hours, then continues by itself', () => {
    const s = scheme(5, { 'Daily certificate limit': '3' });
    const start = s.ports.clock.now().getTime();
    const first = makeCertificatesAction(s.context());
    expect(first.summary[0]).toBe('Made 3 certificates; 3 of 5 eligible mentors have one.');
    expect(first.summary.join('\n')).toMatch(
      /2 certificates still to make: the day's certificate limit/,
    );
    // Room comes back when the first of the three is a day old (and a minute, for safety).
    expect(s.ports.jobs.pending()).toEqual([
      {
        job: 'make-certificates',
        at: new Date(start + 24 * HOUR + 60_000),
        reason: 'daily certificate limit',
      },
    ]);
    s.ports.clock.advance(12 * HOUR);
    expect(makeCertificatesAction(s.context()).summary[0]).toMatch(/^Made 0 certificates/);
    s.ports.clock.advance(12 * HOUR + 60_000);
    const last = makeCertificatesAction(s.context());
    expect(last.summary[0]).toBe('Made 2 certificates; 5 of 5 eligible mentors have one.');
    expect(s.ports.jobs.pending()).toEqual([]);
    expectOneEach(s, 5);
    expect(s.ports.certificates.combined.size).toBe(1);
  });

  it('starts the combined PDF only with time for it, else leaves it to the next execution; too many is one sentence', () => {
    const s = scheme(5);
    // A back end where combining takes time (Google reads each certificate from Drive).
    Object.assign(s.ports.certificates, { combineMsEach: 700 });
    s.ports.jobs.budgetMs = 45_000 + 5 * 700 - 1;
    const first = makeCertificatesAction(s.context());
    expect(first.summary[0]).toBe('Made 5 certificates; 5 of 5 eligible mentors have one.');
    expect(first.summary).toContain(
      'The combined PDF for printing is made next, in a run of its own that starts by itself in a minute (it needs the time to read every certificate).',
    );
    expect(s.ports.certificates.combined.size).toBe(0);
    expect(s.ports.jobs.pending()).toEqual([
      { job: 'make-certificates', at: expect.any(Date), reason: 'time limit' },
    ]);
    // The next execution has the time: it makes the combined PDF, and the job is finished.
    s.ports.jobs.budgetMs = 6 * 60_000;
    s.ports.jobs.startExecution();
    const second = makeCertificatesAction(s.context());
    expect(second.summary[0]).toBe('Made 0 certificates; 5 of 5 eligible mentors have one.');
    expect(second.summary.join('\n')).toMatch(/^For printing: .* \(new\) memory:\/\//m);
    expect(s.ports.certificates.combined.size).toBe(1);
    expect(s.ports.jobs.pending()).toEqual([]);

    // So many that even a whole execution would not do: said once, never continued for it.
    const big = scheme(5);
    Object.assign(big.ports.certificates, { combineMsEach: 70_000 });
    big.ports.jobs.budgetMs = 6 * 60_000;
    const run = makeCertificatesAction(big.context());
    expect(run.summary).toContain(
      '5 certificates are too many to combine into one PDF in one run (about 6 minutes of the 6 a run may take): print them from the Certificates folder.',
    );
    expect(big.ports.jobs.pending()).toEqual([]);
  });

  it('crashed at every effect boundary of 4 mentors (made, recorded, e-mailed), the next run leaves one certificate and at most one e-mail each', () => {
    const mentors = 4;
    const boundaries = crashAtEveryBoundary(
      () => scheme(mentors, { 'Certificate delivery': 'E-mail' }),
      (s) => makeCertificatesAction(s.context()),
      (s) => {
        const rerun = makeCertificatesAction(s.context());
        expect(rerun.summary[0]).toMatch(
          new RegExp(`${mentors} of ${mentors} eligible mentors have one`),
        );
        expectOneEach(s, mentors);
        const perMentor = new Map<string, number>();
        for (const m of s.ports.mail.sent)
          perMentor.set(m.to[0], (perMentor.get(m.to[0]) ?? 0) + 1);
        expect([...perMentor.values()].every((c) => c === 1)).toBe(true);
        expect(s.ports.mail.sent.length).toBeGreaterThanOrEqual(mentors - 1);
      },
    );
    // Per mentor: made, recorded, then the e-mail's started, carried out, done.
    expect(boundaries).toBeGreaterThanOrEqual(mentors * 5);
  });

  it('status shows where certificates stand, from the Certificates tab', () => {
    const s = scheme(2);
    makeCertificatesAction(s.context());
    const status = statusAction(s.context(), ACTIONS);
    expect(status.summary.join('\n')).toMatch(
      /Certificates: 2 mentors listed, 2 with a certificate \(2 versions made in all\), 0 e-mailed\./,
    );
  });
});
