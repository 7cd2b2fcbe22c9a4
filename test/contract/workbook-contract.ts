import { fnv1a64 } from '../../src/domain/hash';
import type { TabSpec } from '../../src/domain/table';
import { LOG_TAB } from '../../src/domain/tabs';
import type { JournalPort, WorkbookPort } from '../../src/ports';

/** A back end under test: its ports, and a way to read back what a later execution would see. */
export interface WorkbookBackend {
  workbook: WorkbookPort;
  journal: JournalPort;
  /** Persists (where the back end saves at the end) and returns a fresh view of the same workbook. */
  reopen(): Promise<WorkbookPort>;
}

const PEOPLE: TabSpec = {
  name: 'People',
  columns: ['Name', 'Count', 'When', 'Notes'],
  dropdowns: [{ column: 'Notes', values: ['a', 'b'] }],
};

/** The behaviour every WorkbookPort and JournalPort must have, whatever the back end. */
export function workbookContract(makeBackend: () => Promise<WorkbookBackend>): void {
  it('reads a missing tab as null', async () => {
    const { workbook } = await makeBackend();
    expect(await workbook.readTab('Nowhere')).toBeNull();
  });

  it('reads back exactly what it wrote: text, numbers, dates and blanks', async () => {
    const backend = await makeBackend();
    const when = new Date('2026-07-14T09:21:03Z');
    await backend.workbook.writeTab(PEOPLE, {
      header: ['Name', 'Count', 'When', 'Notes'],
      rows: [
        ['Siân Llywelyn', 2, when, null],
        ['Seán Ó Briain', 3, null, 'line one\nline two'],
      ],
    });
    const data = await (await backend.reopen()).readTab('People');
    expect(data?.header).toEqual(['Name', 'Count', 'When', 'Notes']);
    expect(data?.rows[0].slice(0, 2)).toEqual(['Siân Llywelyn', 2]);
    expect((data?.rows[0][2] as Date).getTime()).toBe(when.getTime());
    expect(data?.rows[0][3]).toBeNull();
    expect(data?.rows[1]).toEqual(['Seán Ó Briain', 3, null, 'line one\nline two']);
  });

  it('keeps formula-like and number-like answers as the exact text that was given', async () => {
    const backend = await makeBackend();
    const risky = [
      '=HYPERLINK("http://evil.example","x")',
      '+1-2',
      '-5',
      '@everyone',
      '0123',
      'TRUE',
      '14/07/2022',
    ];
    await backend.workbook.writeTab(PEOPLE, {
      header: ['Name', 'Count', 'When', 'Notes'],
      rows: risky.map((text) => [text, null, null, text]),
    });
    const data = await (await backend.reopen()).readTab('People');
    expect(data?.rows.map((r) => r[0])).toEqual(risky);
    expect(data?.rows.map((r) => r[3])).toEqual(risky);
  });

  it('stores a text longer than a cell may hold without an error, whole or cut with a note and its fingerprint', async () => {
    const backend = await makeBackend();
    const long = `=${'A pasted essay. '.repeat(4_000)}`; // 64,001 characters, formula-like
    await backend.workbook.writeTab(PEOPLE, {
      header: ['Name', 'Count', 'When', 'Notes'],
      rows: [['Ann', 1, null, long]],
    });
    await backend.journal.append([
      {
        time: new Date('2026-07-01T10:00:00Z'),
        run: 'r1',
        action: 'import',
        key: 'history:A001',
        state: 'history',
        detail: long,
      },
    ]);
    const reopened = await backend.reopen();
    const note = `${long.length} characters in all, fingerprint ${fnv1a64(long)}`;
    for (const text of [
      (await reopened.readTab('People'))?.rows[0][3],
      (await reopened.readTab('Log'))?.rows.at(-1)?.[5],
    ]) {
      // Whole (the back end keeps it, or has no limit), or its beginning with a visible note.
      if (text !== long) {
        expect(typeof text).toBe('string');
        expect(String(text).length).toBeLessThanOrEqual(50_000);
        expect(String(text)).toContain(note);
        expect(long.startsWith(String(text).slice(0, 30_000))).toBe(true);
      }
    }
  });

  it('clears rows below the new last row when a tab shrinks', async () => {
    const backend = await makeBackend();
    const header = ['Name', 'Count', 'When', 'Notes'];
    await backend.workbook.writeTab(PEOPLE, {
      header,
      rows: [
        ['a', 1, null, null],
        ['b', 2, null, null],
        ['c', 3, null, null],
      ],
    });
    await backend.workbook.readTab('People');
    await backend.workbook.writeTab(PEOPLE, { header, rows: [['c', 3, null, null]] });
    const data = await (await backend.reopen()).readTab('People');
    expect(data?.rows).toEqual([['c', 3, null, null]]);
  });

  it('grows to any number of rows and columns in one write', async () => {
    const backend = await makeBackend();
    const header = Array.from({ length: 30 }, (_, i) => `Column ${i + 1}`);
    const rows = Array.from({ length: 1200 }, (_, r) => header.map((_, c) => r * 100 + c));
    await backend.workbook.writeTab({ name: 'Wide', columns: header }, { header, rows });
    const data = await (await backend.reopen()).readTab('Wide');
    expect(data?.rows).toHaveLength(1200);
    expect(data?.rows[1199][29]).toBe(1199 * 100 + 29);
  });

  it('appends journal records to the Log tab, found by header name', async () => {
    const backend = await makeBackend();
    // Staff reordered the Log's columns and added one of their own.
    await backend.workbook.writeTab(LOG_TAB, {
      header: ['State', 'Key', 'Staff comment', 'Time', 'Run', 'Action', 'Detail'],
      rows: [
        ['done', 'mail:old', 'checked', new Date('2026-01-01T00:00:00Z'), 'r0', 'x', 'earlier'],
      ],
    });
    const time = new Date('2026-07-01T10:00:00Z');
    await backend.journal.append([
      {
        time,
        run: 'r1',
        action: 'notify-applicants',
        key: 'mail:accepted:A001',
        state: 'started',
        detail: '=1+1',
      },
    ]);
    await backend.journal.append([
      {
        time,
        run: 'r1',
        action: 'notify-applicants',
        key: 'mail:accepted:A001',
        state: 'done',
        detail: 'to a@b.org',
      },
      {
        time,
        run: 'r1',
        action: 'notify-applicants',
        key: 'mail:accepted:A002',
        state: 'started',
        detail: 'to c@d.org',
      },
    ]);
    const log = await (await backend.reopen()).readTab('Log');
    expect(log?.header.slice(0, 7)).toEqual([
      'State',
      'Key',
      'Staff comment',
      'Time',
      'Run',
      'Action',
      'Detail',
    ]);
    expect(log?.rows.map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ['done', 'mail:old', 'checked', 'earlier'],
      ['started', 'mail:accepted:A001', null, '=1+1'],
      ['done', 'mail:accepted:A001', null, 'to a@b.org'],
      ['started', 'mail:accepted:A002', null, 'to c@d.org'],
    ]);
  });
}
