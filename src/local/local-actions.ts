import type { ActionArgs, ActionResult, OptionSpec } from '../core/action';
import type { LocalPaths } from './session';

/** A command that only makes sense on the local back end (it manages files, not the scheme). */
export interface LocalCommand {
  id: string;
  summary: string;
  usage?: string;
  options?: readonly OptionSpec[];
  menu?: undefined;
  runLocal(paths: LocalPaths, args: ActionArgs): Promise<ActionResult>;
}

export const LOCAL_ACTIONS: readonly LocalCommand[] = [
  {
    id: 'demo',
    summary:
      'Create a demo workbook with a synthetic cohort and run every workflow on it (what npm start does).',
    // Loaded when run: the demo brings its cohort, PDFs and CSV writer, which no other command needs.
    runLocal: (paths) => (require('./demo') as typeof import('./demo')).runDemo(paths),
  },
];
