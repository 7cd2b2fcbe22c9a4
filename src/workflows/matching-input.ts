import { loadSettings, loadTable } from '../core/workbook';
import { assessChoices } from '../domain/choices';
import type { MatchInput, PairRule, PreviousPair } from '../domain/matching';
import type { Settings } from '../domain/settings';
import type { Table } from '../domain/table';
import { APPLICATIONS_TAB, CHOICES_TAB, MATCHES_TAB, PAIRING_RULES_TAB } from '../domain/tabs';
import { normaliseEmail } from '../domain/text';
import type { ArchivePort, WorkbookPort } from '../ports';
import { asChoiceMentors, Cohort, readCohort } from './cohort';
import { readPairs } from './pairs';
import { readHistory } from './history';

/** Everything matching reads, each tab read once. */
export interface MatchingTables {
  settings: Settings;
  cohort: Cohort;
  choices: Table;
  rules: Table;
  matches: Table;
  /** Pairs from earlier cohorts (the archives): not proposed again unless staff Lock them. */
  previous?: PreviousPair[];
}

export function loadMatchingTables(workbook: WorkbookPort, archives: ArchivePort): MatchingTables {
  return {
    previous: readHistory(archives).previousPairs,
    settings: loadSettings(workbook),
    cohort: readCohort(loadTable(workbook, APPLICATIONS_TAB)),
    choices: loadTable(workbook, CHOICES_TAB),
    rules: loadTable(workbook, PAIRING_RULES_TAB),
    matches: loadTable(workbook, MATCHES_TAB),
  };
}

/**
 * The engine's input from the workbook: accepted people, each mentee's usable choices (checked
 * again now, as a mentor may have withdrawn since), the staff's Lock/Never rules, the pairs
 * already Confirmed and the pairs of earlier cohorts. Also refreshes the Choices tab's Problems, so staff see why a choice is
 * no longer used.
 */
export interface WorkbookMatchInput extends MatchInput {
  /** Never rules left out, and why: a Confirmed pair stays until staff end it. */
  skippedRules: { mentee: string; mentor: string; problem: string }[];
}

export function matchingInput(tables: MatchingTables): WorkbookMatchInput {
  const { cohort, choices, rules, matches, settings } = tables;
  const mentors = asChoiceMentors(cohort);
  const usable = new Map<string, string[]>();
  for (const row of choices.rows.keys()) {
    const email = normaliseEmail(choices.text(row, 'Mentee email'));
    const mentee = cohort.menteeByEmail.get(email);
    const assessment = assessChoices(
      { email, service: mentee?.service ?? '', accepted: mentee?.status === 'Accepted' },
      ['Choice 1', 'Choice 2', 'Choice 3'].map((c) => choices.text(row, c)),
      mentors,
    );
    choices.set(row, 'Problems', assessment.problems.join('\n'));
    usable.set(email, assessment.usable);
  }
  const confirmed = readPairs(matches)
    .filter((p) => p.status === 'Confirmed')
    .map((p) => ({ mentee: p.mentee, mentor: p.mentor }));
  // A Confirmed pair exists: a rule written after it cannot undo it (end the pair instead).
  const isConfirmed = new Set(confirmed.map((c) => `${c.mentee}|${c.mentor}`));
  const pairRules: PairRule[] = [];
  const skippedRules: WorkbookMatchInput['skippedRules'] = [];
  for (const row of rules.rows.keys()) {
    const rule = rules.text(row, 'Rule').toLowerCase();
    const mentee = normaliseEmail(rules.text(row, 'Mentee'));
    const mentor = normaliseEmail(rules.text(row, 'Mentor'));
    if (!mentee || !mentor || (rule !== 'lock' && rule !== 'never')) continue;
    if (rule === 'never' && isConfirmed.has(`${mentee}|${mentor}`)) {
      skippedRules.push({ mentee, mentor, problem: 'they are already a Confirmed pair' });
      continue;
    }
    pairRules.push({
      mentee,
      mentor,
      rule: rule === 'lock' ? 'Lock' : 'Never',
      reason: rules.text(row, 'Reason'),
    });
  }
  return {
    mentees: cohort.acceptedMentees.map((m) => ({
      email: m.email,
      name: m.name,
      service: m.service,
      needs: m.areas,
      choices: usable.get(m.email) ?? [],
    })),
    mentors: cohort.acceptedMentors.map((m) => ({
      email: m.email,
      name: m.name,
      service: m.service,
      offers: m.areas,
      capacity: m.capacity ?? settings.defaultMentorCapacity,
    })),
    rules: pairRules,
    skippedRules,
    confirmed,
    previous: tables.previous ?? [],
    priority: settings.matchingPriority,
  };
}
