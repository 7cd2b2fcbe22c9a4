import fs from 'node:fs';
import path from 'node:path';
import { findAction } from '../../src/actions';
import { loadTable, saveTable } from '../../src/core/workbook';
import type { Table, TabSpec } from '../../src/domain/table';
import { isDate } from '../../src/domain/table';
import { CONTINUATION_TAB, EVALUATIONS_TAB, LOG_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { YEAR_END_WORKBOOK } from '../../src/local/demo-next-cohort';
import { LocalSession } from '../../src/local/session';
import { copyDemo } from '../support/demo';
import { tempDir } from '../support/temp';

/**
 * The acceptance, tried on the demo as a new user would: two evaluation rounds with
 * reminders, the January decision, on the demo's simulated calendar.
 */
const dir = tempDir();
// The demo archives its cohort at the end; it keeps the workbook as the year ended in out/demo.
const paths = {
  workbook: path.join(dir, 'out', 'demo', YEAR_END_WORKBOOK),
  out: path.join(dir, 'out'),
};
const mailDir = path.join(paths.out, 'mail');
const ROUND_CLOSES: Record<string, Date> = {
  'mid-point': new Date('2026-11-01T00:00:00Z'),
  end: new Date('2027-01-30T00:00:00Z'),
};

async function tab(spec: TabSpec): Promise<Table> {
  const session = await LocalSession.open(paths);
  try {
    return loadTable(session.ports.workbook, spec);
  } finally {
    await session.release();
  }
}

/** Runs an action as staff would on that day of the demo's calendar. */
async function runOn(id: string, at: string, edit?: (matches: Table) => void) {
  const session = await LocalSession.open(paths, { now: () => new Date(at) });
  try {
    if (edit) {
      const matches = loadTable(session.ports.workbook, MATCHES_TAB);
      edit(matches);
      saveTable(session.ports.workbook, matches);
    }
    const result = findAction(id)!.run(
      { ports: session.ports, run: `test-${id}` },
      { options: {}, positional: [] },
    );
    await session.commit();
    return result;
  } finally {
    await session.release();
  }
}

const mails = (prefix: string) => fs.readdirSync(mailDir).filter((f) => f.startsWith(prefix));

/** The plain-text part of an .eml, quoted-printable decoded. */
function body(file: string): string {
  const eml = fs.readFileSync(path.join(mailDir, file), 'utf8');
  const part = eml.split(/Content-Type: text\/plain; charset=utf-8\r?\n/)[1].split(/\r?\n----_/)[0];
  const qp = part.replace(/^Content-Transfer-Encoding: quoted-printable\r?\n\r?\n/, '');
  const bytes = qp.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
}
const recipient = (file: string) =>
  /^To: (.*)$/m.exec(fs.readFileSync(path.join(mailDir, file), 'utf8'))![1].trim();

interface LogLine {
  time: Date;
  key: string;
  state: string;
}
let log: LogLine[];
let matches: Table;
let codes: Set<string>;

beforeAll(async () => {
  await copyDemo(dir);
  const table = await tab(LOG_TAB);
  log = table.rows.map((_, r) => ({
    time: table.get(r, 'Time') as Date,
    key: table.text(r, 'Key'),
    state: table.text(r, 'State'),
  }));
  matches = await tab(MATCHES_TAB);
  codes = new Set(
    matches.rows.flatMap((_, r) => [
      matches.text(r, 'Mentee code'),
      matches.text(r, 'Mentor code'),
    ]),
  );
}, 600_000);

const done = (prefix: string) => log.filter((l) => l.state === 'done' && l.key.startsWith(prefix));

describe('evaluation rounds on the demo', () => {
  it.each(['mid-point', 'end'])(
    'sends each participant one questionnaire in the %s round',
    (round) => {
      expect(codes.size).toBe(51);
      const sent = done(`mail:evaluation:${round}:`).map((l) => l.key.split(':')[3]);
      expect(sent.sort()).toEqual([...codes].sort());
      const files = mails(`mail_evaluation_${round}_`);
      expect(files).toHaveLength(51);
      expect(new Set(files.map(recipient)).size).toBe(51);
      const text = body(files[0]);
      expect(text).toMatch(/optional/);
      // The link is pre-filled with the person's code and the round, in Google's URL shape.
      const code = /_(P-[A-Z0-9]{8})\.eml$/.exec(files[0])![1];
      expect(text.replace(/\s/g, '')).toContain(
        `usp=pp_url&entry.participant=${code}&entry.round=`,
      );
    },
  );

  it('reminds only those who have not answered, at most twice, and never after the round closes', async () => {
    const evaluations = await tab(EVALUATIONS_TAB);
    const answeredAt = (round: string, code: string) =>
      evaluations.rows
        .map((_, r) => r)
        .filter(
          (r) =>
            evaluations.text(r, 'Round').toLowerCase() === round &&
            evaluations.text(r, 'Participant code') === code,
        )
        .map((r) => evaluations.get(r, 'Submitted'))
        .filter(isDate);
    const reminders = done('mail:evaluation-reminder:');
    expect(reminders.length).toBe(66 + 31);
    const perPerson = new Map<string, number>();
    for (const r of reminders) {
      const [, , round, code] = r.key.split(':');
      perPerson.set(`${round}|${code}`, (perPerson.get(`${round}|${code}`) ?? 0) + 1);
      expect(answeredAt(round, code).filter((t) => t.getTime() < r.time.getTime())).toEqual([]);
      expect(r.time.getTime()).toBeLessThan(ROUND_CLOSES[round].getTime());
    }
    expect(Math.max(...perPerson.values())).toBe(2);
    // 18 answered the mid-point round: 51 - 18 = 33 people were reminded, twice each.
    expect([...perPerson.keys()].filter((k) => k.startsWith('mid-point|'))).toHaveLength(33);
  });

  it('sends nothing when run again, nor once a round has closed', async () => {
    const before = fs.readdirSync(mailDir).length;
    const again = await runOn('send-evaluation', '2027-01-11T10:00:00Z');
    expect(again.data).toMatchObject({ done: 0, queued: 0 });
    const closed = await runOn('send-evaluation', '2027-02-01T10:00:00Z');
    expect(closed.data).toMatchObject({ open: [], done: 0 });
    await runOn('send-continuation', '2027-01-23T10:00:00Z');
    expect(fs.readdirSync(mailDir).length).toBe(before);
  });
});

describe('the January decision on the demo', () => {
  const pairRow = (code: string) =>
    matches.rows.findIndex((_, r) => matches.text(r, 'Pair code') === code);

  it('computes each outcome from both answers: both yes, one no, silence', async () => {
    const answers = await tab(CONTINUATION_TAB);
    const latest = new Map<string, { at: number; answer: string }>();
    for (const r of answers.rows.keys()) {
      const at = (answers.get(r, 'Submitted') as Date).getTime();
      if (at >= new Date('2027-01-23T00:00:00Z').getTime()) continue; // after the deadline
      const key = `${answers.text(r, 'Pair code')}|${answers.text(r, 'Participant code')}`;
      if ((latest.get(key)?.at ?? 0) < at)
        latest.set(key, { at, answer: answers.text(r, 'Carry on?') });
    }
    const counts: Record<string, number> = {};
    for (const r of matches.rows.keys()) {
      const pair = matches.text(r, 'Pair code');
      const said = ['Mentee code', 'Mentor code'].map(
        (c) => latest.get(`${pair}|${matches.text(r, c)}`)?.answer ?? '',
      );
      const expected = said.includes('No')
        ? 'Ending at scheme close'
        : said.every((s) => s === 'Yes')
          ? 'Continuing'
          : 'Staff to decide';
      expect(matches.text(r, 'Continuation').startsWith(expected)).toBe(true);
      counts[expected] = (counts[expected] ?? 0) + 1;
    }
    expect(counts).toEqual({ Continuing: 8, 'Ending at scheme close': 6, 'Staff to decide': 18 });
  });

  it('recomputes after a changed answer before the deadline, and shows a late one to staff only', () => {
    const changed = log.find(
      (l) => l.key.startsWith('history:continuation:') && !l.key.includes('older'),
    )!;
    const pair = changed.key.split(':')[2].split('|')[0];
    expect(matches.text(pairRow(pair), 'Continuation')).toBe('Ending at scheme close');
    const late = matches.rows.findIndex((_, r) =>
      /after the deadline/.test(matches.text(r, 'Continuation')),
    );
    expect(matches.text(late, 'Continuation')).toMatch(
      /^Staff to decide.*Mentor answered "Yes" after the deadline \(outcome unchanged\)/,
    );
  });

  it('tells each person of a decided pair once, in words that do not reveal the other answer', () => {
    const files = mails('mail_continuation-outcome_');
    expect(files).toHaveLength(2 * 14);
    expect(new Set(files).size).toBe(files.length);
    for (const r of matches.rows.keys()) {
      const pair = matches.text(r, 'Pair code');
      const mine = files.filter((f) => f.includes(`_${pair}_`));
      const decided = !matches.text(r, 'Continuation').startsWith('Staff to decide');
      expect(mine).toHaveLength(decided ? 2 : 0);
      if (!decided) continue;
      // Both get the same words once their own names are taken out: nothing says who said what.
      const names = [matches.text(r, 'Mentee name'), matches.text(r, 'Mentor name')];
      const neutral = mine.map((f) => {
        let text = body(f);
        for (const n of names)
          text = text.split(n).join('NAME').split(n.split(' ')[0]).join('NAME');
        return text;
      });
      expect(neutral[0]).toBe(neutral[1]);
      expect(neutral[0]).not.toMatch(/\b(yes|no|answered|said|declined|wanted)\b/i);
    }
  });

  it('tells a silent pair only once staff have decided, and only once', async () => {
    const silent = matches.rows.findIndex((_, r) =>
      matches.text(r, 'Continuation').startsWith('Staff to decide'),
    );
    const pair = matches.text(silent, 'Pair code');
    const first = await runOn('send-continuation', '2027-01-24T10:00:00Z', (m) => {
      const row = m.rows.findIndex((_, r) => m.text(r, 'Pair code') === pair);
      m.set(row, 'Staff decision', 'Continuing');
    });
    expect(first.data).toMatchObject({ told: 2, done: 1 });
    const files = mails(`mail_continuation-outcome_${pair}_`);
    expect(files).toHaveLength(2);
    expect(body(files[0])).toMatch(/will carry on meeting/);
    const second = await runOn('send-continuation', '2027-01-25T10:00:00Z');
    expect(second.data).toMatchObject({ told: 0, done: 0 });
  });
});
