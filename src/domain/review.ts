import { Application, answerProblems, gaveConsent, isHeadOfService } from './applications';
import type { Settings } from './settings';
import type { ApplicationStatus, Role } from './tabs';
import { normaliseEmail } from './text';
import { videoEmbed } from './gallery';

export interface ReviewDecision {
  row: number;
  status: string;
  problems: string[];
  reviewedStatus: string;
  /** Staff set this Status by hand: the review keeps it. */
  staffOverride: boolean;
}

/**
 * The scheme's rules for applications. Staff have the last word: a Status they typed (anything
 * other than what the last review wrote) is kept. A place once given is never taken back by the
 * tool; free places go to eligible applicants in order of submission and the rest wait.
 */
export function reviewApplications(
  applications: readonly Application[],
  settings: Pick<Settings, 'mentorPlaces' | 'menteePlaces'>,
  /**
   * Problems that hold an application at Applied until they are put right, by row: a returning
   * person's fresh consent (see domain/returning.ts). Not a reason to refuse a place.
   */
  held: ReadonlyMap<number, readonly string[]> = new Map(),
): ReviewDecision[] {
  const live = applications.filter((a) => a.status.trim() !== 'Withdrawn');
  const byEmail = new Map<string, Application[]>();
  for (const a of live) {
    const key = normaliseEmail(a.email);
    if (!key) continue;
    byEmail.set(key, [...(byEmail.get(key) ?? []), a]);
  }

  const decisions = applications.map((a) => {
    const problems = answerProblems(a);
    if (!isHeadOfService(a) && /^no$/i.test(a.headOfService.trim())) {
      problems.push(
        'Not a Head of Service managing libraries: the scheme is for Heads of Service (a library background is not needed).',
      );
    }
    if (!gaveConsent(a))
      problems.push('Did not agree to their information being used to run the scheme.');
    const hardProblem = problems.length > 0;
    // Not a reason to refuse a place, but staff need a usable link before the launch day.
    if (
      a.role === 'Mentor' &&
      /^https?:\/\/\S+$/i.test(a.video.trim()) &&
      videoEmbed(a.video).kind !== 'iframe'
    )
      problems.push(
        'The introduction video link cannot be shown in the launch-day gallery (only Google Drive, YouTube and Vimeo videos can): ask the mentor for a link to one of those.',
      );
    const waiting = held.get(a.row) ?? [];
    problems.push(...waiting);
    const others = (byEmail.get(normaliseEmail(a.email)) ?? []).filter((o) => o !== a);
    if (a.status.trim() !== 'Withdrawn') {
      for (const other of others) {
        problems.push(
          other.role === a.role
            ? `Applied twice as a ${a.role.toLowerCase()} (see ${other.id}): mark one Withdrawn.`
            : `Applied as both a mentor and a mentee (see ${other.id}): places are limited, so ask which they prefer and mark the other Withdrawn.`,
        );
      }
    }
    const status = a.status.trim();
    // The review never writes Withdrawn: that status is always a decision by staff.
    const staffOverride =
      status === 'Withdrawn' ||
      (status !== '' && (a.reviewedStatus ? status !== a.reviewedStatus : status !== 'Applied'));
    return {
      application: a,
      problems,
      hardProblem,
      // A place already given is not taken back: the sentence still asks for their consent.
      needsStaff: others.length > 0 || (waiting.length > 0 && !keepsPlace({ application: a })),
      staffOverride,
    };
  });

  const result = new Map<number, ReviewDecision>();
  for (const role of ['Mentor', 'Mentee'] as Role[]) {
    const places = role === 'Mentor' ? settings.mentorPlaces : settings.menteePlaces;
    const inRole = decisions.filter((d) => d.application.role === role);
    let taken = inRole.filter(
      (d) => d.staffOverride && d.application.status.trim() === 'Accepted',
    ).length;
    const eligible = inRole
      .filter((d) => !d.staffOverride && !d.hardProblem && !d.needsStaff)
      .sort((x, y) => keepsPlace(y) - keepsPlace(x) || bySubmission(x.application, y.application));
    const accepted = new Set<Application>();
    for (const d of eligible) {
      if (taken < places || keepsPlace(d)) {
        accepted.add(d.application);
        taken += 1;
      }
    }
    for (const d of inRole) {
      const a = d.application;
      let status: ApplicationStatus | string;
      if (d.staffOverride) status = a.status.trim();
      else if (d.hardProblem) status = 'Ineligible';
      else if (d.needsStaff) status = 'Applied';
      else status = accepted.has(a) ? 'Accepted' : 'Waitlisted';
      result.set(a.row, {
        row: a.row,
        status,
        problems: d.problems,
        reviewedStatus: d.staffOverride ? a.reviewedStatus : status,
        staffOverride: d.staffOverride,
      });
    }
  }
  for (const d of decisions) {
    if (!result.has(d.application.row)) {
      // No valid role: nothing to place, but staff still see why.
      result.set(d.application.row, {
        row: d.application.row,
        status: d.staffOverride ? d.application.status.trim() : 'Ineligible',
        problems: d.problems,
        reviewedStatus: d.staffOverride ? d.application.reviewedStatus : 'Ineligible',
        staffOverride: d.staffOverride,
      });
    }
  }
  return applications.map((a) => result.get(a.row) as ReviewDecision);
}

function keepsPlace(d: { application: Application }): number {
  const a = d.application;
  return a.status.trim() === 'Accepted' && a.reviewedStatus === 'Accepted' ? 1 : 0;
}

function bySubmission(x: Application, y: Application): number {
  const tx = x.submitted ? x.submitted.getTime() : Number.MAX_SAFE_INTEGER;
  const ty = y.submitted ? y.submitted.getTime() : Number.MAX_SAFE_INTEGER;
  return tx - ty || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}
