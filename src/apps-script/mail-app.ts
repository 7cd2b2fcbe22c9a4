import type { MailPort, OutgoingMail } from '../ports';

/** Sends through MailApp (scope script.send_mail: it can send, not read the mailbox). */
export class AppsScriptMail implements MailPort {
  constructor(
    private readonly mailApp: GoogleAppsScript.Mail.MailApp,
    /** Opened only for a message with attachments (a certificate). */
    private readonly driveApp?: GoogleAppsScript.Drive.DriveApp,
  ) {}

  remainingDailyQuota(): number {
    return this.mailApp.getRemainingDailyQuota();
  }

  send(mail: OutgoingMail): void {
    this.mailApp.sendEmail({
      to: mail.to.join(','),
      cc: mail.cc.length ? mail.cc.join(',') : undefined,
      subject: mail.subject,
      body: mail.text,
      htmlBody: mail.html,
      replyTo: mail.replyTo,
      name: mail.senderName,
      ...(mail.attachments?.length && this.driveApp
        ? { attachments: mail.attachments.map((a) => this.driveApp!.getFileById(a.id).getBlob()) }
        : {}),
    });
  }
}
