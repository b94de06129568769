import nodemailer from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { isUuid } from '../../shared/ids.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { demoBrowserNow } from '../demoBrowser.js';
import type { Jobs } from '../jobs/jobs.js';
import {
  type Backoff,
  DEFAULT_BACKOFF,
  type DeliveryFailure,
  RETRY_WINDOW_MS,
  afterFailure,
  classifyFailure,
  isExpired,
} from './deliveryPolicy.js';
import type { MailboxEntry } from './mailboxRepository.js';
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
    // A server that does not answer is a failed attempt, retried later, instead of holding a
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

/** A mail job: which mail, and the token that allows it to try (a job left over from an earlier attempt does nothing). */
interface MailJob {
  mailId: string;
  /** The row's `jobToken` when the job was queued; absent in jobs queued before tokens existed. */
  token?: string;
  /** Only wipes a failed mail when its link dies: never sends. */
  wipeOnly?: boolean;
}

// A job whose handler itself failed (the database away meanwhile) is retried by the queue, for
// about two days at this rate (10 s doubled, capped by pg-boss at 2^16 × 10 s).
const HANDLER_RETRY_LIMIT = 20;

export interface QueueOptions {
  /** The caller's transaction: the mail exists, and leaves, only if it commits. */
  tx?: Db;
  /** When the link the mail carries stops working: not sent after that, and wiped then. */
  expiresAt?: Date;
}

export type ResendOutcome = 'queued' | 'not-found' | 'not-failed';

/**
 * Mails go through a durable job: a request never waits for the SMTP server, a mail queued in a
 * transaction leaves only if it commits. The mail itself waits in the `mailbox` table and the job
 * holds only its id: the links a mail carries (activation, reset) never sit in the job tables, and
 * the row is deleted once sent. A relay that is away or says « later » is retried with backoff
 * (`deliveryPolicy.ts`) for as long as the mail is worth sending; a refusal stops at once and shows
 * at the guichet unique; a mail whose link died is wiped unsent.
 */
export class Mailer {
  private readonly backoff: Backoff;

  constructor(
    private readonly jobs: Jobs,
    private readonly transport: MailTransport,
    private readonly db: Db,
    private readonly clock: Clock,
    options: { backoff?: Backoff } = {},
  ) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Whether mails leave the server by SMTP, rather than staying in the database's mail box only. */
  get sendsOut(): boolean {
    return !this.transport.keepsInDatabase;
  }

  /** Registers the delivery worker; call after `jobs.start()`. */
  async start(): Promise<void> {
    if (this.transport.keepsInDatabase) return;
    await this.jobs.work<MailJob>(MAIL_QUEUE, (job) => this.attempt(job));
  }

  async queue(message: MailMessage, options: QueueOptions = {}): Promise<void> {
    const now = this.clock.now();
    const token = randomUUID();
    const [row] = await (options.tx ?? this.db)
      .insert(mailbox)
      .values({
        communeId: message.communeId,
        from: formatAddress(message.from),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        createdAt: now,
        expiresAt: options.expiresAt ?? null,
        retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
        jobToken: token,
        demoBrowser: demoBrowserNow() ?? null,
      })
      .returning({ id: mailbox.id });
    if (this.transport.keepsInDatabase) return;
    await this.send({ mailId: row!.id, token }, { tx: options.tx });
  }

  /**
   * « Renvoyer »: a mail that failed is tried again, with a new retry window, in the caller's
   * transaction (the agent's act is audited with it). Only a failed mail of that commune.
   */
  async resend(communeId: string, mailId: string, tx: Db = this.db): Promise<ResendOutcome> {
    if (!isUuid(mailId)) return 'not-found';
    const now = this.clock.now();
    const token = randomUUID();
    const [row] = await tx
      .update(mailbox)
      .set({
        status: 'pending',
        failedAt: null,
        lastError: null,
        jobToken: token,
        retryUntil: new Date(now.getTime() + RETRY_WINDOW_MS),
      })
      .where(and(eq(mailbox.communeId, communeId), eq(mailbox.id, mailId), eq(mailbox.status, 'failed')))
      .returning({ id: mailbox.id });
    if (!row) {
      const [exists] = await tx
        .select({ id: mailbox.id })
        .from(mailbox)
        .where(and(eq(mailbox.communeId, communeId), eq(mailbox.id, mailId)));
      return exists ? 'not-failed' : 'not-found';
    }
    if (!this.transport.keepsInDatabase) await this.send({ mailId, token }, { tx });
    return 'queued';
  }

  // A job with a wait is never queued inside a transaction: pg-boss's insert names its start
  // parameter three times, which a transaction's rebuilt query would type three ways.
  private async send(
    job: MailJob,
    { tx, afterSeconds }: { tx?: Db | undefined; afterSeconds?: number },
  ): Promise<void> {
    await this.jobs.send(MAIL_QUEUE, job, {
      ...(tx ? { tx } : {}),
      retryLimit: HANDLER_RETRY_LIMIT,
      ...(afterSeconds ? { startAfterSeconds: afterSeconds } : {}),
    });
  }

  /** One job: wipe the mail if its link died, else try to send it and decide what comes next. */
  private async attempt({ mailId, token, wipeOnly }: MailJob): Promise<void> {
    const [row] = await this.db.select().from(mailbox).where(eq(mailbox.id, mailId));
    if (!row || (row.status !== 'pending' && row.status !== 'failed')) return;
    if (isExpired({ now: this.clock.now(), expiresAt: row.expiresAt })) return this.wipe(row);
    // A failed mail waits for an agent; a job from an attempt already counted has a successor.
    if (wipeOnly || row.status !== 'pending' || (token !== undefined && token !== row.jobToken)) return;
    try {
      await this.transport.deliver({
        communeId: row.communeId,
        from: parseAddress(row.from),
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
      });
    } catch (error) {
      return this.failed(row, classifyFailure(error));
    }
    await this.db.delete(mailbox).where(and(eq(mailbox.id, mailId), eq(mailbox.status, 'pending')));
  }

  /**
   * The next job is queued first, then the row names it: should the process die between the two,
   * the new job finds a token not its own and does nothing, and this job, not completed, is run
   * again by the queue and finds its own.
   */
  private async failed(row: MailboxEntry, failure: DeliveryFailure): Promise<void> {
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    const retryUntil = row.retryUntil ?? new Date(row.createdAt.getTime() + RETRY_WINDOW_MS);
    const step = afterFailure({ now, expiresAt: row.expiresAt, retryUntil }, attempts, failure, this.backoff);
    if (step.kind === 'expired') return this.wipe(row);
    const sameState = and(
      eq(mailbox.id, row.id),
      eq(mailbox.status, 'pending'),
      row.jobToken ? eq(mailbox.jobToken, row.jobToken) : isNull(mailbox.jobToken),
    );
    if (step.kind === 'retry') {
      const token = randomUUID();
      await this.send({ mailId: row.id, token }, { afterSeconds: step.afterSeconds });
      await this.db.update(mailbox).set({ attempts, lastError: failure.reason, jobToken: token }).where(sameState);
      return;
    }
    // A failed mail keeps its body for « Renvoyer » while its link lives; a job wipes it then.
    if (row.expiresAt)
      await this.send(
        { mailId: row.id, wipeOnly: true },
        { afterSeconds: Math.max(1, (row.expiresAt.getTime() - now.getTime()) / 1000) },
      );
    await this.db
      .update(mailbox)
      .set({ attempts, status: 'failed', lastError: step.reason, failedAt: now, jobToken: null })
      .where(sameState);
  }

  /** The link died before the mail left: nothing of it stays readable; its address and subject say what was lost. */
  private async wipe(row: MailboxEntry): Promise<void> {
    await this.db
      .update(mailbox)
      .set({
        status: 'expired',
        text: '',
        html: '',
        jobToken: null,
        failedAt: this.clock.now(),
        lastError: 'Le lien du message a expiré avant que le message puisse partir : il a été effacé sans être envoyé.',
      })
      .where(and(eq(mailbox.id, row.id), eq(mailbox.status, row.status)));
  }
}
