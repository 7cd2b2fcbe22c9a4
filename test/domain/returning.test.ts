/** Returning people: a mentor's last profile carried over only with fresh consent; consent versions. */
import { responseCells } from '../../src/domain/applications';
import {
  CONSENT_VERSION,
  csvColumns,
  MENTEE_FORM,
  MENTOR_FORM,
  REUSE_PROFILE_OPTION,
} from '../../src/domain/forms';
import { buildHistory, PersonHistory } from '../../src/domain/history';
import { carryOver, freshConsentProblem, needsFreshConsent } from '../../src/domain/returning';
import { reviewApplications } from '../../src/domain/review';
import { application } from '../support/applications';

const history = buildHistory([
  {
    cohort: 'Cohort 1',
    applications: [
      {
        email: 'ann@kent.example',
        role: 'Mentor',
        name: 'Ann Jones',
        status: 'Accepted',
        consentVersion: 'old12345',
        areas: 'Budgeting, Restructures',
        video: 'https://youtu.be/ann-cohort-1',
      },
    ],
    pairs: [],
  },
]);
const ann = history.people.get('ann@kent.example') as PersonHistory;

/** Ann's new application: she asked for her profile and left areas and video blank. */
const annNow = (over: Parameters<typeof application>[0] = {}) =>
  application({
    role: 'Mentor',
    email: 'Ann@Kent.example',
    areas: '',
    video: '',
    reuseProfile: REUSE_PROFILE_OPTION,
    consentVersion: CONSENT_VERSION,
    ...over,
  });

describe('consent version', () => {
  it('is shown in the consent question and recorded with each agreement', () => {
    const consent = MENTOR_FORM.questions.find((q) => q.field === 'consent');
    expect(consent?.help).toContain(`Consent wording version ${CONSENT_VERSION}`);
    const agreed = responseCells(MENTEE_FORM, 'mo@hull.example', new Map([['consent', 'I agree']]));
    expect(agreed['Consent version']).toBe(CONSENT_VERSION);
    const refused = responseCells(MENTEE_FORM, 'mo@hull.example', new Map([['consent', '']]));
    expect(refused['Consent version']).toBe('');
  });

  it('asks a returning person again when their row records another version, and only them', () => {
    const stale = annNow({ consentVersion: 'old12345' });
    expect(freshConsentProblem(stale, ann)).toBe(
      `Was in the scheme before (Cohort 1) and agreed to version old12345 of the consent wording, not the current one (version ${CONSENT_VERSION}): they must agree again, by applying with the form, before their application goes ahead (notify-applicants asks them).`,
    );
    expect(freshConsentProblem(annNow({ consentVersion: '' }), ann)).toContain(
      'agreed to an earlier consent wording',
    );
    // Their new application agreed to the current wording: nothing to ask.
    expect(freshConsentProblem(annNow(), ann)).toBeNull();
    // Someone new is never asked; a Withdrawn row or one without consent needs nothing more.
    expect(freshConsentProblem(stale, undefined)).toBeNull();
    expect(needsFreshConsent({ ...stale, status: 'Withdrawn' }, true)).toBe(false);
    expect(needsFreshConsent({ ...stale, consent: '' }, true)).toBe(false);
  });

  it('holds a returning person at Applied, without refusing or taking back a place', () => {
    const stale = annNow({ areas: 'Budgeting', video: 'https://youtu.be/x', consentVersion: '' });
    const held = new Map([[stale.row, [freshConsentProblem(stale, ann) as string]]]);
    const [decision] = reviewApplications([stale], { mentorPlaces: 5, menteePlaces: 5 }, held);
    expect(decision.status).toBe('Applied');
    expect(decision.problems).toEqual(held.get(stale.row));
    const placed = { ...stale, status: 'Accepted', reviewedStatus: 'Accepted' };
    const [kept] = reviewApplications([placed], { mentorPlaces: 5, menteePlaces: 5 }, held);
    expect(kept.status).toBe('Accepted');
  });
});

describe('carrying over a returning mentor’s profile', () => {
  it('fills only the blanks from their latest mentor application, and says what it carried', () => {
    expect(carryOver(annNow(), ann)).toEqual({
      cells: { Areas: 'Budgeting, Restructures', 'Video link': 'https://youtu.be/ann-cohort-1' },
      note: 'Areas and Video link from Cohort 1, as they asked.',
    });
    expect(carryOver(annNow({ areas: 'Other' }), ann)).toEqual({
      cells: { 'Video link': 'https://youtu.be/ann-cohort-1' },
      note: 'Video link from Cohort 1, as they asked.',
    });
  });

  it('carries nothing without the reuse answer, the consent, or the current consent version', () => {
    expect(carryOver(annNow({ reuseProfile: '' }), ann)).toEqual({ cells: {}, note: '' });
    expect(carryOver(annNow({ consent: '' }), ann)).toEqual({
      cells: {},
      note: 'Nothing: they did not agree to their information being used.',
    });
    expect(carryOver(annNow({ consentVersion: 'old12345' }), ann)).toEqual({
      cells: {},
      note: `Nothing: not until they agree to the current consent wording (version ${CONSENT_VERSION}).`,
    });
    expect(carryOver(annNow(), undefined).note).toBe(
      'Nothing: no earlier mentor application of theirs is in the archives.',
    );
    expect(carryOver(annNow({ role: 'Mentee' }), ann)).toEqual({ cells: {}, note: '' });
  });

  it('asks through an optional question of the mentor form, which is also a CSV column', () => {
    const reuse = MENTOR_FORM.questions.find((q) => q.field === 'reuseProfile');
    expect(reuse).toMatchObject({ required: false, options: [REUSE_PROFILE_OPTION] });
    expect(csvColumns(MENTOR_FORM)).toContain(reuse?.title);
    // Left blank only by a returning mentor: the form lets them, the review asks everyone else.
    for (const field of ['areas', 'video'])
      expect(MENTOR_FORM.questions.find((q) => q.field === field)?.required).toBe(false);
    const cells = responseCells(
      MENTOR_FORM,
      'ann@kent.example',
      new Map([['reuseProfile', REUSE_PROFILE_OPTION]]),
    );
    expect(cells['Use last profile']).toBe(REUSE_PROFILE_OPTION);
    const [fresh] = reviewApplications([application({ role: 'Mentor', areas: '', video: '' })], {
      mentorPlaces: 5,
      menteePlaces: 5,
    });
    expect(fresh.problems).toEqual(
      expect.arrayContaining(['No areas were chosen.', 'The introduction video link is missing.']),
    );
  });
});
