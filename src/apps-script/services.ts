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
    Session: g.Session,
  };
}

/** Sheets reads these as formulas, numbers, dates or booleans; form answers must stay text. */
const NOT_PLAIN_TEXT = /^[=+\-@\t\r]|^[\d\s.,:/%$£€()-]+$|^(true|false)$/i;

/** Keeps untrusted text inert: a leading apostrophe makes Sheets store it as text, unshown. */
export function inert(value: unknown): unknown {
  return typeof value === 'string' && NOT_PLAIN_TEXT.test(value) ? `'${value}` : value;
}
