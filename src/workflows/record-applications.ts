import { FIELD_COLUMNS, responseCells } from '../domain/applications';
import type { FormDefinition } from '../domain/forms';
import {
  compareResponses,
  FormResponse,
  inArrivalOrder,
  noCounts,
  RecordCounts,
} from '../domain/responses';
import { Cell, Table, isDate } from '../domain/table';
import { normaliseEmail } from '../domain/text';
import type { LogRecord } from '../ports';

/**
 * Writes responses into the Applications table. A person is one row per role, found by e-mail:
 * the newest response wins (compareResponses: the earlier answers go to the Log), the same
 * response again changes nothing, an older one is ignored. No response is ever dropped: one that cannot
 * be matched to a person gets a row of its own for the review to flag.
 */
export function recordApplications(
  table: Table,
  form: FormDefinition,
  responses: readonly FormResponse[],
  makeHistory: (id: string, previous: Record<string, Cell>) => LogRecord,
): { counts: RecordCounts; history: LogRecord[]; touched: number[] } {
  const role = form.id === 'mentor' ? 'Mentor' : 'Mentee';
  const counts = noCounts();
  const history: LogRecord[] = [];
  const touched: number[] = [];
  const rowsByKey = new Map<string, number>();
  let nextId = 1;
  table.rows.forEach((_, row) => {
    const match = /^A(\d+)$/.exec(table.text(row, 'ID'));
    if (match) nextId = Math.max(nextId, Number(match[1]) + 1);
    if (table.text(row, 'Role') === role) {
      for (const key of personKeys(
        table.text(row, 'Email'),
        table.text(row, 'Name'),
        table.get(row, 'Submitted'),
      )) {
        rowsByKey.set(key, row);
      }
    }
  });

  for (const response of inArrivalOrder(responses)) {
    const cells: Record<string, Cell> = {
      ...responseCells(form, response.email, response.answers),
      Submitted: response.submitted ?? response.submittedText,
    };
    const keys = personKeys(response.email, String(cells.Name ?? ''), cells.Submitted);
    const row = keys.map((k) => rowsByKey.get(k)).find((r) => r !== undefined);
    if (row === undefined) {
      const id = `A${String(nextId++).padStart(3, '0')}`;
      const added = table.append({ ID: id, ...cells, Status: 'Applied' });
      for (const key of keys) rowsByKey.set(key, added);
      counts.added += 1;
      touched.push(added);
      continue;
    }
    const order = compareResponses(cells.Submitted, table.get(row, 'Submitted'));
    if (order === 'same') counts.unchanged += 1;
    else if (order === 'older') counts.older += 1;
    else {
      const previous: Record<string, Cell> = {};
      for (const column of [...Object.values(FIELD_COLUMNS), 'Submitted']) {
        if (table.has(column)) previous[column] = table.get(row, column);
      }
      history.push(makeHistory(table.text(row, 'ID'), previous));
      for (const [column, value] of Object.entries(cells)) table.set(row, column, value);
      counts.updated += 1;
      touched.push(row);
    }
  }
  return { counts, history, touched };
}

function personKeys(email: string, name: string, submitted: Cell): string[] {
  const address = normaliseEmail(email);
  if (address) return [`email:${address}`];
  return [
    `anonymous:${name.trim().toLowerCase()}:${isDate(submitted) ? submitted.getTime() : String(submitted ?? '')}`,
  ];
}
