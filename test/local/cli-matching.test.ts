import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { MATCH_ACTION } from '../../src/actions/match';
import { csvColumns, CHOICE_FORM } from '../../src/domain/forms';
import { LocalSession } from '../../src/local/session';
import type { XlsxWorkbook } from '../../src/local/xlsx-workbook';
import { cli, initScheme, importApplications, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

const MENTORS = [
  {
    name: 'Ann Jones',
    email: 'ann@kent.example',
    service: 'Kent Libraries',
    areas: 'Budgeting, Working with councillors',
    capacity: '2',
  },
  {
    name: 'Dafydd Rhys',
    email: 'dafydd@cardiff.example',
    service: 'Cardiff Libraries',
    areas: 'Capital projects',
    capacity: '1',
  },
  {
    name: 'Aoife Byrne',
    email: 'aoife@ni.example',
    service: 'Libraries NI',
    areas: 'Restructures, Budgeting',
    capacity: '1',
  },
  {
    name: 'Ann Jones',
    email: 'ann2@leeds.example',
    service: 'Leeds Libraries',
    areas: 'Service transformation',
    capacity: '1',
  },
];
const MENTEES = [
  {
    name: 'Siân Llywelyn',
    email: 'sian@gwynedd.example',
    service: 'Gwynedd Libraries',
    areas: 'Budgeting',
  },
  {
    name: 'Seán Ó Briain',
    email: 'sean@kent.example',
    service: 'Kent Libraries',
    areas: 'Capital projects',
  },
  {
    name: 'Zoë Brontë',
    email: 'zoe@bristol.example',
    service: 'Bristol Libraries',
    areas: 'Restructures',
  },
  {
    name: 'Ciarán Nowak',
    email: 'ciaran@york.example',
    service: 'York Explore',
    areas: 'Working with councillors',
  },
];
const option = (i: number) => `${MENTORS[i].name} — ${MENTORS[i].service}`;
const CHOICES: [string, number, number, number][] = [
  ['sian@gwynedd.example', 0, 2, 1],
  ['sean@kent.example', 1, 2, 3],
  ['zoe@bristol.example', 2, 0, 1],
  ['ciaran@york.example', 0, 1, 2],
];

function shuffle<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 9301 + 49297) % 233280;
    const j = Math.floor((s / 233280) * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function cohort(dir: string, order: (list: number[]) => number[] = (l) => l): Promise<void> {
  await initScheme(dir);
  const mentors = order(MENTORS.map((_, i) => i)).map((i) =>
    mentorRow({
      Timestamp: `2026/05/14 10:0${i}:00 am GMT+1`,
      'Email address': MENTORS[i].email,
      'Full name': MENTORS[i].name,
      'Library service': MENTORS[i].service,
      'Areas where you can offer support': MENTORS[i].areas,
      'How many mentees could you support?': MENTORS[i].capacity,
    }),
  );
  const mentees = order(MENTEES.map((_, i) => i)).map((i) =>
    menteeRow({
      Timestamp: `2026/05/15 10:0${i}:00 am GMT+1`,
      'Email address': MENTEES[i].email,
      'Full name': MENTEES[i].name,
      'Library service': MENTEES[i].service,
      'Areas where you would like support': MENTEES[i].areas,
    }),
  );
  await importApplications(dir, mentors, mentees);
  await cli(dir, 'review-applications');
  const rows = order(CHOICES.map((_, i) => i)).map((i) => {
    const [email, a, b, c] = CHOICES[i];
    return [`2026/07/14 1${i}:00:00 pm GMT+1`, email, option(a), option(b), option(c)];
  });
  fs.writeFileSync(path.join(dir, 'choices.csv'), stringify([csvColumns(CHOICE_FORM), ...rows]));
  const imported = await cli(dir, 'import', '--form', 'choices', path.join(dir, 'choices.csv'));
  expect(imported.code).toBe(0);
}

interface MatchJson {
  matches: {
    mentee: string;
    mentor: string;
    rank: number | null;
    sharedAreas: string[];
    why: string;
  }[];
  unmatched: { mentee: string; why: string }[];
  profile: Record<string, number>;
}

async function matchJson(dir: string): Promise<MatchJson> {
  const result = await cli(dir, 'match', '--json');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as MatchJson;
}

async function tab(dir: string, name: string): Promise<Record<string, unknown>[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path.join(dir, 'scheme.xlsx'));
  const sheet = book.getWorksheet(name) as ExcelJS.Worksheet;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1)
      rows.push(
        Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])),
      );
  });
  return rows.filter((r) => Object.values(r).some((v) => v !== null));
}

describe('matching from the command line', () => {
  it('prints the documented JSON and keeps the hard rules', async () => {
    const dir = tempDir();
    await cohort(dir);
    const result = await matchJson(dir);
    expect(Object.keys(result.profile).sort()).toEqual(
      ['choice1', 'choice2', 'choice3', 'matched', 'mentees', 'noChoice', 'sharedAreas'].sort(),
    );
    expect(result.profile).toMatchObject({ mentees: 4, matched: 4 });
    for (const m of result.matches) {
      expect(Object.keys(m).sort()).toEqual(['mentee', 'mentor', 'rank', 'sharedAreas', 'why']);
      expect(typeof m.why).toBe('string');
      const mentee = MENTEES.find((x) => x.email === m.mentee);
      const mentor = MENTORS.find((x) => x.email === m.mentor);
      expect(mentee?.service).not.toBe(mentor?.service);
    }
    const perMentor = new Map<string, number>();
    for (const m of result.matches) perMentor.set(m.mentor, (perMentor.get(m.mentor) ?? 0) + 1);
    for (const [email, n] of perMentor) {
      expect(n).toBeLessThanOrEqual(Number(MENTORS.find((x) => x.email === email)?.capacity));
    }
    // Two mentors share a name: the choice form's "Name — Library service" tells them apart.
    const rows = await tab(dir, 'Choices');
    expect(rows.find((r) => r['Mentee email'] === 'sean@kent.example')?.['Choice 3']).toBe(
      'ann2@leeds.example',
    );
    const matches = await tab(dir, 'Matches');
    expect(matches.map((r) => r.Status)).toEqual(['Proposed', 'Proposed', 'Proposed', 'Proposed']);
  });

  it('adds its note to the Log without reading the Log (on a large scheme, most of the file)', async () => {
    const dir = tempDir();
    await cohort(dir);
    // A first run leaves the Log a row to keep.
    expect((await cli(dir, 'match')).code).toBe(0);
    const workbook = path.join(dir, 'scheme.xlsx');
    const session = await LocalSession.open({ workbook, out: path.join(dir, 'out') });
    try {
      const result = await MATCH_ACTION.run(
        { ports: session.ports, run: 'run-unread-log' },
        { options: {}, positional: [] },
      );
      expect(result.summary[0]).toMatch(/^Matched 4 of 4 mentees/);
      expect((session.ports.workbook as XlsxWorkbook).notParsed).toContain('Log');
      await session.commit();
    } finally {
      await session.release();
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    const sheet = book.getWorksheet('Log')!;
    expect(sheet.getRow(sheet.rowCount).getCell(4).value).toBe('match:run-unread-log');
  });

  it('gives byte-identical Matches on a second run, and the same pairs whatever the row order', async () => {
    const dir = tempDir();
    await cohort(dir);
    const first = await matchJson(dir);
    const matchesBefore = await tab(dir, 'Matches');
    expect(matchesBefore).toHaveLength(4);
    const second = await matchJson(dir);
    expect(second).toEqual(first);
    expect(await tab(dir, 'Matches')).toEqual(matchesBefore);

    const shuffledDir = tempDir();
    await cohort(shuffledDir, (list) => shuffle(list, 42));
    const shuffled = await matchJson(shuffledDir);
    const pairs = (r: MatchJson) => r.matches.map((m) => `${m.mentee}->${m.mentor}`).sort();
    expect(pairs(shuffled)).toEqual(pairs(first));
    expect(shuffled.profile).toEqual(first.profile);
  });

  it('keeps every Lock, never makes a Never, and keeps Confirmed pairs on a re-run', async () => {
    const dir = tempDir();
    await cohort(dir);
    await matchJson(dir);
    expect((await cli(dir, 'lock-pair', 'zoe@bristol.example', 'ann2@leeds.example')).code).toBe(0);
    expect((await cli(dir, 'forbid-pair', 'sian@gwynedd.example', 'ann@kent.example')).code).toBe(
      0,
    );
    const result = await matchJson(dir);
    const mentorOf = (mentee: string) => result.matches.find((m) => m.mentee === mentee)?.mentor;
    expect(mentorOf('zoe@bristol.example')).toBe('ann2@leeds.example');
    expect(mentorOf('sian@gwynedd.example')).not.toBe('ann@kent.example');
    // Said once: not "Locked by staff: Kept by staff in the review".
    expect(result.matches.find((m) => m.mentee === 'zoe@bristol.example')?.why).toBe(
      'Kept by staff in the review',
    );
    expect(await tab(dir, 'Pairing rules')).toEqual([
      expect.objectContaining({
        Mentee: 'zoe@bristol.example',
        Mentor: 'ann2@leeds.example',
        Rule: 'Lock',
      }),
      expect.objectContaining({
        Mentee: 'sian@gwynedd.example',
        Mentor: 'ann@kent.example',
        Rule: 'Never',
      }),
    ]);

    const one = await cli(dir, 'confirm-matches', '--mentee', 'ciaran@york.example');
    expect(one.out).toMatch(/Confirmed 1 pair/);
    const confirmedMentor = mentorOf('ciaran@york.example');
    const refused = await cli(dir, 'forbid-pair', 'ciaran@york.example', String(confirmedMentor));
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(
      /already a Confirmed pair: to part them, set that row's Status in the Matches tab to Ended/,
    );
    const again = await matchJson(dir);
    expect(again.matches.find((m) => m.mentee === 'ciaran@york.example')?.mentor).toBe(
      confirmedMentor,
    );
    const statuses = (await tab(dir, 'Matches')).map((r) => `${r.Mentee}:${r.Status}`);
    expect(statuses).toContain('ciaran@york.example:Confirmed');
    expect(statuses.filter((s) => s.endsWith('Proposed'))).toHaveLength(3);

    const all = await cli(dir, 'confirm-matches');
    expect(all.out).toMatch(/Confirmed 3 pairs; 4 pairs confirmed in all/);
    const bad = await cli(dir, 'confirm-matches', '--mentee', 'nobody@example.org');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/no proposed match for nobody@example.org/);
  });

  it('takes back a Lock or a Never made by mistake (remove-pair-rule), and says so when there is none', async () => {
    const dir = tempDir();
    await cohort(dir);
    const free = await matchJson(dir);
    expect((await cli(dir, 'lock-pair', 'zoe@bristol.example', 'ann2@leeds.example')).code).toBe(0);
    expect((await cli(dir, 'forbid-pair', 'sian@gwynedd.example', 'ann@kent.example')).code).toBe(
      0,
    );
    const report = JSON.parse((await cli(dir, 'match-report', '--json')).out);
    expect(report.rules).toEqual([
      expect.objectContaining({ mentee: 'zoe@bristol.example', rule: 'Lock' }),
      expect.objectContaining({ mentee: 'sian@gwynedd.example', rule: 'Never' }),
    ]);

    const lock = await cli(dir, 'remove-pair-rule', 'Zoe@Bristol.example', 'ann2@leeds.example');
    expect([lock.code, lock.out.trim()]).toEqual([
      0,
      'The Keep (Lock) for Zoë Brontë and Ann Jones is taken back; run match again to see the effect.',
    ]);
    const never = await cli(dir, 'remove-pair-rule', 'sian@gwynedd.example', 'ann@kent.example');
    expect(never.out).toMatch(/^The Never for Siân Llywelyn and Ann Jones is taken back/);
    expect(await tab(dir, 'Pairing rules')).toEqual([]);
    const log = (await tab(dir, 'Log')).filter((r) => r.Action === 'remove-pair-rule');
    expect(log.map((r) => r.Detail)).toEqual([
      'Removed Lock (Kept by staff in the review)',
      'Removed Never (Ruled out by staff in the review)',
    ]);
    // Matching is back to what the choices alone give.
    expect((await matchJson(dir)).matches).toEqual(free.matches);

    const none = await cli(dir, 'remove-pair-rule', 'sian@gwynedd.example', 'ann@kent.example');
    expect([none.code, none.err.trim()]).toEqual([
      2,
      'There is no Lock or Never for Siân Llywelyn and Ann Jones in the Pairing rules tab: nothing was changed.',
    ]);
  });

  it('asks a mentee who chose the same mentor twice to resubmit, once, and flags a mentor who later withdrew', async () => {
    const dir = tempDir();
    await cohort(dir);
    const twice = [
      csvColumns(CHOICE_FORM),
      ['2026/07/15 09:00:00 am GMT+1', 'sian@gwynedd.example', option(0), option(0), option(2)],
    ];
    fs.writeFileSync(path.join(dir, 'twice.csv'), stringify(twice));
    const first = await cli(dir, 'import', '--form', 'choices', path.join(dir, 'twice.csv'));
    expect(first.out).toMatch(/Sent 1 request to resubmit/);
    const choices = await tab(dir, 'Choices');
    expect(
      String(choices.find((r) => r['Mentee email'] === 'sian@gwynedd.example')?.Problems),
    ).toMatch(/Ann Jones was chosen more than once/);
    const mails = () =>
      fs
        .readdirSync(path.join(dir, 'out', 'mail'))
        .filter((f) => f.startsWith('mail_choice-problem'));
    expect(mails()).toHaveLength(1);
    const eml = fs.readFileSync(path.join(dir, 'out', 'mail', mails()[0]), 'utf8');
    expect(eml).toMatch(/^To: .+ <sian@gwynedd\.example>$/m);
    const again = await cli(dir, 'import', '--form', 'choices', path.join(dir, 'twice.csv'));
    expect(again.out).toMatch(/0 new, 0 updated, 1 unchanged/);
    expect(mails()).toHaveLength(1);

    // Aoife withdraws after Zoë chose her first: the choice is flagged, not silently dropped.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'scheme.xlsx'));
    const sheet = book.getWorksheet('Applications') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    sheet.eachRow((row) => {
      if (row.getCell(header.indexOf('Email')).value === 'aoife@ni.example')
        row.getCell(header.indexOf('Status')).value = 'Withdrawn';
    });
    await book.xlsx.writeFile(path.join(dir, 'scheme.xlsx'));
    const result = await matchJson(dir);
    expect(result.matches.map((m) => m.mentor)).not.toContain('aoife@ni.example');
    const zoe = (await tab(dir, 'Choices')).find(
      (r) => r['Mentee email'] === 'zoe@bristol.example',
    );
    expect(String(zoe?.Problems)).toMatch(/Aoife Byrne is no longer a mentor on the scheme/);
  });

  it("keeps the mentee's own ranks when a choice is impossible (Why, Choice rank, --json, profile)", async () => {
    const dir = tempDir();
    await cohort(dir);
    // Seán's 1st choice is from his own service; Dafydd, written 2nd, stays his 2nd choice.
    const csv = [
      csvColumns(CHOICE_FORM),
      ['2026/07/15 09:00:00 am GMT+1', 'sean@kent.example', option(0), option(1), ''],
    ];
    fs.writeFileSync(path.join(dir, 'again.csv'), stringify(csv));
    expect((await cli(dir, 'import', '--form', 'choices', path.join(dir, 'again.csv'))).code).toBe(
      0,
    );
    const result = await matchJson(dir);
    const sean = result.matches.find((m) => m.mentee === 'sean@kent.example');
    expect(sean).toMatchObject({ mentor: 'dafydd@cardiff.example', rank: 2 });
    expect(sean?.why).toMatch(/2nd choice/);
    expect(sean?.why).not.toMatch(/1st choice/);
    const row = (await tab(dir, 'Matches')).find((r) => r.Mentee === 'sean@kent.example');
    expect(row?.['Choice rank']).toBe(2);
    expect(row?.Why).toMatch(/2nd choice/);
    const written = new Map(
      CHOICES.map(([e, a, b, c]) => [e, [a, b, c].map((i) => MENTORS[i].email)]),
    );
    written.set('sean@kent.example', [MENTORS[0].email, MENTORS[1].email]);
    const ranks = { 1: 0, 2: 0, 3: 0 } as Record<number, number>;
    for (const m of result.matches) {
      const pos = (written.get(m.mentee) ?? []).indexOf(m.mentor);
      expect({ mentee: m.mentee, rank: m.rank }).toEqual({
        mentee: m.mentee,
        rank: pos < 0 ? null : pos + 1,
      });
      if (m.rank) ranks[m.rank] += 1;
    }
    expect(result.profile).toMatchObject({
      choice1: ranks[1],
      choice2: ranks[2],
      choice3: ranks[3],
    });
  });

  it('lock-pair refuses a Lock that can never be kept, and says when it replaces one', async () => {
    const dir = tempDir();
    await cohort(dir);
    const same = await cli(dir, 'lock-pair', 'sean@kent.example', 'ann@kent.example');
    expect(same.code).toBe(2);
    expect(same.err).toMatch(
      /Seán Ó Briain and Ann Jones are both from Kent Libraries, and the scheme never pairs people from the same library service/,
    );
    const first = await cli(dir, 'lock-pair', 'zoe@bristol.example', 'ann2@leeds.example');
    expect(first.out).not.toMatch(/replaces/);
    const second = await cli(dir, 'lock-pair', 'zoe@bristol.example', 'dafydd@cardiff.example');
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/This replaces the earlier Lock of Zoë Brontë with Ann Jones\./);
    const never = await cli(dir, 'forbid-pair', 'zoe@bristol.example', 'dafydd@cardiff.example');
    expect(never.out).toMatch(/This replaces the Lock on this pair\./);

    await matchJson(dir);
    expect((await cli(dir, 'confirm-matches', '--mentee', 'ciaran@york.example')).code).toBe(0);
    const confirmed = await cli(dir, 'lock-pair', 'ciaran@york.example', 'aoife@ni.example');
    expect(confirmed.code).toBe(2);
    expect(confirmed.err).toMatch(
      /Ciarán Nowak is already in a Confirmed pair with .*: to pair them with Aoife Byrne instead, first set that row's Status in the Matches tab to Ended/,
    );
  });

  it('match says in its summary when a Lock or Never typed in the Pairing rules tab could not be applied', async () => {
    const dir = tempDir();
    await cohort(dir);
    await matchJson(dir);
    expect((await cli(dir, 'confirm-matches', '--mentee', 'ciaran@york.example')).code).toBe(0);
    const ciaransMentor = (await tab(dir, 'Matches')).find(
      (r) => r.Mentee === 'ciaran@york.example',
    )?.Mentor as string;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'scheme.xlsx'));
    const rules = book.getWorksheet('Pairing rules') as ExcelJS.Worksheet;
    rules.addRow(['sean@kent.example', 'ann@kent.example', 'Lock', '']);
    rules.addRow(['ciaran@york.example', ciaransMentor, 'Never', '']);
    await book.xlsx.writeFile(path.join(dir, 'scheme.xlsx'));
    const result = await cli(dir, 'match');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /The Lock of Seán Ó Briain with Ann Jones could not be applied \(same library service\)/,
    );
    expect(result.out).toMatch(
      /The Never for Ciarán Nowak and .* could not be applied \(they are already a Confirmed pair\)/,
    );
  });

  it('match and the review screen say when no choices were used', async () => {
    const dir = tempDir();
    await initScheme(dir);
    await importApplications(
      dir,
      MENTORS.map((m) =>
        mentorRow({ 'Email address': m.email, 'Full name': m.name, 'Library service': m.service }),
      ),
      MENTEES.map((m) =>
        menteeRow({ 'Email address': m.email, 'Full name': m.name, 'Library service': m.service }),
      ),
    );
    expect((await cli(dir, 'review-applications')).code).toBe(0);
    const result = await cli(dir, 'match');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/No mentee has a choice that can be used.*shared needs alone/);
    const report = JSON.parse((await cli(dir, 'match-report', '--json')).out) as {
      notices: string[];
    };
    expect(report.notices.join(' ')).toMatch(/No mentee has a choice that can be used/);
  });
});
