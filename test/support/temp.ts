import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

// Every folder a test file made goes when the file's tests are done (jest loads this module
// afresh for each test file, at the top level, where a hook may be registered).
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder per test, removed after the test file has run. */
export function tempDir(prefix = 'pm-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
