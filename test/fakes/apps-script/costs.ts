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
  'Sheet.deleteRow': 150,
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
  'FormTriggerBuilder.*': 0,
  'FormTriggerBuilder.create': 300,
  'Trigger.*': 0,

  // FormApp (forms.ts): every method of a form or an item is a round trip to Forms.
  'FormApp.*': 1,
  'FormApp.create': 1500,
  'FormApp.openById': 300,
  'Form.*': 50,
  'Form.getId': 1,
  'Form.setTitle': 100,
  'Form.setDescription': 100,
  'Form.setCollectEmail': 100,
  'Form.setEmailCollectionType': 100,
  'Form.setConfirmationMessage': 100,
  'Form.setAcceptingResponses': 100,
  'Form.setPublished': 300,
  'Form.getItems': 200,
  'Form.getItemById': 100,
  'Form.getResponses': 300,
  'Form.deleteResponse': 300,
  'Form.deleteAllResponses': 300,
  'Form.addTextItem': 200,
  'Form.addParagraphTextItem': 200,
  'Form.addMultipleChoiceItem': 200,
  'Form.addCheckboxItem': 200,
  'Form.addListItem': 200,
  'Form.addScaleItem': 200,
  'Form.addSectionHeaderItem': 200,
  'Form.deleteItem': 200,
  'Form.moveItem': 200,
  'Form.setDestination': 1000,
  'Form.removeDestination': 500,
  ...formItemCosts([
    'Item',
    'TextItem',
    'ParagraphTextItem',
    'MultipleChoiceItem',
    'CheckboxItem',
    'ListItem',
    'ScaleItem',
    'SectionHeaderItem',
  ]),
  'Choice.*': 0,
  'FormResponse.*': 5,
  'ItemResponse.*': 0,

  'Session.*': 5,
  'User.getEmail': 5,
  'Utilities.*': 1,
  'Utilities.sleep': 0, // sleep advances the clock by its argument instead
  'Logger.*': 1,
};

/** An item's getters and casts are cheap once getItems() has fetched it; setters write. */
function formItemCosts(classes: readonly string[]): CostTable {
  const table: CostTable = {};
  for (const c of classes) {
    table[`${c}.*`] = 5;
    for (const setter of ['setTitle', 'setHelpText', 'setRequired', 'setBounds', 'setLabels'])
      table[`${c}.${setter}`] = 100;
    table[`${c}.setChoiceValues`] = 150;
    table[`${c}.setChoices`] = 150;
  }
  return table;
}

/** Cost in ms of one call, given the table and the number of cells touched. */
export function costOf(table: CostTable, className: string, method: string, cells = 0): number {
  const spec = table[`${className}.${method}`] ?? table[`${className}.*`] ?? table['*'] ?? 0;
  if (typeof spec === 'number') return spec;
  return spec.base + (spec.perCell ?? 0) * cells;
}

/**
 * Drive (DriveApp, Folder, File and their iterators). Kept apart from DEFAULT_COSTS: the Drive
 * fake merges it into the runtime's table on its first call (keys already there are kept, so the
 * `costs` option and an earlier `runtime.registerService('Drive', ...)` win).
 */
export const DRIVE_COSTS: CostTable = {
  'DriveApp.*': 200,
  'DriveApp.getFolderById': 200,
  'DriveApp.getFileById': 200,
  'DriveApp.getRootFolder': 200,
  'DriveApp.createFolder': 800,
  'DriveApp.createFile': 800,
  'DriveApp.getFoldersByName': 300,
  'DriveApp.getFilesByName': 300,

  'Folder.*': 100,
  'Folder.getId': 1,
  'Folder.getUrl': 1,
  'Folder.getName': 20,
  'Folder.getDescription': 100,
  'Folder.setDescription': 300,
  'Folder.setName': 300,
  'Folder.createFolder': 800,
  'Folder.createFile': 800,
  'Folder.getFolders': 300,
  'Folder.getFiles': 300,
  'Folder.getFoldersByName': 300,
  'Folder.getFilesByName': 300,
  'Folder.addEditor': 600,
  'Folder.addEditors': { base: 0, perCell: 600 }, // per address
  'Folder.addViewer': 600,
  'Folder.addViewers': { base: 0, perCell: 600 },
  'Folder.removeEditor': 500,
  'Folder.removeViewer': 500,
  'Folder.getEditors': 300,
  'Folder.getViewers': 300,
  'Folder.getOwner': 200,
  'Folder.setSharing': 500,
  'Folder.getSharingAccess': 100,
  'Folder.getSharingPermission': 100,
  'Folder.setTrashed': 500,

  'File.*': 100,
  'File.getId': 1,
  'File.getUrl': 1,
  'File.getName': 20,
  'File.getMimeType': 20,
  'File.getDescription': 100,
  'File.setDescription': 300,
  'File.setName': 300,
  'File.makeCopy': 1200,
  'File.addEditor': 600,
  'File.addEditors': { base: 0, perCell: 600 },
  'File.addViewer': 600,
  'File.addViewers': { base: 0, perCell: 600 },
  'File.removeEditor': 500,
  'File.removeViewer': 500,
  'File.getEditors': 300,
  'File.getViewers': 300,
  'File.getOwner': 200,
  'File.setSharing': 500,
  'File.getSharingAccess': 100,
  'File.getSharingPermission': 100,
  'File.setTrashed': 500,

  'FolderIterator.hasNext': 5,
  'FolderIterator.next': 50,
  'FileIterator.hasNext': 5,
  'FileIterator.next': 50,
};
