import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/local/cli';
import { cli, importApplications, menteeRow, mentorRow } from '../support/cli';
import { copyDemo } from '../support/demo';
import { tempDir } from '../support/temp';

/** Every file under dir with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else
        out[child] = createHash('sha256')
          .update(fs.readFileSync(path.join(dir, child)))
          .digest('hex');
    }
  };
  walk('');
  return out;
}

async function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

/** A folder holding a real scheme: its workbook, forms, e-mails sent and a pair's folder. */
async function realScheme(): Promise<string> {
  const dir = tempDir();
  expect((await cli(dir, 'init')).code).toBe(0);
  for (const [name, value] of [
    ['Staff emails', 'team@libraries.example'],
    ['Scheme lead email', 'lead@libraries.example'],
    ['Reply-to', 'team@libraries.example'],
    ['Supervisor name', 'Dr Rhiannon Price'],
    ['Supervisor email', 'supervisor@libraries.example'],
  ])
    expect((await cli(dir, 'settings', 'set', name, value)).code).toBe(0);
  expect((await cli(dir, 'set-up-forms')).code).toBe(0);
  await importApplications(dir, [mentorRow()], [menteeRow()]);
  expect((await cli(dir, 'review-applications')).code).toBe(0);
  expect((await cli(dir, 'notify-applicants')).code).toBe(0);
  const pair = path.join(dir, 'out', 'drive', 'Peer mentoring pairs', 'Cohort 1 – Siân & Ann');
  fs.mkdirSync(pair, { recursive: true });
  fs.writeFileSync(path.join(pair, 'Meeting notes.txt'), 'Our first meeting went well.');
  expect(fs.readdirSync(path.join(dir, 'out', 'mail')).length).toBeGreaterThan(0);
  expect(fs.readdirSync(path.join(dir, 'out', 'forms')).length).toBeGreaterThan(0);
  return dir;
}

describe('the demo beside a real scheme', () => {
  it('with --workbook demo.xlsx leaves every byte of the scheme as it was, in its own folder, replacing its own previous demo', async () => {
    const dir = await realScheme();
    const before = snapshot(dir);
    // A previous demo beside the scheme, byte for byte as `demo --workbook demo.xlsx` leaves one
    // (copied from the run's one demo): the next run must replace exactly it.
    await copyDemo(dir, 'demo.xlsx');
    const previous = snapshot(dir);
    expect(Object.keys(previous).length).toBeGreaterThan(Object.keys(before).length);

    const demo = await run('demo', '--workbook', path.join(dir, 'demo.xlsx'));
    expect(demo).toMatchObject({ code: 0, err: '' });
    const after = snapshot(dir);
    for (const [file, hash] of Object.entries(before))
      expect({ file, hash: after[file] }).toEqual({ file, hash });
    // The demo's own files are beside its workbook, in demo-out (its archive in demo-archive).
    expect(demo.out).toContain(path.join(dir, 'demo-out', 'mail'));
    const added = Object.keys(after).filter((f) => !(f in before));
    expect(
      added.every(
        (f) =>
          f.startsWith('demo.xlsx') ||
          f.startsWith(`demo-out${path.sep}`) ||
          f === path.join('demo-archive', 'Demo cohort.xlsx') ||
          f === path.join('demo-archive', '.archives.json'),
      ),
    ).toBe(true);
    expect(added.filter((f) => f.endsWith('.eml')).length).toBeGreaterThan(10);
    // It replaced its previous demo: the same files, none left over, none of the scheme's gone.
    expect(Object.keys(after).sort()).toEqual(Object.keys(previous).sort());
  }, 600_000);

  it("refuses an output folder holding anything that is not a previous demo's, changing nothing", async () => {
    const dir = await realScheme();
    const before = snapshot(dir);
    const intoScheme = await run(
      'demo',
      '--workbook',
      path.join(dir, 'demo.xlsx'),
      '--out',
      path.join(dir, 'out'),
    );
    expect(intoScheme.code).toBe(2);
    expect(intoScheme.err).toMatch(/holds files the demo did not make.*--out/);
    expect(intoScheme.err.trim().split('\n')).toHaveLength(1);
    expect(snapshot(dir)).toEqual(before);

    const onScheme = await run('demo', '--workbook', path.join(dir, 'scheme.xlsx'));
    expect(onScheme.code).toBe(2);
    expect(onScheme.err).toMatch(/not a demo/);
    expect(snapshot(dir)).toEqual(before);
  }, 600_000);

  it('refuses a previous demo folder in which someone has put a file of their own', async () => {
    const dir = tempDir();
    const workbook = path.join(dir, 'demo.xlsx');
    // A previous, finished demo beside its workbook (as `demo --workbook demo.xlsx` leaves it).
    await copyDemo(dir, 'demo.xlsx');
    const mine = path.join(dir, 'demo-out', 'drive', 'my notes.txt');
    fs.writeFileSync(mine, 'keep me');
    const before = snapshot(dir);
    const again = await run('demo', '--workbook', workbook);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/my notes\.txt, which the demo did not make/);
    expect(snapshot(dir)).toEqual(before);
  }, 600_000);
});
