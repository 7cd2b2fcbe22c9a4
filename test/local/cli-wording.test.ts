import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { FORMS } from '../../src/domain/forms';
import { asciiLetters, demoCohort } from '../../src/local/demo-cohort';
import packageJson from '../../package.json';
import { cli, importApplications, menteeRow, mentorRow, PEOPLE_SETTINGS } from '../support/cli';
import { tempDir } from '../support/temp';

/** What a new user reads: help, refusals, settings and the hints at each early step. */

describe('help and arguments', () => {
  const dir = tempDir();

  test('import --help lists all six forms, each option apart from its description', async () => {
    const help = (await cli(dir, 'import', '--help')).out;
    for (const id of Object.keys(FORMS)) expect(help).toContain(id);
    // Every option line: the option, at least two spaces, then the description.
    const lines = help.split('\n').filter((l) => l.startsWith('  --'));
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line).toMatch(/^ {2}--\S+(?: \S+)? {2,}\S/);
    expect(help).toMatch(
      /--form FORM {2,}which form the CSV comes from: mentor, mentee, choices, evaluation, continuation, concern \(required\)/,
    );
  });

  test('each option is listed once in a command’s help (--json)', async () => {
    for (const command of ['match', 'status', 'match-report']) {
      const help = (await cli(dir, command, '--help')).out;
      expect(help.match(/--json/g)).toHaveLength(1);
    }
  });

  test('--version prints the version', async () => {
    const run = await cli(dir, '--version');
    expect([run.code, run.out.trim()]).toEqual([0, `peer-mentoring ${packageJson.version}`]);
  });

  test('arguments a command does not take are refused, and nothing is done', async () => {
    const run = await cli(dir, 'init', 'now');
    expect([run.code, run.err.trim()]).toEqual([
      2,
      '"init" takes no arguments but was given "now", so nothing was done (put a value with spaces in quotes): see "npx peer-mentoring init --help".',
    ]);
    expect(fs.existsSync(path.join(dir, 'scheme.xlsx'))).toBe(false);
    const pair = await cli(dir, 'lock-pair', 'a@x.example', 'b@x.example', 'c@x.example');
    expect(pair.err).toMatch(
      /^"lock-pair" takes at most 2 arguments but was also given "c@x.example"/,
    );
  });
});

describe('settings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
  });

  test('shows a choice the way it accepts it ("Any choice"), and accepts any-choice too', async () => {
    expect((await cli(dir, 'settings')).out).toMatch(/^Matching priority +Any choice$/m);
    const set = await cli(dir, 'settings', 'set', 'Matching priority', 'any-choice');
    expect(set.code).toBe(0);
    const back = await cli(dir, 'settings', 'set', 'Matching priority', 'Any choice');
    expect(back.out.trim()).toBe('"Matching priority" is now Any choice.');
  });

  test('a number is stored as a number and said as one ("was already 25", not 025)', async () => {
    expect((await cli(dir, 'settings', 'set', 'Mentor places', '025')).out.trim()).toBe(
      '"Mentor places" was already 25.',
    );
    expect((await cli(dir, 'settings', 'set', 'Mentor places', '30')).out.trim()).toBe(
      '"Mentor places" is now 30.',
    );
  });

  test('extra words are not joined into a value: a value with spaces goes in quotes', async () => {
    const run = await cli(dir, 'settings', 'set', 'Scheme name', 'My', 'Scheme');
    expect([run.code, run.err.trim()]).toEqual([
      2,
      'Give "Scheme name" one value, in quotes if it has spaces, e.g. settings set "Scheme name" "My Scheme": nothing was changed.',
    ]);
  });

  test('shows every setting when one is not valid, marking that one', async () => {
    const file = path.join(dir, 'scheme.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    book.getWorksheet('Settings')!.eachRow((row) => {
      if (row.getCell(1).value === 'Daily email limit') row.getCell(2).value = 'lots';
    });
    await book.xlsx.writeFile(file);

    const run = await cli(dir, 'settings');
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines.filter((l) => l.includes('✗ "'))).toEqual([
      expect.stringMatching(
        /^Daily email limit +lots {3}✗ "Daily email limit" must be a whole number of 1 or more$/,
      ),
    ]);
    expect(run.out).toMatch(/^Scheme name +Libraries Connected Peer Mentoring Scheme$/m);
    expect(run.out).toMatch(/^Mentor places +30$/m);
    expect(lines.at(-1)).toBe('One setting needs correcting (marked ✗): settings set NAME VALUE.');
  });
});

describe('early commands say what to do next', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    expect((await cli(dir, 'init')).code).toBe(0);
    await importApplications(dir, [mentorRow()], [menteeRow()]);
    expect((await cli(dir, 'review-applications')).code).toBe(0);
  });

  test('sync-choice-form before the forms exist', async () => {
    const run = await cli(dir, 'sync-choice-form');
    expect([run.code, run.err.trim()]).toEqual([
      2,
      'There is no mentor choice form yet: run set-up-forms first (in the Sheet: Mentoring → Set up forms), which creates it with the accepted mentors.',
    ]);
  });

  test('confirm-matches before match', async () => {
    const run = await cli(dir, 'confirm-matches');
    expect(run.out).toMatch(/There are no proposed pairs to confirm: run match first\./);
  });

  test('the first set-up-forms says it created the six, not that "the others" were updated', async () => {
    const run = await cli(dir, 'set-up-forms');
    const first = run.out.split('\n')[0];
    expect(first).toBe(
      `Created 6 forms (${Object.values(FORMS)
        .map((f) => f.title)
        .join(', ')}).`,
    );
    // The application forms give the scheme's own dates, not a fixed "six months".
    const preview = fs.readFileSync(path.join(dir, 'out', 'forms', 'mentor.html'), 'utf8');
    expect(preview).not.toContain('six months');
    expect(preview).toContain('pairs meet from 1 July to 31 January');
  });

  test('set-up-pairs with only proposals', async () => {
    expect((await cli(dir, 'match')).code).toBe(0);
    // Locally these are paths under out/drive (the local "Drive").
    const drive = path.join(dir, 'out', 'drive');
    for (const [name, value] of [
      ...PEOPLE_SETTINGS,
      ['Root folder', 'Pairs'],
      ['Handbook file', 'Handbook.pdf'],
      ['Templates folder', 'Templates'],
    ]) {
      expect((await cli(dir, 'settings', 'set', name, value)).code).toBe(0);
    }
    fs.mkdirSync(path.join(drive, 'Pairs'), { recursive: true });
    fs.mkdirSync(path.join(drive, 'Templates'));
    fs.writeFileSync(path.join(drive, 'Handbook.pdf'), 'handbook');
    const run = await cli(dir, 'set-up-pairs');
    expect([run.code, run.err]).toEqual([0, '']);
    expect(run.out).toContain(
      'No pair is confirmed yet: confirm the proposed pairs first (confirm-matches).',
    );
  });
});

describe('the demo cohort', () => {
  test('e-mail addresses keep every letter of the name (Ø, Ł, ß transliterated)', () => {
    expect(asciiLetters('Łukasz')).toBe('lukasz');
    expect(asciiLetters('Øvergaard')).toBe('overgaard');
    expect(asciiLetters('Straße')).toBe('strasse');
    expect(asciiLetters('Siân')).toBe('sian');
    const { mentorCsv, menteeCsv } = demoCohort();
    for (const row of [...mentorCsv.slice(1), ...menteeCsv.slice(1)]) {
      const [, email, name] = row;
      if (!email.includes('@')) continue; // the demo's deliberate bad address
      const [first, ...rest] = name.split(' ');
      expect(email.split('@')[0]).toBe(`${asciiLetters(first)}.${asciiLetters(rest.join(' '))}`);
      expect(email.split('@')[0].replace('.', '').length).toBe(
        name.replace(/[^\p{L}]/gu, '').length + (name.match(/[ÆæŒœßÞþ]/g) ?? []).length,
      );
    }
  });
});
