import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../domain/errors';

/** Locks this process holds now: a second session in the same process must wait its turn too. */
const held = new Set<string>();

/**
 * One command at a time per workbook. The lock file names the process holding it; a lock left
 * by a process that no longer exists (killed, crashed) is taken over.
 */
export function acquireLock(file: string): () => void {
  const key = path.resolve(file);
  if (held.has(key)) {
    throw new UserError(
      'Another action is still using this workbook: wait for it to finish, then try again.',
    );
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(
        file,
        JSON.stringify({ pid: process.pid, since: new Date().toISOString() }),
        { flag: 'wx' },
      );
      held.add(key);
      return () => {
        held.delete(key);
        fs.rmSync(file, { force: true });
      };
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
