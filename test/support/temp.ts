import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test, removed afterwards. */
export function tempDir(prefix = 'pm-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
