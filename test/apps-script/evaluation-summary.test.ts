import { participantCode, pairCode } from '../../src/domain/evaluation/codes';
import { EVALUATIONS_TAB, LOG_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { loadBundle } from '../support/bundle';

const COHORT = 'Cohort 1';

/** Confirmed pairs with their codes in Matches, as send-evaluation leaves them. */
function matchesRows(pairs: number): { rows: unknown[][]; mentors: string[]; mentees: string[] } {
  const header = [...MATCHES_TAB.columns];
  const mentors: string[] = [];
  const mentees: string[] = [];
  const rows = Array.from({ length: pairs }, (_, i) => {
    const mentee = `mentee${i}@e${i}.example`;
    const mentor = `mentor${i}@m${i}.example`;
    mentees.push(participantCode(COHORT, mentee));
    mentors.push(participantCode(COHORT, mentor));
    const cells: Record<string, unknown> = {
      Mentee: mentee,
      'Mentee name': `Mentee ${i}`,
      Mentor: mentor,
      'Mentor name': `Mentor ${i}`,
      Status: 'Confirmed',
      'Mentee code': mentees[i],
      'Mentor code': mentors[i],
      'Pair code': pairCode(COHORT, mentee, mentor),
      Continuation: i < 5 ? 'Continuing' : 'Ending at scheme close',
    };
    return header.map((h) => cells[h] ?? '');
  });
  return { rows: [header, ...rows], mentors, mentees };
}

function evaluationRows(round: string, codes: { code: string; role: string }[], day: number) {
  return codes.map(({ code, role }, i) => {
    const cells: Record<string, unknown> = {
      Round: round,
      'Participant code': code,
      Role: role,
      'Leadership skills': (i % 5) + 1,
      'Confidence and courage': 4,
      'Less isolated': 5,
      'Practical help': (i % 3) + 2,
      'How often': 'About once a month',
      'How met': i % 2 ? 'Online' : 'Online, In person',
      Comments: i === 0 ? `'=HYPERLINK("http://evil.example","x")` : '',
      Submitted: new Date(Date.UTC(2026, 9, day, 9, i)),
    };
    return EVALUATIONS_TAB.columns.map((h) => cells[h] ?? '');
  });
}

/**
 * The "Evaluation summary" menu item through the built bundle, on the fake: the tab is rebuilt
 * with its Sheets charts beside the tables, and a second run replaces the charts rather than
 * adding more.
 */
describe('Evaluation summary on the Google Sheet (fake)', () => {
  const { fake, call } = loadBundle();
  const { rows, mentors, mentees } = matchesRows(12);
  let charts: number;

  beforeAll(() => {
    call('setUpWorkbook');
    fake.spreadsheet.seed('Matches', rows);
    const mid = [
      ...mentees.map((code) => ({ code, role: 'Mentee' })),
      ...mentors.slice(0, 9).map((code) => ({ code, role: 'Mentor' })),
    ];
    // At the end, only 4 mentors answered: never shown as a group of their own.
    const end = [
      ...mentees.slice(0, 8).map((code) => ({ code, role: 'Mentee' })),
      ...mentors.slice(0, 4).map((code) => ({ code, role: 'Mentor' })),
    ];
    fake.spreadsheet.seed('Evaluations', [
      [...EVALUATIONS_TAB.columns],
      ...evaluationRows('Mid-point', mid, 5),
      ...evaluationRows('End', end, 20),
    ]);
    // Everyone was sent both rounds' questionnaires (the Log, as send-evaluation leaves it).
    fake.spreadsheet.seed('Log', [
      [...LOG_TAB.columns],
      ...['mid-point', 'end'].flatMap((round) =>
        [...mentees, ...mentors].map((code) => [
          new Date(Date.UTC(2026, 9, 1)),
          'run',
          'send-evaluation',
          `mail:evaluation:${round}:${code}`,
          'done',
          'to someone',
        ]),
      ),
    ]);
    call('evaluationSummary');
  });

  const sheet = () => fake.spreadsheet.sheets.find((s) => s.name === 'Evaluation summary')!;

  it('writes the tables and a chart beside each of them', () => {
    expect(fake.ui.alerts.at(-1)).toMatch(
      /Evaluation summary of 33 answers over 2 rounds, with 8 charts/,
    );
    const values = fake.spreadsheet.values('Evaluation summary');
    const text = values.map((r) => r.join('|').replace(/\|+$/, ''));
    charts = sheet().chartList.length;
    expect(charts).toBe(8);
    const width = Math.max(...values.map((r) => r.filter((v) => v !== '').length));
    for (const chart of sheet().chartList) {
      const [range] = chart.state.ranges;
      // The chart's range is its table's header and rows, and it sits to the right of the tables.
      expect(values[range.row - 1][0]).toMatch(/^(Group|Outcome)$/);
      expect(chart.state.anchor.column).toBeGreaterThan(width);
      expect(chart.state.anchor.row).toBe(range.row - 1);
      expect(chart.state.type).toBe('BAR');
      expect(chart.state.options.title).toEqual(expect.any(String));
    }
    expect(text).toContain('End: everyone|3|3|2|2|2|12|2.8');
    expect(text.some((t) => t.startsWith('End: mentors|'))).toBe(false);
    expect(text.some((t) => t.startsWith('Mid-point: mentors|'))).toBe(true);
    expect(text).toContain('Mid-point: mentors|75|12|9');
    // A formula-like comment is stored as text, never run.
    const cell = fake.spreadsheet
      .sheet('Evaluation summary')!
      .cell(values.findIndex((r) => String(r[0]).includes('HYPERLINK')) + 1, 1)!;
    expect(cell.formula).toBeUndefined();
  });

  it('leaves the same number of charts after a second run (replaced, never piled up)', () => {
    const before = sheet().chartList.map((c) => c.state.id);
    call('evaluationSummary');
    expect(sheet().chartList).toHaveLength(charts);
    expect(sheet().chartList.map((c) => c.state.id)).not.toEqual(before);
    call('evaluationSummary');
    expect(sheet().chartList).toHaveLength(charts);
  });
});
