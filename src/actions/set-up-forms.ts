import type { Action, ActionContext, ActionResult } from '../core/action';
import { loadSettings, loadTable, saveTable, settingsFromTable } from '../core/workbook';
import { FormDefinition, FORMS, FormId, mentorOption } from '../domain/forms';
import { DEFAULT_SETTINGS, formSettingLabel, SETTING_DEFS, Settings } from '../domain/settings';
import { APPLICATIONS_TAB, SETTINGS_TAB } from '../domain/tabs';
import { UserError } from '../domain/errors';
import { headerKey } from '../domain/text';
import type { FormSpec, Ports } from '../ports';
import { Cohort, readCohort } from '../workflows/cohort';

export const SUBMIT_HANDLER = 'onFormSubmit';

/** The concern form's responses never reach the scheme's spreadsheet: every editor can read it. */
export const UNLINKED: readonly FormId[] = ['concern'];

/** A form as it should be now: the choice form lists the accepted mentors and their videos. */
export function formSpec(
  form: FormDefinition,
  cohort: Cohort,
  settings: Pick<Settings, 'schemeStart' | 'schemeEnd' | 'verifiedEmailForms'> = DEFAULT_SETTINGS,
): FormSpec {
  // The scheme's own dates (Settings), not a fixed length that may not match them.
  const about = form.description
    .replace(/\{\{SchemeStart\}\}/g, settings.schemeStart)
    .replace(/\{\{SchemeEnd\}\}/g, settings.schemeEnd);
  const mentors = [...cohort.acceptedMentors].sort(
    (a, b) => a.name.localeCompare(b.name, 'en-GB') || a.service.localeCompare(b.service, 'en-GB'),
  );
  const listing = mentors
    .map((m) => `• ${mentorOption(m)}${m.video ? `: ${m.video}` : ''}`)
    .join('\n');
  const usesMentors = form.questions.some((q) => q.mentorOptions);
  return {
    definition: form,
    mentorOptions: usesMentors ? mentors.map(mentorOption) : [],
    description:
      usesMentors && mentors.length
        ? `${about}\n\nThe mentors and their introduction videos:\n${listing}`
        : about,
    linkResponses: !UNLINKED.includes(form.id),
    verifiedEmail: settings?.verifiedEmailForms.includes(form.id) ?? false,
  };
}

/**
 * `set-up-forms`: creates any form that does not exist yet, brings every form's questions in
 * line with its definition (responses kept), records each form's ID and link in Settings and
 * installs exactly one submit trigger. Safe to run again: it repairs what is missing.
 */
export function setUpFormsAction({ ports }: ActionContext): ActionResult {
  const settingsTable = loadTable(ports.workbook, SETTINGS_TAB);
  const settings = settingsFromTable(settingsTable);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  const made: string[] = [];
  const lines: string[] = [];
  const warnings: string[] = [];
  const ids: Partial<Record<FormId, string>> = {};
  for (const form of Object.values(FORMS)) {
    const result = ports.forms.ensureForm(
      formSpec(form, cohort, settings),
      settings.forms[form.id].id || undefined,
    );
    ids[form.id] = result.id;
    if (result.problem) {
      // Not opened for a reason other than "not found": its ID and link stay as they are.
      warnings.push(result.problem);
      continue;
    }
    if (result.created) made.push(form.title);
    if (result.replaced)
      warnings.push(
        `The "${form.title}" form was ${result.replaced === 'trashed' ? 'in the Drive bin' : 'deleted'}, so a new one was made: share its new link (below), not the old one.`,
      );
    if (result.acceptingResponses === false)
      warnings.push(
        `The "${form.title}" form is not accepting responses: open it in Google Forms, choose Publish and turn on "Accepting responses" if it should be open.`,
      );
    setSetting(settingsTable, formSettingLabel(form.id, 'id'), result.id);
    setSetting(settingsTable, formSettingLabel(form.id, 'link'), result.url);
    lines.push(`  ${form.title}: ${result.url}`);
  }
  saveTable(ports.workbook, settingsTable);
  const triggers = ports.forms.ensureSubmitTriggers(
    SUBMIT_HANDLER,
    UNLINKED.map((id) => ids[id] as string),
  );
  return {
    summary: [
      made.length
        ? `Created ${made.length} form${made.length === 1 ? '' : 's'} (${made.join(', ')})${made.length < lines.length ? '; the others were brought up to date' : ''}.`
        : 'Every form was already there and is now up to date.',
      ...lines,
      ...warnings,
      ...(triggers.ownedBy
        ? [
            `Form submissions are recorded by the triggers ${triggers.ownedBy} installed (they run as ${triggers.ownedBy}), so none was added for you; if ${triggers.ownedBy} leaves the scheme, remove them from the spreadsheet's editors and run "Set up forms" again.`,
          ]
        : []),
      ...(triggers.installed || triggers.removed
        ? [
            `Form submissions are now recorded as they arrive (${triggers.installed} trigger${triggers.installed === 1 ? '' : 's'} installed${triggers.removed ? `, ${triggers.removed} duplicate removed` : ''}).`,
          ]
        : []),
      'The concern form is deliberately not linked to this spreadsheet: concerns are e-mailed to the supervisor and the scheme lead only.',
    ],
    data: { forms: ids, created: made, triggers },
  };
}

/**
 * Rebuilds the choice form's dropdowns and description from the accepted mentors. Runs after
 * every review that changes who is accepted, so a withdrawn mentor disappears from the form.
 */
export function syncChoiceForm(ports: Ports, settings: Settings, cohort: Cohort): boolean {
  if (!settings.forms.choices.id) return false;
  ports.forms.ensureForm(formSpec(FORMS.choices, cohort, settings), settings.forms.choices.id);
  return true;
}

export function syncChoiceFormAction({ ports }: ActionContext): ActionResult {
  const settings = loadSettings(ports.workbook);
  const cohort = readCohort(loadTable(ports.workbook, APPLICATIONS_TAB));
  if (!syncChoiceForm(ports, settings, cohort)) {
    throw new UserError(
      'There is no mentor choice form yet: run set-up-forms first (in the Sheet: Mentoring → Set up forms), which creates it with the accepted mentors.',
    );
  }
  return {
    summary: [`The choice form now offers the ${cohort.acceptedMentors.length} accepted mentors.`],
    data: { synced: true, mentors: cohort.acceptedMentors.length },
  };
}

function setSetting(table: ReturnType<typeof loadTable>, label: string, value: string): void {
  let row = table.rows.findIndex(
    (_, r) => headerKey(table.text(r, 'Setting')) === headerKey(label),
  );
  if (row < 0) {
    const def = SETTING_DEFS.find((d) => headerKey(d.label) === headerKey(label));
    row = table.append({ Setting: label, 'What it means': def?.meaning ?? '' });
  }
  table.set(row, 'Value', value);
}

/** The `set-up-forms` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const SET_UP_FORMS_ACTION: Action = {
  id: 'set-up-forms',
  menu: 'Set up forms',
  functionName: 'setUpForms',
  summary:
    'Create or repair the six forms (applications, mentor choice, evaluation, continuation, concern), record their links in Settings and start recording submissions.',
  run: setUpFormsAction,
};

/** The `sync-choice-form` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const SYNC_CHOICE_FORM_ACTION: Action = {
  id: 'sync-choice-form',
  menu: 'Update the mentor choice form',
  functionName: 'syncChoiceForm',
  summary: "Rebuild the choice form's mentor dropdowns and description from the accepted mentors.",
  run: syncChoiceFormAction,
};
