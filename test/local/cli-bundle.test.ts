import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli, importApplications, menteeRow, mentorRow } from '../support/cli';
import { tempDir } from '../support/temp';

// bin/peer-mentoring.cjs runs dist-cli/cli.cjs (built by the global setup), whose libraries are
// built apart and whose zip inflating and deflating go through Node's zlib: these tests hold it
// to what the TypeScript itself does (test/support/cli runs src/ in-process).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('../../scripts/build-cli.cjs') as {
  bundle: string;
  stampFile: string;
  fileStamp(file: string, base?: string): string | null;
  isFresh(where?: { base: string; dir: string }): boolean;
};

const bin = path.resolve(__dirname, '../../bin/peer-mentoring.cjs');
const dirs: string[] = [];
const dir = (): string => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function bundled(where: string, ...args: string[]) {
  return spawnSync(
    process.execPath,
    [bin, ...args, '--workbook', path.join(where, 'scheme.xlsx'), '--out', path.join(where, 'out')],
    { encoding: 'utf8' },
  );
}

async function settingsTab(workbook: string): Promise<Record<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(workbook);
  const sheet = book.getWorksheet('Settings') as ExcelJS.Worksheet;
  const values: Record<string, string> = {};
  sheet.eachRow((row, n) => {
    if (n > 1) values[String(row.getCell(1).value)] = String(row.getCell(2).value ?? '');
  });
  return values;
}

describe('the CLI bundle', () => {
  it('answers exactly as the TypeScript does, on a workbook the TypeScript wrote', async () => {
    const d = dir();
    await cli(d, 'init');
    await importApplications(
      d,
      [mentorRow()],
      [menteeRow(), menteeRow({ 'Email address': 'not-an-address' })],
    );
    await cli(d, 'review-applications');
    const fromSource = await cli(d, 'status', '--json');
    const fromBundle = bundled(d, 'status', '--json');
    expect(fromBundle.status).toBe(0);
    expect(JSON.parse(fromBundle.stdout)).toEqual(JSON.parse(fromSource.out));
    expect(JSON.parse(fromBundle.stdout).applications.Mentee.Total).toBe(2);
  });

  it('saves a workbook that Excel tooling and the TypeScript read back', async () => {
    const d = dir();
    expect(bundled(d, 'init').status).toBe(0);
    expect(bundled(d, 'settings', 'set', 'Cohort', 'Bundle cohort 2027').status).toBe(0);
    expect((await settingsTab(path.join(d, 'scheme.xlsx'))).Cohort).toBe('Bundle cohort 2027');
    const settings = await cli(d, 'settings', '--json');
    expect(settings.code).toBe(0);
    expect(settings.out).toContain('Bundle cohort 2027');
  });

  it('calls a workbook with a damaged part unreadable in one sentence, and leaves it as it was', async () => {
    const d = dir();
    await cli(d, 'init');
    const file = path.join(d, 'scheme.xlsx');
    const bytes = fs.readFileSync(file);
    // Overwrite bytes inside the Settings sheet's compressed data (the zip's structure stays).
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const entry = Buffer.from('PK\x03\x04', 'latin1'); // a zip entry's local header
    let at = bytes.indexOf(entry);
    while (at >= 0 && !bytes.subarray(at + 30, at + 30 + name.length).equals(name))
      at = bytes.indexOf(entry, at + 4);
    expect(at).toBeGreaterThanOrEqual(0);
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const size = bytes.readUInt32LE(at + 18);
    bytes.fill(0xff, start + Math.floor(size / 3), start + Math.floor(size / 3) + 16);
    fs.writeFileSync(file, bytes);

    const run = bundled(d, 'settings', 'set', 'Cohort', 'X');
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /is not a workbook this tool can read .*: restore a good copy/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('the bundle is never stale', () => {
  it('was built from every source file the CLI imports, and is fresh now', () => {
    const stamp = JSON.parse(fs.readFileSync(build.stampFile, 'utf8')) as {
      files: Record<string, string>;
    };
    for (const file of [
      'src/local/cli.ts',
      'src/local/run-local.ts',
      'src/actions.ts',
      'src/domain/timestamps.ts',
      'src/actions/status.ts',
      'package-lock.json',
    ])
      expect(stamp.files[file]).toBe(build.fileStamp(file));
    expect(Object.keys(stamp.files).some((f) => f.includes('node_modules/exceljs'))).toBe(false);
    expect(build.isFresh()).toBe(true);
    const outputs = (JSON.parse(fs.readFileSync(build.stampFile, 'utf8')) as { outputs: string[] })
      .outputs;
    expect(outputs).toEqual(expect.arrayContaining(['cli.cjs', 'vendor/exceljs.cjs']));
  });

  it('counts as stale when a file it was built from changes, goes, or the bundle is missing', () => {
    const base = dir();
    const out = path.join(base, 'dist-cli');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(base, 'a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(base, 'b.ts'), 'export const b = 2;\n');
    fs.writeFileSync(path.join(out, 'cli.cjs'), '');
    const stampNow = () =>
      fs.writeFileSync(
        path.join(out, 'stamp.json'),
        JSON.stringify({
          outputs: ['cli.cjs'],
          files: { 'a.ts': build.fileStamp('a.ts', base), 'b.ts': build.fileStamp('b.ts', base) },
        }),
      );
    const fresh = () => build.isFresh({ base, dir: out });

    stampNow();
    expect(fresh()).toBe(true);
    // The same size, a new modification time (an edit, a checkout).
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(base, 'a.ts'), later, later);
    expect(fresh()).toBe(false);
    stampNow();
    fs.appendFileSync(path.join(base, 'b.ts'), '// more\n');
    expect(fresh()).toBe(false);
    stampNow();
    fs.rmSync(path.join(base, 'b.ts'));
    expect(fresh()).toBe(false);
    fs.writeFileSync(path.join(base, 'b.ts'), 'export const b = 2;\n');
    stampNow();
    fs.rmSync(path.join(out, 'cli.cjs'));
    expect(fresh()).toBe(false);
    fs.writeFileSync(path.join(out, 'cli.cjs'), '');
    fs.writeFileSync(path.join(out, 'stamp.json'), 'not json');
    expect(fresh()).toBe(false);
  });
});
