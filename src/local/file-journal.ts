import fs from 'node:fs';
import { LOG_TAB } from '../domain/tabs';
import type { Cell } from '../domain/table';
import type { JournalPort, LogRecord } from '../ports';
import type { XlsxWorkbook } from './xlsx-workbook';
import { cohortOf } from '../core/workbook';

/**
 * The Log for the local back end. The workbook is only saved when a command ends, so each
 * record is first appended to a journal file beside it and flushed to disk before the effect
 * goes ahead; a command killed half-way leaves its records there, and the next command copies
 * them into the Log tab before it does anything else.
 */
export class FileJournal implements JournalPort {
  constructor(
    private readonly file: string,
    private readonly workbook: XlsxWorkbook,
  ) {}

  append(records: readonly LogRecord[]): void {
    const cohort = records.some((r) => r.cohort === undefined) ? this.cohort() : '';
    records = records.map((r) => (r.cohort === undefined ? { ...r, cohort } : r));
    const lines = records
      .map((r) => `${JSON.stringify({ ...r, time: r.time.toISOString() })}\n`)
      .join('');
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, lines);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    this.workbook.appendRows(
      LOG_TAB,
      records.map((r) => logRow(r, this.cohort())),
    );
  }

  /** Every record carries a cohort: the current one, when the writer left it out. */
  private cohort(): string {
    return cohortOf(this.workbook);
  }

  /** Copies what a killed command left in the journal into the Log tab. */
  recover(): number {
    if (!fs.existsSync(this.file)) return 0;
    const records: LogRecord[] = [];
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = JSON.parse(line) as LogRecord & { time: string };
        records.push({ ...parsed, time: new Date(parsed.time) });
      } catch {
        // A line cut short by the kill: the effect it announced never started.
      }
    }
    const seen = new Set<string>();
    const log = this.workbook.readTab(LOG_TAB.name);
    if (log) {
      const at = (name: string) =>
        log.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
      for (const row of log.rows)
        seen.add([row[at('Run')], row[at('Key')], row[at('State')]].join('|'));
    }
    const missing = records.filter((r) => !seen.has([r.run, r.key, r.state].join('|')));
    if (missing.length)
      this.workbook.appendRows(
        LOG_TAB,
        missing.map((r) => logRow(r, this.cohort())),
      );
    return missing.length;
  }

  /** After the workbook is saved, the journal's records are all in the Log tab. */
  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}

function logRow(r: LogRecord, cohort: string): Cell[] {
  return [r.time, r.run, r.action, r.key, r.state, r.detail, r.cohort ?? cohort];
}
