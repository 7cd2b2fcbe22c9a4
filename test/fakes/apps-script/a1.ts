/** A1 notation helpers (1-based rows and columns). */
export interface GridBox {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  }
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1Notation(box: GridBox): string {
  const start = `${columnLetters(box.column)}${box.row}`;
  if (box.numRows === 1 && box.numColumns === 1) return start;
  const end = `${columnLetters(box.column + box.numColumns - 1)}${box.row + box.numRows - 1}`;
  return `${start}:${end}`;
}

/**
 * Parses 'B2', 'A1:C3', 'A:C' (whole columns), '2:4' (whole rows) and 'A2:C' (open-ended),
 * given the sheet's current size. Returns undefined when the text is not A1 notation.
 */
export function parseA1(text: string, maxRows: number, maxColumns: number): GridBox | undefined {
  const ref = /^\$?([A-Za-z]*)\$?(\d*)$/;
  const [first, second, extra] = text.trim().split(':');
  if (extra !== undefined || !first) return undefined;
  const a = ref.exec(first);
  const b = ref.exec(second ?? first);
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) return undefined;
  if (second === undefined && (!a[1] || !a[2])) return undefined;
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : maxColumns;
  const r1 = a[2] ? Number(a[2]) : 1;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  if (r1 < 1 || r2 < 1) return undefined;
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return {
    row,
    column,
    numRows: Math.max(r1, r2) - row + 1,
    numColumns: Math.max(c1, c2) - column + 1,
  };
}
