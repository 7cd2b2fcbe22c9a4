import fs from 'node:fs';
import path from 'node:path';
import type * as Nodemailer from 'nodemailer';
import type { ClockPort, MailPort, OutgoingMail } from '../ports';
import { DailyCounter } from './daily-counter';
import { writeFileAtomic } from './atomic-file';
import { emlText } from './eml-text';

/**
 * A message of the local calendar: an invitation, update or cancellation whose .ics goes with
 * it (as the text/calendar part mail programs show with Accept buttons, and as invite.ics).
 * Its key names one notice of one version of one event to one guest, so a message written
 * again after a crash is the same message: it is composed once, never as a second copy.
 */
export interface CalendarMail extends OutgoingMail {
  calendar: { method: 'REQUEST' | 'CANCEL'; ics: string };
}

/**
 * "Sends" e-mail as .eml files (open them in any mail program) under out/mail/, named after
 * the effect key. Sending itself is one synchronous, atomic write of the message into an outbox
 * folder, as the workflows are synchronous like Apps Script's MailApp; nodemailer composes the
 * outbox into .eml files when the command finishes (or, after a crash, when the next starts).
 * Enforces a daily recipient limit like Google's, so queue-and-continue is tested locally too.
 */
export class EmlMail implements MailPort {
  private readonly outbox: string;
  private sequence = 0;

  constructor(
    private readonly dir: string,
    private readonly clock: ClockPort,
    private readonly dailyLimit: () => number,
    /** Where attachments' IDs point (out/drive): they are read when the message is composed. */
    private readonly driveDir = '',
    /**
     * out/mail: holds the first cohort's messages and a folder per later cohort (`dir` is the
     * live cohort's). An erasure searches all of them.
     */
    private readonly root = dir,
  ) {
    this.outbox = path.join(dir, '.outbox');
    this.counter = new DailyCounter(path.join(dir, '.daily-quota.json'), clock);
  }

  private readonly counter: DailyCounter;

  remainingDailyQuota(): number {
    return Math.max(0, this.dailyLimit() - this.counter.usedToday());
  }

  send(mail: OutgoingMail): void {
    const recipients = mail.to.length + mail.cc.length;
    if (recipients > this.remainingDailyQuota()) {
      throw new Error('Service invoked too many times for one day: email.');
    }
    fs.mkdirSync(this.outbox, { recursive: true });
    const name = `${Date.now()}-${process.pid}-${String(this.sequence++).padStart(6, '0')}.json`;
    writeFileAtomic(
      path.join(this.outbox, name),
      JSON.stringify({ ...mail, date: this.clock.now().toISOString() }),
    );
    this.counter.add(recipients);
  }

  /**
   * Puts a calendar message in the outbox (the calendar keeps its own daily count). The file is
   * named after the key, so writing the same message twice leaves one.
   */
  sendCalendar(mail: CalendarMail): void {
    fs.mkdirSync(this.outbox, { recursive: true });
    writeFileAtomic(
      path.join(this.outbox, `calendar-${safeName(mail.key)}.json`),
      JSON.stringify({ ...mail, date: this.clock.now().toISOString() }),
    );
  }

  /**
   * Deletes the tool's own copies of messages for these keys, or that name one of `needles`
   * (read decoded, ignoring case): the .eml files under out/mail and the messages still in the
   * outbox. These are the only copies locally (nothing was really sent). Returns how many.
   */
  eraseCopies(request: {
    keys: readonly string[];
    needles: readonly string[];
    apply: boolean;
  }): number {
    const bases = new Set(request.keys.map(safeName));
    const needles = request.needles.map((n) => n.toLowerCase()).filter(Boolean);
    const names = (text: string) => {
      const lower = text.toLowerCase();
      return needles.some((n) => lower.includes(n));
    };
    const doomed: string[] = [];
    for (const dir of cohortFolders(this.root, this.dir)) {
      const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
      for (const file of files.filter((f) => f.endsWith('.eml'))) {
        const base = file.replace(/(\.resent-\d+)?\.eml$/, '');
        const full = path.join(dir, file);
        if (bases.has(base) || names(emlText(fs.readFileSync(full)))) doomed.push(full);
      }
      const outbox = path.join(dir, '.outbox');
      const waiting = fs.existsSync(outbox) ? fs.readdirSync(outbox) : [];
      for (const file of waiting.filter((f) => f.endsWith('.json'))) {
        const full = path.join(outbox, file);
        const text = fs.readFileSync(full, 'utf8');
        const key = (JSON.parse(text) as { key?: string }).key ?? '';
        if (request.keys.includes(key) || names(text)) doomed.push(full);
      }
    }
    if (request.apply) for (const file of doomed) fs.rmSync(file, { force: true });
    return doomed.length;
  }

  /** Composes every message waiting in the outbox into an .eml file; returns how many. */
  async flush(): Promise<number> {
    if (!fs.existsSync(this.outbox)) return 0;
    const waiting = fs
      .readdirSync(this.outbox)
      .filter((f) => f.endsWith('.json'))
      .sort();
    if (waiting.length === 0) return 0;
    // Loaded only when there is a message to compose: most commands send none.
    const nodemailer = require('nodemailer') as typeof Nodemailer;
    const composer = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    });
    for (const file of waiting) {
      const source = path.join(this.outbox, file);
      const mail = JSON.parse(fs.readFileSync(source, 'utf8')) as OutgoingMail &
        Partial<CalendarMail> & { date: string };
      const base = path.join(this.dir, safeName(mail.key));
      if (mail.calendar && fs.existsSync(`${base}.eml`)) {
        fs.rmSync(source); // this very notice was composed before a crash: never a second copy
        continue;
      }
      const info = await composer.sendMail({
        from: { name: mail.senderName, address: mail.replyTo },
        to: mail.to.map((address) => named(address, mail.names)),
        cc: mail.cc.length ? mail.cc.map((address) => named(address, mail.names)) : undefined,
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        date: new Date(mail.date),
        headers: { 'X-Peer-Mentoring-Key': mail.key },
        attachments: (mail.attachments ?? []).map((a) => ({
          filename: a.name,
          path: path.join(this.driveDir, ...a.id.split('/')),
        })),
        ...(mail.calendar
          ? {
              icalEvent: {
                method: mail.calendar.method,
                filename: 'invite.ics',
                content: mail.calendar.ics,
              },
            }
          : {}),
      });
      // A second message for one key (staff asked for a retry) never overwrites the first.
      let target = `${base}.eml`;
      for (let n = 2; fs.existsSync(target); n += 1) target = `${base}.resent-${n}.eml`;
      writeFileAtomic(target, info.message as Buffer);
      fs.rmSync(source);
    }
    return waiting.length;
  }
}

/** "Ann Jones <ann@…>" when the name is known; nodemailer quotes and encodes it. */
function named(
  address: string,
  names: Readonly<Record<string, string>> | undefined,
): string | { name: string; address: string } {
  const name = names?.[address];
  return name ? { name, address } : address;
}

function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9@._-]+/g, '_');
}

/**
 * The live cohort's folder, the root (the first cohort's) and every cohort folder directly in
 * it (out/mail/<cohort>, out/calendar/<cohort>): where an erasure must look.
 */
export function cohortFolders(root: string, live: string): string[] {
  const folders = new Set([path.resolve(live), path.resolve(root)]);
  if (fs.existsSync(root))
    for (const entry of fs.readdirSync(root, { withFileTypes: true }))
      if (entry.isDirectory() && !entry.name.startsWith('.'))
        folders.add(path.resolve(root, entry.name));
  return [...folders];
}
