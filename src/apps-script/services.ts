import { fnv1a64 } from '../domain/hash';
/**
 * The Apps Script services the adapters use, passed in rather than read from globals so that
 * tests can hand in the in-memory fake. In the deployed bundle they are the real globals.
 */
export interface AppsScriptServices {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  LockService: GoogleAppsScript.Lock.LockService;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  FormApp: GoogleAppsScript.Forms.FormApp;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  SlidesApp: GoogleAppsScript.Slides.SlidesApp;
  /** Blobs from bytes (the combined certificates PDF). */
  Utilities: GoogleAppsScript.Utilities.Utilities;
  /** The Calendar advanced service: undefined until it is turned on for the script. */
  Calendar?: GoogleAppsScript.Calendar;
  Session: GoogleAppsScript.Base.Session;
}

export function globalServices(): AppsScriptServices {
  const g = globalThis as unknown as AppsScriptServices;
  return {
    SpreadsheetApp: g.SpreadsheetApp,
    MailApp: g.MailApp,
    LockService: g.LockService,
    HtmlService: g.HtmlService,
    DriveApp: g.DriveApp,
    FormApp: g.FormApp,
    ScriptApp: g.ScriptApp,
    PropertiesService: g.PropertiesService,
    SlidesApp: g.SlidesApp,
    Utilities: g.Utilities,
    Calendar: g.Calendar,
    Session: g.Session,
  };
}

/** Sheets reads these as formulas, numbers, dates or booleans; form answers must stay text. */
const NOT_PLAIN_TEXT = /^[=+\-@\t\r]|^[\d\s.,:/%$£€()-]+$|^(true|false)$/i;

/** Sheets refuses a cell of more than 50,000 characters (the whole write fails). */
export const MAX_CELL_CHARS = 50_000;

/**
 * Text that fits in a cell: a longer one (a pasted essay, a long history in the Log) is cut
 * with a note saying so, how long it was and its fingerprint (FNV-1a), so nothing is cut
 * without a trace and the write never fails. Room is kept for the apostrophe `inert` may add.
 */
export function fitCell(value: unknown): unknown {
  if (typeof value !== 'string' || value.length < MAX_CELL_CHARS) return value;
  const note = ` … [cut by the Mentoring tool: ${value.length} characters in all, fingerprint ${fnv1a64(value)}; the full text stays in the form's own responses]`;
  return value.slice(0, MAX_CELL_CHARS - 1 - note.length) + note;
}

/** Keeps untrusted text inert: a leading apostrophe makes Sheets store it as text, unshown. */
export function inert(value: unknown): unknown {
  const fitted = fitCell(value);
  return typeof fitted === 'string' && NOT_PLAIN_TEXT.test(fitted) ? `'${fitted}` : fitted;
}
