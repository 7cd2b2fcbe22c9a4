import type { Action, ActionContext, ActionResult, CsvTable } from '../core/action';
import { loadSettings } from '../core/workbook';
import { UserError } from '../domain/errors';
import {
  csvColumns,
  EMAIL_COLUMN,
  findForm,
  FormDefinition,
  FORMS,
  TIMESTAMP_COLUMN,
} from '../domain/forms';
import type { FormResponse } from '../domain/responses';
import { headerKey } from '../domain/text';
import { parseTimestamp } from '../domain/timestamps';
import { recordResponses } from '../workflows/intake';

/**
 * `import --form NAME FILE.csv`: responses exported from Google Forms (or copied from its
 * response sheet) go through the same recording as a live submission.
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
  const { timeZone } = loadSettings(context.ports.workbook);
  const responses = responsesFromCsv(form, csv, timeZone);
  const result = recordResponses(context, form, responses, { live: false });
  return {
    summary: [`Imported from ${csv.file}: ${result.summary[0]}`, ...result.summary.slice(1)],
    data: { form: form.id, responses: responses.length, ...result.data },
  };
}

/** The CSV's rows as form responses, after checking it is an export of this form. */
function responsesFromCsv(form: FormDefinition, csv: CsvTable, timeZone: string): FormResponse[] {
  const columns = new Map<string, number>();
  csv.header.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) return;
    // Two columns that read as one would merge or overwrite answers: refuse before writing.
    if (columns.has(key))
      throw new UserError(
        `"${csv.file}" has the column "${String(h).trim()}" twice: remove or rename one of them and import it again.`,
      );
    columns.set(key, i);
  });
  const later = new Set(form.questions.filter((q) => q.addedLater).map((q) => headerKey(q.title)));
  const missing = csvColumns(form).filter(
    (c) => !columns.has(headerKey(c)) && !later.has(headerKey(c)),
  );
  if (missing.length > 0) {
    throw new UserError(
      `"${csv.file}" is not an export of the "${form.title}" form: it has no "${missing[0]}" column.`,
    );
  }
  const cell = (row: string[], title: string) => {
    const at = columns.get(headerKey(title));
    return at === undefined ? '' : String(row[at] ?? '').trim();
  };
  return csv.rows
    .filter((row) => row.some((v) => String(v).trim() !== ''))
    .map((row) => ({
      email: cell(row, EMAIL_COLUMN),
      submitted: parseTimestamp(cell(row, TIMESTAMP_COLUMN), timeZone),
      submittedText: cell(row, TIMESTAMP_COLUMN),
      answers: new Map(form.questions.map((q) => [q.field, cell(row, q.title)])),
    }));
}

/** The `import` action as the menu, Apps Script and the CLI see it (listed in src/actions.ts). */
export const IMPORT_ACTION: Action = {
  id: 'import',
  archives: true,
  functionName: 'importResponses',
  summary: 'Import form responses from a CSV exported from Google Forms or its response sheet.',
  usage: `import --form ${Object.keys(FORMS).join('|')} FILE.csv`,
  maxArgs: 1,
  options: [
    {
      name: 'form',
      value: 'FORM',
      description: `which form the CSV comes from: ${Object.keys(FORMS).join(', ')}`,
      required: true,
    },
  ],
  readsCsv: true,
  run: (context, args) => {
    if (!args.csv)
      throw new UserError('Name the CSV file to import, e.g. import --form mentor responses.csv.');
    return importResponses(context, String(args.options.form ?? ''), args.csv);
  },
};
