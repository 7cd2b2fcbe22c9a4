import type { Action, ActionContext, ActionResult } from '../core/action';
import { EffectLedger } from '../core/effect-ledger';
import { loadSettings, loadTable } from '../core/workbook';
import type { Settings } from '../domain/settings';
import { readCohort } from '../workflows/cohort';
import { evaluationReportAction } from './evaluation-report';
import { syncChoiceForm } from './set-up-forms';
import { CERTIFICATES_TAB } from '../domain/certificates';
import { personHash, subject, type Subject } from '../domain/erasure';
import { UserError } from '../domain/errors';
import {
  APPLICATIONS_TAB,
  CHOICES_TAB,
  CONTINUATION_TAB,
  EVALUATIONS_TAB,
  LOG_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  SESSIONS_TAB,
} from '../domain/tabs';
import { isValidEmail, normaliseEmail, plural } from '../domain/text';
import type { Ports, WorkbookPort } from '../ports';
import {
  column,
  eraseCertificates,
  eraseFromArchives,
  eraseFromCalendar,
  eraseFromDrive,
  eraseFromForms,
  eraseFromTabs,
  eraseMailCopies,
  logKeysNaming,
} from '../workflows/erasure/stores';
import { earlierErasures, erasureKey, recordEvidence } from '../workflows/erasure/evidence';
import { manualSteps, STORE_LABELS, type Store } from '../workflows/erasure/manual';

/** The live tabs that can hold a person (Settings and Templates hold staff's, not theirs). */
export const PERSON_TABS = [
  APPLICATIONS_TAB,
  CHOICES_TAB,
  MATCHES_TAB,
  PAIRING_RULES_TAB,
  SESSIONS_TAB,
  EVALUATIONS_TAB,
  CONTINUATION_TAB,
  CERTIFICATES_TAB,
].map((t) => t.name);

/** The person's names as the tool's tabs hold them beside their address (live and archived). */
function namesOf(workbooks: readonly WorkbookPort[], email: string): string[] {
  const names = new Set<string>();
  const pairs: [string, string, string][] = [
    [APPLICATIONS_TAB.name, 'Email', 'Name'],
    [CHOICES_TAB.name, 'Mentee email', 'Mentee name'],
    [MATCHES_TAB.name, 'Mentee', 'Mentee name'],
    [MATCHES_TAB.name, 'Mentor', 'Mentor name'],
    [CERTIFICATES_TAB.name, 'Mentor', 'Name'],
  ];
  for (const workbook of workbooks) {
    for (const [tab, by, name] of pairs) {
      const data = workbook.readTab(tab);
      const addresses = column(data, by);
      const values = column(data, name);
      addresses.forEach((a, i) => {
        if (normaliseEmail(a) === email && values[i]) names.add(values[i]);
      });
    }
  }
  return [...names];
}

/** Folder IDs and session events that concern the person, from these workbooks' tabs. */
function linkedItems(workbooks: readonly WorkbookPort[], email: string) {
  const folders: string[] = [];
  const sessions: { id: string; event: string }[] = [];
  let active = 0;
  for (const [n, workbook] of workbooks.entries()) {
    const matches = workbook.readTab(MATCHES_TAB.name);
    const mentees = column(matches, 'Mentee');
    const mentors = column(matches, 'Mentor');
    const ids = column(matches, 'Folder ID');
    const statuses = column(matches, 'Status');
    mentees.forEach((mentee, i) => {
      if (normaliseEmail(mentee) !== email && normaliseEmail(mentors[i] ?? '') !== email) return;
      if (ids[i]) folders.push(ids[i]);
      // Only the live workbook (the first) has pairs still running.
      if (n === 0 && ['Proposed', 'Confirmed'].includes(statuses[i] ?? '') && mentors[i])
        active += 1;
    });
    const s = workbook.readTab(SESSIONS_TAB.name);
    const events = column(s, 'Event');
    column(s, 'ID').forEach((id, i) => {
      if (id && events[i]) sessions.push({ id, event: events[i] });
    });
  }
  return { folders, sessions, active };
}

/** The choice form offers accepted mentors by name: one who is erased is taken off it. */
function rebuildChoiceForm(ports: Ports, settings: Settings, offered: boolean, apply: boolean) {
  if (!offered || !settings.forms.choices.id) return 0;
  if (!apply) return 1;
  syncChoiceForm(ports, settings, readCohort(loadTable(ports.workbook, APPLICATIONS_TAB)));
  return 1;
}

/** What each store holds for the person (apply false) or erased (apply true), in order. */
function eachStore(
  ports: Ports,
  email: string,
  who: Subject,
  hash: (found: string) => string,
  /** What the request's first run found (a re-run after a crash goes by it, not by the tabs). */
  planned: () => Partial<Record<Store, number | null>>,
): { store: Store; run: (apply: boolean) => number | null }[] {
  const settings = loadSettings(ports.workbook);
  const archives = ports.archives.list();
  const workbooks = [ports.workbook, ...archives.map((a) => ports.archives.open(a.id))];
  const linked = linkedItems(workbooks, email);
  // Read before the Log is rewritten: the keys of the tool's own copies and certificates.
  // Every cohort's Log: a past cohort's certificates and copies are the person's too.
  const keys = [...new Set(workbooks.flatMap((w) => logKeysNaming(w, who)))];
  const certificateKeys = keys.filter((k) => k.startsWith(`certificate:${email}:`));
  const commented =
    eraseFromTabs(ports.workbook, [EVALUATIONS_TAB.name, CONTINUATION_TAB.name], who, false, hash) >
    0;
  const offered = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB)).acceptedMentors.some(
    (m) => m.email === email,
  );
  return [
    // Sharing and the bin first: from then on the folder is out of everyone's reach.
    { store: 'drive', run: (a) => eraseFromDrive(ports, linked.folders, [email], a) },
    { store: 'calendar', run: (a) => eraseFromCalendar(ports, linked.sessions, [email], a) },
    { store: 'forms', run: (a) => eraseFromForms(ports, settings, [email], a) },
    { store: 'certificates', run: (a) => eraseCertificates(ports, settings, certificateKeys, a) },
    { store: 'mail', run: (a) => eraseMailCopies(ports, keys, [email, ...who.names], a) },
    {
      store: 'pages',
      run: (a) => ports.reports.erasePages?.({ needles: [email, ...who.names], apply: a }) ?? 0,
    },
    // The Log after the copies (until then it says which keys were the person's) and before
    // the tabs: a run stopped in between still finds the person's names in the tabs.
    { store: 'log', run: (a) => eraseFromTabs(ports.workbook, [LOG_TAB.name], who, a, hash) },
    { store: 'archives', run: (a) => eraseFromArchives(ports, archives, who, a, hash) },
    { store: 'tabs', run: (a) => eraseFromTabs(ports.workbook, PERSON_TABS, who, a, hash) },
    // After the tabs: the choice form's mentor list is rebuilt from the accepted mentors left.
    {
      store: 'choice-form',
      run: (a) => rebuildChoiceForm(ports, settings, offered || !!planned()['choice-form'], a),
    },
    // The summary is aggregate and pseudonymous, but it quotes comments: one naming the person
    // was scrubbed in its tab, so the summary is rebuilt from the tabs as they are now.
    {
      store: 'reports',
      run: (a) => {
        if (!commented && !planned().reports) return 0;
        if (a) evaluationReportAction({ ports, run: 'erase-person' });
        return 1;
      },
    },
  ];
}

/**
 * `erase-person EMAIL` ("Erase a person's data"): an erasure request (UK GDPR article 17).
 * Every store the tool writes loses the person's address and the names beside it: their rows
 * go, a pair's row keeps the partner, the Log keeps a hash; their pair folder goes to the bin,
 * they leave every guest list and form; one evidence row (no name, no address) says what went
 * where. Each store's step is keyed in the Log, so a run stopped half-way and run again
 * finishes the job and leaves one evidence row.
 */
export function erasePersonAction(
  { ports, run }: ActionContext,
  address: string | undefined,
  options: { dryRun?: boolean; endPair?: boolean } = {},
): ActionResult {
  const email = normaliseEmail(address ?? '');
  if (!isValidEmail(email)) {
    throw new UserError(
      `${address ? `"${address}" is not an e-mail address` : 'No address was given'}: give the address of the person whose data is to be erased, e.g. erase-person ann.jones@council.gov.uk.`,
    );
  }
  const ledger = EffectLedger.open(ports, run, 'erase-person');
  const apply = !options.dryRun;
  // The scheme's hash key exists once anything was erased; it is made only when erasing starts.
  let key = erasureKey(ledger, false);
  const hashOf = (found: string) => personHash(key, found);
  const earlier = earlierErasures(ports, key ? hashOf(email) : '');
  const request = earlier.length + 1;

  const workbooks = [
    ports.workbook,
    ...ports.archives.list().map((a) => ports.archives.open(a.id)),
  ];
  const who = subject([email], namesOf(workbooks, email));
  let plan: Partial<Record<Store, number | null>> = {};
  const stores = eachStore(ports, email, who, hashOf, () => plan);
  const { active } = linkedItems([ports.workbook], email);

  // The counts of the first run are the request's (a re-run after a crash finds less).
  const planKey = () => `erasure:${hashOf(email)}:${request}`;
  const planned = apply && key !== '' && ledger.state(`${planKey()}:plan`) === 'done';
  if (planned) plan = JSON.parse(ledger.detail(`${planKey()}:plan`)) as typeof plan;
  else plan = Object.fromEntries(stores.map((s) => [s.store, s.run(false)]));
  const found = Object.values(plan).reduce<number>((n, c) => n + (c ?? 0), 0);
  const listing = stores
    .filter((s) => plan[s.store])
    .map((s) => `- ${STORE_LABELS[s.store]}: ${plural(plan[s.store] ?? 0, 'item')}`);

  if (found === 0 && !planned) {
    const last = earlier[earlier.length - 1];
    return {
      summary: [
        last
          ? `Nothing the tool holds names this address any more: it was erased on ${last.when.slice(0, 10)} (reference ${last.reference}).`
          : 'Nothing the tool holds names this address: there is nothing to erase.',
      ],
      data: { reference: last?.reference ?? null, erased: {}, found: 0 },
    };
  }
  const warning =
    active > 0
      ? `This person is in ${plural(active, 'active pair')}: erasing them ends the pair and moves its folder to the bin (their partner's own record stays; ask the partner to keep a copy of anything in the folder first).`
      : '';
  if (!apply) {
    return {
      summary: [
        `Found ${plural(found, 'item')} naming this person:`,
        ...listing,
        ...(warning ? [warning] : []),
        'Nothing has been changed yet.',
      ],
      data: { found, plan },
    };
  }
  if (active > 0 && !options.endPair && !planned) {
    throw new UserError(
      `${warning.replace(/\.$/, '')}: nothing was changed; run it again with --end-pair to go ahead.`,
    );
  }

  key = erasureKey(ledger, true);
  const personHashValue = hashOf(email);
  const reference = `E-${personHashValue.slice(0, 6).toUpperCase()}-${request}`;
  if (!planned) ledger.recordDone([{ key: `${planKey()}:plan`, detail: JSON.stringify(plan) }]);
  for (const s of stores) {
    const stepKey = `${planKey()}:${s.store}`;
    if (ledger.state(stepKey) === 'done') continue;
    const n = s.run(true);
    ledger.boundary(`erased ${stepKey}`);
    ledger.recordDone([{ key: stepKey, detail: String(n ?? 'could not be reached') }]);
  }
  const unreached = stores.filter(
    (s) => ledger.detail(`${planKey()}:${s.store}`) === 'could not be reached',
  );
  const manual = manualSteps(ports, {
    trashed: (plan.drive ?? 0) + (plan.certificates ?? 0) > 0,
    unreached: unreached.map((s) => STORE_LABELS[s.store]),
  });
  const erased = stores
    .filter((s) => plan[s.store])
    .map((s) => `${STORE_LABELS[s.store]} ${plan[s.store]}`)
    .join('; ');
  recordEvidence(ports, {
    reference,
    when: ports.clock.now(),
    by: ports.operator?.() || 'staff',
    request: request > 1 ? `Erasure request (repeat no. ${request})` : 'Erasure request',
    erased,
    manual: manual.join(' '),
    personHash: personHashValue,
  });
  return {
    summary: [
      `Erased ${plural(found, 'item')} naming this person (reference ${reference}, recorded in the Erasures tab):`,
      ...listing,
      ...(manual.length ? ['Still to do by hand:', ...manual.map((m) => `- ${m}`)] : []),
    ],
    data: { reference, erased: plan, found, manual },
  };
}

export const ERASE_PERSON_ACTION: Action = {
  id: 'erase-person',
  archives: true,
  menu: "Erase a person's data",
  functionName: 'erasePerson',
  summary:
    "Erase one person's data from every store the tool writes (an erasure request), with an evidence record in the Erasures tab.",
  usage: 'erase-person EMAIL [--dry-run] [--end-pair]',
  maxArgs: 1,
  options: [
    { name: 'dry-run', description: 'only list what names the person; change nothing' },
    {
      name: 'end-pair',
      description: 'go ahead although the person is in an active pair (it ends)',
    },
  ],
  prompt: 'The e-mail address of the person whose data is to be erased:',
  confirm: { preview: { 'dry-run': true }, apply: { 'end-pair': true } },
  run: (context, args) =>
    erasePersonAction(context, args.positional[0], {
      dryRun: Boolean(args.options['dry-run']),
      endPair: Boolean(args.options['end-pair']),
    }),
};
