import { ACTIONS } from '../actions';
import { Action, newRunId, pageFunctionName } from '../core/action';
import { loadSettings } from '../core/workbook';
import { FORMS } from '../domain/forms';
import { recordResponses } from '../workflows/intake';
import { SUBMIT_HANDLER } from '../actions/set-up-forms';
import { submissionFromEvent } from './form-events';
import { isUserError, staffSentence } from '../domain/errors';
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

/** The web app: the launch-day mentor gallery, every value escaped. */
function doGet(): GoogleAppsScript.HTML.HtmlOutput {
  const services = globalServices();
  const gallery = ACTIONS.find((a) => a.htmlFile === 'gallery.html') as Action;
  try {
    const result = runAction(gallery, services);
    return services.HtmlService.createHtmlOutput((result.data as { html: string }).html)
      .setTitle('Meet the mentors')
      .addMetaTag('viewport', 'width=device-width, initial-scale=1');
  } catch (error) {
    if (!isUserError(error)) console.error(error);
    // Anyone with the link sees this page: the cause stays in the execution log.
    const message = staffSentence(error, { detail: false });
    return services.HtmlService.createHtmlOutput(`<p>${escapeHtml(message)}</p>`);
  }
}

/**
 * The continuation trigger: runs every job whose time has come, then leaves exactly one trigger
 * for the jobs still waiting (none when all are done).
 */
function continueJobs(): void {
  const services = globalServices();
  const ports = appsScriptPorts(services);
  const jobs = ports.jobs as ScriptJobs;
  jobs.triggerFired();
  const now = ports.clock.now().getTime();
  for (const waiting of jobs.pending()) {
    const action = ACTIONS.find((a) => a.resumable && a.id === waiting.job);
    if (!action) {
      jobs.finished(waiting.job);
    } else if (waiting.at.getTime() <= now) {
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

/**
 * The one form-submit handler: routes each response by the form it came from and records it
 * through the same path as a CSV import, under the script lock (submissions arrive in parallel).
 */
function onFormSubmit(event: unknown): void {
  const services = globalServices();
  const lock = services.LockService.getScriptLock();
  lock.waitLock(120_000);
  try {
    const ports = appsScriptPorts(services);
    const settings = loadSettings(ports.workbook);
    const known = Object.values(FORMS)
      .filter((f) => settings.forms[f.id].id)
      .map((f) => ({
        formId: settings.forms[f.id].id,
        url: settings.forms[f.id].link,
        definition: f,
      }));
    const submission = submissionFromEvent(event, known, { timeZone: settings.timeZone });
    if (!submission) {
      console.warn(
        'A form submission came from a form this scheme did not make; it was left alone.',
      );
      return;
    }
    const form = FORMS[submission.definitionId as keyof typeof FORMS];
    recordResponses({ ports, run: newRunId(ports.clock.now()) }, form, [submission], {
      live: true,
    });
    services.SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}

export const entryPoints: Record<string, (...args: unknown[]) => unknown> = {
  onOpen,
  doGet,
  [SUBMIT_HANDLER]: onFormSubmit,
  [CONTINUE_HANDLER]: continueJobs,
  ...Object.fromEntries(MENU_ACTIONS.map((a) => [a.functionName, menuItem(a)])),
  ...Object.fromEntries(EXPOSED_ACTIONS.map((a) => [pageFunctionName(a), serverCall(a)])),
};
