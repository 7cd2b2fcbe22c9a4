import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createFakeAppsScript, createFakeContext, FakeOptions } from '../fakes/apps-script';

/** dist/ as built by test/support/global-setup.cjs before the tests ran. */
export const DIST = path.resolve(__dirname, '../../dist');

let code: string | undefined;
export function bundleCode(): string {
  return (code ??= fs.readFileSync(path.join(DIST, 'Code.js'), 'utf8'));
}

/**
 * dist/Code.js loaded as Apps Script sees it: in a node:vm context holding only the fake's
 * services. `call` runs a top-level function by name, as a menu item or trigger would.
 */
export function loadBundle(options: FakeOptions = {}) {
  const fake = createFakeAppsScript(options);
  const context = createFakeContext(fake);
  vm.runInContext(bundleCode(), context, { filename: 'Code.js' });
  const call = (fn: string, ...args: unknown[]): unknown => {
    (context as Record<string, unknown>).__args = args;
    return vm.runInContext(`${fn}.apply(null, __args)`, context);
  };
  return { fake, context, call };
}
