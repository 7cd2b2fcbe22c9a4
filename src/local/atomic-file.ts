import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes through a hidden temporary file beside the target, then renames it: a killed process
 * leaves the old file or the new one, never half of one. `durable` also flushes it to disk
 * first (the workbook, which must survive a power cut); records that are found again by key
 * after a crash do without, which keeps a 1,000-pair run fast.
 */
export function writeFileAtomic(
  file: string,
  contents: string | Uint8Array,
  { durable = false } = {},
): void {
  const temp = path.join(
    path.dirname(file),
    `.pm-tmp-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, typeof contents === 'string' ? Buffer.from(contents) : contents);
    if (durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  keepMode(file, temp);
  fs.renameSync(temp, file);
}

/** The same for a copy of a file. */
export function copyFileAtomic(source: string, target: string): void {
  const temp = path.join(
    path.dirname(target),
    `.pm-tmp-${process.pid}-${randomBytes(6).toString('hex')}`,
  );
  fs.copyFileSync(source, temp);
  keepMode(target, temp);
  fs.renameSync(temp, target);
}

/** The new file gets the old one's permissions: a read-only workbook stays read-only. */
function keepMode(file: string, temp: string): void {
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    return; // a new file: the default permissions
  }
  fs.chmodSync(temp, mode);
}
