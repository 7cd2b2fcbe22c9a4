import { stringify } from 'csv-stringify/sync';
import fs from 'node:fs';
import path from 'node:path';
import { findAction } from '../actions';
import type { ActionArgs, ActionResult } from '../core/action';
import { UserError } from '../domain/errors';
import { readCsvFile } from './csv-file';
import { demoChoices, demoCohort } from './demo-cohort';
import { claimDemoFolder, completeDemoFolder } from './demo-folder';
import { DEMO_DRIVE, seedDemoResources } from './demo-resources';
import { readCohort } from '../workflows/cohort';
import { APPLICATIONS_TAB } from '../domain/tabs';
import { LocalPaths, LocalSession } from './session';
import { loadSettings, loadTable } from '../core/workbook';
import { XlsxWorkbook } from './xlsx-workbook';
import { calendarMessages, changeDemoSessions, fillDemoSessions } from './demo-sessions';
import type { Ports } from '../ports';
import { runEvaluationDemo } from './demo-evaluation';
import {
  DEMO_NEXT_COHORT,
  demoArchiveFile,
  isDemoArchive,
  removeDemoArchive,
  runNextCohortDemo,
} from './demo-next-cohort';

export const DEMO_COHORT = 'Demo cohort';

/** Fictional people at a reserved domain (RFC 2606 `.example`), never the example.org placeholders. */
const DEMO_PEOPLE: [string, string][] = [
  ['Staff emails', 'mentoring@scheme.example'],
  ['Scheme lead email', 'lead@scheme.example'],
  ['Reply-to', 'mentoring@scheme.example'],
  ['Supervisor name', 'Dr Morfydd Owen'],
  ['Supervisor email', 'supervisor@scheme.example'],
];

/**
 * `demo` (npm start): a fresh workbook with a synthetic cohort, taken through every workflow
 * that exists, as a member of staff would run them one after another.
 */
export async function runDemo(paths: LocalPaths): Promise<ActionResult> {
  await refuseRealWorkbook(paths.workbook);
  // Only what the demo made is removed: its own workbook (checked above) and its own folder.
  claimDemoFolder(paths.out);
  for (const file of [paths.workbook, ...WORKBOOK_SIDE_FILES.map((s) => paths.workbook + s)])
    fs.rmSync(file, { force: true });
  await removeDemoArchive(paths.workbook, DEMO_COHORT);
  await seedDemoResources(path.join(paths.out, 'drive'));

  const cohort = demoCohort();
  const demoDir = path.join(paths.out, 'demo');
  fs.mkdirSync(demoDir, { recursive: true });
  const mentorCsv = path.join(demoDir, 'mentor-applications.csv');
  const menteeCsv = path.join(demoDir, 'mentee-applications.csv');
  fs.writeFileSync(mentorCsv, stringify(cohort.mentorCsv));
  fs.writeFileSync(menteeCsv, stringify(cohort.menteeCsv));

  const summary: string[] = [];
  const step = async (
    title: string,
    id: string,
    args: Partial<ActionArgs> = {},
    at: Date | undefined = undefined,
  ) => {
    const action = findAction(id);
    if (!action) throw new Error(`The demo names an unknown action: ${id}`);
    const session = await LocalSession.open(paths, {
      create: id === 'init',
      archives: action.archives === true,
      ...(at ? { now: () => at } : {}),
    });
    try {
      const result = action.run(
        { ports: session.ports, run: `demo-${id}` },
        { options: {}, positional: [], ...args },
      );
      await session.commit();
      if (id === 'gallery') {
        fs.writeFileSync(
          path.join(paths.out, 'gallery.html'),
          (result.data as { html: string }).html,
        );
      }
      summary.push(`• ${title}`, ...result.summary.map((line) => `    ${line}`));
      return result;
    } finally {
      await session.release();
    }
  };

  await step('Set up the workbook', 'init');
  await step('Name the cohort', 'settings', { positional: ['set', 'Cohort', DEMO_COHORT] });
  await step('Limit the places', 'settings', { positional: ['set', 'Mentor places', '25'] });
  await step('', 'settings', { positional: ['set', 'Mentee places', '32'] });
  await step('', 'settings', { positional: ['set', 'Daily email limit', '1500'] });
  // People are never defaulted: the demo names its own (fictional) team and supervisor.
  for (const [i, [name, value]] of DEMO_PEOPLE.entries())
    await step(i === 0 ? 'Name the scheme team and the supervisor' : '', 'settings', {
      positional: ['set', name, value],
    });
  await step('Point to the handbook and templates', 'settings', {
    positional: ['set', 'Root folder', DEMO_DRIVE.root],
  });
  await step('', 'settings', { positional: ['set', 'Handbook file', DEMO_DRIVE.handbook] });
  await step('', 'settings', { positional: ['set', 'Templates folder', DEMO_DRIVE.templates] });
  await step('Set up the forms', 'set-up-forms');
  await step('Import the mentor applications', 'import', {
    options: { form: 'mentor' },
    csv: readCsvFile(mentorCsv),
  });
  await step('Import the mentee applications', 'import', {
    options: { form: 'mentee' },
    csv: readCsvFile(menteeCsv),
  });
  await step('Review the applications', 'review-applications');
  await step('Notify the applicants', 'notify-applicants');
  await step('Write the launch-day mentor gallery', 'gallery');

  // After the launch day, mentees choose three potential mentors.
  const choicesCsv = path.join(demoDir, 'mentor-choices.csv');
  const cohortNow = await readDemoCohort(paths);
  fs.writeFileSync(choicesCsv, stringify(demoChoices(cohortNow.mentors, cohortNow.mentees)));
  await step("Import the mentees' choices", 'import', {
    options: { form: 'choices' },
    csv: readCsvFile(choicesCsv),
  });
  const match = await step('Match mentees with mentors', 'match');
  await step('Confirm the proposed matches', 'confirm-matches');
  await step('Set up pair folders and introductions', 'set-up-pairs');
  // At the end of the scheme: certificates for the mentors, held for the conference.
  await step('Point to the certificates folder', 'settings', {
    positional: ['set', 'Certificates folder', DEMO_DRIVE.certificates],
  });
  const certificates = await step("Make the mentors' certificates", 'make-certificates');
  summary.push(...(await demoSessions(paths, step)));
  const evaluation = await runEvaluationDemo(paths, step);
  // The year is over: archive it and start the next cohort.
  const next = await runNextCohortDemo(paths, step, cohort, demoDir, (line) => summary.push(line));
  const status = await step('Status', 'status');
  // Last, as staff would first try it: the retention schedule as a dry run (it changes nothing).
  const retention = await withPorts(
    paths,
    (ports) =>
      (findAction('purge-personal-data') as NonNullable<ReturnType<typeof findAction>>).run(
        { ports, run: 'demo-purge-personal-data' },
        { options: {}, positional: [] },
      ),
    { archives: true },
  );

  completeDemoFolder(paths.out);
  const mails = fs.existsSync(path.join(paths.out, 'mail'))
    ? fs.readdirSync(path.join(paths.out, 'mail')).filter((f) => f.endsWith('.eml')).length
    : 0;
  return {
    summary: [
      'Demo: a synthetic cohort of 30 mentors and 40 mentees (with some invalid answers, one person applying as both, one resubmission and one formula-like answer).',
      '',
      ...summary.filter((line) => line !== '• '),
      '',
      'What it produced:',
      `  Workbook:          ${path.resolve(paths.workbook)}  (open it in Excel or LibreOffice)`,
      `  E-mails (.eml):    ${path.resolve(paths.out, 'mail')}  (${mails} files)`,
      `  Mentor gallery:    ${path.resolve(paths.out, 'gallery.html')}`,
      `  Forms (previews):  ${path.resolve(paths.out, 'forms')}`,
      `  Pair folders:      ${path.resolve(paths.out, 'drive', DEMO_DRIVE.root)}`,
      `  Certificates:      ${path.resolve(paths.out, 'drive', DEMO_DRIVE.certificates)}  (${(certificates.data as { withCertificate: number }).withCertificate} PDFs and one combined PDF for printing)`,
      `  Pairs:             the Matches tab; "npx peer-mentoring review-matches" opens the review screen`,
      `  Evaluation summary: ${evaluation.report}`,
      `  Archive of ${DEMO_COHORT}: ${path.resolve(path.dirname(paths.workbook), next.archive)}  (every tab of the cohort, with "About this archive")`,
      `  ${DEMO_NEXT_COHORT}:          the live tabs now (the waitlisted carried over; ${next.returning} mentors applying again); its e-mails in ${path.resolve(paths.out, 'mail', DEMO_NEXT_COHORT)}`,
      `  Form exports used: ${path.resolve(demoDir)}`,
      '',
      '• Apply the retention schedule (a dry run: npx peer-mentoring purge-personal-data)',
      ...retention.summary.map((line) => `    ${line}`),
    ],
    data: { workbook: path.resolve(paths.workbook), mails, match: match.data, status: status.data },
  };
}

async function readDemoCohort(paths: LocalPaths) {
  const session = await LocalSession.open(paths);
  try {
    return readCohort(loadTable(session.ports.workbook, APPLICATIONS_TAB));
  } finally {
    await session.release();
  }
}

/** What a session keeps beside its workbook (see LocalSession). */
const WORKBOOK_SIDE_FILES = ['.journal', '.jobs.json'];

async function refuseRealWorkbook(file: string): Promise<void> {
  if (!fs.existsSync(file)) {
    const stray = WORKBOOK_SIDE_FILES.map((s) => file + s).find((f) => fs.existsSync(f));
    if (stray)
      throw new UserError(
        `${stray} belongs to a workbook that is not there, so the demo will not replace it: run the demo with another --workbook name.`,
      );
    return;
  }
  let cohort = '';
  try {
    const workbook = await XlsxWorkbook.open(file, { create: false });
    cohort = loadSettings(workbook).cohort;
  } catch {
    cohort = '';
  }
  // A demo that ran to the end has started its next cohort, and left its archive beside it.
  const demoNext =
    cohort === DEMO_NEXT_COHORT &&
    (await isDemoArchive(demoArchiveFile(file, DEMO_COHORT), DEMO_COHORT));
  if (cohort !== DEMO_COHORT && !demoNext) {
    throw new UserError(
      `${file} already holds a workbook that is not a demo, so the demo will not replace it: run the demo with --workbook demo.xlsx instead.`,
    );
  }
}

/**
 * The sessions: fill in the Sessions tab, send the invitations, then move one drop-in and cancel
 * another and send again: only their guests hear, once each; a third run sends nothing.
 */
async function demoSessions(
  paths: LocalPaths,
  step: (title: string, id: string, args?: Partial<ActionArgs>) => Promise<ActionResult>,
): Promise<string[]> {
  // One session for the settings and the rows: each command re-reads and re-writes the workbook.
  const { year } = await withPorts(paths, (ports) => {
    const settings = findAction('settings') as NonNullable<ReturnType<typeof findAction>>;
    for (const [name, value] of [
      ['Daily invitation limit', '1500'],
      ['Supervisor booking link', 'https://example.org/book-the-supervisor'],
    ]) {
      settings.run(
        { ports, run: 'demo-settings' },
        { options: {}, positional: ['set', name, value] },
      );
    }
    return fillDemoSessions(ports, new Date());
  });
  await step('Fill in the Sessions tab and send the invitations', 'send-invitations');
  const mailDir = path.join(paths.out, 'mail');
  const before = calendarMessages(mailDir);
  const { moved, cancelled } = await withPorts(paths, (ports) => changeDemoSessions(ports, year));
  await step(
    `Move drop-in ${moved} by a week, cancel drop-in ${cancelled}, send again`,
    'send-invitations',
  );
  const after = calendarMessages(mailDir);
  const third = await step('Send again with nothing changed', 'send-invitations');
  const lines = ['• What the guests received'];
  for (const [session, guests] of after) {
    const was = before.get(session) ?? new Map<string, string[]>();
    const fresh = [...guests].map(([g, m]) => ({ g, m: m.slice((was.get(g) ?? []).length) }));
    const touched = fresh.filter((f) => f.m.length > 0);
    const kinds = [...new Set(touched.flatMap((t) => t.m.map((x) => x.split('#')[0])))];
    const once = [...was.values()].every((m) => m.length === 1);
    lines.push(
      `    ${session}: ${was.size} guests invited ${once ? 'once each' : 'more than once'}${
        touched.length
          ? `; after the change ${touched.length} got ${touched.every((t) => t.m.length === 1) ? 'exactly one' : 'more than one'} ${kinds.includes('CANCEL') ? 'cancellation' : 'update'} each`
          : '; nothing more'
      }`,
    );
  }
  const quiet = (third.data as { notified?: number } | undefined)?.notified ?? 0;
  lines.push(`    A third run sent ${quiet === 0 ? 'nothing' : `${quiet} messages`}.`);
  return lines;
}

async function withPorts<T>(
  paths: LocalPaths,
  fn: (ports: Ports) => T,
  { archives = false } = {},
): Promise<T> {
  const session = await LocalSession.open(paths, { archives });
  try {
    const result = fn(session.ports);
    await session.commit();
    return result;
  } finally {
    await session.release();
  }
}
