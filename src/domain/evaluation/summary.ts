import type { Report, ReportSection, ReportTable, ReportValue } from '../report';
import { AIMS, AimField, FREQUENCIES } from './answers';
import { CONTINUATION_OUTCOMES } from './continuation';

/**
 * The evaluation summary: response rates, the scheme's four aims, how pairs met, the January
 * outcomes and the comments. Small-number suppression: a group of fewer than MIN_GROUP people is
 * never shown on its own, and when one role of a round is hidden the other is hidden too (else
 * the round's total minus the shown role would give the hidden one away).
 */
export const MIN_GROUP = 5;

export type Role = 'Mentor' | 'Mentee';
const ROLES: readonly Role[] = ['Mentor', 'Mentee'];

export interface SummaryAnswer {
  round: string;
  role: Role;
  ratings: Record<AimField, number | null>;
  frequency: string;
  how: readonly string[];
  comments: string;
}

export interface SummaryInput {
  /** Round names in the order of the Rounds tab. */
  rounds: readonly string[];
  /** How many people of each role were sent the round's questionnaire. */
  asked: ReadonlyMap<string, Record<Role, number>>;
  /** One answer per person per round (the latest), linked to a participant. */
  answers: readonly SummaryAnswer[];
  outcomes: Readonly<Record<string, number>>;
  generated: string;
}

interface Group {
  label: string;
  answers: SummaryAnswer[];
}

/** The groups of one round that may be shown: by role when both are big enough, and all. */
function groups(
  round: string,
  answers: readonly SummaryAnswer[],
): { shown: Group[]; hidden: string[] } {
  const all = answers.filter((a) => a.round === round);
  const byRole = ROLES.map((role) => ({
    label: `${round}: ${role.toLowerCase()}s`,
    answers: all.filter((a) => a.role === role),
  }));
  const hidden: string[] = [];
  const shown: Group[] = [];
  if (all.length < MIN_GROUP) {
    if (all.length > 0)
      hidden.push(`${round}: fewer than ${MIN_GROUP} answers in the round, so none are shown.`);
    return { shown, hidden };
  }
  const small = byRole.filter((g) => g.answers.length < MIN_GROUP);
  if (small.length === 0) shown.push(...byRole);
  else
    hidden.push(
      `${round}: ${small.map((g) => g.label.split(': ')[1]).join(' and ')} ${small.length === 1 ? 'are' : 'are each'} fewer than ${MIN_GROUP}, so mentors and mentees are shown together only.`,
    );
  shown.push({ label: `${round}: everyone`, answers: all });
  return { shown, hidden };
}

function mean(values: number[]): ReportValue {
  if (values.length === 0) return '';
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function responseRates(input: SummaryInput): ReportTable {
  const rows: ReportValue[][] = [];
  const notes: string[] = [];
  for (const round of input.rounds) {
    const asked = input.asked.get(round) ?? { Mentor: 0, Mentee: 0 };
    const answered = (role?: Role) =>
      input.answers.filter((a) => a.round === round && (!role || a.role === role)).length;
    const total = asked.Mentor + asked.Mentee;
    if (total === 0) continue;
    const rate = (n: number, d: number) => (d ? Math.round((n / d) * 100) : 0);
    // A role is shown on its own only when at least MIN_GROUP of it were asked and answered,
    // and then both roles are (else the round's total would give the hidden one away).
    const small = ROLES.filter((r) => asked[r] < MIN_GROUP || answered(r) < MIN_GROUP);
    if (total < MIN_GROUP || answered() < MIN_GROUP) {
      notes.push(
        `${round}: fewer than ${MIN_GROUP} people asked or answering, so the rate is not shown.`,
      );
      continue;
    }
    if (small.length === 0) {
      for (const role of ROLES)
        rows.push([
          `${round}: ${role.toLowerCase()}s`,
          rate(answered(role), asked[role]),
          asked[role],
          answered(role),
        ]);
    } else {
      notes.push(
        `${round}: fewer than ${MIN_GROUP} ${small.map((r) => `${r.toLowerCase()}s`).join(' and ')} were asked or answered, so the roles are shown together only.`,
      );
    }
    rows.push([`${round}: everyone`, rate(answered(), total), total, answered()]);
  }
  return {
    id: 'response-rate',
    caption: 'Response rate per round and role',
    header: ['Group', 'Response rate (%)', 'Asked', 'Answered'],
    rows,
    chart: {
      kind: 'grouped',
      title: 'Response rate (%)',
      series: ['Response rate (%)'],
      measure: 'Response rate (%)',
    },
    notes,
  };
}

function aimTable(input: SummaryInput, aim: (typeof AIMS)[number]): ReportTable {
  const rows: ReportValue[][] = [];
  const notes: string[] = [];
  for (const round of input.rounds) {
    const { shown, hidden } = groups(round, input.answers);
    notes.push(...hidden);
    for (const g of shown) {
      const values = g.answers
        .map((a) => a.ratings[aim.field])
        .filter((v): v is number => v !== null);
      if (values.length < MIN_GROUP) {
        if (values.length) notes.push(`${g.label}: fewer than ${MIN_GROUP} ratings, not shown.`);
        continue;
      }
      rows.push([
        g.label,
        ...[1, 2, 3, 4, 5].map((n) => values.filter((v) => v === n).length),
        values.length,
        mean(values),
      ]);
    }
  }
  return {
    id: `aim-${aim.field}`,
    caption: `${aim.label}: ratings from 1 (not at all) to 5 (a great deal)`,
    header: ['Group', '1', '2', '3', '4', '5', 'Ratings', 'Mean'],
    rows,
    chart: {
      kind: 'stacked',
      title: `${aim.label}: how many gave each rating`,
      series: ['1', '2', '3', '4', '5'],
      measure: 'Ratings',
    },
    notes: [...new Set(notes)],
  };
}

function meetingTables(input: SummaryInput): ReportTable[] {
  const often: ReportValue[][] = [];
  const how: ReportValue[][] = [];
  const notes: string[] = [];
  for (const round of input.rounds) {
    const { shown, hidden } = groups(round, input.answers);
    notes.push(...hidden);
    for (const g of shown) {
      const answeredOften = g.answers.filter((a) => a.frequency);
      if (answeredOften.length >= MIN_GROUP)
        often.push([
          g.label,
          ...FREQUENCIES.map((f) => answeredOften.filter((a) => a.frequency === f).length),
          answeredOften.length,
        ]);
      const answeredHow = g.answers.filter((a) => a.how.length);
      if (answeredHow.length >= MIN_GROUP) {
        const has = (a: SummaryAnswer, w: string) => a.how.includes(w);
        how.push([
          g.label,
          answeredHow.filter((a) => has(a, 'Online') && !has(a, 'In person')).length,
          answeredHow.filter((a) => has(a, 'In person') && !has(a, 'Online')).length,
          answeredHow.filter((a) => has(a, 'Online') && has(a, 'In person')).length,
          answeredHow.length,
        ]);
      }
    }
  }
  const unique = [...new Set(notes)];
  return [
    {
      id: 'how-often',
      caption: 'How often pairs have met',
      header: ['Group', ...FREQUENCIES, 'Answers'],
      rows: often,
      chart: {
        kind: 'stacked',
        title: 'How often pairs have met',
        series: FREQUENCIES,
        measure: 'Answers',
      },
      notes: unique,
    },
    {
      id: 'how-met',
      caption: 'How pairs have met: online, in person or both',
      header: ['Group', 'Online only', 'In person only', 'Both', 'Answers'],
      rows: how,
      chart: {
        kind: 'stacked',
        title: 'How pairs have met',
        series: ['Online only', 'In person only', 'Both'],
        measure: 'Answers',
      },
      notes: unique,
    },
  ];
}

function outcomesTable(input: SummaryInput): ReportTable {
  const rows = Object.values(CONTINUATION_OUTCOMES).map((o) => [o, input.outcomes[o] ?? 0]);
  return {
    id: 'continuation',
    caption: 'The January decision: pairs by outcome',
    header: ['Outcome', 'Pairs'],
    rows,
    chart: { kind: 'grouped', title: 'Pairs by outcome', series: ['Pairs'], measure: 'Pairs' },
    notes: ['Counts of pairs, as in the Matches tab; no individual answer is shown.'],
  };
}

function comments(input: SummaryInput): ReportSection['list'] {
  const items: string[] = [];
  for (const round of input.rounds) {
    const all = input.answers.filter((a) => a.round === round);
    const said = all.map((a) => a.comments.trim()).filter(Boolean);
    if (!said.length) continue;
    if (all.length < MIN_GROUP) {
      items.push(
        `${round}: ${said.length === 1 ? 'a comment' : 'comments'} withheld (fewer than ${MIN_GROUP} answers in the round).`,
      );
      continue;
    }
    // Shuffled out of answer order by sorting, and never with a role or code beside them.
    items.push(...[...said].sort().map((c) => `${round}: ${c}`));
  }
  return { caption: 'Comments (for staff only; shown without names, roles or codes)', items };
}

export function evaluationSummary(input: SummaryInput): Report {
  const rates = responseRates(input);
  const answered = input.answers.length;
  return {
    id: 'evaluation',
    title: 'Evaluation summary',
    generated: input.generated,
    sections: [
      {
        heading: 'Who answered',
        paragraphs: [
          `${answered === 1 ? '1 answer' : `${answered} answers`} to the optional questionnaire over ${input.rounds.length === 1 ? '1 round' : `${input.rounds.length} rounds`}. A person who answered twice in a round counts once, with their latest answers.`,
          `Groups of fewer than ${MIN_GROUP} people are never shown on their own, so that no one can be identified.`,
        ],
        tables: [rates],
      },
      {
        heading: "The scheme's aims",
        paragraphs: ['Each aim was rated from 1 (not at all) to 5 (a great deal).'],
        tables: AIMS.map((aim) => aimTable(input, aim)),
      },
      { heading: 'How pairs met', paragraphs: [], tables: meetingTables(input) },
      { heading: 'Carrying on after the scheme', paragraphs: [], tables: [outcomesTable(input)] },
      { heading: 'Comments', paragraphs: [], tables: [], list: comments(input) },
    ],
  };
}
