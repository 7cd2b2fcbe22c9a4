import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './temp';

/**
 * The demo (`npm start`) made once per jest run and copied by every test file that starts from
 * it, instead of each running it again (it takes the most time of anything the tests do). It is
 * run as `npm start` runs it, `node bin/peer-mentoring.cjs demo`, so the bundle's own libraries
 * (Vega's charts, the certificate fonts) are proven too. The first file that needs it makes it in
 * the run's shared folder (test/support/global-setup.cjs; removed by global-teardown.cjs); a file
 * run on its own, or a second worker arriving meanwhile, waits for that one run.
 */
const bin = path.resolve(__dirname, '../../bin/peer-mentoring.cjs');
/** What the demo leaves beside its workbook (see LocalSession). */
const SIDE_FILES = ['.journal', '.jobs.json'];

function sharedFolder(): string {
  const shared = process.env.PM_TEST_SHARED;
  // Without the global setup (a runner that skips it), each file makes its own.
  return shared && fs.existsSync(shared) ? shared : tempDir('pm-shared-');
}

async function made(): Promise<string> {
  const root = path.join(sharedFolder(), 'demo');
  const done = path.join(root, 'done');
  const failed = path.join(root, 'failed');
  try {
    fs.mkdirSync(root);
  } catch {
    // Another test file is making it (or has): wait for its one run to end.
    while (!fs.existsSync(done) && !fs.existsSync(failed))
      await new Promise((resolve) => setTimeout(resolve, 200));
    if (fs.existsSync(failed)) throw new Error(fs.readFileSync(failed, 'utf8'));
    return root;
  }
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [bin, 'demo', '--workbook', path.join(root, 'scheme.xlsx'), '--out', path.join(root, 'out')],
      { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    );
    if (stderr) throw new Error(`The demo wrote to stderr: ${stderr}`);
    fs.writeFileSync(path.join(root, 'stdout.txt'), stdout);
    fs.writeFileSync(done, '');
    return root;
  } catch (error) {
    fs.writeFileSync(failed, `The demo failed: ${(error as Error).message}`);
    throw error;
  }
}

/**
 * A finished demo in `dir`, byte for byte as `npm start` leaves it, as if it had been run there
 * with `--workbook dir/<workbook>` (its files in `out`, or `NAME-out` beside NAME.xlsx, as the CLI
 * names them). Its pages and the workbook's links still point at the folder the demo ran in,
 * which stays until the run ends. Resolves to what the demo printed.
 */
export async function copyDemo(dir: string, workbook = 'scheme.xlsx'): Promise<string> {
  const root = await made();
  const stem = path.basename(workbook, '.xlsx');
  fs.mkdirSync(dir, { recursive: true });
  for (const side of ['', ...SIDE_FILES]) {
    const from = path.join(root, `scheme.xlsx${side}`);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, `${workbook}${side}`));
  }
  fs.cpSync(path.join(root, 'out'), path.join(dir, stem === 'scheme' ? 'out' : `${stem}-out`), {
    recursive: true,
  });
  // The archive of the demo's first cohort, where the CLI keeps it for that workbook name.
  fs.cpSync(
    path.join(root, 'archive'),
    path.join(dir, stem === 'scheme' ? 'archive' : `${stem}-archive`),
    { recursive: true, preserveTimestamps: true },
  );
  return fs.readFileSync(path.join(root, 'stdout.txt'), 'utf8');
}
