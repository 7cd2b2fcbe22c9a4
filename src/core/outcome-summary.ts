import type { EffectOutcome } from './effect-ledger';
import { plural } from '../domain/text';

/** The lines every bulk action prints about its effects, in the same words everywhere. */
export function outcomeSummary(
  counts: Record<EffectOutcome, number>,
  noun: string,
  uncertain: readonly string[],
  nouns = `${noun}s`,
  /** What happens to e-mails queued for tomorrow's quota. */
  queuedNext = 'Run this again tomorrow and they will go then.',
): string[] {
  const lines = [
    `Sent ${plural(counts.done, noun, nouns)}${counts['already-done'] ? `; ${counts['already-done']} had already been sent` : ''}.`,
  ];
  if (counts.queued) {
    lines.push(`${plural(counts.queued, noun, nouns)} queued: daily e-mail limit. ${queuedNext}`);
  }
  if (counts.failed)
    lines.push(`${plural(counts.failed, noun, nouns)} failed: see the Log tab for why.`);
  if (uncertain.length) {
    lines.push(
      `${plural(uncertain.length, noun, nouns)} may or may not have gone (a run stopped while sending): ${uncertain.join(', ')}. Check with the person, then set that row's State in the Log tab to "retry" to send it again.`,
    );
  }
  return lines;
}

/**
 * What a tab's e-mail column says of one effect, in the same words for every job: only the
 * person to check with when it is uncertain differs ("the pair", "the mentor", "them").
 */
export function mailOutcomeWords(checkWith: string): Record<EffectOutcome, string> {
  return {
    done: 'Sent',
    'already-done': 'Sent',
    queued: 'Queued: daily e-mail limit',
    uncertain: `Uncertain: check with ${checkWith}, then set the Log row to retry`,
    failed: 'Failed: see the Log',
  };
}
