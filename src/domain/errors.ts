/**
 * A problem the person running the action can fix. Its message is one plain sentence that says
 * what is wrong and what to do; the CLI and the Sheet show it as it is, without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === 'UserError';
}

/**
 * THE sentence staff see when an action fails, wherever it ran (CLI, menu, page, trigger): a
 * UserError's own sentence, or, for anything unexpected, one plain sentence naming the cause.
 * `detail: false` leaves the cause out, for a page people outside the staff can open.
 */
export function staffSentence(error: unknown, { detail = true } = {}): string {
  if (isUserError(error)) return error.message;
  const cause = error instanceof Error ? error.message : String(error);
  return `Something went wrong${detail ? ` (${cause})` : ''}: please try again, and if it happens again, tell whoever looks after this tool.`;
}
