import { spawn } from 'node:child_process';
import path from 'node:path';
import { PAUSE_AT, PAUSE_MARKER } from '../../src/core/crash-points';

const bin = path.resolve(__dirname, '../../bin/peer-mentoring.cjs');

/**
 * Runs `npx peer-mentoring <command>` on `dir` as a real process that stops dead at its
 * `boundary`-th effect boundary (PEER_MENTORING_PAUSE_AT) and, once it has printed that it is
 * there, kills it with SIGKILL. No timer decides the moment, so a busy machine changes nothing.
 * Resolves with the marker line (which boundary it was), or rejects if the run ended first.
 */
export function killAtBoundary(dir: string, command: string, boundary: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, command, '--workbook', path.join(dir, 'scheme.xlsx'), '--out', path.join(dir, 'out')],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, [PAUSE_AT]: String(boundary) } },
    );
    let out = '';
    let marker = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith(PAUSE_MARKER));
      if (line && !marker) {
        marker = line;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (marker && signal === 'SIGKILL') resolve(marker);
      else reject(new Error(`The run ended before boundary ${boundary}: ${out}`));
    });
  });
}
