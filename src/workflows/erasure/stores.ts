import { ERASED, mentions, scrubLog, scrubTab, specOf, type Subject } from '../../domain/erasure';
import { refreshManifest } from '../archive-manifest';
import { FORMS, type FormId } from '../../domain/forms';
import type { Settings } from '../../domain/settings';
import type { Cell, TabData } from '../../domain/table';
import { ARCHIVE_MANIFEST_TAB, LOG_TAB, MATCHES_TAB, SESSIONS_TAB } from '../../domain/tabs';
import { headerKey, normaliseEmail } from '../../domain/text';
import type { ArchiveRef, Ports, WorkbookPort } from '../../ports';
import { UNLINKED } from '../../actions/set-up-forms';

/**
 * Each store erasure reaches, as one function that counts what names the people (`apply`
 * false: the dry run) or erases it and returns how many items went. Every one is safe to run
 * again: a second run finds nothing, so a crash between two of them loses nothing.
 */

/** What happens to a Matches row that loses one of its two people. */
function endPairs(after: TabData, changed: readonly number[]): void {
  const at = (c: string) => after.header.findIndex((h) => headerKey(String(h)) === headerKey(c));
  const status = at('Status');
  const clear = ['Folder', 'Folder ID'].map(at).filter((i) => i >= 0);
  for (const r of changed) {
    const row = after.rows[r];
    for (const role of ['Mentee', 'Mentor'] as const) {
      const who = at(role);
      if (who >= 0 && String(row[who] ?? '').includes(ERASED)) {
        // The pseudonymous code and answer of the erased person go with them; the partner's stay.
        for (const c of [`${role} code`, `${role} carry on?`].map(at)) if (c >= 0) row[c] = null;
      }
    }
    // A pair whose person is gone has ended (the partner's record stays usable); its folder
    // goes to the bin with the erasure, so its link goes too.
    if (status >= 0 && ['Proposed', 'Confirmed'].includes(String(row[status] ?? '')))
      row[status] = 'Ended';
    for (const c of clear) row[c] = null;
  }
  // A mentee left unmatched who is erased leaves a row about nobody: it goes.
  const mentee = at('Mentee');
  const mentor = at('Mentor');
  after.rows.splice(
    0,
    after.rows.length,
    ...after.rows.filter(
      (row) =>
        !(
          String(row[mentee] ?? '').includes(ERASED) &&
          (String(row[mentor] ?? '').trim() === '' || String(row[mentor] ?? '').includes(ERASED))
        ),
    ),
  );
}

/** A session's Audience lists addresses: an erased one leaves the list (not "[erased]"). */
function dropFromAudiences(after: TabData, changed: readonly number[]): void {
  const at = after.header.findIndex((h) => headerKey(String(h)) === 'audience');
  if (at < 0) return;
  for (const r of changed) {
    const cell = after.rows[r][at];
    if (typeof cell !== 'string' || !cell.includes(ERASED)) continue;
    after.rows[r][at] = cell
      .split(/\s*[,;]\s*/)
      .filter((part) => part.trim() !== ERASED)
      .join(', ');
  }
}

/** Scrubs tabs of a workbook (live or archive); returns rows removed or changed. */
export function eraseFromTabs(
  workbook: WorkbookPort,
  tabNames: readonly string[],
  who: Subject,
  apply: boolean,
  hash: (found: string) => string,
): number {
  let items = 0;
  for (const name of tabNames) {
    if (name === ARCHIVE_MANIFEST_TAB.name) continue;
    const data = workbook.readTab(name);
    if (!data) continue;
    if (name === LOG_TAB.name) {
      const log = scrubLog(data, who, hash);
      items += log.changed;
      if (apply && log.changed) workbook.writeTab(LOG_TAB, log.data);
      continue;
    }
    const result = scrubTab(name, data, who);
    items += result.removed + result.changed;
    if (!apply || result.removed + result.changed === 0) continue;
    if (name === MATCHES_TAB.name) endPairs(result.data, result.changedRows);
    if (name === SESSIONS_TAB.name) dropFromAudiences(result.data, result.changedRows);
    workbook.writeTab(specOf(name, result.data), result.data);
  }
  return items;
}

/** Every archive's tabs (rewritten and saved): rows removed or changed. */
export function eraseFromArchives(
  ports: Ports,
  refs: readonly ArchiveRef[],
  who: Subject,
  apply: boolean,
  hash: (found: string) => string,
): number {
  let items = 0;
  for (const ref of refs) {
    const archive = ports.archives.open(ref.id);
    const n = eraseFromTabs(archive, archive.tabNames(), who, apply, hash);
    if (apply && n) {
      refreshManifest(archive);
      archive.save();
    }
    items += n;
  }
  return items;
}

/** The forms whose responses hold an address (the evaluation forms ask none). */
const FORMS_WITH_ADDRESSES: readonly FormId[] = ['mentor', 'mentee', 'choices', 'concern'];

/** Responses held inside the forms themselves (Google; locally responses are CSV imports). */
export function eraseFromForms(
  ports: Ports,
  settings: Settings,
  emails: readonly string[],
  apply: boolean,
): number | null {
  const forms = ports.forms;
  if (!forms.deleteResponses || emails.length === 0) return 0;
  const wanted = new Set(emails.map(normaliseEmail));
  let items = 0;
  let unreadable = false;
  for (const id of FORMS_WITH_ADDRESSES) {
    const form = settings.forms[id];
    if (!form.id) continue;
    const linked = !UNLINKED.includes(id);
    if (!apply) {
      const held = forms.submittedResponses?.({
        definition: FORMS[id],
        id: form.id,
        link: form.link,
        linked,
        timeZone: settings.timeZone,
      });
      if (held === null || held === undefined) unreadable = unreadable || held === null;
      else items += held.filter((r) => wanted.has(normaliseEmail(r.email))).length;
      continue;
    }
    const gone = forms.deleteResponses({ id: form.id, linked }, { emails: [...wanted] });
    if (gone === null) unreadable = true;
    else items += gone;
  }
  return unreadable ? null : items;
}

/** Pair folders: the people's sharing removed, then the folder the tool made to the bin. */
export function eraseFromDrive(
  ports: Ports,
  folderIds: readonly string[],
  emails: readonly string[],
  apply: boolean,
): number {
  const gone = new Set(emails.map(normaliseEmail));
  let items = 0;
  for (const id of new Set(folderIds.filter(Boolean))) {
    if (!ports.drive.find(id)) continue;
    items += 1;
    if (!apply) continue;
    const editors = ports.drive.sharedWith(id);
    const kept = editors.filter((e) => !gone.has(normaliseEmail(e)));
    // Sharing first: even if the bin step fails, the erased person can no longer open it.
    if (kept.length !== editors.length) ports.drive.shareFolder(id, kept);
    ports.drive.trashFolder(id);
  }
  return items;
}

/** The sessions' calendar events: the people taken off each guest list, nobody told. */
export function eraseFromCalendar(
  ports: Ports,
  sessions: readonly { id: string; event: string }[],
  emails: readonly string[],
  apply: boolean,
): number {
  const gone = new Set(emails.map(normaliseEmail));
  let items = 0;
  for (const s of sessions) {
    if (!s.event) continue;
    const guests = ports.calendar.responses(s.id, s.event);
    if (!guests) continue;
    const on = [...guests.keys()].filter((g) => gone.has(normaliseEmail(g)));
    if (on.length === 0) continue;
    items += apply ? ports.calendar.removeGuests(s.id, on, s.event) : on.length;
  }
  return items;
}

/** Certificate PDFs (every version) and the combined PDFs that include a page for them. */
export function eraseCertificates(
  ports: Ports,
  settings: Settings,
  keys: readonly string[],
  apply: boolean,
): number {
  if (!settings.certificatesFolderId || keys.length === 0) return 0;
  if (!apply) return keys.length;
  const wanted = new Set(keys);
  return ports.certificates.removeCertificates(
    settings.certificatesFolderId,
    (key) => wanted.has(key) || key.startsWith('certificates-combined:'),
  );
}

/** The tool's own copies of messages (locally .eml files and the outbox). */
export function eraseMailCopies(
  ports: Ports,
  keys: readonly string[],
  needles: readonly string[],
  apply: boolean,
): number {
  if (!ports.mail.eraseCopies) return 0;
  return ports.mail.eraseCopies({ keys, needles, apply });
}

/** The Log's keys (with their state) whose key or detail names the people. */
export function logKeysNaming(workbook: WorkbookPort, who: Subject): string[] {
  const log = workbook.readTab(LOG_TAB.name);
  if (!log) return [];
  const at = (c: string) => log.header.findIndex((h) => headerKey(String(h)) === headerKey(c));
  const key = at('Key');
  const detail = at('Detail');
  const keys = new Set<string>();
  for (const row of log.rows) {
    const k = String(row[key] ?? '');
    if (k && (mentions(k, who) || mentions(String(row[detail] ?? ''), who))) keys.add(k);
  }
  return [...keys];
}

/** Column values of a tab's rows, by header name ('' where missing). */
export function column(data: TabData | null, name: string): string[] {
  if (!data) return [];
  const i = data.header.findIndex((h) => headerKey(String(h)) === headerKey(name));
  return i < 0 ? data.rows.map(() => '') : data.rows.map((r) => text(r[i]));
}

export function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}
