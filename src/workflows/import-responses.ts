import type { ActionContext, ActionResult, CsvTable } from '../core/action';
import { EffectLedger, EffectOutcome } from '../core/effect-ledger';
import { Mailer, tally } from '../core/mailer';
import { loadSettings, loadTable, loadTemplates, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import {
  csvColumns,
  EMAIL_COLUMN,
  findForm,
  FormDefinition,
  FORMS,
  TIMESTAMP_COLUMN,
} from '../domain/forms';
import type { Settings } from '../domain/settings';
import { APPLICATIONS_TAB, CHOICES_TAB } from '../domain/tabs';
import { firstName, headerKey, plural } from '../domain/text';
import { parseTimestamp } from '../domain/timestamps';
import type { LogRecord } from '../ports';
import { readCohort } from './cohort';
import { outcomeSummary } from './outcome-summary';
import { FormResponse, RecordCounts, recordApplications } from './record-applications';
import { recordChoices } from './record-choices';

/**
 * `import --form mentor|mentee|choices FILE.csv`: responses exported from Google Forms (or copied
 * from its response sheet) go through the same recording as a live submission.
 */
export function importResponses(
  context: ActionContext,
  formId: string,
  csv: CsvTable,
): ActionResult {
  const form = findForm(formId);
  if (!form) {
    throw new UserError(
      `There is no "${formId}" form: use --form ${Object.keys(FORMS).join(', --form ')}.`,
    );
  }
  const settings = loadSettings(context.ports.workbook);
  const responses = responsesFromCsv(form, csv, settings.timeZone);
  const history = (key: string, previous: unknown): LogRecord => ({
    time: context.ports.clock.now(),
    run: context.run,
    action: 'import',
    key: `history:${key}`,
    state: 'history',
    detail: `Answers replaced by a later response: ${JSON.stringify(previous)}`,
  });

  let counts: RecordCounts;
  const extra: string[] = [];
  let data: Record<string, unknown> = {};
  if (form.id === 'choices') {
    const cohort = readCohort(loadTable(context.ports.workbook, APPLICATIONS_TAB));
    const table = loadTable(context.ports.workbook, CHOICES_TAB);
    const recorded = recordChoices(table, cohort, responses, history);
    counts = recorded.counts;
    keepHistory(context, recorded.history);
    saveTable(context.ports.workbook, table);
    const asked = askToResubmit(context, settings, recorded.problems);
    extra.push(
      `${plural(recorded.problems.length, 'response')} with problems (see the Problems column of the Choices tab).`,
      ...(recorded.problems.length
        ? outcomeSummary(
            asked.counts,
            'request to resubmit',
            asked.uncertain,
            'requests to resubmit',
          )
        : []),
    );
    data = { problems: recorded.problems.length, resubmitRequests: asked.counts };
  } else {
    const table = loadTable(context.ports.workbook, APPLICATIONS_TAB);
    const recorded = recordApplications(table, form, responses, history);
    counts = recorded.counts;
    keepHistory(context, recorded.history);
    saveTable(context.ports.workbook, table);
    if (counts.added || counts.updated) extra.push('Next: run review-applications.');
  }
  const parts = [
    `${counts.added} new`,
    `${counts.updated} updated`,
    `${counts.unchanged} unchanged`,
  ];
  if (counts.older) parts.push(`${counts.older} older than the answers already recorded (ignored)`);
  return {
    summary: [
      `Imported ${plural(responses.length, 'response')} from ${csv.file} (${form.title}): ${parts.join(', ')}.`,
      ...(counts.updated
        ? ['Earlier answers of people who submitted again are kept in the Log tab.']
        : []),
      ...extra,
    ],
    data: { form: form.id, responses: responses.length, ...counts, ...data },
  };
}

/** The CSV's rows as form responses, after checking it is an export of this form. */
function responsesFromCsv(form: FormDefinition, csv: CsvTable, timeZone: string): FormResponse[] {
  const columns = new Map(csv.header.map((h, i) => [headerKey(h), i]));
  const missing = csvColumns(form).filter((c) => !columns.has(headerKey(c)));
  if (missing.length > 0) {
    throw new UserError(
      `"${csv.file}" is not an export of the "${form.title}" form: it has no "${missing[0]}" column.`,
    );
  }
  const cell = (row: string[], title: string) =>
    String(row[columns.get(headerKey(title)) as number] ?? '').trim();
  return csv.rows
    .filter((row) => row.some((v) => String(v).trim() !== ''))
    .map((row) => ({
      email: cell(row, EMAIL_COLUMN),
      submitted: parseTimestamp(cell(row, TIMESTAMP_COLUMN), timeZone),
      submittedText: cell(row, TIMESTAMP_COLUMN),
      answers: new Map(form.questions.map((q) => [q.field, cell(row, q.title)])),
    }));
}

/** History first: if the run dies before the tab is saved, the earlier answers are still kept. */
function keepHistory(context: ActionContext, history: LogRecord[]): void {
  if (history.length > 0) context.ports.journal.append(history);
}

function askToResubmit(
  context: ActionContext,
  settings: Settings,
  problems: { email: string; name: string; submitted: Date | null; problems: string[] }[],
): { counts: Record<EffectOutcome, number>; uncertain: string[] } {
  if (problems.length === 0) return { counts: tally([]), uncertain: [] };
  const ledger = EffectLedger.open(context.ports, context.run, 'import');
  const mailer = new Mailer(
    context.ports.mail,
    ledger,
    settings,
    loadTemplates(context.ports.workbook),
  );
  const outcomes: EffectOutcome[] = [];
  const uncertain: string[] = [];
  for (const p of problems) {
    const outcome = mailer.send({
      key: `mail:choice-problem:${p.email}:${p.submitted ? p.submitted.toISOString() : 'undated'}`,
      template: 'choice-problem',
      to: [p.email],
      values: {
        Name: p.name || p.email,
        FirstName: firstName(p.name) || p.name || 'colleague',
        Problems: p.problems.map((line) => `- ${line}`).join('\n'),
        FormLink: settings.choiceFormLink,
      },
    });
    if (outcome === 'uncertain') uncertain.push(p.email);
    outcomes.push(outcome);
  }
  return { counts: tally(outcomes), uncertain };
}
