import { requirePeopleSettings, type Settings } from '../domain/settings';
import { renderTemplate, Template } from '../domain/templates';
import { UserError } from '../domain/errors';
import { isValidEmail } from '../domain/text';
import type { DriveItem, MailPort } from '../ports';
import type { EffectLedger, EffectOutcome } from './effect-ledger';

export interface MailRequest {
  key: string;
  template: string;
  to: string[];
  cc?: string[];
  /** Display names by address, for the To: and Cc: lines ("Ann Jones <ann@…>"). */
  names?: Readonly<Record<string, string>>;
  values: Record<string, string>;
  /** Files sent with the message (a certificate). */
  attachments?: DriveItem[];
}

/**
 * Sends templated e-mails exactly once each, within the day's quota. The quota is asked once
 * per run and counted down here, so a big run costs one quota call, not one per e-mail; what
 * does not fit is reported as queued and goes out on a later run.
 */
export class Mailer {
  private remaining: number | null = null;

  constructor(
    private readonly mail: MailPort,
    private readonly ledger: EffectLedger,
    private readonly settings: Settings,
    private readonly templates: ReadonlyMap<string, Template>,
  ) {}

  /** What the Log already says of this e-mail ('already-done', 'uncertain'), or null. */
  known(key: string): EffectOutcome | null {
    const state = this.ledger.state(key);
    return state === 'done' ? 'already-done' : state === 'uncertain' ? 'uncertain' : null;
  }

  /** Recipients that can still be sent to today (asked of the mail service once per run). */
  quotaLeft(): number {
    if (this.remaining === null) this.remaining = this.mail.remainingDailyQuota();
    return this.remaining;
  }

  send(request: MailRequest): EffectOutcome {
    const state = this.ledger.state(request.key);
    if (state === 'done') return 'already-done';
    if (state === 'uncertain') return 'uncertain';
    const template = this.templates.get(request.template);
    if (!template) {
      throw new UserError(
        `The Templates tab has no "${request.template}" template: run "Set up workbook" to restore it.`,
      );
    }
    // Every e-mail comes from Reply-to; one that names the supervisor needs them filled in.
    requirePeopleSettings(
      this.settings,
      ['replyTo'],
      `every e-mail comes from it, such as the "${request.template}" e-mail`,
    );
    const uses = `${template.subject}\n${template.body}`;
    requirePeopleSettings(
      this.settings,
      (['supervisorName', 'supervisorEmail'] as const).filter((f) =>
        uses.includes(f === 'supervisorName' ? '{{SupervisorName}}' : '{{SupervisorEmail}}'),
      ),
      `the "${request.template}" e-mail names the supervisor`,
    );
    const values = {
      Scheme: this.settings.schemeName,
      Cohort: this.settings.cohort,
      ReplyTo: this.settings.replyTo,
      SchemeStart: this.settings.schemeStart,
      SchemeEnd: this.settings.schemeEnd,
      SupervisorName: this.settings.supervisorName,
      SupervisorEmail: this.settings.supervisorEmail,
      ConcernFormLink:
        this.settings.forms.concern.link || 'ask the scheme team for the concern form link',
      // The supervisor's own booking page (Google's appointment schedules have no API).
      SupervisorBooking:
        this.settings.supervisorBookingLink || `write to ${this.settings.supervisorEmail}`,
      ...request.values,
    };
    const rendered = renderTemplate(template, values);
    const to = request.to.map((e) => e.trim());
    const cc = (request.cc ?? []).map((e) => e.trim());
    const invalid = [...to, ...cc].filter((e) => !isValidEmail(e));
    if (invalid.length > 0) {
      return this.ledger.once(
        request.key,
        `not sent: invalid address ${invalid.join(', ')}`,
        () => {
          throw new Error(`Invalid e-mail address: ${invalid.join(', ')}`);
        },
      );
    }
    const recipients = to.length + cc.length;
    if (recipients > this.quotaLeft()) return 'queued';
    this.remaining = this.quotaLeft() - recipients;
    const detail = `to ${[...to, ...cc].join(', ')}: ${rendered.subject}`;
    return this.ledger.once(request.key, detail, () =>
      this.mail.send({
        key: request.key,
        to,
        cc,
        ...(request.names ? { names: namesOf([...to, ...cc], request.names) } : {}),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        replyTo: this.settings.replyTo,
        senderName: this.settings.senderName,
        ...(request.attachments?.length ? { attachments: request.attachments } : {}),
      }),
    );
  }
}

/** Counts outcomes for the run's summary. */
export function tally(outcomes: readonly EffectOutcome[]): Record<EffectOutcome, number> {
  const counts: Record<EffectOutcome, number> = {
    done: 0,
    'already-done': 0,
    uncertain: 0,
    failed: 0,
    queued: 0,
  };
  for (const o of outcomes) counts[o] += 1;
  return counts;
}

/** The display names of these addresses (looked up as written and in lower case). */
function namesOf(
  addresses: readonly string[],
  names: Readonly<Record<string, string>>,
): Record<string, string> {
  const lower = new Map(Object.entries(names).map(([a, n]) => [a.trim().toLowerCase(), n]));
  const found: Record<string, string> = {};
  for (const address of addresses) {
    const name = (lower.get(address.toLowerCase()) ?? '').replace(/[\r\n]+/g, ' ').trim();
    if (name) found[address] = name;
  }
  return found;
}
