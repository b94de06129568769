import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { creditRefunds, paymentAllocations, payments } from './paymentsSchema.js';

// Which agent recorded or cancelled a payment is the commune's business: « Guichet unique » for the family.
const { recordedById: _recorded, cancelledById: _cancelled, ...paymentColumns } = getTableColumns(payments);
const { recordedById: _refunder, ...refundColumns } = getTableColumns(creditRefunds);

/** The family's payments in « Télécharger mes données », each with the invoices it paid, and its refunds of credit. */
export async function paymentsExport(db: Db, communeId: string, familyId: string) {
  const rows = await db
    .select(paymentColumns)
    .from(payments)
    .where(and(eq(payments.communeId, communeId), eq(payments.familyId, familyId)))
    .orderBy(asc(payments.receivedOn));
  const ids = rows.map((row) => row.id);
  const allocations =
    ids.length === 0
      ? []
      : await db.select().from(paymentAllocations).where(inArray(paymentAllocations.paymentId, ids));
  const refunds = await db
    .select(refundColumns)
    .from(creditRefunds)
    .where(and(eq(creditRefunds.communeId, communeId), eq(creditRefunds.familyId, familyId)))
    .orderBy(asc(creditRefunds.refundedOn));
  return {
    payments: rows.map((row) => ({
      ...row,
      allocations: allocations.filter((allocation) => allocation.paymentId === row.id),
    })),
    credit_refunds: refunds,
  };
}
