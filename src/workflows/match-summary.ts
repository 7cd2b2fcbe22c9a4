import type { MatchProfile } from '../domain/matching';

/** The profile in words, the same in the CLI, the Sheet's dialog and the demo. */
export function profileLines(profile: MatchProfile): string[] {
  return [
    `1st choice: ${profile.choice1}, 2nd: ${profile.choice2}, 3rd: ${profile.choice3}, not one of their choices: ${profile.noChoice}; ${profile.sharedAreas} shared areas in all.`,
  ];
}
