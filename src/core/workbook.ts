import { DEFAULT_TEMPLATES, Template } from '../domain/templates';
import { DEFAULT_SETTINGS, parseSettings, Settings } from '../domain/settings';
import { headerKey } from '../domain/text';
import { Table, TabSpec } from '../domain/table';
import { SETTINGS_TAB, TEMPLATES_TAB } from '../domain/tabs';
import type { WorkbookPort } from '../ports';

/** One batched read of a tab, as a Table that finds its columns by header name. */
export function loadTable(workbook: WorkbookPort, spec: TabSpec): Table {
  return new Table(spec, workbook.readTab(spec.name));
}

/** One batched write, and only when something changed. */
export function saveTable(workbook: WorkbookPort, table: Table): boolean {
  if (!table.dirty) return false;
  workbook.writeTab(table.spec, table.toData());
  return true;
}

export function loadSettings(workbook: WorkbookPort): Settings {
  return settingsFromTable(loadTable(workbook, SETTINGS_TAB));
}

export function settingsFromTable(table: Table): Settings {
  const values = new Map<string, string>();
  table.rows.forEach((_, row) => {
    const key = table.text(row, 'Setting');
    if (key) values.set(key, table.text(row, 'Value'));
  });
  return parseSettings(values);
}

/**
 * The Cohort setting as the tab holds it (its default when blank), without checking the other
 * settings: the Log stamps every record with it, whatever else staff mistyped.
 */
export function cohortOf(workbook: Pick<WorkbookPort, 'readTab'>): string {
  const table = loadTable(workbook as WorkbookPort, SETTINGS_TAB);
  for (const row of table.rows.keys())
    if (headerKey(table.text(row, 'Setting')) === 'cohort')
      return table.text(row, 'Value') || DEFAULT_SETTINGS.cohort;
  return DEFAULT_SETTINGS.cohort;
}

/** Templates staff edited in the tab, falling back to the built-in text for any they removed. */
export function loadTemplates(workbook: WorkbookPort): Map<string, Template> {
  const table = loadTable(workbook, TEMPLATES_TAB);
  const templates = new Map<string, Template>(DEFAULT_TEMPLATES.map((t) => [t.id, t]));
  table.rows.forEach((_, row) => {
    const id = table.text(row, 'Template');
    if (id) {
      templates.set(id, {
        id,
        subject: table.text(row, 'Subject'),
        body: String(table.get(row, 'Body') ?? ''),
      });
    }
  });
  return templates;
}
