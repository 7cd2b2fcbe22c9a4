import { Action, ActionArgs, ActionResult, newRunId } from '../core/action';
import { isUserError, staffSentence, UserError } from '../domain/errors';
import { loadSettings } from '../core/workbook';
import type {
  ArchivePort,
  CalendarPort,
  CertificatesPort,
  DrivePort,
  FormsPort,
  JobsPort,
  Ports,
} from '../ports';
import { AppsScriptCalendar } from './calendar-api';
import { AppsScriptDrive } from './drive-app';
import { AppsScriptForms, type TriggerOwners } from './forms-app';
import { isStaff } from './callers';
import { AppsScriptMail } from './mail-app';
import { ScriptJobs } from './script-jobs';
import { AppsScriptServices } from './services';
import { SheetJournal } from './sheet-journal';
import { cohortScope } from '../core/cohort-scope';
import { migrateLayout } from '../actions/init';
import { LAYOUT_VERSION } from '../domain/settings';
import { SheetsArchives } from './sheets-archives';
import { SheetsReports } from './sheets-reports';
import { settingsLeniently } from '../workflows/lenient-settings';
import { SheetsWorkbook } from './sheets-workbook';
import { SlidesCertificates } from './slides-certificates';

export function appsScriptPorts(services: AppsScriptServices, startedAt = new Date()): Ports {
  const clock = { now: () => new Date() };
  // Services an action may not need are opened on first use: every call costs time.
  let drive: DrivePort | undefined;
  let forms: FormsPort | undefined;
  let jobs: JobsPort | undefined;
  let certificates: CertificatesPort | undefined;
  let calendar: CalendarPort | undefined;
  let archives: ArchivePort | undefined;
  const workbook = new SheetsWorkbook(services.SpreadsheetApp);
  return {
    workbook,
    journal: new SheetJournal(services.SpreadsheetApp),
    mail: new AppsScriptMail(services.MailApp, services.DriveApp),
    clock,
    reports: new SheetsReports(services.SpreadsheetApp),
    get archives() {
      // Read once per execution: the root folder and time zone do not change within one.
      let scheme: { rootFolderId: string; timeZone: string } | undefined;
      let timeZone: string | undefined;
      return (archives ??= new SheetsArchives(
        services.SpreadsheetApp,
        services.DriveApp,
        () =>
          (scheme ??= {
            // Leniently: a typo in another setting must not stop intake reading past cohorts.
            rootFolderId: settingsLeniently(workbook).settings.rootFolderId,
            // Only making an archive needs it.
            get timeZone() {
              return (timeZone ??=
                services.SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
            },
          }),
      ));
    },
    operator: () => {
      try {
        return services.Session.getActiveUser().getEmail() || 'staff';
      } catch {
        return 'staff';
      }
    },
    get drive() {
      return (drive ??= new AppsScriptDrive(services.DriveApp));
    },
    get forms() {
      return (forms ??= new AppsScriptForms(
        services.FormApp,
        services.ScriptApp,
        services.SpreadsheetApp.getActiveSpreadsheet(),
        services.DriveApp,
        triggerOwners(services),
      ));
    },
    get jobs() {
      return (jobs ??= new ScriptJobs(
        services.ScriptApp,
        services.PropertiesService.getScriptProperties(),
        clock,
        startedAt,
        undefined,
        () => triggerOwners(services).me(),
      ));
    },
    get certificates() {
      return (certificates ??= new SlidesCertificates(
        services.DriveApp,
        services.SlidesApp,
        services.Utilities,
      ));
    },
    get calendar() {
      let scheme:
        { calendarId: string; namespace: string; dailyLimit: number; timeZone: string } | undefined;
      return (calendar ??= new AppsScriptCalendar(
        services.Calendar,
        services.PropertiesService.getScriptProperties(),
        clock,
        () => {
          if (!scheme) {
            const settings = loadSettings(workbook);
            scheme = {
              calendarId: settings.calendarId,
              // After the first cohort, event IDs carry the cohort: cohort 2's session S1 is
              // never cohort 1's event (core/cohort-scope.ts).
              namespace: [
                services.SpreadsheetApp.getActiveSpreadsheet().getId(),
                cohortScope(this.archives, settings.cohort),
              ]
                .filter(Boolean)
                .join('|cohort:'),
              dailyLimit: settings.dailyInvitationLimit,
              timeZone: settings.timeZone,
            };
          }
          return scheme;
        },
      ));
    },
  };
}

const TRIGGER_OWNER = 'peer-mentoring.trigger-owner';

function triggerOwners(services: AppsScriptServices): TriggerOwners {
  const properties = services.PropertiesService.getScriptProperties();
  return {
    me: () => {
      try {
        return services.Session.getEffectiveUser().getEmail().trim().toLowerCase();
      } catch {
        return '';
      }
    },
    recorded: () => properties.getProperty(TRIGGER_OWNER),
    record: (email) => properties.setProperty(TRIGGER_OWNER, email),
    stillStaff: (email) => isStaff(services, email),
  };
}

/** A Drive copy of the bound spreadsheet as it is now, beside it: before a layout migration. */
function keepDriveCopy(services: AppsScriptServices): string {
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const copy = services.DriveApp.getFileById(spreadsheet.getId()).makeCopy(
    `${spreadsheet.getName()} (before layout v${LAYOUT_VERSION})`,
  );
  return copy.getUrl();
}

/**
 * Runs an action under the script lock, so two staff clicking at once (or a click during a
 * form submission) never interleave their reads and writes.
 */
export function runAction(
  action: Action,
  services: AppsScriptServices,
  args: ActionArgs = { options: {}, positional: [] },
  waitMs = 30_000,
): ActionResult {
  const lock = services.LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) {
    throw new UserError('Another Mentoring action is still running: please try again in a minute.');
  }
  try {
    const ports = appsScriptPorts(services);
    const context = { ports, run: newRunId(ports.clock.now()) };
    const migrated = migrateLayout(context, () => keepDriveCopy(services));
    const result = action.run(context, args);
    services.SpreadsheetApp.flush();
    return migrated.length ? { ...result, summary: [...migrated, ...result.summary] } : result;
  } finally {
    lock.releaseLock();
  }
}

/** What a menu click does: run the action and show its summary, or one plain sentence. */
export function runFromMenu(action: Action, services: AppsScriptServices): void {
  const ui = services.SpreadsheetApp.getUi();
  const title = action.menu ?? action.id;
  try {
    // An action that takes an address asks for it; one that changes much asks before it does.
    const positional: string[] = [];
    if (action.prompt) {
      const answer = ui.prompt(title, action.prompt, ui.ButtonSet.OK_CANCEL);
      if (answer.getSelectedButton() !== ui.Button.OK) return;
      positional.push(answer.getResponseText().trim());
    }
    let options: Record<string, string | boolean> = {};
    if (action.confirm) {
      const preview = runAction(action, services, {
        options: { ...action.confirm.preview },
        positional,
      });
      const nothing = /^Nothing /.test(preview.summary[0] ?? '');
      if (nothing) {
        ui.alert(title, preview.summary.join('\n'), ui.ButtonSet.OK);
        return;
      }
      const go = ui.alert(
        title,
        [...preview.summary, '', 'Go ahead?'].join('\n'),
        ui.ButtonSet.YES_NO,
      );
      if (go !== ui.Button.YES) return;
      options = { ...action.confirm.apply };
    }
    const result = runAction(action, services, { options, positional });
    const lines = [...result.summary];
    if (action.resumable) {
      const other = (appsScriptPorts(services).jobs as ScriptJobs).triggerOwnedByOther();
      if (other)
        lines.push(
          `It continues automatically through ${other}'s trigger (Google shows each person only their own), so none was added for you.`,
        );
    }
    ui.alert(title, lines.join('\n'), ui.ButtonSet.OK);
  } catch (error) {
    if (!isUserError(error)) console.error(error);
    ui.alert(title, staffSentence(error), ui.ButtonSet.OK);
  }
}
