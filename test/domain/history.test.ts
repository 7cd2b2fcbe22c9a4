/** History from the archives: who took part, in which role, with whom; what staff read. */
import {
  ArchivedApplication,
  ArchivedCohort,
  buildHistory,
  historyText,
} from '../../src/domain/history';

const app = (over: Partial<ArchivedApplication>): ArchivedApplication => ({
  email: 'someone@example.org',
  role: 'Mentor',
  name: 'Someone',
  status: 'Accepted',
  consentVersion: 'v1',
  areas: 'Budgeting',
  video: 'https://youtu.be/old',
  ...over,
});
const pair = (mentee: string, mentor: string, status = 'Confirmed', menteeName = '') => ({
  mentee,
  mentor,
  menteeName,
  mentorName: mentor === 'ann@kent.example' ? 'Ann Jones' : '',
  status,
});

const pilot: ArchivedCohort = {
  cohort: '2022 pilot',
  applications: [
    app({ email: 'Ann@Kent.example ', name: 'Ann Jones', video: 'https://youtu.be/ann-2022' }),
    app({ email: 'mo@hull.example', role: 'Mentee', name: 'Mo' }),
    app({ email: 'jo@york.example', role: 'Mentee', name: 'Jo' }),
    app({ email: 'lee@bath.example', role: 'Mentee', name: 'Lee' }),
    app({ email: 'late@leeds.example', role: 'Mentee', name: 'Late', status: 'Waitlisted' }),
  ],
  pairs: [
    pair('mo@hull.example', 'ann@kent.example', 'Confirmed', 'Mo'),
    pair('jo@york.example', 'ANN@kent.example', 'Ended', 'Jo'),
    pair('lee@bath.example', 'ann@kent.example', 'Confirmed', 'Lee'),
    // A proposal that was never confirmed is not a pair that ran.
    pair('late@leeds.example', 'ann@kent.example', 'Proposed'),
    pair('nobody@x.example', '', 'Unmatched'),
  ],
};
const second: ArchivedCohort = {
  cohort: 'Cohort 2',
  applications: [
    app({ email: 'ann@kent.example', name: 'Ann Jones', video: '', areas: 'Restructures' }),
    app({ email: 'mo@hull.example', role: 'Mentor', name: 'Mo', status: 'Accepted' }),
  ],
  pairs: [],
};

describe('history from the archives', () => {
  it('counts a mentor’s mentees from the pairs that ran (Confirmed or Ended), by e-mail', () => {
    const history = buildHistory([pilot]);
    expect(historyText(history.people.get('ann@kent.example'))).toBe(
      'mentor in 2022 pilot (3 mentees)',
    );
    expect(historyText(history.people.get('mo@hull.example'))).toBe(
      'mentee in 2022 pilot (mentor: Ann Jones)',
    );
    expect(historyText(history.people.get('late@leeds.example'))).toBe(
      'applied as mentee in 2022 pilot (Waitlisted)',
    );
    expect(historyText(history.people.get('new@example.org'))).toBe('');
  });

  it('lists every cohort, newest first, and the previous pairs with their cohort', () => {
    const history = buildHistory([pilot, second]);
    expect(historyText(history.people.get('ann@kent.example'))).toBe(
      'mentor in Cohort 2 (no mentees); mentor in 2022 pilot (3 mentees)',
    );
    expect(historyText(history.people.get('mo@hull.example'))).toBe(
      'mentor in Cohort 2 (no mentees); mentee in 2022 pilot (mentor: Ann Jones)',
    );
    expect(history.previousPairs).toEqual([
      { mentee: 'mo@hull.example', mentor: 'ann@kent.example', cohort: '2022 pilot' },
      { mentee: 'jo@york.example', mentor: 'ann@kent.example', cohort: '2022 pilot' },
      { mentee: 'lee@bath.example', mentor: 'ann@kent.example', cohort: '2022 pilot' },
    ]);
  });

  it('keeps each person’s latest mentor application (the profile they may carry over)', () => {
    const history = buildHistory([pilot, second]);
    const ann = history.people.get('ann@kent.example');
    expect(ann?.lastMentorApplication).toMatchObject({ cohort: 'Cohort 2', areas: 'Restructures' });
    // A Withdrawn application never hides the one that went ahead.
    const withdrawn = buildHistory([
      {
        cohort: 'Cohort 3',
        applications: [
          app({ email: 'ann@kent.example', areas: 'Budgeting' }),
          app({ email: 'ann@kent.example', areas: 'Other', status: 'Withdrawn' }),
        ],
        pairs: [],
      },
    ]);
    expect(withdrawn.people.get('ann@kent.example')?.lastMentorApplication?.areas).toBe(
      'Budgeting',
    );
  });
});
