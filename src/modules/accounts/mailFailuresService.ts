import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { MailTrouble, MailboxRepository } from '../../platform/mail/mailboxRepository.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { type NotFound, notFound } from '../../shared/outcome.js';
import { agentActor } from './agentsPolicy.js';

/** What « Renvoyer » did: the mail queued again, or it was no longer in failure (sent again already). */
export type ResendOutcome = { ok: true; done: 'queued' | 'already' } | NotFound;

/**
 * « Courriels en échec »: the guichet unique sees the mails of its commune that the relay refused,
 * that could not leave, or whose link died first, and sends a refused one again (audited).
 */
export class MailFailuresService {
  constructor(private readonly deps: { db: Db; mailer: Mailer; mailbox: MailboxRepository; audit: AuditLog }) {}

  list(commune: Commune): Promise<MailTrouble[]> {
    return this.deps.mailbox.troubles(commune.id);
  }

  /** « Renvoyer »: the mail is tried again and the act written in the audit log, together. */
  async resend(
    commune: Commune,
    agent: { id: string; email: string },
    mailId: string,
    ip: string,
  ): Promise<ResendOutcome> {
    return inTransaction(this.deps.db, async (tx): Promise<ResendOutcome> => {
      const outcome = await this.deps.mailer.resend(commune.id, mailId, tx);
      if (outcome === 'queued') {
        await this.deps.audit.record(
          {
            communeId: commune.id,
            actor: agentActor(agent),
            action: 'mail.resent',
            subject: { kind: 'mail', id: mailId },
            ip,
          },
          tx,
        );
      }
      if (outcome === 'not-found') return notFound;
      return { ok: true, done: outcome === 'queued' ? 'queued' : 'already' };
    });
  }
}
