import type { TabSpec } from './table';

export const ROLES = ['Mentor', 'Mentee'] as const;
export type Role = (typeof ROLES)[number];

export const APPLICATION_STATUSES = [
  'Applied',
  'Accepted',
  'Waitlisted',
  'Ineligible',
  'Withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const SETTINGS_TAB: TabSpec = {
  name: 'Settings',
  columns: ['Setting', 'Value', 'What it means'],
};

export const APPLICATIONS_TAB: TabSpec = {
  name: 'Applications',
  columns: [
    'ID',
    'Role',
    'Name',
    'Email',
    'Library service',
    'Job title',
    'Head of Service',
    'Areas',
    'Capacity',
    'Video link',
    'Goals',
    'Notes',
    'Consent',
    'Submitted',
    'Status',
    'Problems',
    'Reviewed status',
  ],
  dropdowns: [
    { column: 'Role', values: ROLES },
    { column: 'Status', values: APPLICATION_STATUSES },
  ],
};

export const TEMPLATES_TAB: TabSpec = {
  name: 'Templates',
  columns: ['Template', 'Subject', 'Body', 'Placeholders'],
};

export const LOG_TAB: TabSpec = {
  name: 'Log',
  columns: ['Time', 'Run', 'Action', 'Key', 'State', 'Detail'],
  dropdowns: [
    { column: 'State', values: ['started', 'done', 'failed', 'retry', 'history', 'note'] },
  ],
};

export const CHOICES_TAB: TabSpec = {
  name: 'Choices',
  columns: [
    'Mentee email',
    'Mentee name',
    'Choice 1',
    'Choice 2',
    'Choice 3',
    'Submitted',
    'Problems',
  ],
};

export const MATCH_STATUSES = ['Proposed', 'Confirmed', 'Ended', 'Unmatched'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const MATCHES_TAB: TabSpec = {
  name: 'Matches',
  columns: [
    'Mentee',
    'Mentee name',
    'Mentor',
    'Mentor name',
    'Choice rank',
    'Shared areas',
    'Why',
    'Status',
    'Folder',
    'Introduced',
    'Folder ID',
  ],
  dropdowns: [{ column: 'Status', values: MATCH_STATUSES }],
};

export const PAIRING_RULES_TAB: TabSpec = {
  name: 'Pairing rules',
  columns: ['Mentee', 'Mentor', 'Rule', 'Reason'],
  dropdowns: [{ column: 'Rule', values: ['Lock', 'Never'] }],
};

export const EVALUATIONS_TAB: TabSpec = {
  name: 'Evaluations',
  columns: [
    'Email',
    'Name',
    'Role',
    'Leadership skills',
    'Confidence and courage',
    'Less isolated',
    'Practical help',
    'How often',
    'How met',
    'Comments',
    'Submitted',
    'Problems',
  ],
};

export const CONTINUATION_TAB: TabSpec = {
  name: 'Continuation',
  columns: ['Email', 'Name', 'Role', 'Carry on?', 'Comment', 'Submitted', 'Problems'],
  dropdowns: [{ column: 'Carry on?', values: ['Yes', 'No', 'Not sure yet'] }],
};

/** The tabs `init` creates, in the order staff see them. */
export const CORE_TABS: readonly TabSpec[] = [
  SETTINGS_TAB,
  APPLICATIONS_TAB,
  CHOICES_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  EVALUATIONS_TAB,
  CONTINUATION_TAB,
  TEMPLATES_TAB,
  LOG_TAB,
];
