import type { Settings } from '../domain/settings';
import { renderTemplate, Template } from '../domain/templates';
import { UserError } from '../domain/errors';
import { isValidEmail } from '../domain/text';
import type { MailPort } from '../ports';
import type { EffectLedger, EffectOutcome } from './effect-ledger';

export interface MailRequest {
  key: string;
  template: string;
  to: string[];
  cc?: string[];
  values: Record<string, string>;
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
    const values = {
      Scheme: this.settings.schemeName,
      Cohort: this.settings.cohort,
      ReplyTo: this.settings.replyTo,
      SchemeStart: this.settings.schemeStart,
      SchemeEnd: this.settings.schemeEnd,
      SupervisorName: this.settings.supervisorName,
      SupervisorEmail: this.settings.supervisorEmail,
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
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        replyTo: this.settings.replyTo,
        senderName: this.settings.senderName,
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
