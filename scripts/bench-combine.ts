/**
 * The combined certificates PDF on Google, timed: dist/Code.js (built first) in node:vm on the
 * Apps Script fake, 300 mentors on a Workspace account. Every certificate is made first (the fake
 * draws each export as a real PDF); then the continuation that only combines them is timed: its
 * modelled time (the Drive calls' costs on the fake's virtual clock, what counts against the
 * 6 minutes) and the real processor time the bundle spent (pdf-lib parsing, copying and saving,
 * on this machine: Apps Script's V8 is assumed a few times slower).
 *
 *   npm run bench -- --combine
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { inert } from '../src/apps-script/services';
import { PDF_MIME } from '../test/fakes/apps-script';
import { loadBundle } from '../test/support/bundle';
import { seedConfirmedPairs } from '../test/support/fake-pairs';
import { fillPeopleSettings } from '../test/support/people';

export interface CombineCase {
  certificates: number;
  modelledMs: number;
  cpuMs: number;
  wallMs: number;
  combinedKB: number;
  certificateKB: number;
}

export function combineCase(n = 300): CombineCase {
  execFileSync(process.execPath, [path.join(__dirname, 'build.mjs')], { stdio: 'ignore' });
  const { fake, call } = loadBundle({ account: 'workspace', latency: true });
  fake.quiet(() => call('setUpWorkbook'));
  const folderId = fake.drive.seedFolder('Certificates');
  const templateId = fake.slides.seedPresentation('Certificate template', undefined, [
    ['{{Scheme name}}', 'Certificate of mentoring', 'Awarded to {{Name}} of {{Library service}}'],
    ['for mentoring in {{Cohort}}', 'Date: {{Date}}'],
  ]);
  const settings = fake.spreadsheet.values('Settings');
  const set = (label: string, value: string) => {
    settings[settings.findIndex((r) => r[0] === label)][1] = value;
  };
  set('Certificates folder', folderId);
  set('Certificate template', templateId);
  set('Certificate date', '2027-01-25');
  fake.spreadsheet.seed(
    'Settings',
    settings.map((r) => r.map(inert)),
  );
  fillPeopleSettings(fake);
  seedConfirmedPairs(fake, n);
  fake.clock.startExecution();
  call('makeCertificates');
  let timed: Omit<CombineCase, 'certificates' | 'combinedKB' | 'certificateKB'> | null = null;
  for (let guard = 0; guard < 100 && !timed; guard++) {
    const due = fake.dueTriggers();
    if (due.length === 0) {
      const next = fake.triggers().find((t) => !(t as unknown as { fired?: boolean }).fired);
      if (!next) break;
      fake.clock.advanceTo((next as unknown as { dueAt: Date }).dueAt);
      continue;
    }
    fake.runDueTriggers((name, event) => {
      const made = () => fake.drive.files(folderId).filter((f) => f.mimeType === PDF_MIME).length;
      const before = made();
      const cpu = process.cpuUsage();
      const wall = Date.now();
      call(name, event);
      const used = process.cpuUsage(cpu);
      if (before === n && made() === n + 1) {
        timed = {
          modelledMs: fake.clock.elapsedInExecution(),
          cpuMs: Math.round((used.user + used.system) / 1000),
          wallMs: Date.now() - wall,
        };
      }
    });
  }
  if (!timed) throw new Error('The combined PDF was not made in a run of its own.');
  const pdfs = fake.drive.files(folderId).filter((f) => f.mimeType === PDF_MIME);
  const combined = pdfs.find((f) => /certificates-combined/.test(f.description ?? ''))!;
  const one = pdfs.find((f) => f !== combined)!;
  return {
    certificates: n,
    ...(timed as Omit<CombineCase, 'certificates' | 'combinedKB' | 'certificateKB'>),
    combinedKB: Math.round(combined.bytes!.length / 1024),
    certificateKB: Math.round(one.bytes!.length / 1024),
  };
}
