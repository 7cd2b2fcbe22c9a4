import { EventState, planEvent } from '../../src/domain/event-plan';

const desired = {
  title: 'Drop-in',
  description: 'Bring a question',
  location: 'Online',
  start: '2026-11-11T10:00:00.000Z',
  end: '2026-11-11T11:30:00.000Z',
  cancelled: false,
};
const existing = (guests: string[], over: Partial<EventState> = {}): EventState => ({
  ...desired,
  guests,
  ...over,
});
const told = (plan: ReturnType<typeof planEvent>) =>
  plan.notify.map((n) => `${n.email} ${n.notice}`).sort();

describe('what one call on a session event changes and whom it tells', () => {
  it('a new event invites every guest, within the budget and the batch', () => {
    const plan = planEvent(null, desired, ['a@x.org', 'B@x.org'], 10);
    expect(plan.create).toBe(true);
    expect(told(plan)).toEqual(['a@x.org invitation', 'b@x.org invitation']);
    const part = planEvent(null, desired, ['a@x.org', 'b@x.org', 'c@x.org'], 2);
    expect(part.next?.guests).toEqual(['a@x.org', 'b@x.org']);
    expect(part.pending).toBe(1);
    expect(planEvent(null, desired, ['a@x.org'], 0)).toMatchObject({ next: null, queued: true });
    expect(planEvent(null, { ...desired, cancelled: true }, ['a@x.org'], 10).next).toBeNull();
  });

  it('an unchanged event sends nothing; a changed time or place updates every guest once', () => {
    expect(planEvent(existing(['a@x.org']), desired, ['a@x.org'], 10)).toMatchObject({
      next: null,
      notify: [],
    });
    // Google may hand the description back with CRLF: not a change.
    expect(
      planEvent(
        existing(['a@x.org'], { description: 'Bring a question\r\n' }),
        desired,
        ['a@x.org'],
        10,
      ).next,
    ).toBeNull();
    const moved = planEvent(
      existing(['a@x.org', 'b@x.org'], { start: '2026-11-11T09:00:00Z' }),
      desired,
      ['a@x.org', 'b@x.org'],
      10,
    );
    expect(moved.changed).toEqual(['time']);
    expect(told(moved)).toEqual(['a@x.org update', 'b@x.org update']);
    const place = planEvent(existing(['a@x.org'], { location: 'Leeds' }), desired, ['a@x.org'], 10);
    expect(place.changed).toEqual(['place']);
  });

  it('an added guest is invited and a removed one gets a cancellation; nobody else hears', () => {
    const plan = planEvent(existing(['a@x.org', 'b@x.org']), desired, ['a@x.org', 'c@x.org'], 10);
    expect(told(plan)).toEqual(['b@x.org cancellation', 'c@x.org invitation']);
    expect(plan.next?.guests).toEqual(['a@x.org', 'c@x.org']);
  });

  it('a cancelled session tells every guest once, then nothing', () => {
    const plan = planEvent(
      existing(['a@x.org', 'b@x.org']),
      { ...desired, cancelled: true },
      ['a@x.org'],
      10,
    );
    expect(told(plan)).toEqual(['a@x.org cancellation', 'b@x.org cancellation']);
    expect(plan.next?.cancelled).toBe(true);
    expect(planEvent(plan.next, { ...desired, cancelled: true }, ['a@x.org'], 10).next).toBeNull();
  });

  it('a change that must reach every guest waits whole when the budget is short', () => {
    const plan = planEvent(
      existing(['a@x.org', 'b@x.org', 'c@x.org'], { location: 'Leeds' }),
      desired,
      ['a@x.org', 'b@x.org', 'c@x.org'],
      2,
    );
    expect(plan).toMatchObject({ next: null, queued: true, notify: [] });
  });
});
