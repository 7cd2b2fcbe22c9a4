import type { ActionContext } from '../../src/core/action';
import { APPLICATIONS_TAB, MATCHES_TAB } from '../../src/domain/tabs';
import { initWorkbook } from '../../src/actions/init';
import { settingsAction } from '../../src/actions/settings';
import { memoryPorts, MemoryPorts } from './memory-ports';

export interface MemoryScheme {
  ports: MemoryPorts;
  /** A context for one run (each run gets its own id, as each menu click does). */
  context(): ActionContext;
  rootId: string;
  sourceIds: string[];
}

let runs = 0;

/**
 * A scheme in memory with `pairs` accepted mentors and mentees, confirmed in pairs (mentee i with
 * mentor i), and its root folder, handbook and two templates in Drive: what set-up-pairs needs.
 */
export function memoryScheme(
  pairs: number,
  { status = 'Confirmed', settings = {} as Record<string, string> } = {},
): MemoryScheme {
  const ports = memoryPorts();
  const context = (): ActionContext => ({ ports, run: `run-${++runs}` });
  initWorkbook(context());
  const rootId = ports.drive.seed('folder', 'Peer mentoring pairs');
  const handbook = ports.drive.seed('file', 'Handbook');
  const templates = ports.drive.seed('folder', 'Templates');
  const sourceIds = [
    handbook,
    ports.drive.seed('file', 'Agreement', templates),
    ports.drive.seed('file', 'Notes', templates),
  ];
  for (const [name, value] of Object.entries({
    'Root folder': rootId,
    'Handbook file': handbook,
    'Templates folder': templates,
    // The people every e-mail names (blank by default: staff fill them in before sending).
    'Staff emails': 'staff@scheme.example',
    'Scheme lead email': 'lead@scheme.example',
    'Reply-to': 'mentoring@scheme.example',
    'Supervisor name': 'Dr Rhiannon Price',
    'Supervisor email': 'supervisor@scheme.example',
    ...settings,
  })) {
    settingsAction(context(), ['set', name, value]);
  }
  const person = (role: 'Mentor' | 'Mentee', i: number): Record<string, string> => ({
    ID: `${role === 'Mentor' ? 'R' : 'E'}${i}`,
    Role: role,
    Name: `${role} ${i}`,
    Email: `${role.toLowerCase()}${i}@lib${i}.example`,
    'Library service': `${role} service ${i}`,
    Status: 'Accepted',
  });
  const people = [
    ...Array.from({ length: pairs }, (_, i) => person('Mentor', i)),
    ...Array.from({ length: pairs }, (_, i) => person('Mentee', i)),
  ];
  ports.workbook.writeTab(APPLICATIONS_TAB, {
    header: [...APPLICATIONS_TAB.columns],
    rows: people.map((p) => APPLICATIONS_TAB.columns.map((c) => p[c] ?? null)),
  });
  const rows = Array.from({ length: pairs }, (_, i): Record<string, string> => ({
    Mentee: `mentee${i}@lib${i}.example`,
    'Mentee name': `Mentee ${i}`,
    Mentor: `mentor${i}@lib${i}.example`,
    'Mentor name': `Mentor ${i}`,
    Status: status,
  }));
  ports.workbook.writeTab(MATCHES_TAB, {
    header: [...MATCHES_TAB.columns],
    rows: rows.map((r) => MATCHES_TAB.columns.map((c) => r[c] ?? null)),
  });
  return { ports, context, rootId, sourceIds };
}
