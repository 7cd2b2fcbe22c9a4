import { Action, ActionArgs, ActionResult, newRunId } from '../core/action';
import type { LocalCommand } from './local-actions';
import { LocalPaths, LocalSession } from './session';
import { migrateLayout } from '../actions/init';
import { LAYOUT_VERSION } from '../domain/settings';
import { copyFileAtomic } from './atomic-file';
import fs from 'node:fs';
import path from 'node:path';

/** `<name>.before-v2.xlsx` beside the workbook: the file as it was (kept if one is there). */
function keepLocalCopy(workbook: string, _version: number): string {
  const ext = path.extname(workbook);
  const copy = path.join(
    path.dirname(workbook),
    `${path.basename(workbook, ext)}.before-v${LAYOUT_VERSION}${ext}`,
  );
  if (!fs.existsSync(copy)) copyFileAtomic(workbook, copy);
  return copy;
}

/** A command of the CLI: an action from the table, or one that only manages local files. */
export type Command = Action | LocalCommand;

/**
 * Runs one action in its own locked session; the workbook is saved only if it succeeds. Both
 * the CLI and the page server's calls come through here (its own file, so neither imports the other).
 */
export async function runLocal(
  action: Command,
  args: ActionArgs,
  paths: LocalPaths,
): Promise<ActionResult> {
  if ('runLocal' in action) return action.runLocal(paths, args);
  const session = await LocalSession.open(paths, {
    create: action.id === 'init',
    archives: action.archives === true,
  });
  try {
    const context = { ports: session.ports, run: newRunId(session.ports.clock.now()) };
    const migrated = migrateLayout(context, (version) => keepLocalCopy(paths.workbook, version));
    const result = await action.run(context, args);
    await session.commit();
    return migrated.length ? { ...result, summary: [...migrated, ...result.summary] } : result;
  } finally {
    await session.release();
  }
}
