import type { AppsScriptServices } from '../../src/apps-script/services';
import { createFakeAppsScript, FakeAppsScript, FakeOptions } from '../fakes/apps-script';

/** The fake, and the same fake typed as the services the adapters take. */
export function fakeServices(options?: FakeOptions): {
  fake: FakeAppsScript;
  services: AppsScriptServices;
} {
  const fake = createFakeAppsScript(options);
  return { fake, services: fake.globals as unknown as AppsScriptServices };
}
