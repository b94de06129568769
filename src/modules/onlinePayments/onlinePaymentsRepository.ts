import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { invoices } from '../billing/billingSchema.js';
import type { AttemptState, PaymentResult } from './domain/attemptState.js';
import { payfipAttempts, payfipSettings } from './onlinePaymentsSchema.js';

export type PayfipSettingsRow = typeof payfipSettings.$inferSelect;
export type Attempt = typeof payfipAttempts.$inferSelect;
export type NewAttempt = Omit<typeof payfipAttempts.$inferInsert, 'id' | 'state' | 'settledAt' | 'paymentId'>;

export interface AttemptSettlement {
  state: Exclude<AttemptState, 'pending'>;
  result: PaymentResult | null;
  paidCents: number | null;
  settledAt: Date;
  paymentId: string | null;
}

/** PayFiP's set-up and attempts, every method scoped to the commune but the job's sweep of pending idOps. */
export class OnlinePaymentsRepository {
  constructor(private readonly db: Db) {}

  async settings(communeId: string, tx: Db = this.db): Promise<PayfipSettingsRow | null> {
    const [row] = await tx.select().from(payfipSettings).where(eq(payfipSettings.communeId, communeId));
    return row ?? null;
  }

  async saveSettings(row: PayfipSettingsRow, tx: Db = this.db): Promise<void> {
    await tx
      .insert(payfipSettings)
      .values(row)
      .onConflictDoUpdate({
        target: payfipSettings.communeId,
        set: { enabled: row.enabled, numcli: row.numcli, mode: row.mode },
      });
  }

  /** Holds the invoice while an attempt is written, so that two clicks at once make one attempt. */
  async lockInvoice(communeId: string, invoiceId: string, tx: Db): Promise<boolean> {
    const rows = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.id, invoiceId)))
      .for('update');
    return rows.length > 0;
  }

  async insertAttempt(attempt: NewAttempt, tx: Db = this.db): Promise<Attempt> {
    const [row] = await tx
      .insert(payfipAttempts)
      .values({ ...attempt, state: 'pending' })
      .returning();
    return row!;
  }

  /** The invoice's attempts, newest first. */
  async ofInvoice(communeId: string, invoiceId: string, tx: Db = this.db): Promise<Attempt[]> {
    return tx
      .select()
      .from(payfipAttempts)
      .where(and(eq(payfipAttempts.communeId, communeId), eq(payfipAttempts.invoiceId, invoiceId)))
      .orderBy(desc(payfipAttempts.createdAt));
  }

  async byIdOp(communeId: string, idOp: string, tx: Db = this.db): Promise<Attempt | null> {
    const [row] = await tx
      .select()
      .from(payfipAttempts)
      .where(and(eq(payfipAttempts.communeId, communeId), eq(payfipAttempts.idOp, idOp)));
    return row ?? null;
  }

  /** Any commune's attempt of that idOp: an idOp belongs to one commune, and an agent may type another's. */
  async anyByIdOp(idOp: string, tx: Db = this.db): Promise<Attempt | null> {
    const [row] = await tx.select().from(payfipAttempts).where(eq(payfipAttempts.idOp, idOp));
    return row ?? null;
  }

  async lock(communeId: string, idOp: string, tx: Db): Promise<Attempt | null> {
    const [row] = await tx
      .select()
      .from(payfipAttempts)
      .where(and(eq(payfipAttempts.communeId, communeId), eq(payfipAttempts.idOp, idOp)))
      .for('update');
    return row ?? null;
  }

  async byId(communeId: string, attemptId: string): Promise<Attempt | null> {
    const [row] = await this.db
      .select()
      .from(payfipAttempts)
      .where(and(eq(payfipAttempts.communeId, communeId), eq(payfipAttempts.id, attemptId)));
    return row ?? null;
  }

  async settle(attemptId: string, settlement: AttemptSettlement, tx: Db): Promise<void> {
    await tx.update(payfipAttempts).set(settlement).where(eq(payfipAttempts.id, attemptId));
  }

  /** The pending attempts of the deployment, oldest first: what the reconciliation job looks up. */
  async pending(limit: number): Promise<{ communeId: string; idOp: string }[]> {
    return this.db
      .select({ communeId: payfipAttempts.communeId, idOp: payfipAttempts.idOp })
      .from(payfipAttempts)
      .where(sql`${payfipAttempts.state} = 'pending'`)
      .orderBy(asc(payfipAttempts.createdAt))
      .limit(limit);
  }
}
