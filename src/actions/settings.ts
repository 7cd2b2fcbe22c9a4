import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadTable, saveTable, settingsFromTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { SETTING_DEFS, settingDef } from '../domain/settings';
import { SETTINGS_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';

/** `settings` shows every setting; `settings set KEY VALUE` changes one, checked first. */
export function settingsAction({ ports }: ActionContext, positional: string[]): ActionResult {
  const table = loadTable(ports.workbook, SETTINGS_TAB);
  const [verb, key, ...rest] = positional;
  if (verb === undefined) {
    const settings = settingsFromTable(table);
    const rows = SETTING_DEFS.map((d) => {
      const value = d.form && d.part ? settings.forms[d.form][d.part] : settings[d.field];
      return [d.label, Array.isArray(value) ? value.join(', ') : String(value)] as const;
    });
    const width = Math.max(...rows.map(([label]) => label.length)) + 2;
    return {
      summary: rows.map(([label, value]) => `${label.padEnd(width)}${value}`),
      data: Object.fromEntries(rows),
    };
  }
  if (verb !== 'set' || key === undefined || rest.length === 0) {
    throw new UserError(
      'Use "settings" to see the settings, or "settings set NAME VALUE" to change one.',
    );
  }
  const def = settingDef(key);
  if (!def) {
    throw new UserError(
      `There is no setting called "${key}": the settings are ${SETTING_DEFS.map((d) => `"${d.label}"`).join(', ')}.`,
    );
  }
  const value = rest.join(' ');
  if (!def.schema.safeParse(value).success) {
    throw new UserError(`"${def.label}" ${def.rule} (you gave "${value}"): nothing was changed.`);
  }
  let row = table.rows.findIndex(
    (_, r) => headerKey(table.text(r, 'Setting')) === headerKey(def.label),
  );
  if (row < 0) row = table.append({ Setting: def.label, 'What it means': def.meaning });
  table.set(row, 'Value', /^\d+$/.test(value) ? Number(value) : value);
  const changed = saveTable(ports.workbook, table);
  return {
    summary: [changed ? `"${def.label}" is now ${value}.` : `"${def.label}" was already ${value}.`],
    data: { [def.label]: value },
  };
}

/** The `settings` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const SETTINGS_ACTION: Action = {
  id: 'settings',
  functionName: 'showSettings',
  summary: 'Show the settings, or change one: settings set "Mentor places" 25.',
  usage: 'settings [set NAME VALUE]',
  run: (context, args) => settingsAction(context, args.positional),
};
