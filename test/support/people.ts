import { inert } from '../../src/apps-script/services';
import type { FakeAppsScript } from '../fakes/apps-script';
import { PEOPLE_SETTINGS } from './cli';

/** Fills in the people settings on the fake Sheet, as staff do before anything is sent. */
export function fillPeopleSettings(fake: FakeAppsScript): void {
  const settings = fake.spreadsheet.values('Settings');
  for (const [label, value] of PEOPLE_SETTINGS) {
    const row = settings.findIndex((r) => r[0] === label);
    settings[row][1] = value;
  }
  fake.spreadsheet.seed(
    'Settings',
    settings.map((r) => r.map(inert)),
  );
}
