/**
 * Returning people on in-memory ports, through the normal import → review → match path: staff
 * see what each did before, a mentor's last profile is carried over when they ask, earlier pairs
 * are not made again unless staff Lock them, and a changed consent wording is asked again once.
 */
import { matchAction } from '../../src/actions/match';
import { matchReportAction } from '../../src/actions/match-report-action';
import { notifyApplicantsAction } from '../../src/actions/notify-applicants';
import { pairingRuleAction } from '../../src/actions/pairing-rules';
import { reviewApplicationsAction } from '../../src/actions/review-applications';
import { loadTable } from '../../src/core/workbook';
import {
  CONSENT_VERSION,
  MENTEE_FORM,
  MENTOR_FORM,
  REUSE_PROFILE_OPTION,
} from '../../src/domain/forms';
import type { FormResponse } from '../../src/domain/responses';
import type { Cell } from '../../src/domain/table';
import { APPLICATIONS_TAB, CHOICES_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import type { MatchReport } from '../../src/workflows/match-report';
import { recordResponses } from '../../src/workflows/intake';
import { archivedPerson, seedArchive } from '../support/archives';
import { memoryScheme, MemoryScheme } from '../support/memory-scheme';

const ANN = 'ann.jones@kent.gov.example';
const BEN = 'ben.okoro@hull.gov.example';
const MO = 'mo.patel@leeds.gov.example';
const NIA = 'nia.evans@powys.gov.example';
const LEE = 'lee.wong@bath.gov.example';

const response = (
  email: string,
  minute: number,
  answers: Record<string, string>,
): FormResponse => ({
  email,
  submitted: new Date(Date.UTC(2027, 4, 1, 9, minute)),
  submittedText: '',
  answers: new Map(
    Object.entries({ headOfService: 'Yes', jobTitle: 'Head of Libraries', ...answers }),
  ),
});

/** Cohort 1: Ann mentored Mo and Jo; Lee applied and was waitlisted. */
function withCohort1(): MemoryScheme {
  const s = memoryScheme(0);
  seedArchive(s.ports.archives, 'Cohort 1', {
    applications: [
      archivedPerson(ANN, 'Mentor', 'Ann Jones', {
        'Library service': 'Kent Libraries',
        Areas: 'Budgeting, Working with councillors',
        Capacity: 2,
        'Video link': 'https://youtu.be/ann-cohort-1',
      }),
      archivedPerson(MO, 'Mentee', 'Mo Patel'),
      archivedPerson('jo@york.gov.example', 'Mentee', 'Jo Reed'),
      archivedPerson(LEE, 'Mentee', 'Lee Wong', { Status: 'Waitlisted', 'Consent version': '' }),
    ],
    matches: [
      {
        Mentee: MO,
        'Mentee name': 'Mo Patel',
        Mentor: ANN,
        'Mentor name': 'Ann Jones',
        Status: 'Confirmed',
      },
      { Mentee: 'jo@york.gov.example', Mentor: ANN, 'Mentor name': 'Ann Jones', Status: 'Ended' },
    ],
  });
  return s;
}

/** Cohort 2's applications, imported as staff import a CSV export. */
function importCohort2(s: MemoryScheme): void {
  recordResponses(
    s.context(),
    MENTOR_FORM,
    [
      // Ann asks for her last profile and leaves her areas and video blank.
      response(ANN, 1, {
        name: 'Ann Jones',
        service: 'Kent Libraries',
        reuseProfile: REUSE_PROFILE_OPTION,
        capacity: '1',
        consent: 'I agree',
      }),
      response(BEN, 2, {
        name: 'Ben Okoro',
        service: 'Hull Libraries',
        areas: 'Restructures',
        capacity: '1',
        video: 'https://youtu.be/ben',
        consent: 'I agree',
      }),
    ],
    { live: false },
  );
  recordResponses(
    s.context(),
    MENTEE_FORM,
    [
      response(MO, 3, {
        name: 'Mo Patel',
        service: 'Leeds Libraries',
        areas: 'Budgeting',
        goals: 'Budgets',
        consent: 'I agree',
      }),
      response(NIA, 4, {
        name: 'Nia Evans',
        service: 'Powys Libraries',
        areas: 'Restructures',
        goals: 'A restructure',
        consent: 'I agree',
      }),
    ],
    { live: false },
  );
}

const row = (s: MemoryScheme, email: string) =>
  s.ports.workbook.rows(APPLICATIONS_TAB.name).find((r) => r.Email === email) as Record<
    string,
    Cell
  >;

describe('returning people on in-memory ports', () => {
  it('are recognised at import and review, and a mentor’s last profile fills her blanks', () => {
    const s = withCohort1();
    importCohort2(s);
    expect(row(s, ANN)).toMatchObject({
      'Taken part before': 'mentor in Cohort 1 (2 mentees)',
      Areas: 'Budgeting, Working with councillors',
      'Video link': 'https://youtu.be/ann-cohort-1',
      'Profile carried over': 'Areas and Video link from Cohort 1, as they asked.',
      'Consent version': CONSENT_VERSION,
      Problems: null,
    });
    expect(row(s, MO)['Taken part before']).toBe('mentee in Cohort 1 (mentor: Ann Jones)');
    expect(row(s, BEN)['Taken part before']).toBeNull();

    const review = reviewApplicationsAction(s.context());
    expect(review.summary).toContain(
      '2 applicants took part before (see the Taken part before column).',
    );
    expect(row(s, ANN).Status).toBe('Accepted');
    expect(row(s, MO)['Taken part before']).toBe('mentee in Cohort 1 (mentor: Ann Jones)');
  });

  it('a live submission carries the profile over, so the mentor is not asked to fix blanks', () => {
    const s = withCohort1();
    const answers = {
      name: 'Ann Jones',
      service: 'Kent Libraries',
      capacity: '1',
      consent: 'I agree',
    };
    recordResponses(
      s.context(),
      MENTOR_FORM,
      [response(ANN, 1, { ...answers, reuseProfile: REUSE_PROFILE_OPTION })],
      { live: true },
    );
    expect(row(s, ANN)).toMatchObject({
      Areas: 'Budgeting, Working with councillors',
      Problems: null,
    });
    expect(s.ports.mail.sent.map((m) => m.key)).toEqual([`mail:acknowledged:${row(s, ANN).ID}`]);
    // Without the tick the same blanks are problems, and she is asked to put them right.
    recordResponses(s.context(), MENTOR_FORM, [response(ANN, 2, answers)], { live: true });
    expect(row(s, ANN)).toMatchObject({ Areas: null, 'Profile carried over': null });
    expect(String(row(s, ANN).Problems)).toContain('No areas were chosen.');
    // (The acknowledgement goes once per application.)
    expect(s.ports.mail.sent.map((m) => m.key.split(':')[1])).toEqual([
      'acknowledged',
      'application-problem',
    ]);
  });

  it('are never paired again with an earlier partner unless staff Lock the pair', () => {
    const s = withCohort1();
    importCohort2(s);
    reviewApplicationsAction(s.context());
    // Mo chooses Ann first again; Nia chooses Ben.
    s.ports.workbook.writeTab(CHOICES_TAB, {
      header: [...CHOICES_TAB.columns],
      rows: [
        [MO, 'Mo Patel', ANN, BEN, null, null, null],
        [NIA, 'Nia Evans', BEN, null, null, null, null],
      ],
    });
    const match = matchAction(s.context());
    const pairs = () => s.ports.workbook.rows(MATCHES_TAB.name);
    const mo = () => pairs().find((p) => p.Mentee === MO) as Record<string, Cell>;
    expect(mo().Mentor).not.toBe(ANN);
    expect(String(mo().Why)).toContain(
      '1st choice Ann Jones was paired with them in Cohort 1: not paired again unless you Lock them',
    );
    expect(match.summary).toContain(
      'A pair from an earlier cohort is not made again unless you Lock it: Mo Patel and Ann Jones (Cohort 1).',
    );
    // The review screen and the match report list who did what before.
    const report = matchReportAction(s.context());
    const data = report.data as MatchReport;
    const listed = [...data.matches, ...data.unmatched].find((p) => p.mentee === MO);
    expect(listed?.menteeBefore).toBe('mentee in Cohort 1 (mentor: Ann Jones)');
    const withAnn = data.matches.find((p) => p.mentor === ANN);
    expect(withAnn?.mentorBefore).toBe('mentor in Cohort 1 (2 mentees)');
    expect(report.summary.join('\n')).toContain('Ann Jones [mentor in Cohort 1 (2 mentees)]');

    pairingRuleAction(s.context(), 'Lock', [MO, ANN]);
    matchAction(s.context());
    expect(mo()).toMatchObject({
      Mentor: ANN,
      Why: 'Kept by staff in the review; paired before in Cohort 1',
    });
  });

  it('who agreed to another consent wording are held and asked again, once', () => {
    const s = withCohort1();
    importCohort2(s);
    // Lee's application was carried over from Cohort 1, with what he agreed to then.
    const table = loadTable(s.ports.workbook, APPLICATIONS_TAB);
    table.append({
      ID: 'A099',
      Role: 'Mentee',
      Name: 'Lee Wong',
      Email: LEE,
      'Library service': 'Bath Libraries',
      'Job title': 'Head of Libraries',
      'Head of Service': 'Yes',
      Areas: 'Budgeting',
      Goals: 'Confidence',
      Consent: 'I agree',
      'Consent version': 'old12345',
      Submitted: new Date(Date.UTC(2026, 4, 1)),
      Status: 'Waitlisted',
      'Reviewed status': 'Waitlisted',
    });
    s.ports.workbook.writeTab(APPLICATIONS_TAB, table.toData());

    const review = reviewApplicationsAction(s.context());
    expect(review.summary).toContain(
      '3 applicants took part before (see the Taken part before column); 1 must agree to the current consent wording first.',
    );
    expect(row(s, LEE).Status).toBe('Applied');
    expect(row(s, LEE).Problems).toBe(
      `Was in the scheme before (Cohort 1) and agreed to version old12345 of the consent wording, not the current one (version ${CONSENT_VERSION}): they must agree again, by applying with the form, before their application goes ahead (notify-applicants asks them).`,
    );

    notifyApplicantsAction(s.context());
    const asked = s.ports.mail.sent.filter((m) => m.key.startsWith('mail:consent-again:'));
    expect(asked.map((m) => [m.key, m.to])).toEqual([
      [`mail:consent-again:A099:${CONSENT_VERSION}`, [LEE]],
    ]);
    expect(asked[0].text).toContain('I agree to my information being used to run the scheme');
    notifyApplicantsAction(s.context());
    expect(s.ports.mail.sent.filter((m) => m.to.includes(LEE))).toHaveLength(1);

    // He applies again with the form: the current wording is recorded and the hold is lifted.
    recordResponses(
      s.context(),
      MENTEE_FORM,
      [
        response(LEE, 30, {
          name: 'Lee Wong',
          service: 'Bath Libraries',
          areas: 'Budgeting',
          goals: 'Confidence',
          consent: 'I agree',
        }),
      ],
      { live: false },
    );
    reviewApplicationsAction(s.context());
    expect(row(s, LEE)).toMatchObject({ 'Consent version': CONSENT_VERSION, Problems: null });
    expect(row(s, LEE).Status).not.toBe('Applied');
  });
});
