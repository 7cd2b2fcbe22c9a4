import type { FormSpec } from './domain/forms';
import type { TabData, TabSpec } from './domain/table';

/**
 * What the workflows need from the outside world, shaped like the scheme rather than like any
 * one service. The Apps Script adapters (src/apps-script) and the local adapters (src/local)
 * implement these and pass the same contract tests (test/contract).
 */

/** The scheme's workbook: each tab read in one batch and written in one batch. */
export interface WorkbookPort {
  /** The whole tab, or null when the workbook has no tab of that name. */
  readTab(name: string): TabData | null;
  /**
   * Replaces the tab's values with these (creating the tab, with a frozen header row and the
   * spec's dropdowns, when it is missing); rows below the new last row are cleared. Text is
   * stored inert: never run as a formula.
   */
  writeTab(spec: TabSpec, data: TabData): void;
}

export type LogState = 'started' | 'done' | 'failed' | 'retry' | 'history' | 'note';

export interface LogRecord {
  time: Date;
  run: string;
  action: string;
  key: string;
  state: LogState;
  detail: string;
  /** The cohort it belongs to; a journal fills in the current one when it is left out. */
  cohort?: string;
}

/** The Log tab as an append-only journal: a record is durable once `append` returns. */
export interface JournalPort {
  append(records: readonly LogRecord[]): void;
}

export interface OutgoingMail {
  /** The effect key, e.g. "mail:accepted:A007"; lets a back end name what it produces. */
  key: string;
  to: string[];
  cc: string[];
  /** Display names of recipients, by address, where known (a back end may leave them out). */
  names?: Readonly<Record<string, string>>;
  subject: string;
  text: string;
  html: string;
  replyTo: string;
  senderName: string;
  /** Files (Drive IDs; locally paths under out/drive) sent with the message, e.g. a certificate. */
  attachments?: DriveItem[];
}

export interface MailPort {
  /** Recipients that can still be sent to today (each To and Cc counts). */
  remainingDailyQuota(): number;
  send(mail: OutgoingMail): void;
  /**
   * Deletes the tool's own copies of sent messages (locally the .eml files under out/mail and
   * their outbox entries) for these effect keys, or whose text names one of `needles`
   * (addresses or names, compared ignoring case). Returns how many files went (with `apply`
   * false, how many would). Absent where the tool keeps no copy (Google: sent mail is in the
   * sender's mailbox, listed for staff instead).
   */
  eraseCopies?(request: {
    keys: readonly string[];
    needles: readonly string[];
    apply: boolean;
  }): number;
}

export interface ClockPort {
  now(): Date;
}

export interface Ports {
  workbook: WorkbookPort;
  journal: JournalPort;
  mail: MailPort;
  clock: ClockPort;
  drive: DrivePort;
  forms: FormsPort;
  jobs: JobsPort;
  certificates: CertificatesPort;
  calendar: CalendarPort;
  reports: ReportsPort;
  archives: ArchivePort;
  /**
   * Who is running this action, for an evidence record (Google: the signed-in member of staff;
   * locally the computer's user name). Absent: "staff".
   */
  operator?(): string;
}

/** One past cohort's archive: a workbook of its own. */
export interface ArchiveRef {
  /** Google: the spreadsheet's ID; locally the file's path relative to the workbook's folder. */
  id: string;
  /** The cohort it holds, as the Cohort setting named it (the archive is found again by it). */
  cohort: string;
  /** "<Scheme> – <Cohort> archive" (locally archive/<cohort>.xlsx). */
  name: string;
  url: string;
}

/** An archive's tabs, read and written like the live workbook's. */
export interface ArchiveWorkbook extends WorkbookPort {
  /** The tabs it holds, in order. */
  tabNames(): string[];
  /**
   * Makes every write so far durable (locally the file is replaced atomically; on Google each
   * write already is, so this only flushes). Nothing may rely on an archive write before it.
   */
  save(): void;
}

/**
 * The scheme's archives, one per past cohort (Google: a spreadsheet "<Scheme> – <Cohort>
 * archive" in the root folder, shared with staff only; locally archive/<cohort>.xlsx beside the
 * workbook). Keyed by cohort: a run that crashed after making one finds it again, never two.
 */
export interface ArchivePort {
  /** Every archive, oldest first (by when it was made). */
  list(): ArchiveRef[];
  /** The archive for `cohort`, made empty (and shared with `staff` only) if there is none. */
  ensure(request: {
    cohort: string;
    name: string;
    staff: readonly string[];
  }): ArchiveRef & { created: boolean };
  /** The archive's workbook, to read, add to or (for erasure) rewrite. */
  open(id: string): ArchiveWorkbook;
}

/**
 * Reports staff read: in Google a tab rebuilt each time, its charts replaced (never piled up);
 * locally a self-contained HTML page under out/reports.
 */
export interface ReportsPort {
  /** Publishes the report; returns where staff find it and how many charts it has. */
  publish(report: import('./domain/report').Report): { where: string; charts: number };
  /**
   * Deletes the pages the tool wrote that name one of `needles` (locally out/reports/*.html and
   * the CLI's pages such as out/gallery.html; they are made again by their action). Returns how
   * many (with `apply` false, how many would go). Absent where pages are built live (Google).
   */
  erasePages?(request: { needles: readonly string[]; apply: boolean }): number;
}

/** A file or folder in Drive (or, locally, on disk). */
export interface DriveItem {
  id: string;
  name: string;
  url: string;
}

/**
 * The scheme's Drive: each pair's private folder and the copies of the handbook and templates in
 * it. Every method is idempotent and keyed: a folder or copy made by a call that crashed before
 * its result was recorded is found again by its key, never made twice.
 */
export interface DrivePort {
  /** The files directly inside a folder (the templates folder), in name order. */
  listFiles(folderId: string): DriveItem[];
  /** The item with this ID, or null when it does not exist or cannot be opened. */
  find(id: string): DriveItem | null;
  /**
   * The folder made for `key` under `parentId`, created (named `name`, restricted: nobody but the
   * owner has access) if there is none. `knownId` (from the workbook) is tried first.
   */
  ensureFolder(request: {
    key: string;
    name: string;
    parentId: string;
    knownId?: string;
  }): DriveItem & {
    created: boolean;
  };
  /** A copy of `sourceId` inside `folderId` for `key`, made if there is none. */
  ensureCopy(request: {
    key: string;
    sourceId: string;
    folderId: string;
  }): DriveItem & { created: boolean };
  /**
   * Makes `editors` exactly the people (besides the owner) who can open the folder: adds the
   * missing, removes the rest; never "anyone with the link". Returns who was added and removed.
   */
  shareFolder(folderId: string, editors: readonly string[]): { added: string[]; removed: string[] };
  /** Who (besides the owner) can open the folder now. */
  sharedWith(folderId: string): string[];
  /**
   * Moves a folder the tool made (found by its key marker or record) to the bin, with what is
   * in it; true when it went. A folder the tool did not make, or one already gone, is left alone
   * (false): the tool never deletes what it did not make. (Google keeps the bin for 30 days.)
   */
  trashFolder(folderId: string): boolean;
}

/** Defined in the domain (form-html renders it); the forms port takes it as it is. */
export type { FormSpec };
/** What ensureForm did, and what staff must know. */
export interface EnsuredForm {
  id: string;
  url: string;
  created: boolean;
  /** The form at `knownId` was in the bin or gone: a new one replaced it. */
  replaced?: 'trashed' | 'deleted';
  /** False when the form takes no responses yet (unpublished, or closed by hand). */
  acceptingResponses?: boolean;
  /**
   * One sentence for staff when the form could not be checked or repaired now (it could not be
   * opened for a reason other than "not found"); then nothing was made and `id` is `knownId`.
   */
  problem?: string;
}

/**
 * The scheme's Google Forms (locally: accessible HTML renderings). Idempotent: a form that
 * exists is updated in place, questions matched by title, so no response is lost.
 */
export interface FormsPort {
  ensureForm(spec: FormSpec, knownId?: string): EnsuredForm;
  /**
   * Exactly one submit trigger calling `handler` for the linked forms, and one for each form
   * whose responses are not linked; duplicates are removed. Returns how many it installed.
   */
  /**
   * Pre-filled links to a form: `fill` turns answers (by question field) into the link of the
   * form with those answers filled in (Google: FormResponse.toPrefilledUrl; locally the same
   * URL shape on the form's page). The form is opened once, however many links are made.
   */
  prefill(
    definition: import('./domain/forms').FormDefinition,
    form: { id: string; link: string },
    fields: readonly string[],
  ): (answers: Readonly<Record<string, string>>) => string;
  ensureSubmitTriggers(
    handler: string,
    unlinkedFormIds: readonly string[],
  ): {
    installed: number;
    removed: number;
    /** Another member of staff owns the submit triggers (they run as them): none was added. */
    ownedBy?: string;
  };
  /**
   * Every response the form holds (a linked form: its response tab; the concern form: the form
   * itself), or null when they cannot be read now. Absent where responses arrive by import only.
   */
  /**
   * Deletes responses the form itself holds (Google: `Form.deleteResponse` /
   * `deleteAllResponses`, and the rows of a linked form's response tab): all of them, or those
   * whose respondent e-mail is one of `emails` (compared normalised). Returns how many went;
   * null when the form cannot be opened now. Absent where the tool holds no responses.
   */
  deleteResponses?(
    form: { id: string; linked: boolean },
    which: 'all' | { emails: readonly string[] },
  ): number | null;
  /**
   * The bound workbook's tabs that linked forms send their responses to (Google: each tab with
   * a form URL), archived with the cohort. Absent where responses arrive by import only.
   */
  responseTabs?(): string[];
  submittedResponses?(form: {
    definition: import('./domain/forms').FormDefinition;
    id: string;
    link: string;
    linked: boolean;
    timeZone: string;
  }): SubmittedResponse[] | null;
}

/** A response as a form holds it (the shape of a CSV row once read). */
export interface SubmittedResponse {
  email: string;
  submitted: Date | null;
  submittedText: string;
  answers: ReadonlyMap<string, string>;
}

/**
 * Long jobs (pair set-up now; invitations, evaluations and certificates later). Apps Script
 * stops an execution at 6 minutes and Google limits e-mail per day, so a job stops cleanly when
 * its time is up or the quota is spent, and asks to be continued: exactly one continuation
 * trigger exists however many jobs wait, and it is removed when none is left.
 */
export interface JobsPort {
  /** Milliseconds this execution may still spend before a job should stop (Infinity locally). */
  remainingMs(): number;
  /** `job` has work left: continue it at `at` (or soon after). */
  continueLater(job: string, at: Date, reason: string): void;
  /** `job` has nothing left to do. */
  finished(job: string): void;
  /** Jobs waiting to continue. */
  pending(): { job: string; at: Date; reason: string }[];
}

/** One certificate to make: the PDF `name` in `folderId`, with `values` for its placeholders. */
/** The one print PDF of a batch of certificates, in the order given, keyed like them. */
export interface CombinedRequest {
  key: string;
  name: string;
  folderId: string;
  certificates: readonly DriveItem[];
}

export interface CertificateRequest {
  /** The effect key (`certificate:<mentor>:v<n>:<hash>`), kept on the PDF to find it again. */
  key: string;
  name: string;
  folderId: string;
  /** The Slides template in Google; locally unused (the tool draws its own certificate). */
  templateId: string;
  /** Placeholder (without braces) → text, e.g. "Name" → "Siân Llywelyn". */
  values: Readonly<Record<string, string>>;
}

/**
 * Mentor certificates as PDFs: in Google a copy of the Slides template with its placeholders
 * filled, exported to PDF (the copy then trashed); locally drawn with pdf-lib in an embedded
 * Unicode font. Idempotent and keyed: a PDF made by a run that crashed before recording it is
 * found again by its key, never made twice.
 */
export interface CertificatesPort {
  /** True when certificates are made from the "Certificate template" setting (Google). */
  readonly usesTemplate: boolean;
  /**
   * About how long combining takes per certificate (ms) where that counts against an execution's
   * time (Google: reading each PDF from Drive); absent where it does not (locally).
   */
  readonly combineMsEach?: number;
  ensureCertificate(request: CertificateRequest): DriveItem & { created: boolean };
  /**
   * One print-ready PDF of these certificates, in this order, for `key` (made if there is none);
   * null when this back end cannot combine PDFs. A certificate that cannot be read, or a result
   * too big for the back end, is a UserError.
   */
  ensureCombined(request: CombinedRequest): (DriveItem & { created: boolean }) | null;
  /**
   * Moves to the bin every certificate PDF in `folderId` the tool made whose key `matches`
   * (a person's: `certificate:<mentor>:…`; the combined PDFs: `certificates-combined:…`).
   * Returns how many went; never touches a file the tool did not make.
   */
  removeCertificates(folderId: string, matches: (key: string) => boolean): number;
}

/** A session as its calendar event should be (times are instants; shown in `timeZone`). */
export interface SessionEventSpec {
  /** The session's stable ID (the Sessions tab's ID): the event is found again by it. */
  sessionId: string;
  title: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  timeZone: string;
  cancelled: boolean;
  /** Who the invitations come from (locally; on Google, the calendar's owner). */
  organizer: { name: string; email: string };
}

export interface EventChange {
  /** The event's ID on the calendar (locally: its UID). */
  eventId: string;
  link: string;
  created: boolean;
  /** What changed on the event itself: time, place, title, description, cancelled, restored. */
  changed: string[];
  added: string[];
  removed: string[];
  /** Who this call sent an invitation, an update or a cancellation to: each once. */
  notified: string[];
  /** Guests on the event now. */
  guests: number;
  /** Guests still to invite on a later call (today's limit or the batch ran out). */
  pending: number;
  /** A change for every guest waits for a day with enough invitations left. */
  queued: boolean;
}

export type GuestResponse = 'accepted' | 'declined' | 'tentative' | 'not answered';

/** The calendar could take no more today (events created or invitations sent). */
export class CalendarLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarLimitError';
  }
}

/**
 * The scheme's calendar: one event per session, found again by the session's ID, so a run that
 * crashed after making an event and before recording it never makes a second one. Each call
 * changes the event in place and notifies exactly the guests the change concerns, once (an
 * unchanged session sends nothing). Google sends the invitations itself; locally each is an
 * .eml with an .ics attachment.
 */
export interface CalendarPort {
  /** Invitations, updates and cancellations that may still be sent today. */
  remainingDailyInvitations(): number;
  ensureSessionEvent(
    event: SessionEventSpec,
    guests: readonly { email: string; name: string }[],
    options: { knownId?: string; budget: number },
  ): EventChange;
  /** Each guest's answer by e-mail; null when the session has no event yet. */
  responses(sessionId: string, knownId?: string): Map<string, GuestResponse> | null;
  /**
   * Takes these people off the session's guest list without telling anyone (Google: a patch
   * with sendUpdates 'none'; locally the event's record and its .ics files): for an erasure,
   * not a change of plan. Returns how many were on it; 0 when the session has no event.
   */
  removeGuests(sessionId: string, emails: readonly string[], knownId?: string): number;
}
