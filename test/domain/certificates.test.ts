import {
  CERTIFICATES_TAB,
  certificateHash,
  eligibility,
  formatCertificateDate,
  mergeValues,
  orderForPrinting,
  override,
  parseCertificateDate,
  surname,
} from '../../src/domain/certificates';
import { Table } from '../../src/domain/table';

const mentor = (status: string, ...pairs: string[]) => ({
  email: 'a@x.example',
  name: 'A',
  service: 'S',
  status,
  pairs: pairs.map((p, i) => ({ mentee: `Mentee ${i}`, status: p })),
});

describe('who gets a certificate', () => {
  it('an accepted mentor whose pair ran to the end (Confirmed) is eligible', () => {
    expect(eligibility(mentor('Accepted', 'Confirmed'))).toEqual({
      eligible: true,
      why: 'mentored Mentee 0',
    });
    expect(eligibility(mentor('Accepted', 'Ended', 'Confirmed')).eligible).toBe(true);
  });

  it('a pair that ended early, a withdrawn mentor or no pair at all: not eligible, saying why', () => {
    expect(eligibility(mentor('Accepted', 'Ended')).why).toMatch(/ended early.*Override to Yes/);
    expect(eligibility(mentor('Withdrawn', 'Confirmed'))).toEqual({
      eligible: false,
      why: 'their application is Withdrawn',
    });
    expect(eligibility(mentor('Accepted')).why).toBe('no longer paired in the Matches tab');
  });

  it('a staff override counts only with its reason', () => {
    expect(override('', '')).toEqual({ decision: null, problem: null });
    expect(override('yes', 'moved abroad')).toEqual({ decision: true, problem: null });
    expect(override('No', 'never met')).toEqual({ decision: false, problem: null });
    expect(override('Yes', ' ').problem).toMatch(/needs its reason/);
    expect(override('maybe', 'x').problem).toMatch(/Yes, No or empty/);
  });
});

describe('printing order', () => {
  it('finds surnames with their particles (Irish, Welsh, Dutch)', () => {
    expect(surname('Siobhán Ní Bhriain')).toBe('Ní Bhriain');
    expect(surname('Ciarán Ó Súilleabháin')).toBe('Ó Súilleabháin');
    expect(surname('Gwenllïan ap Dafydd')).toBe('ap Dafydd');
    expect(surname('Anna van der Berg')).toBe('van der Berg');
    expect(surname('Cher')).toBe('Cher');
  });

  it('sorts by surname ignoring accents, by first name, by service, or keeps the tab order', () => {
    const people = ['Zoë Ødegård', 'Llŷr Gŵyn', 'Ann Gwyn', 'Łukasz Dąbrowski'].map(
      (name, row) => ({
        name,
        service: `Service ${3 - row}`,
        row,
      }),
    );
    const names = (order: Parameters<typeof orderForPrinting>[1]) =>
      orderForPrinting(people, order, 'en-GB').map((p) => p.name);
    expect(names('Surname')).toEqual(['Łukasz Dąbrowski', 'Ann Gwyn', 'Llŷr Gŵyn', 'Zoë Ødegård']);
    expect(names('First name')[0]).toBe('Ann Gwyn');
    expect(names('Library service')).toEqual([
      'Łukasz Dąbrowski',
      'Ann Gwyn',
      'Llŷr Gŵyn',
      'Zoë Ødegård',
    ]);
    expect(names('Tab order')).toEqual(people.map((p) => p.name));
  });
});

describe('what a certificate says', () => {
  it('dates in the scheme zone and locale: "25 January 2023", and in Welsh', () => {
    // 00:30 on 26 January in London is still 25 January in New York.
    const instant = new Date('2023-01-26T00:30:00Z');
    expect(formatCertificateDate(instant, 'Europe/London', 'en-GB')).toBe('26 January 2023');
    expect(formatCertificateDate(instant, 'America/New_York', 'en-GB')).toBe('25 January 2023');
    expect(formatCertificateDate(instant, 'Europe/London', 'cy')).toBe('26 Ionawr 2023');
  });

  it('reads the Certificate date as staff type it, or as Sheets stores a date', () => {
    const day = (text: string) =>
      formatCertificateDate(parseCertificateDate(text, 'Europe/London')!, 'Europe/London', 'en-GB');
    expect(day('25 January 2027')).toBe('25 January 2027');
    expect(day('25th Jan 2027')).toBe('25 January 2027');
    expect(day('2027-01-25')).toBe('25 January 2027');
    expect(day('25/01/2027')).toBe('25 January 2027');
    // A date typed into Sheets in summer: midnight in London is 23:00 UTC the day before.
    expect(day('2027-06-24T23:00:00.000Z')).toBe('25 June 2027');
    expect(parseCertificateDate('next Tuesday', 'Europe/London')).toBeNull();
    expect(parseCertificateDate('31 February 2027', 'Europe/London')).toBeNull();
  });

  it('merges every column staff added, never the tool bookkeeping', () => {
    const table = new Table(CERTIFICATES_TAB, {
      header: ['Mentor', 'Name', 'Library service', 'Hours', 'Override reason', 'Version'],
      rows: [['a@x.example', 'Siân', 'Gwynedd', 12, 'because', 3]],
    });
    expect(
      mergeValues(table, 0, { schemeName: 'S', cohort: 'C', date: 'D' }, () => 'date'),
    ).toEqual({
      Name: 'Siân',
      'Library service': 'Gwynedd',
      Hours: '12',
      Cohort: 'C',
      'Scheme name': 'S',
      Date: 'D',
    });
  });

  it('the hash changes with any printed value or the template, not with their order', () => {
    const a = certificateHash({ Name: 'Siân', Cohort: 'C' }, 't');
    expect(certificateHash({ Cohort: 'C', Name: 'Siân' }, 't')).toBe(a);
    expect(certificateHash({ Name: 'Sian', Cohort: 'C' }, 't')).not.toBe(a);
    expect(certificateHash({ Name: 'Siân', Cohort: 'C' }, 'u')).not.toBe(a);
  });
});
