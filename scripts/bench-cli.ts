/**
 * The CLI as staff run it: `node bin/peer-mentoring.cjs <command>` in a fresh process each time
 * (the prebuilt bundle, rebuilt first if stale), timed from spawn to exit.
 *
 * Cases: `status` on the demo workbook (`npm start`'s 30 mentors and 40 mentees); `status`,
 * `review-applications` and `match` on a 1,000-pair workbook (1,000 mentors and 1,000 mentees
 * accepted, matched, confirmed, and their folders and introductions made, so the Log holds
 * every effect); and `match` proposing 1,000 pairs on the same cohort before matching. `ms` is
 * the median of the runs; `ratio` is that over the median of `node -e 0` measured in the same
 * run, which says how much of a machine's speed (or how busy it is) is in the number. `cpuMs` is
 * the median processor time (user + system) the command used, which other processes competing
 * for the cores do not inflate (from the POSIX shell's `times`; null where there is no /bin/sh).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CHOICE_FORM, csvColumns, MENTEE_FORM, MENTOR_FORM } from '../src/domain/forms';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/peer-mentoring.cjs');

export interface CliCase {
  case: string;
  ms: number;
  cpuMs: number | null;
  ratio: number;
  targetMs: number;
  ok: boolean;
}

const median = (xs: number[]): number =>
  xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Timing {
  ms: number;
  cpuMs: number | null;
}

const hasShell = fs.existsSync('/bin/sh');
/** `times` prints the shell's user and system time, then its children's: "0m0.58s 0m0.04s". */
const TIMES = /^(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/;

/** Wall time of one process, spawn to exit, and its processor time; throws if it fails. */
function timed(args: string[]): Timing {
  const t0 = performance.now();
  const run = hasShell
    ? spawnSync('/bin/sh', ['-c', '"$0" "$@" >&3 || exit $?; times', process.execPath, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr || run.stdout}`);
  const children = hasShell ? TIMES.exec(String(run.stdout).trim().split('\n')[1] ?? '') : null;
  const cpuMs = children
    ? (Number(children[1]) * 60 +
        Number(children[2]) +
        Number(children[3]) * 60 +
        Number(children[4])) *
      1000
    : null;
  return { ms, cpuMs };
}

function cliIn(dir: string, workbook = 'scheme.xlsx') {
  return (...args: string[]): Timing =>
    timed([bin, ...args, '--workbook', path.join(dir, workbook), '--out', path.join(dir, 'out')]);
}

function csv(file: string, rows: string[][]): string {
  fs.writeFileSync(file, stringify(rows));
  return file;
}

/** A cohort of `pairs` mentors and mentees, every one accepted, each mentee choosing three. */
export function largeScheme(dir: string, pairs: number): { beforeMatch: string } {
  const run = cliIn(dir);
  run('init');
  for (const [k, v] of [
    ['Mentor places', String(pairs)],
    ['Mentee places', String(pairs)],
    ['Daily email limit', '100000'],
    ['Root folder', 'Pairs'],
    ['Handbook file', 'Resources/Handbook.pdf'],
    ['Templates folder', 'Resources/Templates'],
    ['Staff emails', 'staff@scheme.example'],
    // The people every e-mail names (blank by default, as for staff).
    ['Scheme lead email', 'lead@scheme.example'],
    ['Reply-to', 'mentoring@scheme.example'],
    ['Supervisor name', 'Dr Rhiannon Price'],
    ['Supervisor email', 'supervisor@scheme.example'],
  ])
    run('settings', 'set', k, v);
  const drive = path.join(dir, 'out', 'drive');
  fs.mkdirSync(path.join(drive, 'Pairs'), { recursive: true });
  fs.mkdirSync(path.join(drive, 'Resources', 'Templates'), { recursive: true });
  fs.writeFileSync(path.join(drive, 'Resources', 'Handbook.pdf'), 'handbook');
  fs.writeFileSync(path.join(drive, 'Resources', 'Templates', 'Agreement.txt'), 'agreement');
  const stamp = '2026/05/14 10:21:03 am GMT+1';
  const mentors = Array.from({ length: pairs }, (_, i) => {
    const answers: Record<string, string> = {
      Timestamp: stamp,
      'Email address': `mentor${i}@m${i}.example`,
      'Full name': `Mentor ${i}`,
      'Library service': `Mentor service ${i}`,
      'Job title': 'Head of Libraries',
      'Are you the Head of Service managing libraries?': 'Yes',
      'Areas where you can offer support': 'Budgeting, Working with councillors',
      'How many mentees could you support?': '1',
      'Link to your 2-minute introduction video': 'https://youtu.be/abc',
      'I agree to my information being used to run the scheme': 'I agree',
    };
    return csvColumns(MENTOR_FORM).map((c) => answers[c] ?? '');
  });
  const mentees = Array.from({ length: pairs }, (_, i) => {
    const answers: Record<string, string> = {
      Timestamp: stamp,
      'Email address': `mentee${i}@e${i}.example`,
      'Full name': `Mentee ${i}`,
      'Library service': `Mentee service ${i}`,
      'Job title': 'Libraries Manager',
      'Are you the Head of Service managing libraries?': 'Yes',
      'Areas where you would like support': 'Budgeting',
      'What would you like to gain from mentoring?': 'Confidence',
      'I agree to my information being used to run the scheme': 'I agree',
    };
    return csvColumns(MENTEE_FORM).map((c) => answers[c] ?? '');
  });
  run(
    'import',
    '--form',
    'mentor',
    csv(path.join(dir, 'mentors.csv'), [csvColumns(MENTOR_FORM), ...mentors]),
  );
  run(
    'import',
    '--form',
    'mentee',
    csv(path.join(dir, 'mentees.csv'), [csvColumns(MENTEE_FORM), ...mentees]),
  );
  run('review-applications');
  const option = (i: number) => `Mentor ${i % pairs} — Mentor service ${i % pairs}`;
  const choices = Array.from({ length: pairs }, (_, i) => [
    '2026/07/14 10:00:00 am GMT+1',
    `mentee${i}@e${i}.example`,
    option(i),
    option(i + 1),
    option(i + 2),
  ]);
  run(
    'import',
    '--form',
    'choices',
    csv(path.join(dir, 'choices.csv'), [csvColumns(CHOICE_FORM), ...choices]),
  );
  const beforeMatch = path.join(dir, 'before-match.xlsx');
  fs.copyFileSync(path.join(dir, 'scheme.xlsx'), beforeMatch);
  run('match');
  run('confirm-matches');
  run('set-up-pairs');
  return { beforeMatch };
}

/** Times the CLI cases; `log` hears what is being set up (it takes a minute or two). */
export function cliCases(log: (line: string) => void = () => {}): CliCase[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-'));
  try {
    // Builds the bundle now if it is missing or stale, so no timed run includes a build.
    timed([bin, '--help']);
    const rows: { case: string; times: Timing[]; targetMs: number }[] = [];
    const repeat = (n: number, fn: () => Timing) => Array.from({ length: n }, fn);
    const bare = (): Timing => timed(['-e', '0']);
    const nodeTimes = repeat(7, bare);

    log('CLI: the demo workbook (npm start)...');
    const demo = path.join(work, 'demo');
    fs.mkdirSync(demo);
    const demoCli = cliIn(demo);
    demoCli('demo');
    rows.push({ case: 'status, demo', times: repeat(7, () => demoCli('status')), targetMs: 1000 });

    log('CLI: a 1,000-pair workbook (import, review, match, confirm, set up 1,000 pairs)...');
    const large = path.join(work, 'large');
    fs.mkdirSync(large);
    const t0 = performance.now();
    const { beforeMatch } = largeScheme(large, 1000);
    log(`CLI: set up in ${Math.round((performance.now() - t0) / 1000)} s.`);
    const largeCli = cliIn(large);
    for (const command of ['status', 'review-applications', 'match']) {
      rows.push({
        case: `${command}, 1,000 pairs`,
        times: repeat(5, () => largeCli(command)),
        targetMs: 2000,
      });
    }
    const proposing = path.join(large, 'proposing.xlsx');
    rows.push({
      case: 'match, proposing 1,000',
      times: repeat(5, () => {
        fs.copyFileSync(beforeMatch, proposing);
        return cliIn(large, 'proposing.xlsx')('match');
      }),
      targetMs: 2000,
    });
    nodeTimes.push(...repeat(7, bare)); // before and after, as the machine's load may change
    const cpu = (times: Timing[]): number | null =>
      times.every((t) => t.cpuMs !== null)
        ? Math.round(median(times.map((t) => t.cpuMs ?? 0)))
        : null;
    const nodeMs = median(nodeTimes.map((t) => t.ms));
    return [
      {
        case: 'node -e 0',
        ms: Math.round(nodeMs),
        cpuMs: cpu(nodeTimes),
        ratio: 1,
        targetMs: 0,
        ok: true,
      },
      ...rows.map((r) => {
        const ms = median(r.times.map((t) => t.ms));
        return {
          case: r.case,
          ms: Math.round(ms),
          cpuMs: cpu(r.times),
          ratio: Math.round((ms / nodeMs) * 10) / 10,
          targetMs: r.targetMs,
          ok: ms < r.targetMs,
        };
      }),
    ];
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
