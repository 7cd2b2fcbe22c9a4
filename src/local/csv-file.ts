import fs from 'node:fs';
import type { CsvTable } from '../core/action';
import { UserError } from '../domain/errors';

/** Reads a CSV export (UTF-8, with or without a byte-order mark) into a header and rows. */
export function readCsvFile(file: string): CsvTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`Cannot read ${file}: check the file name and that the file exists.`);
  }
  let records: string[][];
  try {
    // Loaded here: only the import commands read CSV files.
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (error) {
    const where = (error as { lines?: number }).lines;
    throw new UserError(
      `${file} is not a readable CSV file${where ? ` (problem near line ${where})` : ''}: export it again from Google Forms.`,
    );
  }
  if (records.length === 0)
    throw new UserError(`${file} is empty: export it again from Google Forms.`);
  const [header, ...rows] = records;
  return { file, header, rows };
}
