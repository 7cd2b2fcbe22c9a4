import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

// Registered when a test file first imports this helper: its folders go when its tests end.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder per test, removed when the test file's tests have finished. */
export function tempDir(prefix = 'pm-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
