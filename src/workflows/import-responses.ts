import type { ActionContext, ActionResult, CsvTable } from '../core/action';
import { loadSettings, loadTable, saveTable } from '../core/workbook';
import { UserError } from '../domain/errors';
import { csvColumns, EMAIL_COLUMN, findForm, FORMS, TIMESTAMP_COLUMN } from '../domain/forms';
import { APPLICATIONS_TAB } from '../domain/tabs';
import { headerKey, plural } from '../domain/text';
import { parseTimestamp } from '../domain/timestamps';
import { FormResponse, recordApplications } from './record-applications';

/**
 * `import --form mentor|mentee FILE.csv`: responses exported from Google Forms (or copied from
 * its response sheet) go through the same recording as a live submission.
 */
export async function importResponses(
  { ports, run }: ActionContext,
  formId: string,
  csv: CsvTable,
): Promise<ActionResult> {
  const form = findForm(formId);
  if (!form) {
    throw new UserError(
      `There is no "${formId}" form: use --form ${Object.keys(FORMS).join(' or --form ')}.`,
    );
  }
  const columns = new Map(csv.header.map((h, i) => [headerKey(h), i]));
  const missing = csvColumns(form).filter((c) => !columns.has(headerKey(c)));
  if (missing.length > 0) {
    throw new UserError(
      `"${csv.file}" is not an export of the "${form.title}" form: it has no "${missing[0]}" column.`,
    );
  }
  const settings = await loadSettings(ports.workbook);
  const cell = (row: string[], title: string) =>
    String(row[columns.get(headerKey(title)) as number] ?? '').trim();
  const responses: FormResponse[] = csv.rows
    .filter((row) => row.some((v) => String(v).trim() !== ''))
    .map((row) => ({
      email: cell(row, EMAIL_COLUMN),
      submitted: parseTimestamp(cell(row, TIMESTAMP_COLUMN), settings.timeZone),
      submittedText: cell(row, TIMESTAMP_COLUMN),
      answers: new Map(form.questions.map((q) => [q.field, cell(row, q.title)])),
    }));

  const table = await loadTable(ports.workbook, APPLICATIONS_TAB);
  const now = ports.clock.now();
  const { counts, history } = recordApplications(table, form, responses, (id, previous) => ({
    time: now,
    run,
    action: 'import',
    key: `history:${id}`,
    state: 'history',
    detail: `Answers replaced by a later response: ${JSON.stringify(previous)}`,
  }));
  // History first: if the run dies before the tab is saved, the earlier answers are still kept.
  if (history.length > 0) await ports.journal.append(history);
  await saveTable(ports.workbook, table);
  const parts = [
    `${counts.added} new`,
    `${counts.updated} updated`,
    `${counts.unchanged} unchanged`,
  ];
  if (counts.older) parts.push(`${counts.older} older than the answers already recorded (ignored)`);
  return {
    summary: [
      `Imported ${plural(responses.length, 'response')} from ${csv.file} as ${form.id} applications: ${parts.join(', ')}.`,
      ...(counts.updated
        ? ['Earlier answers of people who applied again are kept in the Log tab.']
        : []),
      ...(counts.added || counts.updated ? ['Next: run review-applications.'] : []),
    ],
    data: { form: form.id, responses: responses.length, ...counts },
  };
}
