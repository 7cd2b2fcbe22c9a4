import { STAFF_DECISIONS } from './evaluation/continuation';
import { ROUNDS_TAB } from './evaluation/rounds';
import type { TabSpec } from './table';

/**
 * Matches columns of the evaluation and the January decision: the pseudonymous codes in the
 * questionnaire links, each person's answer, the pair's outcome and the staff's decision.
 */
export const CONTINUATION_COLUMNS = [
  'Mentee code',
  'Mentor code',
  'Pair code',
  'Mentee carry on?',
  'Mentor carry on?',
  'Continuation',
  'Staff decision',
  'Outcome e-mail',
] as const;

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
    'Use last profile',
    'Goals',
    'Notes',
    'Consent',
    'Consent version',
    'Submitted',
    'Status',
    'Problems',
    'Reviewed status',
    'Taken part before',
    'Profile carried over',
    // Filled in by archive-cohort: the cohort a waitlisted or late application came from.
    'Carried over from',
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
  // Cohort: which cohort the record belongs to (every record written carries it).
  columns: ['Time', 'Run', 'Action', 'Key', 'State', 'Detail', 'Cohort'],
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
    ...CONTINUATION_COLUMNS,
  ],
  dropdowns: [
    { column: 'Status', values: MATCH_STATUSES },
    { column: 'Staff decision', values: STAFF_DECISIONS },
  ],
};

export const PAIRING_RULES_TAB: TabSpec = {
  name: 'Pairing rules',
  // Lasting: Yes keeps the rule for the next cohort when this one is archived.
  columns: ['Mentee', 'Mentor', 'Rule', 'Reason', 'Lasting'],
  dropdowns: [
    { column: 'Rule', values: ['Lock', 'Never'] },
    { column: 'Lasting', values: ['Yes', 'No'] },
  ],
};

export const EVALUATIONS_TAB: TabSpec = {
  name: 'Evaluations',
  columns: [
    'Round',
    'Participant code',
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
  columns: [
    'Pair code',
    'Participant code',
    'Role',
    'Carry on?',
    'Comment',
    'Submitted',
    'Problems',
  ],
  dropdowns: [{ column: 'Carry on?', values: ['Yes', 'No', 'Not sure yet'] }],
};

export const SESSION_KINDS = [
  'Launch day',
  'Online training',
  'Drop-in',
  'Supervisor 1:1',
  'Other',
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export const SESSION_STATUSES = ['Planned', 'Cancelled'] as const;

/** The scheme's sessions: staff write the first ten columns, the tool the last four. */
export const SESSIONS_TAB: TabSpec = {
  name: 'Sessions',
  columns: [
    'ID',
    'Kind',
    'Title',
    'Theme',
    'Start',
    'End',
    'Where',
    'Audience',
    'Description',
    'Status',
    'Problems',
    'Event',
    'Invited',
    'Updated',
  ],
  dropdowns: [
    { column: 'Kind', values: SESSION_KINDS },
    { column: 'Status', values: SESSION_STATUSES },
  ],
};

/** The tabs `init` creates, in the order staff see them. */
export { ROUNDS_TAB };

/**
 * In every archive: one row per archived tab with its row count and a hash of its values, so
 * the archive can be checked against what the live tabs held, and when it was archived (the
 * retention schedule counts from that date).
 */
export const ARCHIVE_MANIFEST_TAB: TabSpec = {
  name: 'About this archive',
  columns: ['Tab', 'Rows', 'Hash', 'Archived', 'Cohort'],
};

export const CORE_TABS: readonly TabSpec[] = [
  SETTINGS_TAB,
  APPLICATIONS_TAB,
  CHOICES_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  SESSIONS_TAB,
  ROUNDS_TAB,
  EVALUATIONS_TAB,
  CONTINUATION_TAB,
  TEMPLATES_TAB,
  LOG_TAB,
];

/**
 * The evidence of erasure requests, one row per request: what was erased, where, when and by
 * whom, never the person (at most a keyed hash, so a repeated request is recognised).
 */
export const ERASURES_TAB: TabSpec = {
  name: 'Erasures',
  columns: ['Reference', 'When', 'By', 'Request', 'Erased', 'Staff to do by hand', 'Person hash'],
};
