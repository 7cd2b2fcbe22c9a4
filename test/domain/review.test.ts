import { reviewApplications } from '../../src/domain/review';
import { application } from '../support/applications';

const places = { mentorPlaces: 2, menteePlaces: 2 };

describe('reviewApplications', () => {
  it('accepts eligible applicants in order of submission within the places and waitlists the rest', () => {
    const late = application({ submitted: new Date('2026-05-03T10:00:00Z') });
    const early = application({ submitted: new Date('2026-05-01T10:00:00Z') });
    const middle = application({ submitted: new Date('2026-05-02T10:00:00Z') });
    const decisions = reviewApplications([late, early, middle], places);
    expect(decisions.map((d) => d.status)).toEqual(['Waitlisted', 'Accepted', 'Accepted']);
    expect(decisions.every((d) => d.problems.length === 0)).toBe(true);
  });

  it('counts places per role', () => {
    const apps = [
      application({ role: 'Mentor' }),
      application({ role: 'Mentor' }),
      application({ role: 'Mentee' }),
      application({ role: 'Mentor' }),
    ];
    expect(reviewApplications(apps, places).map((d) => d.status)).toEqual([
      'Accepted',
      'Accepted',
      'Accepted',
      'Waitlisted',
    ]);
  });

  it('makes someone who is not a Head of Service ineligible, saying a library background is not needed', () => {
    const [d] = reviewApplications([application({ headOfService: 'No' })], places);
    expect(d.status).toBe('Ineligible');
    expect(d.problems.join(' ')).toMatch(/Head of Service/);
    expect(d.problems.join(' ')).toMatch(/library background is not needed/);
  });

  it('makes someone who did not consent ineligible', () => {
    const [d] = reviewApplications([application({ consent: '' })], places);
    expect(d.status).toBe('Ineligible');
    expect(d.problems).toEqual([
      'Did not agree to their information being used to run the scheme.',
    ]);
  });

  it('writes a plain sentence for each invalid answer', () => {
    const [d] = reviewApplications(
      [
        application({
          role: 'Mentor',
          email: 'nope',
          capacity: '7',
          video: 'on the drive',
          areas: '',
        }),
      ],
      places,
    );
    expect(d.status).toBe('Ineligible');
    expect(d.problems).toEqual(
      expect.arrayContaining([
        'Email address is not a valid e-mail address.',
        'Number of mentees must be 1, 2 or 3.',
        'The introduction video link is not a web address (it should start with https://).',
        'No areas were chosen.',
      ]),
    );
  });

  it('flags both rows of someone who applied as mentor and mentee, and drops neither', () => {
    const mentor = application({ role: 'Mentor', email: 'Both@Example.org' });
    const mentee = application({ role: 'Mentee', email: 'both@example.org ' });
    const decisions = reviewApplications([mentor, mentee], places);
    expect(decisions).toHaveLength(2);
    for (const d of decisions) {
      expect(d.status).toBe('Applied');
      expect(d.problems.join(' ')).toMatch(/both a mentor and a mentee/);
    }
    expect(decisions[0].problems.join(' ')).toContain(mentee.id);
  });

  it('lets the other role go ahead once staff withdraw one of the two', () => {
    const mentor = application({ role: 'Mentor', email: 'both@example.org', status: 'Withdrawn' });
    const mentee = application({ role: 'Mentee', email: 'both@example.org' });
    const decisions = reviewApplications([mentor, mentee], places);
    expect(decisions.map((d) => d.status)).toEqual(['Withdrawn', 'Accepted']);
    expect(decisions[1].problems).toEqual([]);
  });

  it('keeps a status staff typed, and counts a staff acceptance against the places', () => {
    const chosen = application({
      status: 'Accepted',
      reviewedStatus: 'Waitlisted',
      submitted: new Date('2026-05-09'),
    });
    const first = application({ submitted: new Date('2026-05-01') });
    const second = application({ submitted: new Date('2026-05-02') });
    const decisions = reviewApplications([chosen, first, second], places);
    expect(decisions.map((d) => d.status)).toEqual(['Accepted', 'Accepted', 'Waitlisted']);
    expect(decisions[0].staffOverride).toBe(true);
    expect(decisions[0].reviewedStatus).toBe('Waitlisted');
  });

  it('never takes back a place it gave, even when an earlier application turns up later', () => {
    const accepted = [
      application({
        status: 'Accepted',
        reviewedStatus: 'Accepted',
        submitted: new Date('2026-05-05'),
      }),
      application({
        status: 'Accepted',
        reviewedStatus: 'Accepted',
        submitted: new Date('2026-05-06'),
      }),
    ];
    const earlier = application({ submitted: new Date('2026-05-01') });
    expect(reviewApplications([...accepted, earlier], places).map((d) => d.status)).toEqual([
      'Accepted',
      'Accepted',
      'Waitlisted',
    ]);
  });

  it('offers a freed place to the first on the waiting list', () => {
    const leaving = application({ status: 'Withdrawn', reviewedStatus: 'Accepted' });
    const staying = application({ status: 'Accepted', reviewedStatus: 'Accepted' });
    const waiting = application({ status: 'Waitlisted', reviewedStatus: 'Waitlisted' });
    expect(
      reviewApplications([leaving, staying, waiting], { ...places, menteePlaces: 2 }).map(
        (d) => d.status,
      ),
    ).toEqual(['Withdrawn', 'Accepted', 'Accepted']);
  });

  it('notes a video link the gallery cannot show, without refusing the mentor a place', () => {
    const unusable = [
      'https://www.dropbox.com/s/abc/intro.mp4',
      'https://teams.microsoft.com/l/meetup-join/xyz',
      'https://youtube.com/@a-channel',
    ];
    const usable = ['https://youtu.be/dQw4w9WgXcQ', 'https://vimeo.com/76979871'];
    const decisions = reviewApplications(
      [...unusable, ...usable].map((video) => application({ role: 'Mentor', video })),
      { mentorPlaces: 10, menteePlaces: 10 },
    );
    for (const d of decisions) expect(d.status).toBe('Accepted');
    const noted = decisions.map((d) =>
      d.problems.some((p) => /cannot be shown in the launch-day gallery/.test(p)),
    );
    expect(noted).toEqual([true, true, true, false, false]);
  });
});
