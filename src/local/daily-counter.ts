import fs from 'node:fs';
import path from 'node:path';
import type { ClockPort } from '../ports';
import { writeFileAtomic } from './atomic-file';

/**
 * How much of a daily limit (e-mail recipients, calendar invitations) the local back end has
 * used today, kept in a small JSON file so the count survives from one command to the next.
 * The day is the UTC date: locally it only paces the demo and tests, as Google's quotas would.
 */
export class DailyCounter {
  constructor(
    private readonly file: string,
    private readonly clock: ClockPort,
  ) {}

  usedToday(): number {
    try {
      const state = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { day: string; used: number };
      return state.day === this.today() ? state.used : 0;
    } catch {
      return 0;
    }
  }

  add(count: number): void {
    if (count === 0) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeFileAtomic(
      this.file,
      JSON.stringify({ day: this.today(), used: this.usedToday() + count }),
    );
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
