import type { EffectLedger } from '../../core/effect-ledger';
import { loadTable, saveTable } from '../../core/workbook';
import { newErasureKey } from '../../domain/erasure';
import { ERASURES_TAB } from '../../domain/tabs';
import type { Ports } from '../../ports';

/** The Log key whose detail is the scheme's own key for person hashes (made once). */
export const ERASURE_KEY = 'erasure-key';

/**
 * The scheme's key for person hashes, kept in the Log (locally the journal makes it durable at
 * once, so a run killed after making it finds it again). '' when none exists and `make` is false.
 */
export function erasureKey(ledger: EffectLedger, make: boolean): string {
  const known = ledger.detail(ERASURE_KEY);
  if (known || !make) return known;
  const key = newErasureKey();
  ledger.recordDone([{ key: ERASURE_KEY, detail: key }]);
  return key;
}

export interface EvidenceRow {
  reference: string;
  when: Date;
  by: string;
  request: string;
  erased: string;
  manual: string;
  personHash: string;
}

/** The earlier evidence rows for this hash (a repeated request), oldest first. */
export function earlierErasures(
  ports: Ports,
  personHash: string,
): { reference: string; when: string }[] {
  if (!personHash) return [];
  const table = loadTable(ports.workbook, ERASURES_TAB);
  return [...table.rows.keys()]
    .filter((row) => table.text(row, 'Person hash') === personHash)
    .map((row) => ({ reference: table.text(row, 'Reference'), when: table.text(row, 'When') }));
}

/** Adds the evidence row unless a run that crashed after writing it already did. */
export function recordEvidence(ports: Ports, row: EvidenceRow): boolean {
  const table = loadTable(ports.workbook, ERASURES_TAB);
  if ([...table.rows.keys()].some((r) => table.text(r, 'Reference') === row.reference))
    return false;
  table.append({
    Reference: row.reference,
    When: row.when,
    By: row.by,
    Request: row.request,
    Erased: row.erased,
    'Staff to do by hand': row.manual,
    'Person hash': row.personHash,
  });
  saveTable(ports.workbook, table);
  return true;
}
