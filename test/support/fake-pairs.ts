import { inert } from '../../src/apps-script/services';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import type { FakeAppsScript } from '../fakes/apps-script';

/**
 * `n` accepted mentors and mentees on the fake Sheet, confirmed in pairs (mentee i with mentor
 * i): what set-up-pairs and make-certificates start from. `mentorName` names a mentor (to test
 * names with Welsh, Irish or Polish letters); by default "Mentor i".
 */
export function seedConfirmedPairs(
  fake: FakeAppsScript,
  n: number,
  mentorName: (i: number) => string = (i) => `Mentor ${i}`,
): void {
  const name = (role: string, i: number) => (role === 'Mentor' ? mentorName(i) : `${role} ${i}`);
  const header = [...APPLICATIONS_TAB.columns];
  const person = (role: string, i: number) => {
    const cells: Record<string, unknown> = {
      ID: `${role[0]}${i}`,
      Role: role,
      Name: name(role, i),
      Email: `${role.toLowerCase()}${i}@lib${i}.example`,
      'Library service': `${role} service ${i}`,
      Status: 'Accepted',
      'Reviewed status': 'Accepted',
    };
    return header.map((h) => inert(cells[h] ?? ''));
  };
  fake.spreadsheet.seed('Applications', [
    header,
    ...Array.from({ length: n }, (_, i) => person('Mentor', i)),
    ...Array.from({ length: n }, (_, i) => person('Mentee', i)),
  ]);
  const mh = [...MATCHES_TAB.columns];
  fake.spreadsheet.seed('Matches', [
    mh,
    ...Array.from({ length: n }, (_, i) => {
      const cells: Record<string, string> = {
        Mentee: `mentee${i}@lib${i}.example`,
        Mentor: `mentor${i}@lib${i}.example`,
        'Mentee name': `Mentee ${i}`,
        'Mentor name': mentorName(i),
        Status: 'Confirmed',
      };
      return mh.map((h) => cells[h] ?? '');
    }),
  ]);
}
