import * as vm from 'node:vm';
import { fakeDateClass } from './clock';
import type { FakeAppsScript } from './index';
import type { Realm } from './runtime';

export interface FakeContextOptions {
  /** Give the context a Date reading the virtual clock (default true). */
  virtualDate?: boolean;
  /** More globals for the context. */
  extra?: Record<string, unknown>;
}

/**
 * A node:vm context holding only the fake's globals and a recording console (no require, no
 * process). Binds the fake to the context's realm, so Dates it returns are `instanceof Date` and
 * errors `instanceof Error` inside the context. Run code with vm.runInContext(code, context).
 */
export function createFakeContext(fake: FakeAppsScript, opts: FakeContextOptions = {}): vm.Context {
  const context = vm.createContext({ ...fake.globals, console: fake.console, ...opts.extra });
  const realm = vm.runInContext('({ Date: Date, Error: Error, Array: Array })', context) as Realm;
  let DateClass = realm.Date;
  if (opts.virtualDate !== false) {
    DateClass = fakeDateClass(fake.clock, realm.Date);
    (context as Record<string, unknown>).Date = DateClass;
  }
  fake.bindRealm({ Date: DateClass, Error: realm.Error, Array: realm.Array });
  return context;
}
