import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadSettings, loadTable, saveTable } from '../core/workbook';
import { defaultRounds } from '../domain/evaluation/rounds';
import { LAYOUT_VERSION, SETTING_DEFS, settingCell } from '../domain/settings';
import { UserError } from '../domain/errors';
import { Table } from '../domain/table';
import { CORE_TABS, ROUNDS_TAB, SESSIONS_TAB, SETTINGS_TAB, TEMPLATES_TAB } from '../domain/tabs';
import { DEFAULT_TEMPLATES } from '../domain/templates';
import { headerKey, plural } from '../domain/text';

/**
 * Creates whatever the workbook lacks: tabs, columns, settings and templates. Never changes a
 * value staff have set, so it is safe to run at any time (it also repairs a damaged workbook).
 */
export function initWorkbook({ ports }: ActionContext): ActionResult {
  const added: string[] = [];
  const counts = { tabs: 0, settings: 0, templates: 0 };
  let explainSessions = false;
  for (const spec of CORE_TABS) {
    const table = loadTable(ports.workbook, spec);
    if (spec === SETTINGS_TAB) {
      const have = new Set(table.rows.map((_, r) => headerKey(table.text(r, 'Setting'))));
      for (const d of SETTING_DEFS) {
        // Every row says what it is for; a blank note is filled in, staff's own words are kept.
        const row = table.rows.findIndex(
          (_, r) => headerKey(table.text(r, 'Setting')) === headerKey(d.label),
        );
        if (row >= 0 && !table.text(row, 'What it means'))
          table.set(row, 'What it means', d.meaning);
        if (!have.has(headerKey(d.label))) {
          table.append({
            Setting: d.label,
            Value: d.defaultValue === '' ? null : settingCell(d, d.defaultValue),
            'What it means': d.meaning,
          });
          added.push(`setting "${d.label}"`);
          counts.settings += 1;
        }
      }
    }
    if (spec === TEMPLATES_TAB) {
      const have = new Set(table.rows.map((_, r) => table.text(r, 'Template')));
      for (const t of DEFAULT_TEMPLATES) {
        if (!have.has(t.id)) {
          table.append({
            Template: t.id,
            Subject: t.subject,
            Body: t.body,
            Placeholders: t.placeholders,
          });
          added.push(`template "${t.id}"`);
          counts.templates += 1;
        }
      }
    }
    if (spec === ROUNDS_TAB && table.isNew) {
      // The scheme year's two rounds; staff change the dates or add rounds in the tab.
      for (const round of defaultRounds(ports.clock.now(), loadSettings(ports.workbook).timeZone))
        table.append(round);
    }
    if (saveTable(ports.workbook, table)) {
      if (table.isNew) {
        added.push(`tab "${spec.name}"`);
        counts.tabs += 1;
        if (spec === SESSIONS_TAB) explainSessions = true;
      }
    }
  }
  return {
    summary: [
      ...(added.length
        ? [
            `The workbook is ready. Added ${plural(counts.tabs, 'tab')}, ${plural(counts.settings, 'setting')} and ${plural(counts.templates, 'e-mail template')}.`,
          ]
        : ['The workbook is ready; nothing needed adding.']),
      ...(explainSessions ? SESSIONS_EXPLAINED : []),
    ],
    data: { added },
  };
}

/** What staff need to know to fill in the Sessions tab (also in docs/workbook.md). */
const SESSIONS_EXPLAINED = [
  'The Sessions tab holds one row per session; "Send session invitations" puts each on the calendar:',
  '  ID: S01, S02… (filled in when blank; never change it: the event is found by it)',
  '  Kind: Launch day, Online training, Drop-in, Supervisor 1:1 or Other; Title and Theme: what guests see',
  "  Start, End: local date and time in the scheme's time zone, e.g. 2026-07-08 10:00",
  '  Where: an address or a video link; Description: any text for the invitation',
  '  Audience: All accepted, Mentors, Mentees, or e-mail addresses (one or two for a Supervisor 1:1)',
  '  Status: Planned or Cancelled (a Cancelled session cancels its event and tells its guests)',
  '  Problems, Event, Invited, Updated: written by the tool',
];

/** The `init` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const INIT_ACTION: Action = {
  id: 'init',
  menu: 'Set up workbook',
  functionName: 'setUpWorkbook',
  summary:
    'Create the tabs, settings and e-mail templates the scheme needs (never changes what staff set).',
  run: initWorkbook,
};

/**
 * Run before every action: a workbook an older version of the tool made (Settings without a
 * "Workbook layout version" row is version 1) is brought up to this layout once, after a copy
 * of it as it was is kept (`keepCopy`, by the back end: a file beside it, or a Drive copy), so
 * no tab is read by the wrong columns; a workbook a newer tool made is refused. A workbook with
 * no Settings tab yet is new (init lays it out). Returns the line staff see, if it migrated.
 */
export function migrateLayout(
  context: ActionContext,
  keepCopy: (fromVersion: number) => string,
): string[] {
  const settings = context.ports.workbook.readTab(SETTINGS_TAB.name);
  if (!settings) return [];
  const table = new Table(SETTINGS_TAB, settings);
  const row = table.rows.findIndex(
    (_, r) => headerKey(table.text(r, 'Setting')) === headerKey('Workbook layout version'),
  );
  const raw = row < 0 ? '1' : table.text(row, 'Value') || '1';
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1)
    throw new UserError(
      `In Settings, "Workbook layout version" must be a whole number (it is "${raw}"): set it back to ${LAYOUT_VERSION} if this workbook was made by this version of the tool.`,
    );
  if (version > LAYOUT_VERSION)
    throw new UserError(
      `This workbook has layout version ${version}, made by a newer version of the tool than this one (which knows version ${LAYOUT_VERSION}): update the tool, then try again (nothing was changed).`,
    );
  if (version === LAYOUT_VERSION) return [];
  const copy = keepCopy(version);
  initWorkbook(context);
  const after = loadTable(context.ports.workbook, SETTINGS_TAB);
  const at = after.rows.findIndex(
    (_, r) => headerKey(after.text(r, 'Setting')) === headerKey('Workbook layout version'),
  );
  after.set(at, 'Value', LAYOUT_VERSION);
  saveTable(context.ports.workbook, after);
  return [
    `This workbook was brought up to date (layout version ${version} → ${LAYOUT_VERSION}: new columns and settings added, nothing removed); a copy of it as it was: ${copy}.`,
  ];
}
