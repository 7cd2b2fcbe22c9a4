import type { Action, ActionContext, ActionResult } from '../core/action';
import { UserError } from '../domain/errors';
import { FORMS } from '../domain/forms';
import { plural } from '../domain/text';
import { recordResponses } from '../workflows/intake';
import { settingsLeniently } from '../workflows/lenient-settings';
import { UNLINKED } from './set-up-forms';

/**
 * `record-responses` ("Record missed responses"): the forms' own responses are the source of
 * truth, so this reads all of them and records every one not recorded yet, through the same
 * path as a live submission. Recording is idempotent (the same response again changes nothing,
 * each e-mail is keyed in the Log), so it runs after every submission, from the continuation
 * trigger and from the menu, and a submission whose handler failed (lock, quota, a crash) is
 * recorded by the next run. A setting that does not validate takes its default here and is
 * reported: intake never stops on a typo. `only` (form ids) narrows it to those forms: a
 * submission's handler sweeps its own form first, and everything after any failure.
 */
export function recordMissedResponses(
  context: ActionContext,
  only: readonly string[] = [],
): ActionResult {
  const { ports } = context;
  const { settings, problems } = settingsLeniently(ports.workbook);
  if (!ports.forms.submittedResponses) {
    return {
      summary: [
        'Here responses arrive by import only (import --form ... FILE.csv): nothing to record.',
      ],
      data: { forms: {} },
    };
  }
  const lines: string[] = [];
  const unread: string[] = [];
  const data: Record<string, unknown> = {};
  for (const form of Object.values(FORMS)) {
    const { id, link } = settings.forms[form.id];
    if (!id || (only.length > 0 && !only.includes(form.id))) continue;
    const responses = ports.forms.submittedResponses({
      definition: form,
      id,
      link,
      linked: !UNLINKED.includes(form.id),
      timeZone: settings.timeZone,
    });
    if (responses === null) {
      unread.push(form.title);
      continue;
    }
    if (responses.length === 0) continue;
    try {
      const result = recordResponses(context, form, responses, { live: true, settings });
      data[form.id] = result.data;
      lines.push(...result.summary);
    } catch (error) {
      // One form's refusal (a concern with no supervisor to forward it to) must not stop the
      // other forms' recording: its responses stay in the form for the next run.
      if (!(error instanceof UserError)) throw error;
      const line = `"${form.title}" responses wait in the form until the next run: ${error.message}`;
      lines.push(line);
      ports.journal.append([
        {
          time: ports.clock.now(),
          run: context.run,
          action: 'record-responses',
          key: `form-refused:${form.id}`,
          state: 'note' as const,
          detail: line,
        },
      ]);
    }
  }
  if (problems.length) {
    ports.journal.append(
      problems.map((detail) => ({
        time: ports.clock.now(),
        run: context.run,
        action: 'record-responses',
        key: 'settings-problem',
        state: 'note' as const,
        detail,
      })),
    );
  }
  return {
    summary: [
      ...(lines.length ? lines : ['No form has any responses yet.']),
      ...(unread.length
        ? [
            `${plural(unread.length, 'form')} could not be read just now (${unread.join(', ')}): run "Record missed responses" again later, or "Set up forms" if it was deleted.`,
          ]
        : []),
      ...problems.map((p) => `Recorded anyway, with the default for it: ${p}`),
    ],
    data: { forms: data, unread, settingsProblems: problems },
  };
}

/** The `record-responses` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const RECORD_RESPONSES_ACTION: Action = {
  id: 'record-responses',
  archives: true,
  menu: 'Record missed responses',
  functionName: 'recordMissedResponses',
  summary:
    "Record every form response not recorded yet (the forms' own responses are the source of truth); safe to run again.",
  run: (context, args) => recordMissedResponses(context, args.positional),
};
