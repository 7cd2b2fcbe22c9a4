import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadTable, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { SETTING_DEFS, settingCell, settingDef, settingProblem } from '../domain/settings';
import { SETTINGS_TAB } from '../domain/tabs';
import { headerKey } from '../domain/text';

/**
 * `settings` shows every setting as the tab holds it (a value that is not valid is shown too,
 * marked with what it must be); `settings set NAME VALUE` changes one, checked first.
 */
export function settingsAction({ ports }: ActionContext, positional: string[]): ActionResult {
  const table = loadTable(ports.workbook, SETTINGS_TAB);
  const rowOf = (label: string) =>
    table.rows.findIndex((_, r) => headerKey(table.text(r, 'Setting')) === headerKey(label));
  const [verb, key, ...rest] = positional;
  if (verb === undefined) {
    const rows = SETTING_DEFS.map((d) => {
      const row = rowOf(d.label);
      const raw = row < 0 ? '' : table.text(row, 'Value');
      return { label: d.label, value: raw || d.defaultValue, problem: settingProblem(d, raw) };
    });
    const width = Math.max(...rows.map(({ label }) => label.length)) + 2;
    const bad = rows.filter((r) => r.problem);
    return {
      summary: [
        ...rows.map(
          ({ label, value, problem }) =>
            `${label.padEnd(width)}${value}${problem ? `   ✗ ${problem}` : ''}`,
        ),
        ...(bad.length
          ? [
              '',
              `${bad.length === 1 ? 'One setting needs' : `${bad.length} settings need`} correcting (marked ✗): settings set NAME VALUE.`,
            ]
          : []),
      ],
      data: Object.fromEntries(rows.map(({ label, value }) => [label, value])),
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
  if (rest.length > 1) {
    throw new UserError(
      `Give "${def.label}" one value, in quotes if it has spaces, e.g. settings set "${def.label}" "${rest.join(' ')}": nothing was changed.`,
    );
  }
  const [value] = rest;
  if (!def.schema.safeParse(value).success) {
    throw new UserError(`"${def.label}" ${def.rule} (you gave "${value}"): nothing was changed.`);
  }
  const cell = settingCell(def, value);
  let row = rowOf(def.label);
  if (row < 0) row = table.append({ Setting: def.label, 'What it means': def.meaning });
  table.set(row, 'Value', cell);
  const changed = saveTable(ports.workbook, table);
  return {
    summary: [changed ? `"${def.label}" is now ${cell}.` : `"${def.label}" was already ${cell}.`],
    data: { [def.label]: cell },
  };
}

/** The `settings` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const SETTINGS_ACTION: Action = {
  id: 'settings',
  functionName: 'showSettings',
  summary: 'Show the settings, or change one: settings set "Mentor places" 25.',
  usage: 'settings [set NAME VALUE]',
  // It says itself what to do with extra words (quote a value with spaces).
  maxArgs: Number.POSITIVE_INFINITY,
  run: (context, args) => settingsAction(context, args.positional),
};
