import type Iconv from 'iconv-lite';
import fs from 'node:fs';
import type { CsvTable } from '../core/action';
import { UserError } from '../domain/errors';

/**
 * Reads a CSV export into a header and rows. Google Forms writes UTF-8 (with or without a
 * byte-order mark); Excel's "CSV (Comma delimited)" writes Windows-1252, so text that is not
 * valid UTF-8 is read as Windows-1252 rather than stored with replacement characters.
 */
export function readCsvFile(file: string): CsvTable {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new UserError(`Cannot read ${file}: check the file name and that the file exists.`);
  }
  const text = decode(file, bytes);
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
  const separator = otherSeparator(header);
  if (separator) {
    throw new UserError(
      `${file} has its columns separated by ${separator} instead of commas: save it as "CSV UTF-8 (Comma delimited)" (or download it again from Google Forms) and import that.`,
    );
  }
  return { file, header, rows };
}

function decode(file: string, bytes: Buffer): string {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff) ||
    // UTF-16 without a byte-order mark: every other byte of plain text is zero.
    (bytes.length >= 4 &&
      bytes.subarray(0, 64).filter((b) => b === 0).length * 3 >= Math.min(bytes.length, 64));
  if (utf16) {
    throw new UserError(
      `${file} is saved as UTF-16 (Excel's "Unicode Text"), not as a CSV file: save it as "CSV UTF-8 (Comma delimited)" and import that.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return (require('iconv-lite') as typeof Iconv).decode(bytes, 'win1252');
  }
}

/** A header read as one column that holds semicolons or tabs: the file uses those instead. */
function otherSeparator(header: readonly string[]): string | null {
  if (header.filter((h) => String(h).trim() !== '').length !== 1) return null;
  if (header[0].includes(';')) return 'semicolons (;)';
  if (header[0].includes('\t')) return 'tabs';
  return null;
}
