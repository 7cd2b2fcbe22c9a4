import fs from 'node:fs';
import { UserError } from '../domain/errors';

/**
 * One command at a time per workbook. The lock file names the process holding it; a lock left
 * by a process that no longer exists (killed, crashed) is taken over.
 */
export function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, since: new Date().toISOString() }),
        { flag: 'wx' },
      );
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    if (holder !== null && holder !== process.pid && isAlive(holder)) {
      throw new UserError(
        `Another peer-mentoring command (process ${holder}) is using this workbook: wait for it to finish, then try again.`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new UserError('Could not lock the workbook: try again in a moment.');
}

function readHolder(file: string): number | null {
  try {
    const pid = Number((JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
