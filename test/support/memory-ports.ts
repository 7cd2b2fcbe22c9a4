import { EventState, planEvent } from '../../src/domain/event-plan';
import type { Cell, TabData, TabSpec } from '../../src/domain/table';
import { LOG_TAB } from '../../src/domain/tabs';
import { cohortOf } from '../../src/core/workbook';
import { isValidEmail, normaliseEmail } from '../../src/domain/text';
import type {
  CertificateRequest,
  CertificatesPort,
  CalendarPort,
  EventChange,
  GuestResponse,
  SessionEventSpec,
  CombinedRequest,
  DriveItem,
  DrivePort,
  FormSpec,
  FormsPort,
  JobsPort,
  LogRecord,
  MailPort,
  OutgoingMail,
  Ports,
  ReportsPort,
  WorkbookPort,
  ArchivePort,
  ArchiveRef,
  ArchiveWorkbook,
} from '../../src/ports';
import type { Report } from '../../src/domain/report';

/**
 * Every port in memory, for fast tests of a workflow's rules without .xlsx or the Apps Script
 * fake. It behaves like the Google back end: a tab written is kept at once, a Log record is
 * kept the moment it is appended, a sent e-mail is gone. So a "crash" (a SimulatedCrash thrown
 * out of an action) leaves exactly what a dead execution would, and the next run sees it.
 * The Drive passes the same contract as the real back ends (test/contract/drive.contract.test.ts).
 */
export class MemoryWorkbook implements WorkbookPort {
  readonly tabs = new Map<string, TabData>();

  readTab(name: string): TabData | null {
    const tab = this.tabs.get(name);
    return tab ? copy(tab) : null;
  }

  writeTab(spec: TabSpec, data: TabData): void {
    this.tabs.set(spec.name, copy(data));
  }

  /** A tab as objects keyed by header, for assertions. */
  rows(name: string): Record<string, Cell>[] {
    const tab = this.tabs.get(name);
    if (!tab) return [];
    return tab.rows.map((r) => Object.fromEntries(tab.header.map((h, i) => [h, r[i] ?? null])));
  }
}

function copy(data: TabData): TabData {
  return {
    header: [...data.header],
    rows: data.rows.map((r) => r.map((c) => (c instanceof Date ? new Date(c) : c))),
  };
}

/** The Log tab as the journal, as on Google: each record appended to the tab as it happens. */
export class MemoryJournal {
  constructor(private readonly workbook: MemoryWorkbook) {}

  append(records: readonly LogRecord[]): void {
    const log = this.workbook.tabs.get(LOG_TAB.name) ?? {
      header: [...LOG_TAB.columns],
      rows: [],
    };
    const at = (column: string) => log.header.indexOf(column);
    for (const r of records) {
      const row: Cell[] = new Array(log.header.length).fill(null);
      const cells: Record<string, Cell> = {
        Time: r.time,
        Run: r.run,
        Action: r.action,
        Key: r.key,
        State: r.state,
        Detail: r.detail,
        Cohort: r.cohort ?? cohortOf(this.workbook),
      };
      for (const [column, value] of Object.entries(cells)) row[at(column)] = value;
      log.rows.push(row);
    }
    this.workbook.tabs.set(LOG_TAB.name, log);
  }
}

export class MemoryMail implements MailPort {
  readonly sent: (OutgoingMail & { at: Date })[] = [];
  /** Recipients already sent to "today"; `dailyLimit` is what staff set. */
  constructor(
    private readonly clock: MemoryClock,
    public dailyLimit = 100,
  ) {}

  remainingDailyQuota(): number {
    const today = this.clock.now().toISOString().slice(0, 10);
    const used = this.sent
      .filter((m) => m.at.toISOString().slice(0, 10) === today)
      .reduce((n, m) => n + m.to.length + m.cc.length, 0);
    return Math.max(0, this.dailyLimit - used);
  }

  send(mail: OutgoingMail): void {
    if (mail.to.length + mail.cc.length > this.remainingDailyQuota())
      throw new Error('Service invoked too many times for one day: email.');
    this.sent.push({ ...mail, at: this.clock.now() });
  }
}

export class MemoryClock {
  constructor(private time = new Date('2026-09-01T09:00:00Z')) {}

  now(): Date {
    return new Date(this.time);
  }

  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

interface Item extends DriveItem {
  kind: 'folder' | 'file';
  parentId: string | null;
  key?: string;
  editors: Set<string>;
  sourceId?: string;
}

export class MemoryDrive implements DrivePort {
  readonly items = new Map<string, Item>();
  private next = 1;

  /** A folder or file the scheme already has (the root, the handbook, the templates). */
  seed(kind: 'folder' | 'file', name: string, parentId: string | null = null): string {
    return this.add({ kind, name, parentId }).id;
  }

  listFiles(folderId: string): DriveItem[] {
    return this.children(folderId)
      .filter((i) => i.kind === 'file')
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(plain);
  }

  find(id: string): DriveItem | null {
    const item = this.items.get(id);
    return item ? plain(item) : null;
  }

  ensureFolder(request: { key: string; name: string; parentId: string; knownId?: string }) {
    const known = request.knownId ? this.items.get(request.knownId) : undefined;
    const found =
      (known?.kind === 'folder' && known.key === request.key ? known : undefined) ??
      this.children(request.parentId).find((i) => i.kind === 'folder' && i.key === request.key);
    if (found) return { ...plain(found), created: false };
    const made = this.add({ kind: 'folder', ...request });
    return { ...plain(made), created: true };
  }

  ensureCopy(request: { key: string; sourceId: string; folderId: string }) {
    const found = this.children(request.folderId).find((i) => i.key === request.key);
    if (found) return { ...plain(found), created: false };
    const source = this.items.get(request.sourceId);
    if (!source) throw new Error(`No file ${request.sourceId}.`);
    const made = this.add({
      kind: 'file',
      name: source.name,
      parentId: request.folderId,
      key: request.key,
      sourceId: source.id,
    });
    return { ...plain(made), created: true };
  }

  shareFolder(folderId: string, editors: readonly string[]) {
    const folder = this.folder(folderId);
    const wanted = new Set(editors.map(normaliseEmail));
    const invalid = [...wanted].filter((e) => !isValidEmail(e));
    if (invalid.length) throw new Error(`Invalid e-mail address: ${invalid.join(', ')}`);
    const added = [...wanted].filter((e) => !folder.editors.has(e)).sort();
    const removed = [...folder.editors].filter((e) => !wanted.has(e)).sort();
    folder.editors = wanted;
    return { added, removed };
  }

  sharedWith(folderId: string): string[] {
    return [...this.folder(folderId).editors].sort();
  }

  /** Folders moved to the bin, by ID (their contents with them), for assertions. */
  readonly trashed = new Set<string>();

  trashFolder(folderId: string): boolean {
    const folder = this.items.get(folderId);
    // Only a folder the tool made carries a key: anything else is never touched.
    if (folder?.kind !== 'folder' || !folder.key) return false;
    this.remove(folderId);
    this.trashed.add(folderId);
    return true;
  }

  /** Inspection for tests. */
  children(parentId: string): Item[] {
    return [...this.items.values()].filter((i) => i.parentId === parentId);
  }

  remove(id: string): void {
    for (const child of this.children(id)) this.remove(child.id);
    this.items.delete(id);
  }

  private folder(id: string): Item {
    const folder = this.items.get(id);
    if (folder?.kind !== 'folder') throw new Error(`No folder ${id}.`);
    return folder;
  }

  private add(fields: Omit<Item, 'id' | 'url' | 'editors'> & { key?: string }): Item {
    const id = `m${this.next++}`;
    const item: Item = { ...fields, id, url: `memory://${id}`, editors: new Set() };
    this.items.set(id, item);
    return item;
  }
}

function plain(item: Item): DriveItem {
  return { id: item.id, name: item.name, url: item.url };
}

export class MemoryForms implements FormsPort {
  readonly forms = new Map<string, FormSpec>();
  /** Responses each form holds, by form ID (tests put them here; erasure deletes them). */
  readonly responses = new Map<string, { email: string; answers: Record<string, string> }[]>();
  triggers = 0;

  submittedResponses(form: { id: string }) {
    return (this.responses.get(form.id) ?? []).map((r) => ({
      email: r.email,
      submitted: null,
      submittedText: '',
      answers: new Map(Object.entries(r.answers)),
    }));
  }

  deleteResponses(form: { id: string }, which: 'all' | { emails: readonly string[] }) {
    const held = this.responses.get(form.id) ?? [];
    const gone = new Set(which === 'all' ? [] : which.emails.map(normaliseEmail));
    const kept = held.filter((r) => which !== 'all' && !gone.has(normaliseEmail(r.email)));
    this.responses.set(form.id, kept);
    return held.length - kept.length;
  }

  ensureForm(spec: FormSpec, knownId?: string) {
    const id = knownId && this.forms.has(knownId) ? knownId : `form-${spec.definition.id}`;
    const created = !this.forms.has(id);
    this.forms.set(id, spec);
    return { id, url: `memory://forms/${id}`, created };
  }

  /** Google's pre-filled link shape, with each field standing in for its entry number. */
  prefill(_definition: unknown, form: { id: string; link: string }, fields: readonly string[]) {
    return (answers: Readonly<Record<string, string>>) =>
      `${form.link}?usp=pp_url${fields.map((f) => `&entry.${f}=${encodeURIComponent(answers[f] ?? '')}`).join('')}`;
  }

  ensureSubmitTriggers(_handler: string, unlinkedFormIds: readonly string[]) {
    const wanted = 1 + unlinkedFormIds.length;
    const installed = Math.max(0, wanted - this.triggers);
    const removed = Math.max(0, this.triggers - wanted);
    this.triggers = wanted;
    return { installed, removed };
  }
}

/**
 * Jobs as ScriptJobs keeps them, without triggers. `remainingMs` is this execution's budget less
 * the clock's advance since `startExecution`, so a test decides exactly when time runs out.
 */
export class MemoryJobs implements JobsPort {
  readonly waiting = new Map<string, { at: Date; reason: string }>();
  private startedAt: Date;

  constructor(
    private readonly clock: MemoryClock,
    public budgetMs = Infinity,
  ) {
    this.startedAt = clock.now();
  }

  startExecution(): void {
    this.startedAt = this.clock.now();
  }

  remainingMs(): number {
    return this.budgetMs - (this.clock.now().getTime() - this.startedAt.getTime());
  }

  continueLater(job: string, at: Date, reason: string): void {
    this.waiting.set(job, { at, reason });
  }

  finished(job: string): void {
    this.waiting.delete(job);
  }

  pending() {
    return [...this.waiting].map(([job, j]) => ({ job, ...j }));
  }
}

/** Certificates as keyed records: what each says, made once per key. */
export class MemoryCertificates implements CertificatesPort {
  readonly usesTemplate = false;
  readonly made = new Map<string, { item: DriveItem; values: Readonly<Record<string, string>> }>();
  readonly combined = new Map<string, DriveItem[]>();

  ensureCertificate(request: CertificateRequest) {
    const known = this.made.get(request.key);
    if (known) return { ...known.item, created: false };
    const item = {
      id: `${request.folderId}/${request.name}`,
      name: request.name,
      url: `memory://${request.key}`,
    };
    this.made.set(request.key, { item, values: { ...request.values } });
    return { ...item, created: true };
  }

  removeCertificates(folderId: string, matches: (key: string) => boolean): number {
    let removed = 0;
    for (const [key, { item }] of this.made) {
      if (item.id.startsWith(`${folderId}/`) && matches(key)) {
        this.made.delete(key);
        removed += 1;
      }
    }
    for (const key of [...this.combined.keys()]) {
      if (matches(key)) {
        this.combined.delete(key);
        removed += 1;
      }
    }
    return removed;
  }

  ensureCombined(request: CombinedRequest) {
    const created = !this.combined.has(request.key);
    this.combined.set(request.key, [...request.certificates]);
    return {
      id: `${request.folderId}/${request.name}`,
      name: request.name,
      url: `memory://${request.key}`,
      created,
    };
  }
}

/** Published reports, kept as data. */
export class MemoryReports implements ReportsPort {
  readonly published = new Map<string, Report>();

  publish(report: Report) {
    this.published.set(report.id, report);
    const charts = report.sections.flatMap((s) => s.tables).filter((t) => t.chart && t.rows.length);
    return { where: `memory://reports/${report.id}`, charts: charts.length };
  }
}

export interface MemoryPorts extends Ports {
  workbook: MemoryWorkbook;
  mail: MemoryMail;
  clock: MemoryClock;
  drive: MemoryDrive;
  forms: MemoryForms;
  jobs: MemoryJobs;
  certificates: MemoryCertificates;
  calendar: MemoryCalendar;
  reports: MemoryReports;
  archives: MemoryArchives;
}

/** An archive in memory: its tabs, kept at once (as on Google); `saves` counts save calls. */
export class MemoryArchiveWorkbook extends MemoryWorkbook implements ArchiveWorkbook {
  saves = 0;
  tabNames(): string[] {
    return [...this.tabs.keys()];
  }
  save(): void {
    this.saves += 1;
  }
}

/** The archives in memory, one per cohort, found again by cohort; `sharedWith` by archive ID. */
export class MemoryArchives implements ArchivePort {
  readonly archives: (ArchiveRef & { workbook: MemoryArchiveWorkbook; staff: string[] })[] = [];

  list(): ArchiveRef[] {
    return this.archives.map(({ id, cohort, name, url }) => ({ id, cohort, name, url }));
  }

  ensure(request: { cohort: string; name: string; staff: readonly string[] }) {
    const found = this.archives.find((a) => a.cohort === request.cohort);
    if (found)
      return {
        id: found.id,
        cohort: found.cohort,
        name: found.name,
        url: found.url,
        created: false,
      };
    const id = `archive-${this.archives.length + 1}`;
    const archive = {
      id,
      cohort: request.cohort,
      name: request.name,
      url: `memory://archives/${id}`,
      workbook: new MemoryArchiveWorkbook(),
      staff: [...request.staff],
    };
    this.archives.push(archive);
    return { id, cohort: archive.cohort, name: archive.name, url: archive.url, created: true };
  }

  open(id: string): MemoryArchiveWorkbook {
    const found = this.archives.find((a) => a.id === id);
    if (!found) throw new Error(`No archive ${id}.`);
    return found.workbook;
  }
}

/** The calendar in memory: one event per session, planned as both real back ends plan it. */
export class MemoryCalendar implements CalendarPort {
  readonly events = new Map<string, EventState>();
  readonly notices: { sessionId: string; email: string; notice: string }[] = [];
  dailyLimit = Infinity;

  remainingDailyInvitations(): number {
    return this.dailyLimit - this.notices.length;
  }

  ensureSessionEvent(
    event: SessionEventSpec,
    guests: readonly { email: string; name: string }[],
    options: { knownId?: string; budget: number },
  ): EventChange {
    const current = this.events.get(event.sessionId) ?? null;
    const plan = planEvent(
      current,
      {
        title: event.title,
        description: event.description,
        location: event.location,
        start: event.start.toISOString(),
        end: event.end.toISOString(),
        cancelled: event.cancelled,
      },
      guests.map((g) => g.email),
      Math.min(options.budget, this.remainingDailyInvitations()),
    );
    if (plan.next) this.events.set(event.sessionId, plan.next);
    for (const n of plan.notify) this.notices.push({ sessionId: event.sessionId, ...n });
    const now = this.events.get(event.sessionId);
    return {
      eventId: now ? `memory-${event.sessionId}` : '',
      link: '',
      created: plan.create,
      changed: plan.changed,
      added: plan.added,
      removed: plan.removed,
      notified: plan.notify.map((n) => n.email),
      guests: now?.guests.length ?? 0,
      pending: plan.pending,
      queued: plan.queued,
    };
  }

  removeGuests(sessionId: string, emails: readonly string[]): number {
    const event = this.events.get(sessionId);
    if (!event) return 0;
    const gone = new Set(emails.map(normaliseEmail));
    const kept = event.guests.filter((g) => !gone.has(g));
    this.events.set(sessionId, { ...event, guests: kept });
    return event.guests.length - kept.length;
  }

  responses(sessionId: string): Map<string, GuestResponse> | null {
    const event = this.events.get(sessionId);
    return event ? new Map(event.guests.map((g) => [g, 'not answered' as const])) : null;
  }
}

export function memoryPorts(): MemoryPorts {
  const workbook = new MemoryWorkbook();
  const clock = new MemoryClock();
  return {
    workbook,
    journal: new MemoryJournal(workbook),
    mail: new MemoryMail(clock),
    clock,
    drive: new MemoryDrive(),
    forms: new MemoryForms(),
    jobs: new MemoryJobs(clock),
    certificates: new MemoryCertificates(),
    calendar: new MemoryCalendar(),
    reports: new MemoryReports(),
    archives: new MemoryArchives(),
    operator: () => 'staff@scheme.example',
  };
}
