import { parseTimestamp } from '../../src/domain/timestamps';

const LONDON = 'Europe/London';

describe('parseTimestamp reads the formats Google writes', () => {
  it.each([
    ['2022/07/14 10:21:03 am GMT+1', '2022-07-14T09:21:03.000Z'],
    ['2022/07/14 1:05:00 pm GMT+1', '2022-07-14T12:05:00.000Z'],
    ['2022/07/14 12:00:00 am GMT+1', '2022-07-13T23:00:00.000Z'],
    ['2022/01/14 10:21:03 am GMT', '2022-01-14T10:21:03.000Z'],
    ['2022/07/14 10:21:03 am GMT-5', '2022-07-14T15:21:03.000Z'],
    ['14/07/2022 10:21:03', '2022-07-14T09:21:03.000Z'],
    ['14/01/2022 10:21:03', '2022-01-14T10:21:03.000Z'],
    ['7/14/2022 10:21:03', '2022-07-14T09:21:03.000Z'],
    ['2022-07-14T10:21:03Z', '2022-07-14T10:21:03.000Z'],
    ['2022-07-14T10:21:03+01:00', '2022-07-14T09:21:03.000Z'],
    ['2022-07-14 10:21:03', '2022-07-14T09:21:03.000Z'],
  ])('%s', (text, iso) => {
    expect(parseTimestamp(text, LONDON)?.toISOString()).toBe(iso);
  });

  it('reads wall-clock time in the scheme time zone', () => {
    expect(parseTimestamp('14/07/2022 10:21:03', 'America/New_York')?.toISOString()).toBe(
      '2022-07-14T14:21:03.000Z',
    );
  });

  it.each([
    '',
    'yesterday',
    '2022/13/40 10:00:00',
    '31/02/2022 10:00:00',
    '2022/07/14 13:00:00 pm',
  ])('returns null for %j', (text) => {
    expect(parseTimestamp(text, LONDON)).toBeNull();
  });
});
