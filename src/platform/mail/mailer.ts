import nodemailer from 'nodemailer';
import { eq } from 'drizzle-orm';
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
  /** True when the mail box table itself is where mails stay (no SMTP): nothing to send. */
  readonly keepsInDatabase?: boolean;
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

/** Without SMTP: mails stay in the database's mail box, shown in the demo mail box in demo mode. */
export const databaseTransport: MailTransport = { keepsInDatabase: true, deliver: async () => {} };

// As a mail client shows it; the name is quoted so that a comma or a bracket in it stays in it.
function formatAddress({ name, address }: { name: string; address: string }): string {
  return name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

// `"Name" <address>` back into its parts, for the SMTP envelope.
function parseAddress(formatted: string): { name: string; address: string } {
  const match = /^"((?:[^"\\]|\\.)*)" <([^>]+)>$/.exec(formatted);
  return match ? { name: match[1]!.replace(/\\(.)/g, '$1'), address: match[2]! } : { name: '', address: formatted };
}

/**
 * Mails go through a durable job: a request never waits for the SMTP server, a mail queued in a
 * transaction leaves only if it commits, and a delivery that fails is retried by the job.
 * The mail itself waits in the `mailbox` table and the job holds only its id: the links a mail
 * carries (activation, reset) never sit in the job tables, and the row is deleted once sent.
 */
export class Mailer {
  constructor(
    private readonly jobs: Jobs,
    private readonly transport: MailTransport,
    private readonly db: Db,
  ) {}

  /** Registers the delivery worker; call after `jobs.start()`. */
  async start(): Promise<void> {
    if (this.transport.keepsInDatabase) return;
    await this.jobs.work<{ mailId: string }>(MAIL_QUEUE, async ({ mailId }) => {
      const [row] = await this.db.select().from(mailbox).where(eq(mailbox.id, mailId));
      if (!row) return;
      await this.transport.deliver({ communeId: row.communeId, from: parseAddress(row.from), to: row.to, subject: row.subject, text: row.text, html: row.html });
      await this.db.delete(mailbox).where(eq(mailbox.id, mailId));
    });
  }

  async queue(message: MailMessage, options: { tx?: Db } = {}): Promise<void> {
    const [row] = await (options.tx ?? this.db)
      .insert(mailbox)
      .values({ communeId: message.communeId, from: formatAddress(message.from), to: message.to, subject: message.subject, text: message.text, html: message.html })
      .returning({ id: mailbox.id });
    if (this.transport.keepsInDatabase) return;
    await this.jobs.send(MAIL_QUEUE, { mailId: row!.id }, options.tx ? { tx: options.tx } : {});
  }
}
