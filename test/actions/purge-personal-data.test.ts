import { purgePersonalDataAction } from '../../src/actions/purge-personal-data';
import {
  APPLICATIONS_TAB,
  ARCHIVE_MANIFEST_TAB,
  LOG_TAB,
  MATCHES_TAB,
  SESSIONS_TAB,
} from '../../src/domain/tabs';
import type { MemoryPorts } from '../support/memory-ports';
import { memoryScheme } from '../support/memory-scheme';

const OLD = { email: 'old.mentor@lib9.example', name: 'Olwen Hughes' };
/** Returning: in the oldest archive and in the live cohort (memoryScheme's mentor 0). */
const RETURNING = { email: 'mentor0@lib0.example', name: 'Mentor 0' };

/** An archive of `cohort`, archived on `archived`, holding these people. */
function archive(ports: MemoryPorts, cohort: string, archived: string, people: (typeof OLD)[]) {
  const ref = ports.archives.ensure({ cohort, name: `${cohort} archive`, staff: [] });
  const book = ports.archives.open(ref.id);
  book.writeTab(APPLICATIONS_TAB, {
    header: ['ID', 'Role', 'Name', 'Email', 'Status', 'Goals'],
    rows: people.map((p, i) => [
      `A00${i}`,
      'Mentor',
      p.name,
      p.email,
      'Accepted',
      `Goals of ${p.name}`,
    ]),
  });
  book.writeTab(ARCHIVE_MANIFEST_TAB, {
    header: [...ARCHIVE_MANIFEST_TAB.columns],
    rows: [['Applications', people.length, 'h', new Date(archived), cohort]],
  });
  return book;
}

function scheme() {
  const s = memoryScheme(1, { settings: { 'Mentor application form ID': 'form-mentor' } });
  const { ports } = s;
  // Now is 2026-09-01: 2022–23's personal data is due (24 months from 2024-01-01); 2024–25's
  // free text only (12 months from 2025-06-01); 2025–26 nothing yet.
  const old = archive(ports, '2022–23', '2024-01-01T00:00:00Z', [OLD, RETURNING]);
  const folder = ports.drive.ensureFolder({
    key: `folder:x|${OLD.email}`,
    name: `2022–23 – X & ${OLD.name}`,
    parentId: s.rootId,
  });
  ports.drive.shareFolder(folder.id, [OLD.email, 'staff@scheme.example']);
  old.writeTab(MATCHES_TAB, {
    header: ['Mentee', 'Mentee name', 'Mentor', 'Mentor name', 'Status', 'Folder ID'],
    rows: [['x@lib8.example', 'Xavier Price', OLD.email, OLD.name, 'Confirmed', folder.id]],
  });
  ports.calendar.events.set('OLD-S01', {
    title: 'Launch day 2022',
    description: '',
    location: '',
    start: '2022-07-10T09:00:00.000Z',
    end: '2022-07-10T16:00:00.000Z',
    cancelled: false,
    guests: [OLD.email, 'x@lib8.example', RETURNING.email],
  });
  old.writeTab(SESSIONS_TAB, { header: ['ID', 'Event'], rows: [['OLD-S01', 'memory-OLD-S01']] });
  archive(ports, '2024–25', '2025-06-01T00:00:00Z', [
    { email: 'mid@lib7.example', name: 'Mid Person' },
  ]);
  archive(ports, '2025–26', '2026-03-01T00:00:00Z', [
    { email: 'new@lib6.example', name: 'Newer Person' },
  ]);
  ports.forms.responses.set('form-mentor', [
    { email: OLD.email, answers: {} },
    { email: RETURNING.email, answers: {} },
  ]);
  ports.journal.append([
    {
      time: new Date('2023-06-01T00:00:00Z'),
      run: 'r',
      action: 'notify-applicants',
      key: 'mail:accepted:A001',
      state: 'done',
      detail: `to ${OLD.email} (${OLD.name})`,
    },
    {
      time: new Date('2026-08-01T00:00:00Z'),
      run: 'r',
      action: 'set-up-pairs',
      key: `folder:mentee0@lib0.example|${RETURNING.email}`,
      state: 'done',
      detail: RETURNING.name,
    },
  ]);
  return s;
}

function state(ports: MemoryPorts): string {
  return JSON.stringify([
    [...ports.workbook.tabs],
    ports.archives.archives.map((a) => [...a.workbook.tabs]),
    [...ports.drive.items.values()].map((i) => ({ ...i, editors: [...i.editors] })),
    [...ports.forms.responses],
    [...ports.calendar.events],
  ]);
}

describe('purge-personal-data (the retention schedule) on in-memory ports', () => {
  it('a dry run lists what is due and changes nothing', () => {
    const s = scheme();
    const before = state(s.ports);
    const dry = purgePersonalDataAction(s.context());
    const text = dry.summary.join('\n');
    expect(text).toMatch(
      /^Due under the retention schedule \(\d+ items; nothing has been changed yet\):/,
    );
    expect(text).toMatch(
      /- 2022–23 \(archived 1 January 2024\): personal data and free text due; pair folders .* 1, calendar guest lists 3, form responses inside the forms 1,/,
    );
    expect(text).toMatch(/- 2024–25 \(archived 1 June 2025\): free text due; archived cohorts 1\./);
    expect(text).toMatch(
      /Not yet due: 2024–25: names and addresses from 1 June 2027; 2025–26: free text from 1 March 2027, the rest from 1 March 2028\./,
    );
    expect(text).toMatch(/To apply it: purge-personal-data --apply/);
    expect(state(s.ports) === before).toBe(true);
  });

  it('--apply erases what is due everywhere and keeps what is not yet due (and the live cohort)', () => {
    const s = scheme();
    const applied = purgePersonalDataAction(s.context(), { apply: true });
    expect(applied.summary[0]).toMatch(
      /^Applied the retention schedule: \d+ items erased or anonymised\./,
    );
    const [old, mid, recent] = s.ports.archives.archives.map((a) => a.workbook);
    const oldText = JSON.stringify([...old.tabs]);
    for (const p of [OLD, RETURNING]) {
      expect(oldText).not.toContain(p.email);
      expect(oldText).not.toContain(p.name);
    }
    // The rows stay (the cross-cohort figures count them), without who they were.
    expect(old.rows(APPLICATIONS_TAB.name)).toEqual([
      { ID: 'A000', Role: 'Mentor', Name: null, Email: null, Status: 'Accepted', Goals: null },
      { ID: 'A001', Role: 'Mentor', Name: null, Email: null, Status: 'Accepted', Goals: null },
    ]);
    expect(s.ports.drive.trashed.size).toBe(1);
    expect(s.ports.calendar.events.get('OLD-S01')?.guests).toEqual([]);
    // The returning mentor's live response stays; the old mentor's goes.
    expect(s.ports.forms.responses.get('form-mentor')?.map((r) => r.email)).toEqual([
      RETURNING.email,
    ]);
    const log = JSON.stringify(s.ports.workbook.rows(LOG_TAB.name));
    expect(log).not.toContain(OLD.email);
    expect(log).not.toContain(OLD.name);
    expect(log).toContain(`folder:mentee0@lib0.example|${RETURNING.email}`);
    // The key of the hashes survives the Log's rewrite (it is itself a Log record).
    expect(s.ports.workbook.rows(LOG_TAB.name).filter((r) => r.Key === 'erasure-key')).toHaveLength(
      1,
    );
    expect(s.ports.workbook.rows(APPLICATIONS_TAB.name).map((r) => r.Email)).toContain(
      RETURNING.email,
    );
    // 2024–25: its free text is gone, its names stay until their own date.
    expect(mid.rows(APPLICATIONS_TAB.name)).toEqual([
      expect.objectContaining({ Name: 'Mid Person', Email: 'mid@lib7.example', Goals: null }),
    ]);
    expect(recent.rows(APPLICATIONS_TAB.name)).toEqual([
      expect.objectContaining({ Name: 'Newer Person', Goals: 'Goals of Newer Person' }),
    ]);
    expect(applied.summary.join('\n')).toMatch(/Still to do by hand:/);

    const again = purgePersonalDataAction(s.context(), { apply: true });
    expect(again.summary[0]).toBe('Nothing is due under the retention schedule.');
  });
});
