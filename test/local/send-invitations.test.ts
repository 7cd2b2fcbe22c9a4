import fs from 'node:fs';
import path from 'node:path';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { findAction } from '../../src/actions';
import type { ActionResult } from '../../src/core/action';
import { loadTable, saveTable } from '../../src/core/workbook';
import type { Cell } from '../../src/domain/table';
import { APPLICATIONS_TAB, SESSIONS_TAB } from '../../src/domain/tabs';
import type { Ports } from '../../src/ports';
import { YEAR_END_WORKBOOK } from '../../src/local/demo-next-cohort';
import { LocalSession } from '../../src/local/session';
import { cli, initScheme } from '../support/cli';
import { copyDemo } from '../support/demo';
import { tempDir } from '../support/temp';

// ical.js ships an ES module and a CommonJS build; the tests run as CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;
type Component = InstanceType<typeof ICALModule.Component>;

/** A scheme with three accepted mentors, two accepted mentees and one withdrawn mentor. */
async function scheme() {
  const dir = tempDir('pm-sessions-');
  const paths = { workbook: path.join(dir, 'scheme.xlsx'), out: path.join(dir, 'out') };
  const run = async (id: string, positional: string[] = []): Promise<ActionResult> => {
    const session = await LocalSession.open(paths, { create: id === 'init' });
    try {
      const result = findAction(id)!.run(
        { ports: session.ports, run: `test-${id}` },
        { options: {}, positional },
      );
      await session.commit();
      return result;
    } finally {
      await session.release();
    }
  };
  const edit = async (fn: (ports: Ports) => void) => {
    const session = await LocalSession.open(paths);
    try {
      fn(session.ports);
      await session.commit();
    } finally {
      await session.release();
    }
  };
  await initScheme(dir);
  await edit((ports) => {
    const apps = loadTable(ports.workbook, APPLICATIONS_TAB);
    const person = (id: string, role: string, name: string, email: string, status: string) =>
      apps.append({ ID: id, Role: role, Name: name, Email: email, Status: status });
    person('A001', 'Mentor', 'Ann Jones', 'ann@kent.example', 'Accepted');
    person('A002', 'Mentor', 'Bob Khan', 'bob@leeds.example', 'Accepted');
    person('A003', 'Mentor', 'Cath Roberts', 'cath@york.example', 'Accepted');
    person('A004', 'Mentee', 'Dai Evans', 'dai@powys.example', 'Accepted');
    person('A005', 'Mentee', 'Eve Brontë', 'eve@bristol.example', 'Accepted');
    person('A006', 'Mentor', 'Fay Gone', 'fay@hull.example', 'Withdrawn');
    saveTable(ports.workbook, apps);
  });
  const setSessions = (rows: Record<string, Cell>[]) =>
    edit((ports) => {
      const table = loadTable(ports.workbook, SESSIONS_TAB);
      for (const values of rows) {
        const row = table.rows.findIndex((_, r) => table.text(r, 'ID') === values.ID);
        if (row < 0) table.append(values);
        else for (const [k, v] of Object.entries(values)) table.set(row, k, v);
      }
      saveTable(ports.workbook, table);
    });
  const sessions = async () => {
    let values: Record<string, string>[] = [];
    await edit((ports) => {
      const t = loadTable(ports.workbook, SESSIONS_TAB);
      values = t.rows.map((_, r) =>
        Object.fromEntries(SESSIONS_TAB.columns.map((c) => [c, t.text(r, c)])),
      );
    });
    return values;
  };
  const mailDir = path.join(paths.out, 'mail');
  const invitations = () =>
    fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.startsWith('invite_')) : [];
  return { dir, paths, run, edit, setSessions, sessions, mailDir, invitations };
}

/** The .ics inside an .eml (the text/calendar part), parsed by ical.js. */
function icsOf(file: string): Component {
  const eml = fs.readFileSync(file, 'utf8');
  const part =
    /Content-Type: text\/calendar; charset=utf-8; method=(\w+)\r?\nContent-Transfer-Encoding: (\S+)\r?\n\r?\n([\s\S]*?)\r?\n----/.exec(
      eml,
    );
  if (!part) throw new Error(`No text/calendar part in ${file}`);
  const body =
    part[2] === 'base64'
      ? Buffer.from(part[3].replace(/\s+/g, ''), 'base64').toString('utf8')
      : part[2] === 'quoted-printable'
        ? part[3]
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
        : part[3];
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(body, 'latin1').toString('utf8')));
  expect(calendar.getFirstPropertyValue('method')).toBe(part[1]);
  return calendar;
}

function eventOf(calendar: Component) {
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const tz = calendar.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(tz);
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue('status'),
    stamp: vevent.getFirstProperty('dtstamp')!.toICALString(),
    attendees: vevent.getAllProperties('attendee').map((p) =>
      String(p.getFirstValue())
        .replace(/^mailto:/i, '')
        .toLowerCase(),
    ),
    tzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'),
    hasVtimezone: !!tz,
  };
}

const JULY = {
  ID: 'S01',
  Kind: 'Launch day',
  Title: 'Launch day',
  Start: '2026-07-08 10:00',
  End: '2026-07-08 16:00',
  Where: 'Birmingham',
  Audience: 'All accepted',
};
const NOVEMBER = {
  ID: 'S02',
  Kind: 'Drop-in',
  Theme: 'Budgets',
  Start: '2026-11-11 10:00',
  End: '2026-11-11 11:30',
  Where: 'https://teams.example/drop-in',
  Audience: 'Mentors',
};
const ONE_TO_ONE = {
  ID: 'S03',
  Kind: 'Supervisor 1:1',
  Start: '2026-10-07 14:00',
  End: '2026-10-07 15:00',
  Where: 'Phone',
  Audience: 'dai@powys.example',
};

describe('send-invitations on the local back end (.eml with .ics)', () => {
  it('invites each guest once with an .ics an independent parser reads, at the right UTC time on both sides of the clock change', async () => {
    const s = await scheme();
    await s.setSessions([JULY, NOVEMBER, ONE_TO_ONE]);
    const result = await s.run('send-invitations');
    expect(result.data).toMatchObject({ created: 3, notified: 5 + 3 + 2 });
    const files = s.invitations();
    expect(files).toHaveLength(10);
    const july = files.filter((f) => f.startsWith('invite_S01_0_'));
    expect(july.map((f) => f.replace(/^invite_S01_0_|\.eml$/g, '')).sort()).toEqual([
      'ann@kent.example',
      'bob@leeds.example',
      'cath@york.example',
      'dai@powys.example',
      'eve@bristol.example',
    ]);
    const j = eventOf(icsOf(path.join(s.mailDir, july[0])));
    // 10:00 in July is 10:00 BST = 09:00 UTC; 10:00 in November is 10:00 GMT = 10:00 UTC.
    expect(j).toMatchObject({
      start: '2026-07-08T09:00:00.000Z',
      end: '2026-07-08T15:00:00.000Z',
      sequence: 0,
      tzid: 'Europe/London',
      hasVtimezone: true,
    });
    expect(j.stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(j.attendees).toHaveLength(5);
    const nov = eventOf(
      icsOf(
        path.join(
          s.mailDir,
          files.find((f) => f.startsWith('invite_S02_0_'))!,
        ),
      ),
    );
    expect(nov).toMatchObject({
      start: '2026-11-11T10:00:00.000Z',
      end: '2026-11-11T11:30:00.000Z',
    });
    expect(nov.attendees.sort()).toEqual([
      'ann@kent.example',
      'bob@leeds.example',
      'cath@york.example',
    ]);
    // The withdrawn mentor is invited to nothing; the 1:1 invites the mentee and the supervisor.
    expect(files.some((f) => f.includes('fay@hull.example'))).toBe(false);
    const oneToOne = files.filter((f) => f.startsWith('invite_S03_0_'));
    expect(oneToOne.map((f) => f.replace(/^invite_S03_0_|\.eml$/g, '')).sort()).toEqual([
      'dai@powys.example',
      'supervisor@libraries.example',
    ]);
    // Every .ics the run wrote parses.
    for (const f of files)
      expect(eventOf(icsOf(path.join(s.mailDir, f))).uid).toMatch(/@peer-mentoring\.local$/);
    const rows = await s.sessions();
    expect(rows.map((r) => r.Invited)).toEqual(['5 invited', '3 invited', '2 invited']);
    expect(rows.every((r) => r.Event && r.Updated && !r.Problems)).toBe(true);

    // Unchanged: a second run sends nothing.
    expect((await s.run('send-invitations')).data).toMatchObject({ notified: 0, unchanged: 3 });
    expect(s.invitations()).toHaveLength(10);
  });

  it('a changed time updates the same UID with a higher SEQUENCE, once per guest; a Cancelled row sends one CANCEL; a new guest is invited and a withdrawn one taken off', async () => {
    const s = await scheme();
    await s.setSessions([JULY, NOVEMBER]);
    await s.run('send-invitations');
    const uid = eventOf(icsOf(path.join(s.mailDir, 'invite_S02_0_ann@kent.example.eml'))).uid;

    await s.setSessions([
      { ID: 'S02', Start: '2026-11-18 14:00', End: '2026-11-18 15:00' },
      { ID: 'S01', Status: 'Cancelled' },
    ]);
    const second = await s.run('send-invitations');
    expect(second.data).toMatchObject({ updated: 1, cancelled: 1, notified: 3 + 5 });
    const update = eventOf(icsOf(path.join(s.mailDir, 'invite_S02_1_ann@kent.example.eml')));
    expect(update).toMatchObject({ uid, sequence: 1, start: '2026-11-18T14:00:00.000Z' });
    const cancel = icsOf(path.join(s.mailDir, 'invite_S01_1_dai@powys.example.eml'));
    expect(cancel.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(eventOf(cancel)).toMatchObject({ sequence: 1, status: 'CANCELLED' });
    expect(s.invitations().filter((f) => /^invite_S0[12]_1_/.test(f))).toHaveLength(8);

    // A mentor accepted late joins the drop-in; a mentor who withdrew is taken off it.
    await s.edit((ports) => {
      const apps = loadTable(ports.workbook, APPLICATIONS_TAB);
      apps.append({
        ID: 'A007',
        Role: 'Mentor',
        Name: 'Gus Late',
        Email: 'gus@bath.example',
        Status: 'Accepted',
      });
      const bob = apps.rows.findIndex((_, r) => apps.text(r, 'Email') === 'bob@leeds.example');
      apps.set(bob, 'Status', 'Withdrawn');
      saveTable(ports.workbook, apps);
    });
    const third = await s.run('send-invitations');
    expect(third.data).toMatchObject({ updated: 1, notified: 2 });
    const added = eventOf(icsOf(path.join(s.mailDir, 'invite_S02_2_gus@bath.example.eml')));
    expect(added).toMatchObject({ uid, sequence: 2 });
    expect(added.attendees.sort()).toEqual([
      'ann@kent.example',
      'cath@york.example',
      'gus@bath.example',
    ]);
    const removed = icsOf(path.join(s.mailDir, 'invite_S02_2_bob@leeds.example.eml'));
    expect(removed.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(eventOf(removed).attendees).toEqual(['bob@leeds.example']);
    expect(s.invitations().filter((f) => /^invite_S02_2_/.test(f))).toHaveLength(2);
    expect((await s.run('send-invitations')).data).toMatchObject({ notified: 0 });
  });

  it('a run killed after writing the invitations and before recording the event sends nobody a second copy', async () => {
    const s = await scheme();
    await s.setSessions([NOVEMBER]);
    await s.run('send-invitations');
    const record = path.join(s.paths.out, 'calendar', 'S02.json');
    const before = fs.readFileSync(record, 'utf8');
    await s.setSessions([{ ID: 'S02', Where: 'Room 2, Leeds Central Library' }]);
    await s.run('send-invitations');
    expect(s.invitations().filter((f) => f.startsWith('invite_S02_1_'))).toHaveLength(3);
    // As if the process had died between the outbox and the record: the record is the old one.
    fs.writeFileSync(record, before);
    await s.run('send-invitations');
    expect(s.invitations().filter((f) => f.startsWith('invite_S02_1_'))).toHaveLength(3);
    expect(s.invitations().filter((f) => f.startsWith('invite_S02_2_'))).toHaveLength(0);
    expect(s.invitations()).toHaveLength(6);
  });

  it('refuses in one sentence while Reply-to is blank (invitations come from it), and sends nothing', async () => {
    const s = await scheme();
    expect((await cli(s.dir, 'settings', 'set', 'Reply-to', '')).code).toBe(0);
    await s.setSessions([JULY]);
    const run = await cli(s.dir, 'send-invitations');
    expect(run.code).not.toBe(0);
    expect(run.err.trim()).toBe(
      'In Settings, fill in "Reply-to" (it is blank): session invitations come from it.',
    );
    expect(s.invitations()).toHaveLength(0);
    expect((await s.sessions())[0].Invited).toBe('');
  });

  it('writes plain-English Problems and leaves a bad row alone', async () => {
    const s = await scheme();
    await s.setSessions([
      {
        ID: 'S01',
        Kind: 'Drop-in',
        Start: '2026-09-10 11:00',
        End: '2026-09-10 10:00',
        Where: 'x',
        Audience: 'Mentors',
      },
      {
        ID: 'S02',
        Kind: 'Drop-in',
        Start: '2026-03-10 10:00',
        End: '2026-03-10 11:00',
        Where: 'x',
        Audience: 'Mentors',
      },
      {
        ID: 'S03',
        Kind: 'Drop-in',
        Start: '2026-09-10 10:00',
        End: '2026-09-10 11:00',
        Where: 'x',
        Audience: 'Librarians',
      },
      {
        ID: 'S04',
        Kind: 'Supervisor 1:1',
        Start: '2026-09-10 10:00',
        End: '2026-09-10 11:00',
        Where: 'x',
        Audience: 'stranger@nowhere.example',
      },
      {
        ID: 'S05',
        Kind: 'Webinar',
        Start: 'next Tuesday',
        End: '2026-09-10 11:00',
        Where: 'x',
        Audience: 'Mentors',
      },
    ]);
    const result = await s.run('send-invitations');
    expect(result.data).toMatchObject({ created: 0, notified: 0, problems: 5 });
    const problems = (await s.sessions()).map((r) => r.Problems);
    expect(problems[0]).toMatch(/ends before it starts/);
    expect(problems[1]).toMatch(/outside the scheme's dates \(1 July to 31 January\)/);
    expect(problems[2]).toMatch(/Audience "Librarians" is not All accepted, Mentors, Mentees/);
    expect(problems[3]).toMatch(/stranger@nowhere\.example is not in the scheme/);
    expect(problems[4]).toMatch(/Kind "Webinar" is not one of/);
    expect(problems[4]).toMatch(/Start "next Tuesday" is not a date and time/);
    expect(s.invitations()).toHaveLength(0);
  });

  it('queues what exceeds the Daily invitation limit until the next day, and status shows who is coming', async () => {
    const s = await scheme();
    await s.run('settings', ['set', 'Daily invitation limit', '4']);
    await s.setSessions([JULY, NOVEMBER]);
    const first = await s.run('send-invitations');
    expect(first.data).toMatchObject({ notified: 4, waiting: 2 });
    expect(first.summary.join('\n')).toMatch(/go out tomorrow/);
    const rows = await s.sessions();
    expect(rows[0].Invited).toBe('4 of 5 invited; the rest tomorrow (daily invitation limit)');
    const status = await s.run('status');
    expect(status.summary.join('\n')).toMatch(
      /S01 Launch day: 4 invited, 0 accepted, 0 declined, 4 not answered/,
    );
    expect(status.summary.join('\n')).toMatch(/Not invited to any session yet \(1\): Eve Brontë/);
    expect(status.summary.join('\n')).toMatch(
      /send-invitations \(queued: daily invitation limit\)/,
    );
  });
});

describe('the demo, as a new user would try it', () => {
  it('each accepted mentor has one invitation per mentor session; the moved drop-in one update (same UID, higher SEQUENCE), the cancelled one CANCEL; running again writes nothing', async () => {
    const dir = tempDir('pm-demo-sessions-');
    await copyDemo(dir);
    const mail = path.join(dir, 'out', 'mail');
    const files = fs.readdirSync(mail).filter((f) => f.startsWith('invite_'));
    // The demo ends in its next cohort: the sessions are those of the workbook as the year ended.
    const yearEnd = {
      workbook: path.join(dir, 'out', 'demo', YEAR_END_WORKBOOK),
      out: path.join(dir, 'out'),
    };
    const session = await LocalSession.open(yearEnd);
    let mentors: string[] = [];
    let rows: Record<string, string>[] = [];
    try {
      const apps = loadTable(session.ports.workbook, APPLICATIONS_TAB);
      mentors = apps.rows
        .map((_, r) => r)
        .filter((r) => apps.text(r, 'Role') === 'Mentor' && apps.text(r, 'Status') === 'Accepted')
        .map((r) => apps.text(r, 'Email').toLowerCase());
      const t = loadTable(session.ports.workbook, SESSIONS_TAB);
      rows = t.rows.map((_, r) =>
        Object.fromEntries(SESSIONS_TAB.columns.map((c) => [c, t.text(r, c)])),
      );
    } finally {
      await session.release();
    }
    const mentorSessions = rows.filter((r) => ['All accepted', 'Mentors'].includes(r.Audience));
    expect(mentorSessions.length).toBe(5);
    const moved = rows.find((r) => r.Kind === 'Drop-in' && r.Start.slice(5, 10) === '09-23')!;
    const cancelled = rows.find((r) => r.Status === 'Cancelled')!;
    const messages = (id: string, email: string) =>
      files
        .filter((f) => f.startsWith(`invite_${id}_`) && f.endsWith(`_${email}.eml`))
        .map((f) => ({ f, ...eventOf(icsOf(path.join(mail, f))) }))
        .sort((a, b) => a.sequence - b.sequence);
    for (const m of mentors) {
      for (const s of mentorSessions) {
        const got = messages(s.ID, m);
        if (s.ID === moved.ID || s.ID === cancelled.ID) {
          // One invitation, then one update (same UID, higher SEQUENCE) or one CANCEL.
          expect(got).toHaveLength(2);
          expect(got[1].uid).toBe(got[0].uid);
          expect(got[1].sequence).toBeGreaterThan(got[0].sequence);
          const method = icsOf(path.join(mail, got[1].f)).getFirstPropertyValue('method');
          expect(method).toBe(s.ID === moved.ID ? 'REQUEST' : 'CANCEL');
          if (s.ID === moved.ID) expect(got[1].start).not.toBe(got[0].start);
        } else {
          expect(got).toHaveLength(1);
        }
      }
    }
    // Every .ics parses with ical.js; a November drop-in is at 10:00 GMT, the launch day 10:00 BST.
    const events = files.map((f) => eventOf(icsOf(path.join(mail, f))));
    expect(events.every((e) => e.hasVtimezone && /Z$/.test(e.stamp))).toBe(true);
    expect(
      new Set(
        events
          .filter((e) => /T10:00:00.000Z$/.test(e.start) && e.start.slice(5, 7) === '11')
          .map((e) => e.uid),
      ).size,
    ).toBeGreaterThan(0);
    expect(
      new Set(events.filter((e) => /-07-08T09:00:00.000Z$/.test(e.start)).map((e) => e.uid)).size,
    ).toBe(1);

    const again = await cli(
      dir,
      'send-invitations',
      '--workbook',
      yearEnd.workbook,
      '--out',
      yearEnd.out,
    );
    expect(again.code).toBe(0);
    expect(fs.readdirSync(mail).filter((f) => f.startsWith('invite_'))).toHaveLength(files.length);
  }, 600_000);
});
