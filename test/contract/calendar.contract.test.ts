import fs from 'node:fs';
import path from 'node:path';
import { AppsScriptCalendar } from '../../src/apps-script/calendar-api';
import { EmlMail } from '../../src/local/eml-mail';
import { LocalCalendar } from '../../src/local/local-calendar';
import type { CalendarPort, SessionEventSpec } from '../../src/ports';
import { createFakeAppsScript } from '../fakes/apps-script';
import { tempDir } from '../support/temp';

/**
 * The calendar port's contract, run against both back ends: each call changes the session's
 * event in place and tells exactly the guests the change concerns, once; the event is found
 * again by the session's ID when its recorded ID is lost (a crash before the Sheet was saved).
 * `told()` is what each back end really sent: Google's notices, or the .eml files.
 */
interface Backend {
  calendar: CalendarPort;
  /** Everything sent so far, as "guest notice" strings, sorted. */
  told(): Promise<string[]>;
  events(): number;
}

function google(): Backend {
  const fake = createFakeAppsScript();
  const calendar = new AppsScriptCalendar(
    fake.globals.Calendar as unknown as GoogleAppsScript.Calendar,
    fake.globals.PropertiesService.getScriptProperties() as GoogleAppsScript.Properties.Properties,
    { now: () => fake.clock.now() },
    () => ({ calendarId: '', namespace: 'sheet-123', dailyLimit: 1000, timeZone: 'Europe/London' }),
  );
  return {
    calendar,
    told: async () => fake.calendar.notices.map((n) => `${n.email} ${n.notice}`).sort(),
    events: () => fake.calendar.store.get('staff@example.org')?.size ?? 0,
  };
}

function local(): Backend {
  const dir = tempDir('pm-calendar-');
  const clock = { now: () => new Date('2026-07-01T09:00:00Z') };
  const mail = new EmlMail(path.join(dir, 'mail'), clock, () => 100);
  const calendar = new LocalCalendar(path.join(dir, 'calendar'), mail, clock, () => 1000);
  return {
    calendar,
    told: async () => {
      await mail.flush();
      return fs
        .readdirSync(path.join(dir, 'mail'))
        .filter((f) => f.endsWith('.eml'))
        .map((f) => {
          const [, seq, email] = /^invite_[^_]+_(\d+)_(.+)\.eml$/.exec(f) as RegExpExecArray;
          const eml = fs.readFileSync(path.join(dir, 'mail', f), 'utf8');
          const subject = /^Subject: (\w+)/m.exec(eml)?.[1];
          const notice =
            subject === 'Cancelled'
              ? 'cancellation'
              : subject === 'Updated'
                ? 'update'
                : 'invitation';
          return { seq: Number(seq), line: `${email} ${notice}` };
        })
        .map((x) => x.line)
        .sort();
    },
    events: () =>
      fs
        .readdirSync(path.join(dir, 'calendar'))
        .filter((f) => f.endsWith('.json') && !f.startsWith('.')).length,
  };
}

const SPEC: SessionEventSpec = {
  sessionId: 'S01',
  title: 'Drop-in: Budgets',
  description: 'Bring a question',
  location: 'https://teams.example/drop-in',
  start: new Date('2026-11-11T10:00:00Z'),
  end: new Date('2026-11-11T11:30:00Z'),
  timeZone: 'Europe/London',
  cancelled: false,
  organizer: { name: 'Peer Mentoring Scheme', email: 'mentoring@example.org' },
};
const guest = (n: string) => ({ email: `${n}@lib.example`, name: n });

describe.each([
  ['Google (Calendar advanced service on the fake)', google],
  ['local (.eml with .ics)', local],
])('the calendar port: %s', (_, make) => {
  it('creates once, updates in place, adds, removes and cancels, telling the right guests once each', async () => {
    const b = make();
    const first = b.calendar.ensureSessionEvent(SPEC, [guest('ann'), guest('bob')], {
      budget: 100,
    });
    expect(first).toMatchObject({ created: true, guests: 2, pending: 0 });
    expect(first.eventId).not.toBe('');
    expect(await b.told()).toEqual(['ann@lib.example invitation', 'bob@lib.example invitation']);

    const same = b.calendar.ensureSessionEvent(SPEC, [guest('ann'), guest('bob')], {
      knownId: first.eventId,
      budget: 100,
    });
    expect(same).toMatchObject({
      created: false,
      changed: [],
      notified: [],
      eventId: first.eventId,
    });

    const moved = {
      ...SPEC,
      start: new Date('2026-11-18T14:00:00Z'),
      end: new Date('2026-11-18T15:00:00Z'),
    };
    expect(
      b.calendar.ensureSessionEvent(moved, [guest('ann'), guest('bob')], {
        knownId: first.eventId,
        budget: 100,
      }),
    ).toMatchObject({ changed: ['time'] });
    const added = b.calendar.ensureSessionEvent(moved, [guest('ann'), guest('cat')], {
      knownId: first.eventId,
      budget: 100,
    });
    expect(added).toMatchObject({ added: ['cat@lib.example'], removed: ['bob@lib.example'] });
    b.calendar.ensureSessionEvent({ ...moved, cancelled: true }, [guest('ann'), guest('cat')], {
      knownId: first.eventId,
      budget: 100,
    });
    b.calendar.ensureSessionEvent({ ...moved, cancelled: true }, [guest('ann'), guest('cat')], {
      knownId: first.eventId,
      budget: 100,
    });
    expect(await b.told()).toEqual([
      'ann@lib.example cancellation',
      'ann@lib.example invitation',
      'ann@lib.example update',
      'bob@lib.example cancellation',
      'bob@lib.example invitation',
      'bob@lib.example update',
      'cat@lib.example cancellation',
      'cat@lib.example invitation',
    ]);
    expect(b.events()).toBe(1);
    expect(b.calendar.responses('S01', first.eventId)).toEqual(
      new Map([
        ['ann@lib.example', 'not answered'],
        ['cat@lib.example', 'not answered'],
      ]),
    );
  });

  it('finds the event again by the session ID when its recorded ID was lost, and makes no second', async () => {
    const b = make();
    b.calendar.ensureSessionEvent(SPEC, [guest('ann')], { budget: 100 });
    const again = b.calendar.ensureSessionEvent(SPEC, [guest('ann')], { budget: 100 });
    expect(again).toMatchObject({ created: false, notified: [] });
    expect(b.events()).toBe(1);
    expect(await b.told()).toEqual(['ann@lib.example invitation']);
  });

  it('takes an erased guest off without telling anyone; the next run sends nothing', async () => {
    const b = make();
    const first = b.calendar.ensureSessionEvent(SPEC, [guest('ann'), guest('bob')], {
      budget: 100,
    });
    const told = await b.told();
    expect(b.calendar.removeGuests('S01', ['ANN@lib.example'], first.eventId)).toBe(1);
    expect([...(b.calendar.responses('S01', first.eventId)?.keys() ?? [])]).toEqual([
      'bob@lib.example',
    ]);
    expect(b.calendar.removeGuests('S01', ['ann@lib.example'], first.eventId)).toBe(0);
    expect(b.calendar.removeGuests('S99', ['ann@lib.example'])).toBe(0);
    const next = b.calendar.ensureSessionEvent(SPEC, [guest('bob')], {
      knownId: first.eventId,
      budget: 100,
    });
    expect(next).toMatchObject({ created: false, notified: [], guests: 1 });
    expect(await b.told()).toEqual(told);
  });

  it('adds guests within the budget and says how many wait', () => {
    const b = make();
    const part = b.calendar.ensureSessionEvent(SPEC, [guest('ann'), guest('bob'), guest('cat')], {
      budget: 2,
    });
    expect(part).toMatchObject({ guests: 2, pending: 1 });
    const rest = b.calendar.ensureSessionEvent(SPEC, [guest('ann'), guest('bob'), guest('cat')], {
      knownId: part.eventId,
      budget: 2,
    });
    expect(rest).toMatchObject({ added: ['cat@lib.example'], guests: 3, pending: 0 });
  });
});
