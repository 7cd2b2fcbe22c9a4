import { FORMS } from '../domain/forms';
import { LOG_TAB } from '../domain/tabs';
import { zoneOffsetMinutes } from '../domain/timestamps';
import { JsonProperty } from './json-property';
import { blankPdf, mergePdfs, pdfKey } from './pdf-merge';
import type { AppsScriptServices } from './services';

/**
 * What `npm run check:live` asks the deployed script (through the Apps Script API's
 * scripts.run, as the deployer): each assumption the in-memory fake makes about Google,
 * tried on the real thing. Everything it makes it removes again (a scratch tab, a form it bins).
 */
export interface AssumptionResult {
  id: string;
  assumption: string;
  result: 'confirmed' | 'refuted' | 'unknown';
  detail: string;
}

type Check = (services: AppsScriptServices) => Omit<AssumptionResult, 'id' | 'assumption'>;

const yes = (ok: boolean, detail: string): Omit<AssumptionResult, 'id' | 'assumption'> => ({
  result: ok ? 'confirmed' : 'refuted',
  detail,
});

function message(error: unknown): string {
  return String((error as { message?: unknown })?.message ?? error);
}

interface NewerForm {
  isPublished?(): boolean;
  setPublished?(on: boolean): void;
  setEmailCollectionType?(type: unknown): unknown;
  getEmailCollectionType?(): unknown;
}

const CHECKS: [string, string, Check][] = [
  [
    'active-user',
    'Session.getActiveUser() names the deployer when they call the script themselves',
    (s) => {
      const email = s.Session.getActiveUser().getEmail();
      return yes(email !== '', email || '(empty)');
    },
  ],
  [
    'editors-include-owner',
    "Spreadsheet.getEditors() includes the spreadsheet's owner",
    (s) => {
      const ss = s.SpreadsheetApp.getActiveSpreadsheet();
      const owner = ss.getOwner()?.getEmail() ?? '';
      const editors = ss.getEditors().map((u) => u.getEmail());
      return yes(owner !== '' && editors.includes(owner), `owner ${owner || '(none)'}`);
    },
  ],
  [
    'time-zone-arithmetic',
    "Intl time-zone arithmetic under Apps Script's V8 agrees with Utilities.formatDate",
    () => {
      const instants = [
        '2026-03-29T00:59:00Z',
        '2026-03-29T01:00:00Z',
        '2026-10-25T00:59:00Z',
        '2026-10-25T01:00:00Z',
        '2026-07-01T12:00:00Z',
      ].map((t) => new Date(t));
      const u = (globalThis as { Utilities?: GoogleAppsScript.Utilities.Utilities }).Utilities;
      if (!u) return { result: 'unknown', detail: 'Utilities is not available' };
      const wrong = instants.filter((d) => {
        const google = u.formatDate(d, 'Europe/London', 'Z'); // e.g. +0100
        const sign = google.startsWith('-') ? -1 : 1;
        const minutes = sign * (Number(google.slice(1, 3)) * 60 + Number(google.slice(3, 5)));
        return minutes !== zoneOffsetMinutes(d, 'Europe/London');
      });
      return yes(
        wrong.length === 0,
        wrong.length ? `differs at ${wrong.join(', ')}` : '5 instants',
      );
    },
  ],
  [
    'sheet-names-ignore-case',
    'getSheetByName ignores case',
    (s) => {
      const ss = s.SpreadsheetApp.getActiveSpreadsheet();
      const first = ss.getSheets()[0].getName();
      const found = ss.getSheetByName(
        first.toUpperCase() === first ? first.toLowerCase() : first.toUpperCase(),
      );
      return yes(found !== null, first);
    },
  ],
  [
    'cell-limit',
    'A cell takes 50,000 characters and refuses 50,001',
    (s) => {
      const ss = s.SpreadsheetApp.getActiveSpreadsheet();
      const sheet = ss.insertSheet(`Live check ${Date.now()}`);
      try {
        sheet.getRange(1, 1).setValue('x'.repeat(50_000));
        let refused = false;
        try {
          sheet.getRange(2, 1).setValue('x'.repeat(50_001));
          s.SpreadsheetApp.flush();
        } catch {
          refused = true;
        }
        return yes(refused, refused ? '50,001 refused' : '50,001 accepted');
      } finally {
        ss.deleteSheet(sheet);
      }
    },
  ],
  [
    'drive-lookup-throws',
    'DriveApp.getFileById of a missing file throws (the code treats any failure as not found)',
    (s) => {
      try {
        s.DriveApp.getFileById('1LiveCheckNoSuchFile000000000000000000000');
        return yes(false, 'no exception');
      } catch (error) {
        return yes(true, message(error));
      }
    },
  ],
  [
    'form-not-found-wording',
    'FormApp.openById of a missing form says "No item with the given ID could be found"',
    (s) => {
      try {
        s.FormApp.openById('1LiveCheckNoSuchForm000000000000000000000');
        return yes(false, 'no exception');
      } catch (error) {
        return yes(
          /no item with the given id|not found|does not exist/i.test(message(error)),
          message(error),
        );
      }
    },
  ],
  [
    'forms-unpublished-then-published',
    'A form made by a script starts unpublished; setPublished(true) makes it accept responses; RESPONDER_INPUT exists; a binned form still opens',
    (s) => {
      const form = s.FormApp.create('Live check: delete me');
      const newer = form as unknown as NewerForm;
      const id = form.getId();
      const notes: string[] = [];
      let ok = true;
      try {
        if (typeof newer.isPublished !== 'function' || typeof newer.setPublished !== 'function') {
          return { result: 'unknown', detail: 'Form has no isPublished/setPublished here' };
        }
        const startedUnpublished = !newer.isPublished();
        notes.push(startedUnpublished ? 'started unpublished' : 'started published');
        newer.setPublished(true);
        const open = newer.isPublished() && form.isAcceptingResponses();
        notes.push(open ? 'published and accepting' : 'not accepting after setPublished(true)');
        ok = ok && startedUnpublished && open;
        const types = (s.FormApp as unknown as { EmailCollectionType?: Record<string, unknown> })
          .EmailCollectionType;
        const typed = Boolean(types && 'RESPONDER_INPUT' in types);
        if (typed && newer.setEmailCollectionType)
          newer.setEmailCollectionType(types?.RESPONDER_INPUT);
        notes.push(typed ? 'RESPONDER_INPUT set' : 'no RESPONDER_INPUT');
        ok = ok && typed;
      } finally {
        s.DriveApp.getFileById(id).setTrashed(true);
      }
      try {
        s.FormApp.openById(id);
        notes.push('binned form still opens');
      } catch {
        notes.push('binned form does not open');
        ok = false;
      }
      return yes(ok, notes.join('; '));
    },
  ],
  [
    'mail-quota',
    'MailApp.getRemainingDailyQuota() answers (a rolling 24 hours: compare with the sends of the last day)',
    (s) => {
      const left = s.MailApp.getRemainingDailyQuota();
      return yes(typeof left === 'number', `${left} recipients left`);
    },
  ],
  [
    'pdf-lib-synchronous',
    "pdf-lib merges PDFs synchronously under Apps Script's V8 (no setTimeout), and Utilities.newBlob takes the merged PDF as signed bytes",
    (s) => {
      const missing = ['setTimeout', 'TextEncoder', 'TextDecoder', 'Buffer'].filter(
        (name) => typeof (globalThis as Record<string, unknown>)[name] !== 'undefined',
      );
      const one = (title: string) => blankPdf(title);
      const merged = mergePdfs(
        [
          { name: 'a', bytes: one('a') },
          { name: 'b', bytes: one('b') },
        ],
        { key: 'live-check', title: 'Live check' },
      );
      const signed = Array.from(new Int8Array(merged.buffer, merged.byteOffset, merged.length));
      const blob = s.Utilities.newBlob(signed, 'application/pdf', 'live-check.pdf');
      const back = Uint8Array.from(blob.getBytes());
      const same = back.length === merged.length && back.every((b, i) => b === merged[i]);
      return yes(
        same && pdfKey(back) === 'live-check',
        `${merged.length} bytes, ${same ? 'the same' : 'NOT the same'} through newBlob; present here: ${missing.join(', ') || 'none of setTimeout, TextEncoder, TextDecoder, Buffer'}`,
      );
    },
  ],
  [
    'triggers-per-user',
    "ScriptApp.getProjectTriggers() lists only the caller's triggers",
    (s) => ({
      result: 'unknown',
      detail: `${s.ScriptApp.getProjectTriggers().length} of your own; needs a second staff account to settle`,
    }),
  ],
];

/** Runs every in-script check; a check that throws is "unknown" with what it threw. */
export function checkPlatform(services: AppsScriptServices): AssumptionResult[] {
  return CHECKS.map(([id, assumption, check]) => {
    try {
      return { id, assumption, ...check(services) };
    } catch (error) {
      return { id, assumption, result: 'unknown' as const, detail: message(error) };
    }
  });
}

/** The note of this check's test responses (script property), written before they are made. */
export const RESPONSES_PROPERTY = 'peer-mentoring.live-check.responses';

export interface ResponsesManifest {
  /** One per check that submitted: every text answer of its test responses contains it. */
  markers: string[];
  /** The forms the responses went to (by ID). */
  formIds: string[];
  /**
   * Responses that carry no text answer to mark (the choice form has only drop-downs), noted
   * by their response ID right after they are submitted.
   */
  responseIds: { formId: string; id: string }[];
}

const responsesManifest = (services: AppsScriptServices) =>
  new JsonProperty<Partial<ResponsesManifest>>(services, RESPONSES_PROPERTY);

export function readResponsesManifest(services: AppsScriptServices): ResponsesManifest | null {
  const m = responsesManifest(services).read();
  return m
    ? { markers: m.markers ?? [], formIds: m.formIds ?? [], responseIds: m.responseIds ?? [] }
    : null;
}

function writeResponsesManifest(services: AppsScriptServices, m: ResponsesManifest): void {
  responsesManifest(services).write(m);
}

/**
 * This run's marker: "lc", the instant to the millisecond and four random characters (two
 * checks in one millisecond still differ), letters and digits only, so it survives in a text
 * answer, a link's query and a sheet cell alike, and never occurs in what a person typed.
 */
export function newMarker(now = new Date()): string {
  const random = Math.floor(Math.random() * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `lc${now.toISOString().replace(/[^0-9]/g, '')}${random}`;
}

/**
 * One test response to each linked form, submitted through FormApp: such a submission does not
 * fire the submit trigger, so the sweep ("Record missed responses") must be what records it. A
 * script cannot give a response an address (FormResponse has no setter for it), so the
 * responses carry none and no acknowledgement goes out for them; `address` says what Google
 * recorded. Returns the forms' states too.
 *
 * Every text answer carries this run's marker (`Live check <field> <marker>`; a link keeps
 * valid with the marker in its query), and the marker is noted in a script property before
 * anything is submitted, so `cleanUpTestResponses` finds them even after a check that died.
 */
export function submitTestResponses(
  services: AppsScriptServices,
  ids: Record<string, string>,
  marker = newMarker(),
): {
  form: string;
  submitted: boolean;
  published: boolean;
  accepting: boolean;
  address?: string;
  detail: string;
}[] {
  const definitions = Object.values(FORMS).filter((f) => ids[f.id]);
  const manifest = readResponsesManifest(services) ?? {
    markers: [],
    formIds: [],
    responseIds: [],
  };
  if (!manifest.markers.includes(marker)) manifest.markers.push(marker);
  for (const d of definitions)
    if (!manifest.formIds.includes(ids[d.id])) manifest.formIds.push(ids[d.id]);
  writeResponsesManifest(services, manifest);
  return definitions.map((definition) => {
    try {
      const form = services.FormApp.openById(ids[definition.id]);
      const newer = form as unknown as NewerForm;
      const published = typeof newer.isPublished === 'function' ? newer.isPublished() : true;
      const accepting = form.isAcceptingResponses();
      const response = form.createResponse();
      let marked = false;
      for (const item of form.getItems()) {
        const question = definition.questions.find((q) => q.title === item.getTitle());
        if (!question?.required) continue;
        const type = String(item.getType());
        const text = `Live check ${question.field} ${marker}`;
        if (type === 'TEXT' || type === 'PARAGRAPH_TEXT') marked = true;
        const answer =
          type === 'TEXT'
            ? item
                .asTextItem()
                .createResponse(
                  question.field === 'video' ? `https://vimeo.com/1?live-check=${marker}` : text,
                )
            : type === 'PARAGRAPH_TEXT'
              ? item.asParagraphTextItem().createResponse(text)
              : type === 'MULTIPLE_CHOICE'
                ? item
                    .asMultipleChoiceItem()
                    .createResponse(item.asMultipleChoiceItem().getChoices()[0].getValue())
                : type === 'CHECKBOX'
                  ? item
                      .asCheckboxItem()
                      .createResponse([item.asCheckboxItem().getChoices()[0].getValue()])
                  : type === 'LIST'
                    ? item.asListItem().createResponse(item.asListItem().getChoices()[0].getValue())
                    : type === 'SCALE'
                      ? item.asScaleItem().createResponse(item.asScaleItem().getLowerBound())
                      : null;
        if (answer) response.withItemResponse(answer);
      }
      const made = response.submit();
      if (!marked) {
        // Nothing to carry the marker: note the response by its ID at once.
        manifest.responseIds.push({ formId: ids[definition.id], id: made.getId() });
        writeResponsesManifest(services, manifest);
      }
      const address = made.getRespondentEmail();
      return { form: definition.id, submitted: true, published, accepting, address, detail: '' };
    } catch (error) {
      return {
        form: definition.id,
        submitted: false,
        published: false,
        accepting: false,
        detail: message(error),
      };
    }
  });
}

/** Ignoring case: intake upper-cases codes (a pair or participant code) as it records them. */
function carries(value: unknown, markers: string[]): boolean {
  const text = String(value ?? '').toLowerCase();
  return markers.some((m) => text.includes(m.toLowerCase()));
}

function answered(response: GoogleAppsScript.Forms.FormResponse, markers: string[]): boolean {
  return response.getItemResponses().some((r) => {
    const value = r.getResponse();
    return (Array.isArray(value) ? value : [value]).some((v) => carries(v, markers));
  });
}

/**
 * Removes the check's test responses, and only those: from each form it submitted to, every
 * response with an answer containing a noted marker (or noted by its ID); from the development
 * Sheet, every row of any tab with a cell containing a marker, and no other row. The Log is
 * append-only and keeps its records of the sweep. The throwaway cohort's own tabs are left to
 * its own clean-up. Runs under the script lock (rows move up as others are deleted).
 */
export function cleanUpTestResponses(services: AppsScriptServices): AssumptionResult[] {
  const manifest = readResponsesManifest(services);
  if (!manifest) return [];
  const assumption =
    "The check's test responses are removed: from the forms and from every tab but the Log, only responses and rows carrying this check's marker";
  const { markers } = manifest;
  const problems: string[] = [];
  const lock = services.LockService.getScriptLock();
  if (!lock.tryLock(30_000))
    return [
      {
        id: 'test-responses-clean-up',
        assumption,
        result: 'unknown',
        detail: 'another Mentoring action was running: the next check cleans them up',
      },
    ];
  let responses = 0;
  let rows = 0;
  const tabs = new Set<string>();
  const scan = (remove: boolean): number => {
    let found = 0;
    for (const formId of manifest.formIds) {
      try {
        const form = services.FormApp.openById(formId);
        const noted = new Set(
          manifest.responseIds.filter((r) => r.formId === formId).map((r) => r.id),
        );
        for (const response of form.getResponses()) {
          if (!noted.has(response.getId()) && !answered(response, markers)) continue;
          found += 1;
          if (!remove) continue;
          form.deleteResponse(response.getId());
          responses += 1;
        }
      } catch (error) {
        problems.push(`form ${formId}: ${message(error)}`);
      }
    }
    for (const sheet of services.SpreadsheetApp.getActiveSpreadsheet().getSheets()) {
      // The Log is append-only: its records of the sweep stay.
      if (sheet.getName().toLowerCase() === LOG_TAB.name.toLowerCase()) continue;
      try {
        const values = sheet.getDataRange().getValues();
        const marked = values
          .map((row, r) => ({
            r,
            hit: row.some((c) => carries(c, markers)),
          }))
          .filter((x) => x.hit)
          .map((x) => x.r + 1);
        found += marked.length;
        if (!remove) continue;
        // Sheets refuses to delete every non-frozen row: keep a blank one below when needed.
        const spare = sheet.getMaxRows() - sheet.getFrozenRows() - marked.length;
        if (marked.length && spare < 1) sheet.insertRowsAfter(sheet.getMaxRows(), 1 - spare);
        // From the bottom up, so each row number still points at its row.
        for (const row of marked.reverse()) {
          sheet.deleteRow(row);
          rows += 1;
          tabs.add(sheet.getName());
        }
      } catch (error) {
        problems.push(`tab "${sheet.getName()}": ${message(error)}`);
      }
    }
    return found;
  };
  let left = 0;
  try {
    // The forms first: a response left in a form would be recorded again by the next sweep.
    scan(true);
    services.SpreadsheetApp.flush();
    left = scan(false);
  } finally {
    lock.releaseLock();
  }
  if (!problems.length && !left) responsesManifest(services).remove();
  return [
    {
      id: 'test-responses-clean-up',
      assumption,
      result: problems.length || left ? 'refuted' : 'confirmed',
      detail: [
        `${responses} responses deleted from the forms, ${rows} rows from ${tabs.size ? [...tabs].join(', ') : 'no tab'}; the Log keeps its records`,
        left ? `${left} still carry the marker` : '',
        manifest.responseIds.length
          ? `${manifest.responseIds.length} response with no text answer to mark (the choice form) deleted from its form by its ID; the rows it made carry no marker and stay`
          : '',
        ...problems,
      ]
        .filter(Boolean)
        .join('; '),
    },
  ];
}
