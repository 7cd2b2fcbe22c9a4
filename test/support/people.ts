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

/** A complete mentor application, as answered in the form; override what the test is about. */
export function mentorAnswers(
  overrides: Record<string, string | string[]>,
): Record<string, string | string[]> {
  return {
    'Job title': 'Head of Libraries',
    'Are you the Head of Service managing libraries?': 'Yes',
    'Areas where you can offer support': ['Budgeting'],
    'How many mentees could you support?': '1',
    'Link to your 2-minute introduction video': 'https://vimeo.com/1234',
    'I agree to my information being used to run the scheme': ['I agree'],
    ...overrides,
  };
}
