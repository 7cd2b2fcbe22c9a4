import { loadTable } from '../core/workbook';
import { parseSettingsLeniently, Settings } from '../domain/settings';
import { SETTINGS_TAB } from '../domain/tabs';
import type { WorkbookPort } from '../ports';

/**
 * The settings for work that must not stop on a typo (recording form submissions, deciding who
 * is staff): an invalid value takes its default and comes back as a problem for staff to fix.
 */
export function settingsLeniently(workbook: WorkbookPort): {
  settings: Settings;
  problems: string[];
} {
  const table = loadTable(workbook, SETTINGS_TAB);
  const values = new Map<string, string>();
  table.rows.forEach((_, row) => {
    const key = table.text(row, 'Setting');
    if (key) values.set(key, table.text(row, 'Value'));
  });
  return parseSettingsLeniently(values);
}
