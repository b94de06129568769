import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { families } from '../families/familiesSchema.js';
import { familyQuotients, familyResidence, type QuotientSource } from './billingSchema.js';
import type { FamilyQuotient } from './domain/quotient.js';

export type StoredQuotient = typeof familyQuotients.$inferSelect;

/** Families' QFs (never changed: each entry is a row, so the rows are the history) and residence. */
export class QuotientsRepository {
  private readonly pricingLookup: ReturnType<typeof preparePricingLookup>;

  constructor(private readonly db: Db) {
    this.pricingLookup = preparePricingLookup(db);
  }

  /**
   * What pricing the family's days takes from its file: its QFs, newest entry first, and whether it
   * lives outside the commune. One statement, built once: every calendar and summary page reads it.
   */
  async pricingFacts(
    communeId: string,
    familyId: string,
  ): Promise<{ quotients: FamilyQuotient[]; nonResident: boolean }> {
    const rows = await this.pricingLookup.execute({ communeId, familyId });
    return {
      quotients: rows.flatMap((row) => (row.quotient ? [row.quotient] : [])),
      nonResident: rows[0]?.nonResident ?? false,
    };
  }

  /** A family's QFs, newest entry first. */
  async ofFamily(communeId: string, familyId: string, tx: Db = this.db): Promise<StoredQuotient[]> {
    return tx
      .select()
      .from(familyQuotients)
      .where(and(eq(familyQuotients.communeId, communeId), eq(familyQuotients.familyId, familyId)))
      .orderBy(desc(familyQuotients.enteredAt));
  }

  /** Every QF of the commune's families (or of some), grouped by family: what a run prices with. */
  async byFamily(
    communeId: string,
    familyIds: readonly string[] | null,
    tx: Db = this.db,
  ): Promise<Map<string, StoredQuotient[]>> {
    const rows = await tx
      .select()
      .from(familyQuotients)
      .where(
        familyIds
          ? and(eq(familyQuotients.communeId, communeId), inArray(familyQuotients.familyId, [...familyIds]))
          : eq(familyQuotients.communeId, communeId),
      );
    const byFamily = new Map<string, StoredQuotient[]>();
    for (const row of rows) {
      const list = byFamily.get(row.familyId) ?? [];
      list.push(row);
      byFamily.set(row.familyId, list);
    }
    return byFamily;
  }

  async insert(
    communeId: string,
    entry: { familyId: string; value: number; source: QuotientSource; validFrom: LocalDay; validTo: LocalDay },
    enteredAt: Date,
    enteredById: string | null,
    tx: Db,
  ): Promise<string> {
    const [row] = await tx
      .insert(familyQuotients)
      .values({ communeId, ...entry, enteredAt, enteredById })
      .returning({ id: familyQuotients.id });
    return row!.id;
  }

  async nonResidents(communeId: string, tx: Db = this.db): Promise<Set<string>> {
    const rows = await tx
      .select({ familyId: familyResidence.familyId })
      .from(familyResidence)
      .where(and(eq(familyResidence.communeId, communeId), eq(familyResidence.nonResident, true)));
    return new Set(rows.map((row) => row.familyId));
  }

  async isNonResident(communeId: string, familyId: string, tx: Db = this.db): Promise<boolean> {
    const [row] = await tx
      .select({ nonResident: familyResidence.nonResident })
      .from(familyResidence)
      .where(and(eq(familyResidence.communeId, communeId), eq(familyResidence.familyId, familyId)));
    return row?.nonResident ?? false;
  }

  async setResidence(communeId: string, familyId: string, nonResident: boolean, now: Date, tx: Db): Promise<void> {
    await tx
      .insert(familyResidence)
      .values({ communeId, familyId, nonResident, changedAt: now })
      .onConflictDoUpdate({ target: familyResidence.familyId, set: { nonResident, changedAt: now } });
  }
}

/** The family's row, with its residence (one at most) and each of its QFs: one row per QF, or one without. */
function preparePricingLookup(db: Db) {
  return db
    .select({
      quotient: {
        value: familyQuotients.value,
        source: familyQuotients.source,
        validFrom: familyQuotients.validFrom,
        validTo: familyQuotients.validTo,
        enteredAt: familyQuotients.enteredAt,
      },
      nonResident: familyResidence.nonResident,
    })
    .from(families)
    .leftJoin(
      familyResidence,
      and(eq(familyResidence.communeId, families.communeId), eq(familyResidence.familyId, families.id)),
    )
    .leftJoin(
      familyQuotients,
      and(eq(familyQuotients.communeId, families.communeId), eq(familyQuotients.familyId, families.id)),
    )
    .where(and(eq(families.communeId, sql.placeholder('communeId')), eq(families.id, sql.placeholder('familyId'))))
    .orderBy(desc(familyQuotients.enteredAt))
    .prepare('family_pricing_facts');
}
