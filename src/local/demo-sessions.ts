import fs from 'node:fs';
import path from 'node:path';
import { loadTable, saveTable } from '../core/workbook';
import type { Table } from '../domain/table';
import { MATCHES_TAB, SESSIONS_TAB } from '../domain/tabs';
import type { Ports } from '../ports';

/**
 * The scheme's real pattern of sessions, in the next scheme year (July to January): the launch
 * and training day in July, the half-day online training in July, three themed drop-ins for
 * mentors between July and December (one after the October clock change), and two supervisor
 * 1:1s arranged through the supervisor's booking page.
 */
export function fillDemoSessions(ports: Ports, now: Date): { year: number } {
  const year = now.getUTCMonth() >= 6 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const matches = loadTable(ports.workbook, MATCHES_TAB);
  const pairs = matches.rows
    .map((_, r) => ({ mentee: matches.text(r, 'Mentee'), mentor: matches.text(r, 'Mentor') }))
    .filter((p) => p.mentee && p.mentor);
  const table = loadTable(ports.workbook, SESSIONS_TAB);
  const row = (values: Record<string, string>) => table.append({ Status: 'Planned', ...values });
  row({
    Kind: 'Launch day',
    Title: 'Launch and training day',
    Start: `${year}-07-08 10:00`,
    End: `${year}-07-08 16:00`,
    Where: 'Library of Birmingham, Centenary Square, Birmingham B1 2ND',
    Audience: 'All accepted',
    Description:
      'Meet the other mentors and mentees, watch the mentors’ introduction videos and learn how the scheme works. Mentees choose three potential mentors at the end of the day.',
  });
  row({
    Kind: 'Online training',
    Title: 'Online training (half day)',
    Start: `${year}-07-22 09:30`,
    End: `${year}-07-22 13:00`,
    Where: 'https://teams.microsoft.com/l/meetup-join/demo-online-training',
    Audience: 'All accepted',
  });
  const dropIn = (theme: string, date: string) =>
    row({
      Kind: 'Drop-in',
      Theme: theme,
      Title: `Mentors’ drop-in: ${theme}`,
      Start: `${date} 10:00`,
      End: `${date} 11:30`,
      Where: 'https://teams.microsoft.com/l/meetup-join/demo-drop-in',
      Audience: 'Mentors',
      Description: 'An informal hour and a half with the other mentors and the supervisor.',
    });
  dropIn('Listening and questioning', `${year}-09-16`);
  dropIn('Working with councillors', `${year}-11-11`);
  dropIn('Planning the January review', `${year}-12-09`);
  if (pairs[0]) {
    row({
      Kind: 'Supervisor 1:1',
      Title: 'Supervisor 1:1',
      Start: `${year}-10-07 14:00`,
      End: `${year}-10-07 15:00`,
      Where: 'Phone call',
      Audience: `${pairs[0].mentee}, ${pairs[0].mentor}`,
    });
  }
  if (pairs[1]) {
    row({
      Kind: 'Supervisor 1:1',
      Title: 'Supervisor 1:1',
      Start: `${year}-11-04 11:00`,
      End: `${year}-11-04 12:00`,
      Where: 'https://meet.google.com/demo-supervisor',
      Audience: pairs[1].mentee,
    });
  }
  saveTable(ports.workbook, table);
  return { year };
}

/** Staff move the first drop-in by a week and cancel the last one. */
export function changeDemoSessions(
  ports: Ports,
  year: number,
): { moved: string; cancelled: string } {
  const table = loadTable(ports.workbook, SESSIONS_TAB);
  const dropIns = dropInRows(table);
  const moved = dropIns[0];
  const cancelled = dropIns[dropIns.length - 1];
  table.set(moved, 'Start', `${year}-09-23 14:00`);
  table.set(moved, 'End', `${year}-09-23 15:30`);
  table.set(cancelled, 'Status', 'Cancelled');
  saveTable(ports.workbook, table);
  return { moved: table.text(moved, 'ID'), cancelled: table.text(cancelled, 'ID') };
}

function dropInRows(table: Table): number[] {
  return table.rows.map((_, r) => r).filter((r) => table.text(r, 'Kind') === 'Drop-in');
}

/** The calendar messages in out/mail: session → guest → how many of each kind. */
export function calendarMessages(mailDir: string): Map<string, Map<string, string[]>> {
  const bySession = new Map<string, Map<string, string[]>>();
  if (!fs.existsSync(mailDir)) return bySession;
  for (const file of fs.readdirSync(mailDir)) {
    const m = /^invite_([^_]+)_(\d+)_(.+)\.eml$/.exec(file);
    if (!m) continue;
    const eml = fs.readFileSync(path.join(mailDir, file), 'utf8');
    const method = /method=("?)CANCEL\1/i.test(eml) ? 'CANCEL' : 'REQUEST';
    const guests = bySession.get(m[1]) ?? new Map<string, string[]>();
    guests.set(m[3], [...(guests.get(m[3]) ?? []), `${method}#${m[2]}`]);
    bySession.set(m[1], guests);
  }
  return bySession;
}
