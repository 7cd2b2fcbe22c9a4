import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { ClockPort, MailPort, OutgoingMail } from '../ports';

/**
 * "Sends" e-mail by writing each message as an .eml file (open it in any mail program) under
 * out/mail/, named after its effect key. Enforces a daily recipient limit like Google's, so the
 * queue-and-continue path is the same as in Apps Script.
 */
export class EmlMail implements MailPort {
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });

  constructor(
    private readonly dir: string,
    private readonly clock: ClockPort,
    private readonly dailyLimit: () => Promise<number>,
  ) {}

  async remainingDailyQuota(): Promise<number> {
    return Math.max(0, (await this.dailyLimit()) - this.usedToday());
  }

  async send(mail: OutgoingMail): Promise<void> {
    const recipients = mail.to.length + mail.cc.length;
    if (recipients > (await this.remainingDailyQuota())) {
      throw new Error('Service invoked too many times for one day: email.');
    }
    const info = await this.composer.sendMail({
      from: { name: mail.senderName, address: mail.replyTo },
      to: mail.to,
      cc: mail.cc.length ? mail.cc : undefined,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: this.clock.now(),
      headers: { 'X-Peer-Mentoring-Key': mail.key },
    });
    fs.mkdirSync(this.dir, { recursive: true });
    const base = path.join(this.dir, mail.key.replace(/[^A-Za-z0-9@._-]+/g, '_'));
    // A second message for one key (staff asked for a retry) never overwrites the first.
    let file = `${base}.eml`;
    for (let n = 2; fs.existsSync(file); n += 1) file = `${base}.resent-${n}.eml`;
    const temp = `${file}.tmp`;
    fs.writeFileSync(temp, info.message as Buffer);
    fs.renameSync(temp, file);
    this.recordUse(recipients);
  }

  private quotaFile(): string {
    return path.join(this.dir, '.daily-quota.json');
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  private usedToday(): number {
    try {
      const state = JSON.parse(fs.readFileSync(this.quotaFile(), 'utf8')) as {
        day: string;
        used: number;
      };
      return state.day === this.today() ? state.used : 0;
    } catch {
      return 0;
    }
  }

  private recordUse(recipients: number): void {
    const state = { day: this.today(), used: this.usedToday() + recipients };
    fs.writeFileSync(this.quotaFile(), JSON.stringify(state));
  }
}
