import { Action, ActionArgs, ActionResult, newRunId } from '../core/action';
import type { LocalCommand } from './local-actions';
import { LocalPaths, LocalSession } from './session';

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
  const session = await LocalSession.open(paths, { create: action.id === 'init' });
  try {
    const result = await action.run(
      { ports: session.ports, run: newRunId(session.ports.clock.now()) },
      args,
    );
    await session.commit();
    return result;
  } finally {
    await session.release();
  }
}
