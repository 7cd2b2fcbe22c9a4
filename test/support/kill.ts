import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/peer-mentoring.cjs');

/** E-mails sent so far in `dir`: composed .eml files (named from `prefix`) and those in the outbox. */
export function sentCount(dir: string, prefix = ''): number {
  const mail = path.join(dir, 'out', 'mail');
  const count = (d: string, keep: (f: string) => boolean) =>
    fs.existsSync(d) ? fs.readdirSync(d).filter(keep).length : 0;
  return (
    count(mail, (f) => f.endsWith('.eml') && f.startsWith(prefix)) +
    count(path.join(mail, '.outbox'), (f) => f.endsWith('.json'))
  );
}

/** Runs `npx peer-mentoring <command>` on `dir` and kills it with SIGKILL once `when()` holds. */
export function killWhen(dir: string, command: string, when: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [bin, command, '--workbook', path.join(dir, 'scheme.xlsx'), '--out', path.join(dir, 'out')],
      { stdio: 'ignore' },
    );
    const timer = setInterval(() => {
      if (when()) child.kill('SIGKILL');
    }, 2);
    child.on('exit', () => {
      clearInterval(timer);
      resolve();
    });
  });
}

/**
 * Runs `npx peer-mentoring <command>` on `dir` with a fail point set (see src/local/fail-points.ts):
 * the process stops at the point and says so on stderr; it is killed with SIGKILL right there.
 * Resolves with whether the point was reached (false: the command ended first).
 */
export function killAtFailPoint(dir: string, command: string, point: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [bin, command, '--workbook', path.join(dir, 'scheme.xlsx'), '--out', path.join(dir, 'out')],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, PEER_MENTORING_STOP_AT: point },
      },
    );
    let stderr = '';
    let reached = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!reached && stderr.includes(`stopped at ${point.replace(':', ' ')}`)) {
        reached = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolve(reached));
  });
}
