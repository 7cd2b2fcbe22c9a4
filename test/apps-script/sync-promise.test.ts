import { __awaiter, Settled, settled } from '../../src/apps-script/sync-promise';

/**
 * The synchronous `__awaiter` the Apps Script build gives pdf-lib, driven as tsc's output drives
 * it: an async function is `__awaiter(this, args, P, function* () { ... yield x ... })`.
 */
function asyncFn<A extends unknown[], R>(
  body: (...args: A) => Generator<unknown, R, unknown>,
): (...args: A) => Settled<R> {
  return (...args: A) =>
    __awaiter(undefined, args, undefined, body as never) as unknown as Settled<R>;
}

describe('sync-promise: pdf-lib run synchronously', () => {
  const double = asyncFn(function* (n: number) {
    const a = (yield n) as number; // await of a plain value
    return a * 2;
  });
  const failing = asyncFn(function* (): Generator<unknown, never, unknown> {
    yield 1;
    throw new Error('bad PDF');
  });

  it('runs an async body to the end at once, awaiting other such calls in turn', () => {
    const outer = asyncFn(function* () {
      const x = (yield double(2)) as number;
      const y = (yield double(x)) as number;
      return `${x} ${y}`;
    });
    expect(settled(outer())).toBe('4 8');
  });

  it('returning another call adopts its value, as an async function does', () => {
    const adopts = asyncFn(function* () {
      yield 0;
      return double(21);
    });
    expect(settled(adopts())).toBe(42);
  });

  it('a throw inside is thrown by settled(), and can be caught by an awaiting body', () => {
    expect(() => settled(failing())).toThrow('bad PDF');
    const catches = asyncFn(function* () {
      try {
        yield failing();
        return 'not reached';
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    });
    expect(settled(catches())).toBe('caught bad PDF');
  });

  it('refuses to wait on a real Promise (work that could only finish later), at once', () => {
    const waits = asyncFn(function* () {
      yield new Promise((resolve) => resolve(1));
      return 'not reached';
    });
    expect(() => waits()).toThrow(/waited on a real Promise/);
  });

  it('settled() refuses a real Promise: pdf-lib outside the Apps Script build is asynchronous', () => {
    expect(() => settled(Promise.resolve(1))).toThrow(/synchronous only in the Apps Script build/);
  });

  it('its result is still a thenable, for code that awaits it', async () => {
    await expect(double(5)).resolves.toBe(10);
    await expect(failing()).rejects.toThrow('bad PDF');
  });
});
