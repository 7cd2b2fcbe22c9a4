import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { main } from '../../src/local/cli';
import { csvColumns, MENTEE_FORM, MENTOR_FORM } from '../../src/domain/forms';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process against a workbook in `dir`, as `npx peer-mentoring ...` would. */
export async function cli(dir: string, ...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(
    [...args, '--workbook', path.join(dir, 'scheme.xlsx'), '--out', path.join(dir, 'out')],
    {
      out: (t) => (out += `${t}\n`),
      err: (t) => (err += `${t}\n`),
    },
  );
  return { code, out, err };
}

export function mentorRow(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return {
    Timestamp: '2026/05/14 10:21:03 am GMT+1',
    'Email address': 'ann.jones@kent.gov.example',
    'Full name': 'Ann Jones',
    'Library service': 'Kent Libraries',
    'Job title': 'Head of Libraries',
    'Are you the Head of Service managing libraries?': 'Yes',
    'Areas where you can offer support': 'Budgeting, Working with councillors',
    'How many mentees could you support?': '2',
    'Link to your 2-minute introduction video': 'https://youtu.be/abc',
    'Anything else we should know?': '',
    'I agree to my information being used to run the scheme': 'I agree',
    ...overrides,
  };
}

export function menteeRow(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return {
    Timestamp: '2026/05/15 09:00:00 am GMT+1',
    'Email address': 'siân.llywelyn@cardiff.gov.example',
    'Full name': 'Siân Llywelyn',
    'Library service': 'Cardiff Libraries',
    'Job title': 'Libraries Manager',
    'Are you the Head of Service managing libraries?': 'Yes',
    'Areas where you would like support': 'Capital projects',
    'What would you like to gain from mentoring?': 'Confidence with a capital bid',
    'Anything else we should know?': '',
    'I agree to my information being used to run the scheme': 'I agree',
    ...overrides,
  };
}

export function writeCsv(
  file: string,
  form: 'mentor' | 'mentee',
  rows: Record<string, string>[],
): string {
  const columns = csvColumns(form === 'mentor' ? MENTOR_FORM : MENTEE_FORM);
  fs.writeFileSync(file, stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]));
  return file;
}

/** Imports mentor and mentee applications (rows as from mentorRow / menteeRow), as staff would. */
export async function importApplications(
  dir: string,
  mentors: Record<string, string>[],
  mentees: Record<string, string>[],
): Promise<void> {
  for (const [form, rows] of [
    ['mentor', mentors],
    ['mentee', mentees],
  ] as const) {
    const result = await cli(
      dir,
      'import',
      '--form',
      form,
      writeCsv(path.join(dir, `${form}s.csv`), form, rows),
    );
    if (result.code !== 0) throw new Error(result.err);
  }
}

/** The people every e-mail names (Settings has none until staff fill them in). */
export const PEOPLE_SETTINGS: readonly [string, string][] = [
  ['Staff emails', 'team@libraries.example'],
  ['Scheme lead email', 'lead@libraries.example'],
  ['Reply-to', 'mentoring@libraries.example'],
  ['Supervisor name', 'Dr Rhiannon Price'],
  ['Supervisor email', 'supervisor@libraries.example'],
];

/** `init`, then the people settings filled in, as staff do before sending anything. */
export async function initScheme(dir: string): Promise<void> {
  for (const args of [['init'], ...PEOPLE_SETTINGS.map(([k, v]) => ['settings', 'set', k, v])]) {
    const result = await cli(dir, ...args);
    if (result.code !== 0) throw new Error(result.err);
  }
}
