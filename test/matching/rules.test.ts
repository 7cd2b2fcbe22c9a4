/** Hard rules and explanations on small hand-made cohorts. */
import { matchCohort } from '../../src/domain/matching';
import { cohort, mentee, mentor, pairOf } from './support';

const unmatchedOf = (r: ReturnType<typeof matchCohort>, id: string) =>
  r.unmatched.find((u) => u.mentee === `${id}@example.org`);

describe('hard rules', () => {
  it('never exceeds a mentor capacity and explains the demand behind a refused 1st choice', () => {
    const r = matchCohort(
      cohort({
        mentees: [
          mentee('a', 'Kent Libraries', ['Budgeting'], ['ann', 'ben']),
          mentee('b', 'Essex Libraries', ['Budgeting'], ['ann']),
          mentee('c', 'Hull Libraries', ['Budgeting'], ['ann', 'ben']),
        ],
        mentors: [
          mentor('ann', 'Ann Jones', 'York Explore', ['Budgeting'], 2),
          mentor('ben', 'Ben Smith', 'Leeds Libraries', ['Budgeting'], 1),
        ],
      }),
    );
    expect(r.matches.filter((p) => p.mentor === 'ann@example.org')).toHaveLength(2);
    expect(r.profile).toMatchObject({ matched: 3, choice1: 2, choice2: 1 });
    const second = r.matches.find((p) => p.rank === 2);
    expect(second?.why).toBe(
      '2nd choice (1st choice Ann Jones was chosen by 3 mentees, 3 as 1st choice, for 2 places); shares Budgeting',
    );
  });

  it('never pairs two people from the same library service, whatever the spelling', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent Libraries', ['Budgeting'], ['ann'])],
        mentors: [
          mentor('ann', 'Ann Jones', ' kent  libraries. ', ['Budgeting']),
          mentor('ben', 'Ben Smith', 'KENT-LIBRARIES', ['Budgeting']),
        ],
      }),
    );
    expect(r.matches).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        mentee: 'a@example.org',
        why: '1st choice Ann Jones is from the same library service; no other mentor outside Kent Libraries has a place',
      },
    ]);
  });

  it('never makes a pair ruled out by a Never rule', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', ['Budgeting'], ['ann'])],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', ['Budgeting']),
          mentor('ben', 'Ben Smith', 'Hull', []),
        ],
        rules: [{ mentee: 'A@example.org', mentor: 'ann@example.org', rule: 'Never' }],
      }),
    );
    expect(pairOf(r, 'a')).toMatchObject({ mentor: 'ben@example.org', rank: null });
    expect(pairOf(r, 'a')?.why).toBe(
      'Their only choice could not be given (1st choice Ann Jones is ruled out by staff); matched on a free place (no shared areas)',
    );
  });

  it('keeps a Lock even against preferences, and it uses up the mentor place', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', [], ['ann']), mentee('b', 'Essex', ['Budgeting'], ['ben'])],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', []),
          mentor('ben', 'Ben Smith', 'Hull', ['Budgeting']),
        ],
        rules: [
          {
            mentee: 'a@example.org',
            mentor: 'ben@example.org',
            rule: 'Lock',
            reason: 'asked by the head of service',
          },
        ],
      }),
    );
    expect(pairOf(r, 'a')).toEqual({
      mentee: 'a@example.org',
      mentor: 'ben@example.org',
      rank: null,
      sharedAreas: [],
      why: 'Kept by staff: asked by the head of service',
      fixed: 'lock',
    });
    expect(pairOf(r, 'b')?.mentor).toBe('ann@example.org');
  });

  it('keeps confirmed pairs', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', ['Budgeting'], ['ann']), mentee('b', 'Essex', [], ['ann'])],
        mentors: [mentor('ann', 'Ann Jones', 'York', ['Budgeting'])],
        confirmed: [{ mentee: 'b@example.org', mentor: 'ann@example.org' }],
      }),
    );
    expect(pairOf(r, 'b')).toMatchObject({ fixed: 'confirmed', why: 'Confirmed earlier', rank: 1 });
    expect(unmatchedOf(r, 'a')?.why).toBe(
      '1st choice Ann Jones has no place left after locked or confirmed pairs; no other mentor has a free place',
    );
  });

  it('resolves conflicting fixed pairs deterministically and says so', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', [], []), mentee('b', 'Essex', [], [])],
        mentors: [mentor('ann', 'Ann Jones', 'York', []), mentor('ben', 'Ben Smith', 'Hull', [])],
        rules: [
          { mentee: 'a@example.org', mentor: 'ben@example.org', rule: 'Lock' },
          { mentee: 'a@example.org', mentor: 'ann@example.org', rule: 'Lock' },
          { mentee: 'b@example.org', mentor: 'ann@example.org', rule: 'Lock' },
        ],
      }),
    );
    // a: ann comes before ben, so a-ann is kept; b's lock to ann finds no place left.
    expect(pairOf(r, 'a')).toMatchObject({
      mentor: 'ann@example.org',
      fixed: 'lock',
      why: 'Kept by staff; Lock with Ben Smith not applied (mentee already locked to Ann Jones)',
    });
    expect(pairOf(r, 'b')).toMatchObject({ mentor: 'ben@example.org', fixed: null });
    expect(pairOf(r, 'b')?.why).toMatch(
      /^Lock with Ann Jones not applied \(Ann Jones has no place left/,
    );
  });

  it('drops a Lock between people of the same service and explains it', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', [], [])],
        mentors: [mentor('ann', 'Ann Jones', 'kent', [])],
        rules: [{ mentee: 'a@example.org', mentor: 'ann@example.org', rule: 'Lock' }],
      }),
    );
    expect(r.unmatched[0].why).toBe(
      'Lock with Ann Jones not applied (same library service); No choices received; every mentor with a place is from Kent',
    );
  });
});

describe('choices and explanations', () => {
  it('matches mentees without choices on needs and says so', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', ['budgeting', 'Capital projects'], [])],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', ['Capital Projects']),
          mentor('ben', 'Ben Smith', 'Hull', ['BUDGETING', 'capital projects']),
        ],
      }),
    );
    expect(pairOf(r, 'a')).toMatchObject({
      mentor: 'ben@example.org',
      rank: null,
      sharedAreas: ['budgeting', 'Capital projects'],
      why: 'No choices received; matched on needs: shares budgeting and Capital projects',
    });
    expect(r.profile.noChoice).toBe(1);
  });

  it('ignores unknown mentors in choices, keeping the stated ranks of the others', () => {
    const r = matchCohort(
      cohort({
        mentees: [
          mentee('a', 'Kent', ['Budgeting'], ['gone', 'ann']),
          mentee('b', 'Essex', [], ['gone']),
        ],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', ['Budgeting']),
          mentor('ben', 'Ben Smith', 'Hull', []),
        ],
      }),
    );
    expect(pairOf(r, 'a')).toMatchObject({ mentor: 'ann@example.org', rank: 2 });
    expect(pairOf(r, 'a')?.why).toBe(
      '2nd choice (1st choice gone@example.org is not a registered mentor); shares Budgeting',
    );
    expect(pairOf(r, 'b')?.why).toBe(
      'No choices received (gone@example.org is not a registered mentor); matched on a free place (no shared areas)',
    );
  });

  it('writes the first-choice reason and the unmatched reason in plain English', () => {
    const r = matchCohort(
      cohort({
        mentees: [
          // a needs nothing, so giving the places to b, c and d covers more needs.
          mentee('a', 'Kent Libraries', [], ['ann', 'ben', 'cat']),
          mentee('b', 'Kent Libraries', ['Budgeting'], ['ann']),
          mentee('c', 'Kent Libraries', ['Budgeting'], ['ben']),
          mentee('d', 'Kent Libraries', ['Budgeting'], ['cat']),
        ],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', ['Budgeting']),
          mentor('ben', 'Ben Smith', 'Bath', ['Budgeting']),
          mentor('cat', 'Cat Lee', 'Derby', ['Budgeting']),
          mentor('dee', 'Dee Roy', 'kent libraries', ['Budgeting']),
        ],
      }),
    );
    expect(r.profile).toMatchObject({ mentees: 4, matched: 3, choice1: 3 });
    expect(pairOf(r, 'b')?.why).toBe('1st choice; shares Budgeting');
    expect(unmatchedOf(r, 'a')?.why).toBe(
      'All three choices are full (1st choice Ann Jones was chosen by 2 mentees, 2 as 1st choice, for 1 place) and no other mentor outside Kent Libraries has a place',
    );
  });

  it('explains each refused choice of an unmatched mentee', () => {
    const r = matchCohort(
      cohort({
        mentees: [
          mentee('a', 'Kent', [], ['ann', 'ben', 'cat']),
          mentee('b', 'Kent', ['Budgeting'], ['ann']),
        ],
        mentors: [
          mentor('ann', 'Ann Jones', 'York', ['Budgeting']),
          mentor('ben', 'Ben Smith', 'Kent', []),
          mentor('cat', 'Cat Lee', 'Hull', []),
        ],
        rules: [
          { mentee: 'a@example.org', mentor: 'cat@example.org', rule: 'Never' },
          { mentee: 'b@example.org', mentor: 'cat@example.org', rule: 'Never' },
        ],
      }),
    );
    // Both chose Ann Jones first; b also shares Budgeting with her, so b gets the place.
    expect(pairOf(r, 'b')?.mentor).toBe('ann@example.org');
    expect(unmatchedOf(r, 'a')?.why).toBe(
      '1st choice Ann Jones was chosen by 2 mentees, 2 as 1st choice, for 1 place; ' +
        '2nd choice Ben Smith is from the same library service; 3rd choice Cat Lee is ruled out by staff; ' +
        'no other mentor has a free place',
    );
  });

  it('says when no mentor has a free place', () => {
    const r = matchCohort(
      cohort({
        mentees: [mentee('a', 'Kent', [], []), mentee('b', 'Essex', [], [])],
        mentors: [mentor('ann', 'Ann', 'York', [])],
      }),
    );
    expect(r.unmatched).toHaveLength(1);
    expect(r.unmatched[0].why).toBe('No choices received; no mentor has a free place');
  });

  it('normalises e-mails to lower case and reports the algorithm and priority', () => {
    const r = matchCohort(
      cohort({
        mentees: [
          {
            ...mentee('a', 'Kent', [], []),
            email: ' A@Example.ORG ',
            choices: ['ANN@example.org'],
          },
        ],
        mentors: [{ ...mentor('ann', 'Ann', 'York', []), email: 'Ann@Example.org' }],
      }),
    );
    expect(r.matches[0]).toMatchObject({
      mentee: 'a@example.org',
      mentor: 'ann@example.org',
      rank: 1,
    });
    expect(r.algorithm).toBe('ssp-mcmf-lex/1');
    expect(r.priority).toBe('any-choice');
    expect(r.inputHash).toMatch(/^[0-9a-f]{16}$/);
  });
});
