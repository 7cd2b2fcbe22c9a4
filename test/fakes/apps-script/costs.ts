/**
 * Modelled latency of each service call in virtual milliseconds, applied when `latency: true`.
 * Keys: 'Class.method', then 'Class.*' as the class default, then '*' as the global default.
 * A cost is a number or { base, perCell } (perCell times the cells the call reads or writes).
 * See README.md for the table in prose.
 */
export type CostSpec = number | { base: number; perCell?: number };
export type CostTable = Record<string, CostSpec>;

export const DEFAULT_COSTS: CostTable = {
  '*': 1,

  'SpreadsheetApp.*': 1,
  'SpreadsheetApp.getActiveSpreadsheet': 50,
  'SpreadsheetApp.getActive': 50,
  'SpreadsheetApp.getUi': 10,
  'SpreadsheetApp.flush': 100,

  'Spreadsheet.*': 5,
  'Spreadsheet.getId': 1,
  'Spreadsheet.getUrl': 1,
  'Spreadsheet.getSheetByName': 30,
  'Spreadsheet.getSheets': 30,
  'Spreadsheet.insertSheet': 300,
  'Spreadsheet.getSpreadsheetTimeZone': 20,
  'Spreadsheet.toast': 50,

  'Sheet.*': 10,
  'Sheet.getRange': 10,
  'Sheet.getName': 1,
  'Sheet.getSheetId': 1,
  'Sheet.getParent': 1,
  'Sheet.getDataRange': 20,
  'Sheet.getLastRow': 20,
  'Sheet.getLastColumn': 20,
  'Sheet.appendRow': 150,
  'Sheet.insertRowsAfter': 100,
  'Sheet.insertColumnsAfter': 100,
  'Sheet.setFrozenRows': 50,

  'Range.*': 0,
  'Range.getValue': 80,
  'Range.getDisplayValue': 80,
  'Range.getFormula': 80,
  'Range.getValues': { base: 100, perCell: 0.05 },
  'Range.getDisplayValues': { base: 100, perCell: 0.05 },
  'Range.getFormulas': { base: 100, perCell: 0.05 },
  'Range.getNumberFormat': 50,
  'Range.getNumberFormats': { base: 100, perCell: 0.05 },
  'Range.getDataValidation': 50,
  'Range.getDataValidations': { base: 100, perCell: 0.05 },
  'Range.getFontWeight': 50,
  'Range.setValue': 100,
  'Range.setValues': { base: 150, perCell: 0.1 },
  'Range.setNumberFormat': 60,
  'Range.setNumberFormats': { base: 100, perCell: 0.05 },
  'Range.setDataValidation': 100,
  'Range.setFontWeight': 60,
  'Range.clearContent': 80,

  'DataValidationBuilder.*': 0,
  'DataValidation.*': 0,

  'Ui.*': 50,
  'Ui.createMenu': 1,
  'Ui.showModalDialog': 100,
  'Ui.showModelessDialog': 100,
  'Ui.showSidebar': 100,
  'Menu.*': 0,
  'Menu.addToUi': 20,
  'HtmlService.*': 5,
  'HtmlOutput.*': 0,

  'MailApp.sendEmail': 400,
  'MailApp.getRemainingDailyQuota': 50,

  'LockService.*': 20,
  'Lock.*': 20,
  'Lock.hasLock': 0,

  'PropertiesService.*': 10,
  'Properties.*': 40,
  'Properties.setProperties': 60,

  'ScriptApp.*': 1,
  'ScriptApp.getProjectTriggers': 100,
  'ScriptApp.deleteTrigger': 200,
  'TriggerBuilder.*': 0,
  'ClockTriggerBuilder.*': 0,
  'ClockTriggerBuilder.create': 300,
  'SpreadsheetTriggerBuilder.*': 0,
  'SpreadsheetTriggerBuilder.create': 300,
  'Trigger.*': 0,

  'Session.*': 5,
  'User.getEmail': 5,
  'Utilities.*': 1,
  'Utilities.sleep': 0, // sleep advances the clock by its argument instead
  'Logger.*': 1,
};

/** Cost in ms of one call, given the table and the number of cells touched. */
export function costOf(table: CostTable, className: string, method: string, cells = 0): number {
  const spec = table[`${className}.${method}`] ?? table[`${className}.*`] ?? table['*'] ?? 0;
  if (typeof spec === 'number') return spec;
  return spec.base + (spec.perCell ?? 0) * cells;
}
