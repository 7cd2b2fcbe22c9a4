import type { FakeRuntime } from './runtime';

type MailAppMethods = 'sendEmail' | 'getRemainingDailyQuota';
type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;

export type AccountKind = 'consumer' | 'workspace';
/** Recipients per day (To + Cc + Bcc each count). */
export const DAILY_MAIL_QUOTA: Record<AccountKind, number> = { consumer: 100, workspace: 1500 };

export interface SentMail {
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody?: string;
  replyTo?: string;
  name?: string;
  noReply?: boolean;
  /** Every address (To, Cc, Bcc), bare, in that order. */
  recipients: string[];
  /** Attached blobs: name, type and content (as text, and as bytes for a binary one: a PDF). */
  attachments?: {
    name: string | null;
    contentType: string | null;
    data: string;
    bytes: Uint8Array;
  }[];
  at: Date;
}

const DAY_MS = 24 * 3_600_000;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** MailApp: records instead of sending; enforces the daily recipient quota and address syntax. */
export class FakeMailApp implements Pick<GoogleAppsScript.Mail.MailApp, MailAppMethods> {
  /** Recipients used, by when: Google's quota is a rolling 24 hours, not a calendar day. */
  private readonly uses: { at: number; n: number }[] = [];
  readonly quota: number;

  constructor(
    private readonly rt: FakeRuntime,
    account: AccountKind,
    private readonly sent: SentMail[],
  ) {
    this.quota = DAILY_MAIL_QUOTA[account];
    rt.registerService('Mail', ['MailApp']);
  }

  /** Recipients left now (uncounted): the quota less what was used in the last 24 hours. */
  remaining(): number {
    const since = this.rt.clock.nowMs() - DAY_MS;
    while (this.uses.length && this.uses[0].at <= since) this.uses.shift();
    return this.quota - this.uses.reduce((n, u) => n + u.n, 0);
  }

  /** Uses up `n` recipients of the quota now (e.g. to start a test near the limit). */
  consumeQuota(n: number): void {
    this.uses.push({ at: this.rt.clock.nowMs(), n: Math.min(n, this.remaining()) });
  }

  getRemainingDailyQuota(): number {
    this.rt.hit('MailApp', 'getRemainingDailyQuota');
    return this.remaining();
  }

  sendEmail(
    first: string | MailOptions,
    second?: string,
    third?: string,
    fourth?: string | MailOptions,
  ): void {
    this.rt.hit('MailApp', 'sendEmail');
    const m = this.normalise(first, second, third, fourth);
    const to = this.addresses(m.to);
    const cc = this.addresses(m.cc);
    const bcc = this.addresses(m.bcc);
    if (m.replyTo) this.addresses(m.replyTo);
    const recipients = [...to, ...cc, ...bcc];
    if (recipients.length === 0) throw this.rt.error('Failed to send email: no recipient');
    if (recipients.length > this.remaining()) {
      throw this.rt.error('Service invoked too many times for one day: email.');
    }
    this.uses.push({ at: this.rt.clock.nowMs(), n: recipients.length });
    this.sent.push({
      to: m.to ?? '',
      cc: m.cc ?? '',
      bcc: m.bcc ?? '',
      subject: m.subject ?? '',
      body: m.body ?? '',
      htmlBody: m.htmlBody,
      replyTo: m.replyTo,
      name: m.name,
      noReply: m.noReply,
      recipients,
      at: this.rt.clock.now(),
      ...(m.attachments?.length
        ? {
            attachments: m.attachments.map((a) => {
              const blob = a as unknown as {
                getName(): string | null;
                getContentType(): string | null;
                getDataAsString(): string;
                getBytes(): number[];
              };
              return {
                name: blob.getName(),
                contentType: blob.getContentType(),
                data: blob.getDataAsString(),
                bytes: Uint8Array.from(blob.getBytes()),
              };
            }),
          }
        : {}),
    });
  }

  /** Maps the four overloads onto one message object. */
  private normalise(
    first: string | MailOptions,
    second?: string,
    third?: string,
    fourth?: string | MailOptions,
  ): MailOptions {
    const args = [first, second, third, fourth].filter((a) => a !== undefined);
    if (typeof first === 'object' && first !== null && second === undefined) return { ...first };
    if (typeof first !== 'string' || typeof second !== 'string' || typeof third !== 'string') {
      throw this.rt.signatureError(args, 'MailApp.sendEmail');
    }
    if (typeof fourth === 'string') {
      return { to: first, replyTo: second, subject: third, body: fourth };
    }
    return { ...(fourth ?? {}), to: first, subject: second, body: third };
  }

  /** Bare addresses of a comma-separated list ('Name <a@b.org>' accepted); throws on bad ones. */
  private addresses(list: string | undefined): string[] {
    if (list === undefined || list === null) return [];
    const out: string[] = [];
    for (const part of String(list).split(',')) {
      const text = part.trim();
      if (!text) continue;
      const address = /<([^<>]*)>\s*$/.exec(text)?.[1]?.trim() ?? text;
      if (!EMAIL.test(address)) throw this.rt.error(`Invalid email: ${text}`);
      out.push(address);
    }
    return out;
  }
}
