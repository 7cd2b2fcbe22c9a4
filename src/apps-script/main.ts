import { ACTIONS } from '../actions';
import { runFromMenu } from './run-action';
import { globalServices } from './services';

/**
 * The bundle's entry: everything Apps Script calls by name. scripts/build.mjs turns each key of
 * `entryPoints` into a real top-level function of dist/Code.js, so the menu below can never
 * name a function that does not exist.
 */
const MENU_ACTIONS = ACTIONS.filter((a) => a.menu);

function onOpen(): void {
  const ui = globalServices().SpreadsheetApp.getUi();
  const menu = ui.createMenu('Mentoring');
  for (const action of MENU_ACTIONS) menu.addItem(action.menu as string, action.functionName);
  menu.addToUi();
}

export const entryPoints: Record<string, (...args: unknown[]) => unknown> = {
  onOpen,
  ...Object.fromEntries(
    MENU_ACTIONS.map((a) => [a.functionName, () => runFromMenu(a, globalServices())]),
  ),
};
