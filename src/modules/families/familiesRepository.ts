import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { families, familyAdults, familyMembers } from './familiesSchema.js';

export type Family = typeof families.$inferSelect;
export type FamilyAdult = typeof familyAdults.$inferSelect;
export type FamilyMember = typeof familyMembers.$inferSelect;

export interface FamilyFile {
  family: Family;
  adults: FamilyAdult[];
  members: FamilyMember[];
}

/** Family files; every method is scoped to the commune. */
export class FamiliesRepository {
  constructor(private readonly db: Db) {}

  async insertFamily(communeId: string, reference: string, tx: Db = this.db): Promise<Family> {
    const [row] = await tx.insert(families).values({ communeId, reference }).returning();
    return row!;
  }

  async insertAdult(adult: Omit<typeof familyAdults.$inferInsert, 'id'>, tx: Db = this.db): Promise<FamilyAdult> {
    const [row] = await tx.insert(familyAdults).values(adult).returning();
    return row!;
  }

  async insertMember(member: Omit<typeof familyMembers.$inferInsert, 'id'>, tx: Db = this.db): Promise<FamilyMember> {
    const [row] = await tx.insert(familyMembers).values(member).returning();
    return row!;
  }

  async findAdult(communeId: string, adultId: string, tx: Db = this.db): Promise<FamilyAdult | null> {
    const [row] = await tx.select().from(familyAdults).where(and(eq(familyAdults.communeId, communeId), eq(familyAdults.id, adultId)));
    return row ?? null;
  }

  /** The adult a citizen's account is linked to, if any: the account's way into the family file. */
  async adultOfCitizen(communeId: string, citizenId: string, tx: Db = this.db): Promise<FamilyAdult | null> {
    const [row] = await tx
      .select()
      .from(familyAdults)
      .where(and(eq(familyAdults.communeId, communeId), eq(familyAdults.citizenId, citizenId)));
    return row ?? null;
  }

  /** Links an account to an adult not yet linked; false when someone else was faster. */
  async linkCitizen(communeId: string, adultId: string, citizenId: string, tx: Db = this.db): Promise<boolean> {
    const rows = await tx
      .update(familyAdults)
      .set({ citizenId })
      .where(and(eq(familyAdults.communeId, communeId), eq(familyAdults.id, adultId), sql`${familyAdults.citizenId} is null`))
      .returning({ id: familyAdults.id });
    return rows.length === 1;
  }

  async file(communeId: string, familyId: string, tx: Db = this.db): Promise<FamilyFile | null> {
    const [family] = await tx.select().from(families).where(and(eq(families.communeId, communeId), eq(families.id, familyId)));
    if (!family) return null;
    const [adults, members] = await Promise.all([
      tx.select().from(familyAdults).where(eq(familyAdults.familyId, family.id)).orderBy(asc(familyAdults.role), asc(familyAdults.lastName)),
      tx.select().from(familyMembers).where(eq(familyMembers.familyId, family.id)).orderBy(asc(familyMembers.birthDate)),
    ]);
    return { family, adults, members };
  }

  /** Families whose adults or members bear a name containing the text typed, or whose file number it is. */
  async search(communeId: string, text: string, limit = 50): Promise<FamilyFile[]> {
    const pattern = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const byAdult = this.db
      .select({ id: familyAdults.familyId })
      .from(familyAdults)
      .where(and(eq(familyAdults.communeId, communeId), or(ilike(familyAdults.lastName, pattern), ilike(familyAdults.firstName, pattern))));
    const byMember = this.db
      .select({ id: familyMembers.familyId })
      .from(familyMembers)
      .where(and(eq(familyMembers.communeId, communeId), or(ilike(familyMembers.lastName, pattern), ilike(familyMembers.firstName, pattern))));
    const found = await this.db
      .select()
      .from(families)
      .where(
        and(
          eq(families.communeId, communeId),
          or(inArray(families.id, byAdult), inArray(families.id, byMember), ilike(families.reference, pattern)),
        ),
      )
      .orderBy(asc(families.reference))
      .limit(limit);
    if (found.length === 0) return [];
    const ids = found.map((f) => f.id);
    const [adults, members] = await Promise.all([
      this.db.select().from(familyAdults).where(inArray(familyAdults.familyId, ids)),
      this.db.select().from(familyMembers).where(inArray(familyMembers.familyId, ids)),
    ]);
    return found.map((family) => ({
      family,
      adults: adults.filter((a) => a.familyId === family.id),
      members: members.filter((m) => m.familyId === family.id),
    }));
  }
}
