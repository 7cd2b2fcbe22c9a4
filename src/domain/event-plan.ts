/**
 * What one call on a session's event must change, and whom it must tell, given the event as it
 * is (on Google Calendar, or in the local record) and the session as the Sessions tab says.
 * Both calendar back ends follow this plan, so they change and notify alike:
 * - a new event invites every guest;
 * - a changed time, place, title or description updates every guest once;
 * - a guest no longer in the audience gets a cancellation, a new one an invitation;
 * - a Cancelled session cancels the event and tells every guest once;
 * - nothing that differs: nothing is sent.
 * Never delete and recreate. Within the day's invitation budget, new guests are added in batches
 * (a change that must reach everyone at once waits, whole, for a day with enough budget).
 */
export interface EventState {
  title: string;
  description: string;
  location: string;
  /** ISO instants. */
  start: string;
  end: string;
  cancelled: boolean;
  /** Guests' e-mails, lower case. */
  guests: string[];
}

export type Notice = 'invitation' | 'update' | 'cancellation';

export interface EventPlan {
  /** The event as it must be after this call; null when there is nothing to do. */
  next: EventState | null;
  create: boolean;
  /** What changed on the event itself: time, place, title, description, cancelled, restored. */
  changed: string[];
  added: string[];
  removed: string[];
  notify: { email: string; notice: Notice }[];
  /** Guests still to be added on a later call (the day's budget or the batch ran out). */
  pending: number;
  /** A change to everyone could not fit in today's budget: nothing was done. */
  queued: boolean;
}

/** New guests added per call: keeps each call short, so a long job can stop between them. */
export const GUESTS_PER_CALL = 50;

export function planEvent(
  current: EventState | null,
  desired: Omit<EventState, 'guests'>,
  guests: readonly string[],
  budget: number,
  batch = GUESTS_PER_CALL,
): EventPlan {
  const wanted = [...new Set(guests.map((g) => g.toLowerCase()))];
  const none: EventPlan = {
    next: null,
    create: false,
    changed: [],
    added: [],
    removed: [],
    notify: [],
    pending: 0,
    queued: false,
  };
  if (!current) {
    if (desired.cancelled) return none;
    const take = Math.max(0, Math.min(budget, batch, wanted.length));
    if (take === 0 && wanted.length > 0) return { ...none, pending: wanted.length, queued: true };
    const added = wanted.slice(0, take);
    return {
      ...none,
      next: { ...desired, guests: added },
      create: true,
      added,
      notify: added.map((email) => ({ email, notice: 'invitation' as const })),
      pending: wanted.length - take,
    };
  }
  if (desired.cancelled) {
    if (current.cancelled) return none;
    if (current.guests.length > budget) return { ...none, queued: true };
    return {
      ...none,
      next: { ...current, cancelled: true },
      changed: ['cancelled'],
      notify: current.guests.map((email) => ({ email, notice: 'cancellation' as const })),
    };
  }
  const changed = fieldChanges(current, desired);
  if (current.cancelled) changed.push('restored');
  const removed = current.guests.filter((g) => !wanted.includes(g));
  const kept = current.guests.filter((g) => wanted.includes(g));
  const newcomers = wanted.filter((g) => !current.guests.includes(g));
  const mandatory = removed.length + (changed.length ? kept.length : 0);
  if (mandatory > budget) return { ...none, pending: newcomers.length, queued: true };
  const room = Math.max(0, Math.min(budget - mandatory, batch));
  const added = newcomers.slice(0, room);
  const pending = newcomers.length - added.length;
  if (!changed.length && !removed.length && !added.length) {
    return { ...none, pending };
  }
  return {
    next: { ...desired, cancelled: false, guests: [...kept, ...added] },
    create: false,
    changed,
    added,
    removed,
    notify: [
      ...removed.map((email) => ({ email, notice: 'cancellation' as const })),
      ...(changed.length ? kept.map((email) => ({ email, notice: 'update' as const })) : []),
      ...added.map((email) => ({ email, notice: 'invitation' as const })),
    ],
    pending,
    queued: false,
  };
}

function fieldChanges(current: EventState, desired: Omit<EventState, 'guests'>): string[] {
  const changed: string[] = [];
  const same = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();
  if (!same(current.start, desired.start) || !same(current.end, desired.end)) changed.push('time');
  if (current.location.trim() !== desired.location.trim()) changed.push('place');
  if (current.title.trim() !== desired.title.trim()) changed.push('title');
  if (normaliseText(current.description) !== normaliseText(desired.description))
    changed.push('description');
  return changed;
}

/** Google may return a description with CRLF or trailing spaces: compare the words, not those. */
function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}
