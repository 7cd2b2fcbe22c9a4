import fs from 'node:fs';
import type { JobsPort } from '../ports';
import { writeFileAtomic } from './atomic-file';

/**
 * Locally nothing stops a command at 6 minutes and there are no triggers: a job that has work
 * left (e-mails waiting for tomorrow's quota) is recorded beside the workbook, `status` shows
 * it, and running the command again continues it.
 */
export class LocalJobs implements JobsPort {
  constructor(private readonly file: string) {}

  remainingMs(): number {
    return Infinity;
  }

  continueLater(job: string, at: Date, reason: string): void {
    this.write({ ...this.read(), [job]: { at: at.toISOString(), reason } });
  }

  finished(job: string): void {
    const state = this.read();
    if (!(job in state)) return;
    delete state[job];
    this.write(state);
  }

  pending(): { job: string; at: Date; reason: string }[] {
    return Object.entries(this.read()).map(([job, j]) => ({
      job,
      at: new Date(j.at),
      reason: j.reason,
    }));
  }

  private read(): Record<string, { at: string; reason: string }> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<
        string,
        { at: string; reason: string }
      >;
    } catch {
      return {};
    }
  }

  private write(state: Record<string, { at: string; reason: string }>): void {
    if (Object.keys(state).length === 0) {
      fs.rmSync(this.file, { force: true });
      return;
    }
    writeFileAtomic(this.file, JSON.stringify(state, null, 2));
  }
}
