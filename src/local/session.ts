import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ACTIONS } from '../actions';
import { loadSettings } from '../core/workbook';
import type { Ports } from '../ports';
import { EmlMail } from './eml-mail';
import { FileJournal } from './file-journal';
import { LocalDrive } from './local-drive';
import { LocalForms } from './local-forms';
import { LocalCertificates } from './local-certificates';
import { LocalJobs } from './local-jobs';
import { LocalCalendar } from './local-calendar';
import { LocalReports } from './local-reports';
import { acquireLock } from './file-lock';
import { XlsxWorkbook } from './xlsx-workbook';
import { archiveFolder, LocalArchives } from './local-archives';
import { cohortScope } from '../core/cohort-scope';
import { safeFileName } from '../domain/archive';
import { settingsLeniently } from '../workflows/lenient-settings';

export interface LocalPaths {
  workbook: string;
  out: string;
}

/**
 * Everything one local command works with: the workbook (locked, read once), the journal, the
 * mail folder and the clock. `commit` saves the workbook atomically and empties the journal;
 * a command that fails simply releases, leaving the file as it was.
 */
export class LocalSession {
  private constructor(
    readonly ports: Ports,
    private readonly workbook: XlsxWorkbook,
    private readonly journal: FileJournal,
    private readonly mail: EmlMail,
    private readonly unlock: () => void,
    private readonly certificates: LocalCertificates,
    private readonly reports: LocalReports,
    private readonly archives: LocalArchives,
  ) {}

  static async open(
    paths: LocalPaths,
    { create = false, now = () => new Date(), archives: readArchives = false } = {},
  ): Promise<LocalSession> {
    const dir = path.dirname(path.resolve(paths.workbook));
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
    const unlock = acquireLock(`${paths.workbook}.lock`);
    try {
      const workbook = await XlsxWorkbook.open(paths.workbook, { create });
      const journal = new FileJournal(`${paths.workbook}.journal`, workbook);
      journal.recover();
      const archives = new LocalArchives(dir, archiveFolder(paths.workbook));
      await archives.load({ contents: readArchives });
      // After the first cohort, each cohort's messages and invitations go in a folder of its own.
      const scope = cohortScope(archives, settingsLeniently(workbook).settings.cohort);
      const scoped = (folder: string) =>
        path.join(paths.out, folder, ...(scope ? [safeFileName(scope)] : []));
      const clock = { now };
      const driveDir = path.join(paths.out, 'drive');
      const mail = new EmlMail(
        scoped('mail'),
        clock,
        () => loadSettings(workbook).dailyEmailLimit,
        driveDir,
        path.join(paths.out, 'mail'),
      );
      // Certificates and messages a killed run had already made are finished before anything
      // else happens (certificates first: an e-mail may attach one).
      const certificates = new LocalCertificates(driveDir);
      await certificates.flush();
      await mail.flush();
      const reports = new LocalReports(
        path.join(paths.out, 'reports'),
        ACTIONS.flatMap((a) => (a.htmlFile ? [a.htmlFile] : [])),
      );
      const ports: Ports = {
        workbook,
        journal,
        clock,
        mail,
        drive: new LocalDrive(driveDir),
        forms: new LocalForms(paths.out),
        jobs: new LocalJobs(`${paths.workbook}.jobs.json`),
        certificates,
        calendar: new LocalCalendar(
          scoped('calendar'),
          mail,
          clock,
          () => loadSettings(workbook).dailyInvitationLimit,
          path.join(paths.out, 'calendar'),
        ),
        reports,
        archives,
        operator: () => {
          try {
            return os.userInfo().username || 'staff';
          } catch {
            return 'staff';
          }
        },
      };
      return new LocalSession(
        ports,
        workbook,
        journal,
        mail,
        unlock,
        certificates,
        reports,
        archives,
      );
    } catch (error) {
      unlock();
      throw error;
    }
  }

  async commit(): Promise<void> {
    await this.certificates.flush();
    await this.mail.flush();
    await this.reports.flush();
    // Archives first: a workbook whose tabs were cleared is saved only once they are on disk.
    await this.archives.flush();
    await this.workbook.save();
    this.journal.clear();
  }

  /** Ends the session; messages already sent are composed even when the command failed. */
  async release(): Promise<void> {
    try {
      await this.certificates.flush();
      await this.mail.flush();
    } finally {
      this.unlock();
    }
  }
}
