import { fingerprint } from '../../src/domain/archive';
import { CRASH_AT } from '../../src/core/crash-points';
import { erasePersonAction } from '../../src/actions/erase-person';
import { setUpPairsAction } from '../../src/actions/set-up-pairs';
import { isUserError } from '../../src/domain/errors';
import {
  APPLICATIONS_TAB,
  ARCHIVE_MANIFEST_TAB,
  ERASURES_TAB,
  EVALUATIONS_TAB,
  MATCHES_TAB,
  SESSIONS_TAB,
} from '../../src/domain/tabs';
import { crashAtEveryBoundary } from '../support/crash-loop';
import type { MemoryPorts } from '../support/memory-ports';
import { memoryScheme, type MemoryScheme } from '../support/memory-scheme';

const EMAIL = 'mentor0@lib0.example';
const NAME = 'Mentor 0';
const CERT_KEY = `certificate:${EMAIL}:v1:abc`;

/**
 * Two confirmed pairs with every store filled: pair folders shared and introductions logged,
 * a session's calendar event, responses inside the mentor form, a certificate, and an archived
 * cohort in which the mentor took part before.
 */
function scheme(): MemoryScheme {
  const s = memoryScheme(2, {
    settings: { 'Certificates folder': 'certs', 'Mentor application form ID': 'form-mentor' },
  });
  setUpPairsAction(s.context());
  const { ports } = s;
  const guests = ['mentor0@lib0.example', 'mentee0@lib0.example', 'mentor1@lib1.example'];
  ports.calendar.ensureSessionEvent(
    {
      sessionId: 'S01',
      title: 'Launch day',
      description: '',
      location: 'Leeds',
      start: new Date('2026-07-10T09:00:00Z'),
      end: new Date('2026-07-10T16:00:00Z'),
      timeZone: 'Europe/London',
      cancelled: false,
      organizer: { name: 'Scheme', email: 'mentoring@scheme.example' },
    },
    guests.map((email) => ({ email, name: '' })),
    { budget: 100 },
  );
  ports.workbook.writeTab(SESSIONS_TAB, {
    header: ['ID', 'Kind', 'Title', 'Audience', 'Event'],
    rows: [
      ['S01', 'Launch day', 'Launch day', 'All accepted', 'memory-S01'],
      ['S02', 'Supervisor 1:1', '1:1', `${EMAIL}, mentee1@lib1.example`, null],
    ],
  });
  ports.workbook.writeTab(EVALUATIONS_TAB, {
    header: [...EVALUATIONS_TAB.columns],
    rows: [
      EVALUATIONS_TAB.columns.map(
        (c) =>
          ({
            Round: 'Mid-point',
            'Participant code': 'P-X1',
            Role: 'Mentee',
            Comments: `${NAME} was a great help`,
          })[c] ?? null,
      ),
    ],
  });
  ports.forms.responses.set('form-mentor', [
    { email: 'Mentor0@Lib0.example', answers: { name: NAME } },
    { email: 'mentor1@lib1.example', answers: { name: 'Mentor 1' } },
  ]);
  ports.certificates.ensureCertificate({
    key: CERT_KEY,
    name: `${NAME}.pdf`,
    folderId: 'certs',
    templateId: '',
    values: { Name: NAME },
  });
  ports.journal.append([
    {
      time: ports.clock.now(),
      run: 'cert-run',
      action: 'make-certificates',
      key: CERT_KEY,
      state: 'done',
      detail: `${NAME} <${EMAIL}>`,
    },
  ]);
  const archive = ports.archives.ensure({ cohort: '2024–25', name: 'Archive', staff: [] });
  const book = ports.archives.open(archive.id);
  book.writeTab(APPLICATIONS_TAB, {
    header: ['ID', 'Role', 'Name', 'Email', 'Goals'],
    rows: [
      ['A001', 'Mentor', NAME, EMAIL, 'Help others'],
      ['A002', 'Mentee', 'Old Mentee', 'old@lib9.example', 'Grow'],
    ],
  });
  book.writeTab(ARCHIVE_MANIFEST_TAB, {
    header: [...ARCHIVE_MANIFEST_TAB.columns],
    rows: [['Applications', 2, 'h', new Date('2025-02-01T00:00:00Z'), '2024–25']],
  });
  return s;
}

/** Every text the in-memory stores hold (sent mail and sent notices are gone: not a store). */
function everything(ports: MemoryPorts): string {
  const parts: unknown[] = [
    [...ports.workbook.tabs],
    ports.archives.archives.map((a) => [...a.workbook.tabs]),
    [...ports.drive.items.values()].map((i) => ({ ...i, editors: [...i.editors] })),
    [...ports.forms.responses],
    [...ports.calendar.events],
    [...ports.certificates.made],
    [...ports.certificates.combined],
    [...ports.reports.published],
  ];
  return JSON.stringify(parts);
}

function expectErased(s: MemoryScheme): void {
  const all = everything(s.ports);
  expect(all.toLowerCase()).not.toContain(EMAIL);
  expect(all).not.toContain(NAME);
  // The partner's record stays usable: their row, name and pair (now ended).
  const pair = s.ports.workbook
    .rows(MATCHES_TAB.name)
    .find((r) => r.Mentee === 'mentee0@lib0.example');
  expect(pair).toMatchObject({ 'Mentee name': 'Mentee 0', Mentor: '[erased]', Status: 'Ended' });
  expect(s.ports.workbook.rows(MATCHES_TAB.name)[1]).toMatchObject({
    Mentor: 'mentor1@lib1.example',
    Status: 'Confirmed',
  });
  expect(s.ports.calendar.events.get('S01')?.guests).toEqual([
    'mentee0@lib0.example',
    'mentor1@lib1.example',
  ]);
  expect(s.ports.forms.responses.get('form-mentor')?.map((r) => r.email)).toEqual([
    'mentor1@lib1.example',
  ]);
  expect(s.ports.drive.children(s.rootId)).toHaveLength(1);
  // The comment that named them is scrubbed, and the summary rebuilt from the tabs.
  expect(s.ports.workbook.rows(EVALUATIONS_TAB.name)[0].Comments).toBe('[erased] was a great help');
  expect(s.ports.reports.published.has('evaluation')).toBe(true);
  // A session's audience loses the address, not the rest of the list.
  expect(s.ports.workbook.rows(SESSIONS_TAB.name)[1].Audience).toBe('mentee1@lib1.example');
  const evidence = s.ports.workbook.rows(ERASURES_TAB.name);
  expect(evidence).toHaveLength(1);
  expect(evidence[0].By).toBe('staff@scheme.example');
  expect(String(evidence[0].Erased)).toMatch(
    /pair folders .* 1; calendar guest lists 1; form responses inside the forms 1; certificate PDFs 1;/,
  );
}

describe('erase-person on in-memory ports', () => {
  afterEach(() => {
    delete process.env[CRASH_AT];
  });

  it('refuses an address that is not one, in one sentence', () => {
    const s = scheme();
    expect(() => erasePersonAction(s.context(), 'Mentor 0')).toThrow(
      /^"Mentor 0" is not an e-mail address: give the address of the person whose data is to be erased/,
    );
  });

  it('lists first, asks before ending an active pair, then erases from every store once', () => {
    const s = scheme();
    const before = everything(s.ports);
    const dry = erasePersonAction(s.context(), EMAIL, { dryRun: true });
    expect(dry.summary.join('\n')).toMatch(/Found \d+ items naming this person:/);
    expect(dry.summary.join('\n')).toMatch(/active pair/);
    let refusal: unknown;
    try {
      erasePersonAction(s.context(), EMAIL);
    } catch (error) {
      refusal = error;
    }
    expect(isUserError(refusal)).toBe(true);
    expect(String((refusal as Error).message)).toMatch(/--end-pair to go ahead\.$/);
    // Neither the dry run nor the refusal changed a store.
    expect(everything(s.ports) === before).toBe(true);

    const done = erasePersonAction(s.context(), EMAIL.toUpperCase(), { endPair: true });
    expect(done.summary[0]).toMatch(
      /^Erased \d+ items naming this person \(reference E-[0-9A-F]{6}-1/,
    );
    expect(done.summary.join('\n')).toMatch(/Still to do by hand:/);
    expectErased(s);
    expect(s.ports.drive.trashed.size).toBe(1);

    const again = erasePersonAction(s.context(), EMAIL);
    expect(again.summary).toEqual([
      expect.stringMatching(
        /^Nothing the tool holds names this address any more: it was erased on 2026-09-01 \(reference E-[0-9A-F]{6}-1\)\.$/,
      ),
    ]);
    expect(s.ports.workbook.rows(ERASURES_TAB.name)).toHaveLength(1);
  });

  it('erases someone who is only in an archived cohort, and leaves the live cohort alone', () => {
    const s = scheme();
    const book = s.ports.archives.archives[0].workbook;
    const live = JSON.stringify([...s.ports.workbook.tabs].filter(([n]) => n !== 'Log'));
    const done = erasePersonAction(s.context(), 'old@lib9.example');
    expect(done.summary.join('\n')).toMatch(/archived cohorts: 1 item/);
    expect(JSON.stringify([...book.tabs])).not.toMatch(/old@lib9\.example|Old Mentee/);
    expect(book.rows(APPLICATIONS_TAB.name).map((r) => r.Name)).toEqual([NAME]);
    expect(book.saves).toBe(1);
    // Its manifest describes the archive as it is now (1 row left, its hash).
    const left = fingerprint(book.readTab(APPLICATIONS_TAB.name));
    expect(book.rows(ARCHIVE_MANIFEST_TAB.name)).toEqual([
      expect.objectContaining({ Tab: 'Applications', Rows: 1, Hash: left.hash, Cohort: '2024–25' }),
    ]);
    expect(
      JSON.stringify([...s.ports.workbook.tabs].filter(([n]) => n !== 'Log' && n !== 'Erasures')),
    ).toBe(live);
  });

  it('finishes the job after a crash at every boundary, with one evidence record', () => {
    const clean = scheme();
    erasePersonAction(clean.context(), EMAIL, { endPair: true });
    const erased = clean.ports.workbook.rows(ERASURES_TAB.name)[0].Erased;
    const boundaries = crashAtEveryBoundary(
      scheme,
      (s) => erasePersonAction(s.context(), EMAIL, { endPair: true }),
      (s) => {
        erasePersonAction(s.context(), EMAIL, { endPair: true });
        expectErased(s);
        // The counts are the request's, however far the first run got.
        expect(s.ports.workbook.rows(ERASURES_TAB.name)[0].Erased).toBe(erased);
      },
    );
    // The key, the plan, then each of the 11 stores erased and recorded.
    expect(boundaries).toBe(2 + 11 * 2);
  });
});
