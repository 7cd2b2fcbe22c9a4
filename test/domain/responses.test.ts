import { compareResponses, inArrivalOrder } from '../../src/domain/responses';
import { MENTOR_FORM } from '../../src/domain/forms';
import { Table } from '../../src/domain/table';
import { APPLICATIONS_TAB, CHOICES_TAB } from '../../src/domain/tabs';
import type { LogRecord } from '../../src/ports';
import { recordApplications } from '../../src/workflows/record-applications';
import { recordChoices } from '../../src/workflows/record-choices';
import { readCohort } from '../../src/workflows/cohort';

const at = (iso: string) => new Date(iso);

describe('one rule for a person who answers again: the newest response wins', () => {
  it('compares dated responses by time; the same instant is a tie and keeps what is recorded', () => {
    expect(compareResponses(at('2026-05-02T10:00Z'), at('2026-05-01T10:00Z'))).toBe('newer');
    expect(compareResponses(at('2026-05-01T10:00Z'), at('2026-05-02T10:00Z'))).toBe('older');
    expect(compareResponses(at('2026-05-01T10:00Z'), at('2026-05-01T10:00Z'))).toBe('same');
  });

  it('never lets an undated response replace a dated one; a dated one replaces an undated one', () => {
    expect(compareResponses('sometime in May', at('2026-05-01T10:00Z'))).toBe('older');
    expect(compareResponses(at('2026-05-01T10:00Z'), 'sometime in May')).toBe('newer');
  });

  it('between undated responses: the same text is the same response, otherwise the later arrival wins', () => {
    expect(compareResponses('May', 'May')).toBe('same');
    expect(compareResponses('June', 'May')).toBe('newer');
    expect(compareResponses('', null)).toBe('same');
  });

  it('applies responses oldest first, undated ones last in the order they came', () => {
    const r = (id: string, submitted: Date | null) => ({ id, submitted });
    const order = inArrivalOrder([
      r('u1', null),
      r('late', at('2026-05-03T00:00Z')),
      r('u2', null),
      r('early', at('2026-05-01T00:00Z')),
    ]).map((x) => x.id);
    expect(order).toEqual(['early', 'late', 'u1', 'u2']);
  });
});

const history = (key: string, previous: unknown): LogRecord => ({
  time: new Date(0),
  run: 'r',
  action: 'import',
  key: `history:${key}`,
  state: 'history',
  detail: JSON.stringify(previous),
});

function mentorResponse(submitted: Date | null, text: string, service: string) {
  return {
    email: 'ann@kent.example',
    submitted,
    submittedText: text,
    answers: new Map([
      ['name', 'Ann Jones'],
      ['service', service],
    ]),
  };
}

describe('the rule as every workflow applies it', () => {
  it('applications: a tie keeps the first answers, an undated resubmission after a dated one is ignored, and a later one replaces them with the old ones kept for the Log', () => {
    const table = new Table(APPLICATIONS_TAB, null);
    const first = recordApplications(
      table,
      MENTOR_FORM,
      [
        mentorResponse(at('2026-05-01T10:00Z'), '1 May', 'Kent'),
        mentorResponse(at('2026-05-01T10:00Z'), '1 May', 'Tied service'),
        mentorResponse(null, 'undated', 'Undated service'),
      ],
      history,
    );
    expect(first.counts).toEqual({ added: 1, updated: 0, unchanged: 1, older: 1 });
    expect(first.history).toEqual([]);
    expect(table.text(0, 'Library service')).toBe('Kent');
    const later = recordApplications(
      table,
      MENTOR_FORM,
      [mentorResponse(at('2026-05-02T10:00Z'), '2 May', 'Medway')],
      history,
    );
    expect(later.counts.updated).toBe(1);
    expect(table.text(0, 'Library service')).toBe('Medway');
    expect(later.history[0].detail).toMatch(/Kent/);
  });

  it('choices: the same rule, so an undated resubmission does not replace dated choices', () => {
    const table = new Table(CHOICES_TAB, null);
    const cohort = readCohort(new Table(APPLICATIONS_TAB, null));
    const choice = (submitted: Date | null, text: string, first: string) => ({
      email: 'bea@york.example',
      submitted,
      submittedText: text,
      answers: new Map([['choice1', first]]),
    });
    const recorded = recordChoices(
      table,
      cohort,
      [
        choice(null, 'undated', 'Undated pick'),
        choice(at('2026-07-14T10:00Z'), '14 July', 'Dated pick'),
      ],
      history,
    );
    expect(recorded.counts).toEqual({ added: 1, updated: 0, unchanged: 0, older: 1 });
    expect(table.rows).toHaveLength(1);
    expect(table.text(0, 'Submitted')).not.toBe('undated');
  });
});
