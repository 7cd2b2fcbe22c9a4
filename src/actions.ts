import type { Action } from './core/action';
import { ARCHIVE_COHORT_ACTION } from './actions/archive-cohort';
import { COHORT_SUMMARY_ACTION } from './actions/cohort-summary';
import { CONFIRM_MATCHES_ACTION } from './actions/confirm-matches';
import { GALLERY_ACTION } from './actions/gallery';
import { IMPORT_ACTION } from './actions/import-responses';
import { INIT_ACTION } from './actions/init';
import { MAKE_CERTIFICATES_ACTION, SEND_CERTIFICATES_ACTION } from './actions/make-certificates';
import { MATCH_ACTION } from './actions/match';
import { REVIEW_MATCHES_ACTION, MATCH_REPORT_ACTION } from './actions/match-report-action';
import { NOTIFY_APPLICANTS_ACTION } from './actions/notify-applicants';
import { LOCK_PAIR_ACTION, FORBID_PAIR_ACTION } from './actions/pairing-rules';
import { RECORD_RESPONSES_ACTION } from './actions/record-missed-responses';
import { REMOVE_PAIR_RULE_ACTION } from './actions/remove-pair-rule';
import { REVIEW_APPLICATIONS_ACTION } from './actions/review-applications';
import { SET_UP_FORMS_ACTION, SYNC_CHOICE_FORM_ACTION } from './actions/set-up-forms';
import { EVALUATION_REPORT_ACTION } from './actions/evaluation-report';
import { ERASE_PERSON_ACTION } from './actions/erase-person';
import { PURGE_PERSONAL_DATA_ACTION } from './actions/purge-personal-data';
import { SEND_CONTINUATION_ACTION } from './actions/send-continuation';
import { SEND_EVALUATION_ACTION } from './actions/send-evaluation';
import { SET_UP_PAIRS_ACTION } from './actions/set-up-pairs';
import { SEND_INVITATIONS_ACTION } from './actions/send-invitations';
import { SETTINGS_ACTION } from './actions/settings';
import { statusDeclaration } from './actions/status';

/**
 * Every staff action, in menu order; each is declared beside its workflow in src/actions/. The
 * Sheet's Mentoring menu, the top-level functions of dist/Code.js (menu items and the review
 * screen's server calls), the continuation of long jobs, `status` and the CLI's commands are all
 * generated from this list.
 */
export const ACTIONS: readonly Action[] = [
  INIT_ACTION,
  SETTINGS_ACTION,
  IMPORT_ACTION,
  RECORD_RESPONSES_ACTION,
  REVIEW_APPLICATIONS_ACTION,
  NOTIFY_APPLICANTS_ACTION,
  SET_UP_FORMS_ACTION,
  SYNC_CHOICE_FORM_ACTION,
  GALLERY_ACTION,
  MATCH_ACTION,
  REVIEW_MATCHES_ACTION,
  MATCH_REPORT_ACTION,
  LOCK_PAIR_ACTION,
  FORBID_PAIR_ACTION,
  REMOVE_PAIR_RULE_ACTION,
  CONFIRM_MATCHES_ACTION,
  SET_UP_PAIRS_ACTION,
  MAKE_CERTIFICATES_ACTION,
  SEND_CERTIFICATES_ACTION,
  SEND_INVITATIONS_ACTION,
  SEND_EVALUATION_ACTION,
  SEND_CONTINUATION_ACTION,
  EVALUATION_REPORT_ACTION,
  ARCHIVE_COHORT_ACTION,
  COHORT_SUMMARY_ACTION,
  PURGE_PERSONAL_DATA_ACTION,
  ERASE_PERSON_ACTION,
  statusDeclaration(() => ACTIONS),
];

export function findAction(id: string): Action | undefined {
  return ACTIONS.find((a) => a.id === id);
}
