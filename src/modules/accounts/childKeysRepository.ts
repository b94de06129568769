import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { childKeys } from './accountsSchema.js';

export type ChildKey = typeof childKeys.$inferSelect;

/** Clés Enfance, by their hash; every method is scoped to the commune. */
export class ChildKeysRepository {
  constructor(private readonly db: Db) {}

  async insert(
    key: { communeId: string; adultId: string; keyHash: string; issuedByAgentId: string | null; issuedAt: Date },
    tx: Db = this.db,
  ): Promise<ChildKey> {
    const [row] = await tx.insert(childKeys).values(key).returning();
    return row!;
  }

  /** Marks the key used, if it is still usable: of two simultaneous uses, one gets the key. */
  async redeem(
    communeId: string,
    keyHash: string,
    citizenId: string,
    now: Date,
    tx: Db = this.db,
  ): Promise<ChildKey | null> {
    const [row] = await tx
      .update(childKeys)
      .set({ usedAt: now, usedByCitizenId: citizenId })
      .where(
        and(
          eq(childKeys.communeId, communeId),
          eq(childKeys.keyHash, keyHash),
          isNull(childKeys.usedAt),
          isNull(childKeys.revokedAt),
        ),
      )
      .returning();
    return row ?? null;
  }

  async isUsable(communeId: string, keyHash: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: childKeys.id })
      .from(childKeys)
      .where(
        and(
          eq(childKeys.communeId, communeId),
          eq(childKeys.keyHash, keyHash),
          isNull(childKeys.usedAt),
          isNull(childKeys.revokedAt),
        ),
      );
    return rows.length > 0;
  }

  /** Revokes the adult's keys still unused; returns how many. */
  /** Revokes the adult's unused keys; `agentIssuedToo: false` spares the keys the guichet unique issued. */
  async revokeUnused(
    communeId: string,
    adultId: string,
    now: Date,
    tx: Db = this.db,
    agentIssuedToo = true,
  ): Promise<number> {
    const rows = await tx
      .update(childKeys)
      .set({ revokedAt: now })
      .where(
        and(
          eq(childKeys.communeId, communeId),
          eq(childKeys.adultId, adultId),
          isNull(childKeys.usedAt),
          isNull(childKeys.revokedAt),
          agentIssuedToo ? undefined : isNull(childKeys.issuedByAgentId),
        ),
      )
      .returning({ id: childKeys.id });
    return rows.length;
  }

  async ofAdults(communeId: string, adultIds: string[]): Promise<ChildKey[]> {
    if (adultIds.length === 0) return [];
    return this.db
      .select()
      .from(childKeys)
      .where(and(eq(childKeys.communeId, communeId), inArray(childKeys.adultId, adultIds)))
      .orderBy(desc(childKeys.issuedAt));
  }
}
