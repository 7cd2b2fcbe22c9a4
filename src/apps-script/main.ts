import { ACTIONS } from '../actions';
import { Action, newRunId, pageFunctionName } from '../core/action';
import { SUBMIT_HANDLER } from '../actions/set-up-forms';
import { isUserError, staffSentence } from '../domain/errors';
import { EntryKind, guarded } from './callers';
import { checkPlatform, cleanUpTestResponses, submitTestResponses } from './live-check';
import { cleanUpThrowawayCohort, isOwnAddress, runThrowawayCohort } from './live-check-cohort';
import { sameForm } from './form-events';
import { settingsLeniently } from '../workflows/lenient-settings';
import { escapeHtml } from '../domain/templates';
import { appsScriptPorts, runAction, runFromMenu } from './run-action';
import { CONTINUE_HANDLER, ScriptJobs } from './script-jobs';
import { globalServices } from './services';

/**
 * The bundle's entry: everything Apps Script calls by name. scripts/build.mjs turns each key of
 * `entryPoints` into a real top-level function of dist/Code.js, so neither the menu nor a page's
 * google.script.run call can name a function that does not exist.
 */
const MENU_ACTIONS = ACTIONS.filter((a) => a.menu);
const EXPOSED_ACTIONS = ACTIONS.filter((a) => a.exposed);

function onOpen(): void {
  const ui = globalServices().SpreadsheetApp.getUi();
  const menu = ui.createMenu('Mentoring');
  for (const action of MENU_ACTIONS) menu.addItem(action.menu as string, action.functionName);
  menu.addToUi();
}

/** A menu item: run the action, or open its page (a dialog wide enough for a table). */
function menuItem(action: Action): () => void {
  return () => {
    const services = globalServices();
    if (!action.page) return runFromMenu(action, services);
    const page = services.HtmlService.createHtmlOutputFromFile(action.page)
      .setWidth(1100)
      .setHeight(720);
    services.SpreadsheetApp.getUi().showModalDialog(page, action.menu ?? action.id);
  };
}

/**
 * A page's server call (google.script.run): string arguments in, the action's data out. A
 * problem staff can fix reaches the page's failure handler as its one sentence.
 */
function serverCall(action: Action): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    try {
      return runAction(action, globalServices(), {
        options: {},
        positional: args.map((a) => String(a ?? '')),
      }).data;
    } catch (error) {
      // The page's failure handler shows the message as it is: give it the staff sentence.
      if (!isUserError(error)) console.error(error);
      throw new Error(staffSentence(error));
    }
  };
}

/**
 * The web app: the launch-day mentor gallery, every value escaped, only the gallery's public
 * fields (names, services, areas, videos). It never takes the script lock: a page view must
 * not wait behind a pair set-up job, nor make a form submission wait.
 */
function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  const services = globalServices();
  const gallery = ACTIONS.find((a) => a.htmlFile === 'gallery.html') as Action;
  try {
    const ports = appsScriptPorts(services);
    const result = gallery.run({ ports, run: newRunId(ports.clock.now()) }, EMPTY_ARGS);
    return services.HtmlService.createHtmlOutput((result.data as { html: string }).html)
      .setTitle('Meet the mentors')
      .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  } catch (error) {
    // A visitor is told nothing about the workbook; staff find the cause in the executions log.
    console.error(error);
    return services.HtmlService.createHtmlOutput(
      `<p>${escapeHtml('The gallery cannot be shown just now; please tell the scheme team.')}</p>`,
    );
  }
}

const EMPTY_ARGS = { options: {}, positional: [] };
const RECORD_RESPONSES = ACTIONS.find((a) => a.id === 'record-responses') as Action;

/**
 * Records every response not recorded yet, under the script lock. When the lock is busy (a
 * long job, other submissions) or anything fails, the continuation trigger is asked to sweep
 * soon: the forms keep the responses, so nothing is lost by waiting.
 */
function sweepResponses(services: ReturnType<typeof globalServices>, only: string[] = []): boolean {
  try {
    runAction(RECORD_RESPONSES, services, { options: {}, positional: only }, 60_000);
    return true;
  } catch (error) {
    if (!isUserError(error)) console.error(error);
    try {
      (appsScriptPorts(services).jobs as ScriptJobs).requestSweep();
    } catch (again) {
      console.error(again); // the next submission or staff's menu item records it instead
    }
    return false;
  }
}

/**
 * The continuation trigger: records any response a submission's handler missed, runs every job
 * whose time has come, then leaves exactly one trigger for the jobs still waiting.
 */
function continueJobs(): void {
  const services = globalServices();
  const ports = appsScriptPorts(services);
  const jobs = ports.jobs as ScriptJobs;
  jobs.triggerFired();
  if (sweepResponses(services)) jobs.sweepDone();
  const now = ports.clock.now().getTime();
  for (const waiting of jobs.pending()) {
    const action = ACTIONS.find((a) => a.resumable && a.id === waiting.job);
    if (!action) {
      jobs.finished(waiting.job);
    } else if (waiting.at.getTime() <= now) {
      // Waiting for the rolling 24-hour mail quota: one cheap question, not a whole run.
      if (/^daily e-mail limit/.test(waiting.reason) && quotaLeft(services) <= 0) {
        jobs.continueLater(waiting.job, new Date(now + 3_600_000), waiting.reason);
        continue;
      }
      try {
        runAction(action, services);
      } catch (error) {
        // Try again in an hour rather than every minute; status shows staff why it waits.
        console.error(error);
        jobs.continueLater(
          waiting.job,
          new Date(now + 3_600_000),
          `stopped by a problem: ${staffSentence(error)}`,
        );
      }
    }
  }
  jobs.ensureTrigger();
}

function quotaLeft(services: ReturnType<typeof globalServices>): number {
  try {
    return services.MailApp.getRemainingDailyQuota();
  } catch {
    return 1; // unknown: let the job find out
  }
}

/**
 * The one form-submit handler (spreadsheet and concern form alike). It does not read the
 * event's answers: it sweeps the forms' own responses, which records this one and any earlier
 * one whose handler failed, exactly once each (see record-missed-responses).
 */
function onFormSubmit(event: unknown): void {
  const services = globalServices();
  const jobs = appsScriptPorts(services).jobs as ScriptJobs;
  // The event only says which form to sweep (the cheap, usual case); after any earlier failure
  // every form is swept. Its answers are never read.
  const form = jobs.sweepRequested() ? null : formOfEvent(services, event);
  if (sweepResponses(services, form ? [form] : []) && !form) jobs.sweepDone();
}

/** The scheme's form an onFormSubmit event names (by its source or response tab), if any. */
function formOfEvent(services: ReturnType<typeof globalServices>, event: unknown): string | null {
  try {
    const e = event as {
      source?: { getId?(): string };
      range?: { getSheet?(): { getFormUrl(): string | null } };
    };
    const formId = typeof e?.source?.getId === 'function' ? e.source.getId() : '';
    const url = e?.range?.getSheet?.().getFormUrl() ?? '';
    const { settings } = settingsLeniently(appsScriptPorts(services).workbook);
    for (const [id, form] of Object.entries(settings.forms)) {
      if (!form.id) continue;
      if (formId === form.id || (url && sameForm(url, { formId: form.id, url: form.link })))
        return id;
    }
  } catch {
    // Not a submit event we can read: sweep everything.
  }
  return null;
}

/** Each entry point, allowed only to the callers its kind allows (see callers.ts). */
function entry(
  kind: EntryKind,
  fn: (...args: unknown[]) => unknown,
): (...args: unknown[]) => unknown {
  return guarded(kind, fn, globalServices);
}

/**
 * For `npm run check:live` (the Apps Script API's scripts.run, as the deployer): an action by
 * its id with positional arguments, its summary and data returned (no dialog: the API has no UI).
 */
function liveCheckRun(id: unknown, ...positional: unknown[]): unknown {
  const action = ACTIONS.find((a) => a.id === String(id));
  if (!action) throw new Error(`There is no action "${String(id)}".`);
  try {
    const result = runAction(action, globalServices(), {
      options: {},
      positional: positional.map((p) => String(p ?? '')),
    });
    return { summary: result.summary, data: result.data ?? null };
  } catch (error) {
    if (isUserError(error)) return { summary: [error.message], data: null, problem: true };
    throw error;
  }
}

function liveCheckSubmit(): unknown {
  const services = globalServices();
  const { settings } = settingsLeniently(appsScriptPorts(services).workbook);
  const ids = Object.fromEntries(Object.entries(settings.forms).map(([k, v]) => [k, v.id]));
  // A test concern is forwarded by e-mail to the supervisor and the scheme lead: only when
  // both are the deployer's own addresses, so the check e-mails no real person.
  const me = services.Session.getActiveUser().getEmail();
  const own = [settings.supervisorEmail, settings.schemeLeadEmail].every(
    (a) => a && isOwnAddress(a, me),
  );
  if (!own) delete ids.concern;
  return [
    ...submitTestResponses(services, ids),
    ...(own || !settings.forms.concern.id
      ? []
      : [
          {
            form: 'concern',
            submitted: false,
            skipped: true,
            detail:
              'not tried: a test concern would be e-mailed to the Supervisor email and Scheme lead email in Settings, which are not your own addresses',
          },
        ]),
  ];
}

export const entryPoints: Record<string, (...args: unknown[]) => unknown> = {
  onOpen: entry('public', onOpen),
  doGet: entry('public', doGet),
  [SUBMIT_HANDLER]: entry('trigger', onFormSubmit),
  [CONTINUE_HANDLER]: entry('trigger', continueJobs),
  ...Object.fromEntries(MENU_ACTIONS.map((a) => [a.functionName, entry('staff', menuItem(a))])),
  ...Object.fromEntries(
    EXPOSED_ACTIONS.map((a) => [pageFunctionName(a), entry('staff', serverCall(a))]),
  ),
  liveCheckPlatform: entry('staff', () => checkPlatform(globalServices())),
  liveCheckSubmit: entry('staff', liveCheckSubmit),
  liveCheckRun: entry('staff', liveCheckRun as (...args: unknown[]) => unknown),
  liveCheckCohort: entry('staff', () => runThrowawayCohort(globalServices())),
  // The test responses first, then the throwaway cohort: each says nothing when nothing is left.
  liveCheckCleanUp: entry('staff', () => [
    ...cleanUpTestResponses(globalServices()),
    ...cleanUpThrowawayCohort(globalServices()),
  ]),
};
