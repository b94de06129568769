import { and, asc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { payfipAttempts } from './onlinePaymentsSchema.js';

// Which agent recorded a payment PayFiP never told is the commune's business: the family reads the attempt.
const { createdByAgentId: _agent, ...attemptColumns } = getTableColumns(payfipAttempts);

/** The family's online payment attempts in « Télécharger mes données »: each one, paid or not, with its PayFiP id. */
export async function onlinePaymentsExport(db: Db, communeId: string, familyId: string) {
  return {
    payfip_attempts: await db
      .select(attemptColumns)
      .from(payfipAttempts)
      .where(and(eq(payfipAttempts.communeId, communeId), eq(payfipAttempts.familyId, familyId)))
      .orderBy(asc(payfipAttempts.createdAt)),
  };
}
