/**
 * pdf-lib, synchronously. Its API is asynchronous only in form: every `await` in it (compiled by
 * tsc to tslib's `__awaiter` over a generator) waits on another of its own async functions, never
 * on I/O, except `waitForTick` (a `setTimeout`, which Apps Script lacks), skipped when parsing at
 * `ParseSpeeds.Fastest` and saving with `objectsPerTick: Infinity`. The core is synchronous, as
 * Apps Script's services are, so scripts/build.mjs gives pdf-lib this `__awaiter` instead of
 * tslib's: it runs the generator to the end at once and returns a `Settled` value (a thenable, so
 * code that awaits it still works), which `settled()` reads. Awaiting a real Promise (work that
 * could only finish later) throws at once rather than hanging or finishing after the caller.
 */
export class Settled<T> {
  constructor(
    readonly ok: boolean,
    readonly value: T | undefined,
    readonly error: unknown,
  ) {}

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const promise = this.ok ? Promise.resolve(this.value as T) : Promise.reject(this.error);
    return promise.then(onFulfilled, onRejected);
  }
}

/** tslib's `__awaiter`, run to completion now (same arguments; the Promise class is unused). */
export function __awaiter(
  thisArg: unknown,
  args: unknown,
  _promise: unknown,
  body: (...a: unknown[]) => Generator<unknown, unknown, unknown>,
): Settled<unknown> {
  const generator = body.apply(thisArg, (args as unknown[] | undefined) ?? []);
  let input: unknown = undefined;
  let throwing = false;
  for (;;) {
    let step: IteratorResult<unknown, unknown>;
    try {
      step = throwing ? generator.throw(input) : generator.next(input);
    } catch (error) {
      return new Settled<unknown>(false, undefined, error);
    }
    const value: unknown = step.value;
    if (value instanceof Settled) {
      if (step.done) return value;
      throwing = !value.ok;
      input = value.ok ? value.value : value.error;
    } else if (isThenable(value)) {
      throw new Error('pdf-lib waited on a real Promise: it cannot run synchronously here.');
    } else if (step.done) {
      return new Settled<unknown>(true, value, undefined);
    } else {
      throwing = false;
      input = value;
    }
  }
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** The value of a pdf-lib call made synchronous by the build (or its error, thrown). */
export function settled<T>(result: Promise<T> | T): T {
  if (!(result instanceof Settled)) {
    throw new Error(
      'pdf-lib is asynchronous here: it is synchronous only in the Apps Script build.',
    );
  }
  if (!result.ok) throw result.error;
  return result.value as T;
}
