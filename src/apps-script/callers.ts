import { settingsLeniently } from '../workflows/lenient-settings';
import { normaliseEmail } from '../domain/text';
import type { AppsScriptServices } from './services';
import { SheetsWorkbook } from './sheets-workbook';

/**
 * Who may run what. Every top-level function of dist/Code.js can be called by anyone who can
 * open a page this script serves (google.script.run), with the deployer's authority, so each
 * entry point is wrapped here once, by kind, when `entryPoints` is built (never by hand):
 *
 * - `public`: onOpen (adds the menu, reads nothing) and doGet (the gallery's public fields);
 * - `trigger`: the form-submit and continuation handlers; they run only when the event names
 *   one of this project's triggers (or a member of staff calls them), and they never trust the
 *   event's contents: they record what the response tabs and forms hold;
 * - `staff`: everything else; the caller must be the spreadsheet's owner or an editor, or be
 *   listed in "Staff emails". An empty address (Google's answer for a visitor from outside the
 *   domain) is refused.
 */
export type EntryKind = 'public' | 'trigger' | 'staff';

export const NOT_STAFF =
  'Only the scheme\'s staff can do this: ask the scheme lead to share the spreadsheet with you as an editor or to add your Google address to "Staff emails" in Settings.';

/** The caller's address as Google gives it ('' when Google will not say). */
export function callerEmail(services: AppsScriptServices): string {
  try {
    return normaliseEmail(String(services.Session.getActiveUser().getEmail() ?? ''));
  } catch {
    return '';
  }
}

/** The spreadsheet's owner and editors, then "Staff emails": is `email` one of them? */
export function isStaff(services: AppsScriptServices, email: string): boolean {
  if (email === '') return false;
  const spreadsheet = services.SpreadsheetApp.getActiveSpreadsheet();
  const people = new Set<string>();
  const add = (users: () => (GoogleAppsScript.Base.User | null)[]) => {
    try {
      for (const user of users()) if (user) people.add(normaliseEmail(user.getEmail()));
    } catch {
      // Some files (shared drives) have no owner; the editors still decide.
    }
  };
  add(() => spreadsheet.getEditors());
  add(() => [spreadsheet.getOwner()]);
  if (people.has(email)) return true;
  // One broken setting must not lock staff out: the lenient reading keeps the valid ones.
  const { settings } = settingsLeniently(new SheetsWorkbook(services.SpreadsheetApp));
  return settings.staffEmails.map(normaliseEmail).includes(email);
}

/** Whether an event passed to a trigger handler names one of this project's triggers. */
function firedByOwnTrigger(services: AppsScriptServices, event: unknown): boolean {
  const uid =
    event && typeof event === 'object' ? (event as { triggerUid?: unknown }).triggerUid : '';
  if (typeof uid !== 'string' && typeof uid !== 'number') return false;
  if (String(uid) === '') return false;
  // getProjectTriggers lists only the effective user's: in a trigger, its owner's.
  return services.ScriptApp.getProjectTriggers().some((t) => t.getUniqueId() === String(uid));
}

/** Throws the one sentence when the caller may not run an entry point of this kind. */
export function checkCaller(kind: EntryKind, services: AppsScriptServices, args: unknown[]): void {
  if (kind === 'public') return;
  if (kind === 'trigger' && firedByOwnTrigger(services, args[0])) return;
  if (isStaff(services, callerEmail(services))) return;
  throw new Error(NOT_STAFF);
}

/** `fn`, run only after its caller passed the check for `kind`. */
export function guarded<F extends (...args: unknown[]) => unknown>(
  kind: EntryKind,
  fn: F,
  services: () => AppsScriptServices,
): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    checkCaller(kind, services(), args);
    return fn(...args);
  };
}
