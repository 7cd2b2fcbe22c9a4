import { requirePeopleSettings, type Settings } from '../domain/settings';
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
    if (this.remaining === null) this.remaining = this.mail.remainingDailyQuota();
    if (recipients > this.remaining) return 'queued';
    this.remaining -= recipients;
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
