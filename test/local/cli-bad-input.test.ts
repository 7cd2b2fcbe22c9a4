import { LocalSession } from '../../src/local/session';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli, mentorRow, menteeRow, writeCsv } from '../support/cli';
import { tempDir } from '../support/temp';

/** Bad input gets one clear sentence and a non-zero exit, and every file is left as it was. */
describe('bad input leaves the workbook untouched', () => {
  let dir: string;
  let workbook: string;
  let before: Buffer;
  beforeEach(async () => {
    dir = tempDir();
    workbook = path.join(dir, 'scheme.xlsx');
    await cli(dir, 'init');
    await cli(
      dir,
      'import',
      '--form',
      'mentor',
      writeCsv(path.join(dir, 'm.csv'), 'mentor', [mentorRow()]),
    );
    before = fs.readFileSync(workbook);
  });

  const expectUntouched = () => {
    expect(fs.readFileSync(workbook).equals(before)).toBe(true);
    expect(
      fs.readdirSync(dir).filter((f) => f.startsWith('scheme.xlsx') || f.includes('.tmp')),
    ).toEqual(['scheme.xlsx']);
  };

  it.each([
    ['a missing CSV', ['import', '--form', 'mentor', 'nowhere.csv'], /Cannot read nowhere\.csv/],
    ['an unknown form', ['import', '--form', 'volunteer', 'FILE'], /no "volunteer" form/],
    ['no --form', ['import', 'FILE'], /needs --form/],
    ['an unknown command', ['match-everyone'], /no "match-everyone" command/],
    ['an unknown option', ['status', '--colour'], /no --colour option/],
    ['a bad setting', ['settings', 'set', 'Mentee places', '-3'], /whole number/],
  ])('%s', async (_, args, message) => {
    const file = writeCsv(path.join(dir, 'ok.csv'), 'mentor', [mentorRow()]);
    const result = await cli(dir, ...args.map((a) => (a === 'FILE' ? file : a)));
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(message);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expectUntouched();
  });

  it('a CSV that is not an export of that form', async () => {
    const mentees = writeCsv(path.join(dir, 'e.csv'), 'mentee', [menteeRow()]);
    const result = await cli(dir, 'import', '--form', 'mentor', mentees);
    expect(result.err).toMatch(
      /is not an export of the "Apply to be a mentor" form: it has no "Areas where you can offer support" column/,
    );
    expectUntouched();
  });

  it('an unreadable CSV', async () => {
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, 'Timestamp,"Email address\n"unterminated');
    const result = await cli(dir, 'import', '--form', 'mentor', file);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/not a readable CSV file/);
    expectUntouched();
  });

  it('a corrupt workbook', async () => {
    fs.writeFileSync(workbook, 'this is not a spreadsheet');
    before = fs.readFileSync(workbook);
    const result = await cli(dir, 'review-applications');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/not a workbook this tool can read/);
    expectUntouched();
  });

  it('a missing workbook', async () => {
    const result = await cli(tempDir(), 'status');
    expect(result.err).toMatch(/There is no workbook at .*run "npx peer-mentoring init"/);
  });

  it('an invalid setting typed into the workbook stops actions with a sentence naming it', async () => {
    await cli(dir, 'settings', 'set', 'Reply-to', 'office@example.org');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(workbook);
    book.getWorksheet('Settings')?.eachRow((row) => {
      if (row.getCell(1).value === 'Reply-to') row.getCell(2).value = 'not an address';
    });
    await book.xlsx.writeFile(workbook);
    before = fs.readFileSync(workbook);
    const result = await cli(dir, 'notify-applicants');
    expect(result.err).toMatch(
      /In Settings, "Reply-to" must be an e-mail address \(it is "not an address"\)/,
    );
    expectUntouched();
  });
});

describe('one command at a time', () => {
  const bin = path.resolve(__dirname, '../../bin/peer-mentoring.cjs');

  it('a lock held by a running command blocks a second one with a clear sentence', async () => {
    const dir = tempDir();
    await cli(dir, 'init');
    // A live process (the test runner's parent) holds the lock.
    fs.writeFileSync(path.join(dir, 'scheme.xlsx.lock'), JSON.stringify({ pid: process.ppid }));
    const result = await cli(dir, 'status');
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/Another peer-mentoring command .* is using this workbook/);
  });

  it('a lock left behind by a killed run does not block the next run', async () => {
    const dir = tempDir();
    await cli(dir, 'init');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
    fs.writeFileSync(
      path.join(dir, 'scheme.xlsx.lock'),
      JSON.stringify({ pid: Number(String(dead.stdout).trim()) }),
    );
    const result = await cli(dir, 'status');
    expect(result.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'scheme.xlsx.lock'))).toBe(false);
  });

  it('runs as `npx peer-mentoring` does, printing help and a plain error without a stack trace', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const command of [
      'init',
      'settings',
      'import',
      'review-applications',
      'notify-applicants',
      'status',
      'demo',
    ]) {
      expect(help.stdout).toContain(command);
    }
    const bad = spawnSync(process.execPath, [bin, 'status', '--workbook', '/nonexistent/x.xlsx'], {
      encoding: 'utf8',
    });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('two sessions in one process', () => {
  it('the second waits its turn instead of overwriting the first', async () => {
    const dir = tempDir();
    await cli(dir, 'init');
    const paths = { workbook: path.join(dir, 'scheme.xlsx'), out: path.join(dir, 'out') };
    const first = await LocalSession.open(paths);
    await expect(LocalSession.open(paths)).rejects.toThrow(
      /Another action is still using this workbook/,
    );
    await first.release();
    const second = await LocalSession.open(paths);
    await second.release();
  });
});
