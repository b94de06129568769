import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { creditNoteLines, invoiceLines } from '../billing/billingSchema.js';
import { services } from '../services/servicesSchema.js';
import type { AttestationLine } from './domain/fiscalAttestation.js';

/** An invoice line as the attestation fiscale reads it, with its invoice. */
export interface AttestationLineRow extends AttestationLine {
  invoiceId: string;
}

/** What the attestation fiscale reads beyond the payments: the lines of the invoices paid, with their service's kind. */
export class FiscalAttestationRepository {
  constructor(private readonly db: Db) {}

  /** The lines of these invoices of the commune, with what credit notes gave back on each. */
  async lines(communeId: string, invoiceIds: readonly string[]): Promise<AttestationLineRow[]> {
    if (invoiceIds.length === 0) return [];
    const credited = sql<number>`coalesce((select sum(c.amount_cents) from ${creditNoteLines} c where c.invoice_line_id = ${invoiceLines.id}), 0)::int`;
    const rows = await this.db
      .select({
        invoiceId: invoiceLines.invoiceId,
        memberId: invoiceLines.memberId,
        serviceKind: services.kind,
        kind: invoiceLines.kind,
        quantity: invoiceLines.quantity,
        unitPriceCents: invoiceLines.unitPriceCents,
        mealCents: invoiceLines.mealCents,
        majorationCents: invoiceLines.majorationCents,
        amountCents: invoiceLines.amountCents,
        creditedCents: credited,
      })
      .from(invoiceLines)
      .leftJoin(services, eq(services.id, invoiceLines.serviceId))
      .where(and(eq(invoiceLines.communeId, communeId), inArray(invoiceLines.invoiceId, [...invoiceIds])))
      .orderBy(invoiceLines.invoiceId, invoiceLines.day, invoiceLines.id);
    return rows.map((row) => ({ ...row, creditedCents: Number(row.creditedCents) }));
  }
}
