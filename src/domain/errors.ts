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
