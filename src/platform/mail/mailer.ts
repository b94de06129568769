import nodemailer from 'nodemailer';
import type { Db } from '../db/database.js';
import type { Jobs } from '../jobs/jobs.js';
import { mailbox } from './mailSchema.js';

export interface MailMessage {
  communeId: string | null;
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  deliver(message: MailMessage): Promise<void>;
}

export const MAIL_QUEUE = 'mail.send';

/** The real path: an SMTP server (`SMTP_URL`, e.g. smtps://user:password@smtp.example.org). */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    // A server that does not answer fails the job, which is retried later, instead of holding a
    // worker for nodemailer's default minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    async deliver(message) {
      await transporter.sendMail({
        from: { name: message.from.name, address: message.from.address },
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}

/** Without SMTP: mails are kept in the database, and shown in the demo mail box in demo mode. */
export function databaseTransport(db: Db): MailTransport {
  return {
    async deliver(message) {
      await db.insert(mailbox).values({
        communeId: message.communeId,
        from: formatAddress(message.from),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}

// As a mail client shows it; the name is quoted so that a comma or a bracket in it stays in it.
function formatAddress({ name, address }: { name: string; address: string }): string {
  return name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

/**
 * Mails go through a durable job: a request never waits for the SMTP server, a mail queued in a
 * transaction leaves only if it commits, and a delivery that fails is retried by the job.
 */
export class Mailer {
  constructor(
    private readonly jobs: Jobs,
    private readonly transport: MailTransport,
  ) {}

  /** Registers the delivery worker; call after `jobs.start()`. */
  async start(): Promise<void> {
    await this.jobs.work<MailMessage>(MAIL_QUEUE, (message) => this.transport.deliver(message));
  }

  async queue(message: MailMessage, options: { tx?: Db } = {}): Promise<void> {
    await this.jobs.send(MAIL_QUEUE, message, options.tx ? { tx: options.tx } : {});
  }
}
