import { Application, gaveConsent, wantsLastProfile } from './applications';
import { CONSENT_VERSION } from './forms';
import type { PersonHistory } from './history';
import { listInWords } from './text';

/**
 * The rules for someone who was in the scheme before: fresh consent when the consent wording
 * has changed since they agreed, and a mentor's last profile carried into the answers they
 * left blank, only when they asked for it and agreed to the current wording.
 */

/** The profile answers a returning mentor may carry over: Applications column → archived field. */
const PROFILE = [
  { column: 'Areas', field: 'areas' },
  { column: 'Video link', field: 'video' },
] as const;

/** The latest cohort a person applied to or took part in. */
function lastCohort(person: PersonHistory): string {
  return (
    person.lastApplication?.cohort ??
    person.participations[person.participations.length - 1]?.cohort ??
    ''
  );
}

/**
 * A returning person whose application records another version of the consent wording than the
 * current one (a row carried over from their last cohort, or recorded before versions were):
 * their data may not be used until they agree again. Null when nothing is needed.
 */
export function freshConsentProblem(
  application: Application,
  person: PersonHistory | undefined,
  current: string = CONSENT_VERSION,
): string | null {
  if (!person || !needsFreshConsent(application, true, current)) return null;
  const version = (application.consentVersion ?? '').trim();
  return `Was in the scheme before (${lastCohort(person)}) and agreed to ${version ? `version ${version} of the consent wording` : 'an earlier consent wording'}, not the current one (version ${current}): they must agree again, by applying with the form, before their application goes ahead (notify-applicants asks them).`;
}

/**
 * THE rule: someone who was in the scheme before (`returning`) and whose application records
 * another consent version than the current one. (Without any consent the review already
 * refuses the application; a Withdrawn one needs nothing.)
 */
export function needsFreshConsent(
  application: Pick<Application, 'role' | 'consent' | 'consentVersion' | 'status'>,
  returning: boolean,
  current: string = CONSENT_VERSION,
): boolean {
  return (
    returning &&
    application.role !== '' &&
    application.status.trim() !== 'Withdrawn' &&
    gaveConsent(application) &&
    (application.consentVersion ?? '').trim() !== current
  );
}

export interface CarryOver {
  /** Cells to fill: only answers left blank. */
  cells: Record<string, string>;
  /** What staff read in the Profile carried over column ('' when the mentor did not ask). */
  note: string;
}

/** A returning mentor's last profile, carried into blanks only when they asked and agreed. */
export function carryOver(
  application: Application,
  person: PersonHistory | undefined,
  current: string = CONSENT_VERSION,
): CarryOver {
  if (application.role !== 'Mentor' || !wantsLastProfile(application))
    return { cells: {}, note: '' };
  const refuse = (why: string): CarryOver => ({ cells: {}, note: `Nothing: ${why}.` });
  if (!gaveConsent(application))
    return refuse('they did not agree to their information being used');
  if ((application.consentVersion ?? '').trim() !== current)
    return refuse(`not until they agree to the current consent wording (version ${current})`);
  const last = person?.lastMentorApplication;
  if (!last) return refuse('no earlier mentor application of theirs is in the archives');
  const cells: Record<string, string> = {};
  for (const { column, field } of PROFILE) {
    const now = field === 'areas' ? application.areas : application.video;
    if (now.trim() === '' && last[field].trim() !== '') cells[column] = last[field].trim();
  }
  const carried = Object.keys(cells);
  return carried.length
    ? { cells, note: `${listInWords(carried)} from ${last.cohort}, as they asked.` }
    : refuse('they answered every question themselves');
}
