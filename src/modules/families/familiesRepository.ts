import { type AnyColumn, and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { citizens } from '../accounts/accountsSchema.js';
import type { FieldGroupKey, GroupValues } from './domain/fieldGroups.js';
import { likeEscaped, phoneDigitsOf } from './domain/familySearch.js';
import {
  families,
  familyAdults,
  familyChanges,
  familyFieldPolicies,
  familyMembers,
  memberContacts,
} from './familiesSchema.js';

export type Family = typeof families.$inferSelect;
export type FamilyAdult = typeof familyAdults.$inferSelect;
export type FamilyMember = typeof familyMembers.$inferSelect;

export type MemberContact = typeof memberContacts.$inferSelect;
export type FamilyChange = typeof familyChanges.$inferSelect;

export interface FamilyFile {
  family: Family;
  adults: FamilyAdult[];
  members: FamilyMember[];
}

/** Where a group of fields is written: the household, or one adult or member of it. */
export type FileTarget = { kind: 'family' } | { kind: 'adult' | 'member'; id: string };

/** A family, a member or an adult as the journal names it: the family's reference, or the person's name. */
export interface NamedInFile {
  kind: 'family' | 'member' | 'adult';
  familyId: string;
  reference: string | null;
  name: { firstName: string; lastName: string } | null;
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
    const [row] = await tx
      .select()
      .from(familyAdults)
      .where(and(eq(familyAdults.communeId, communeId), eq(familyAdults.id, adultId)));
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
      .where(
        and(
          eq(familyAdults.communeId, communeId),
          eq(familyAdults.id, adultId),
          sql`${familyAdults.citizenId} is null`,
        ),
      )
      .returning({ id: familyAdults.id });
    return rows.length === 1;
  }

  /** The accounts linked to the family's adults: who is told of what happens to the family's requests. */
  async accountHolders(
    communeId: string,
    familyId: string,
    tx: Db = this.db,
  ): Promise<{ citizenId: string; email: string; civility: string; lastName: string }[]> {
    return tx
      .select({
        citizenId: citizens.id,
        email: citizens.email,
        civility: citizens.civility,
        lastName: citizens.lastName,
      })
      .from(familyAdults)
      .innerJoin(citizens, eq(citizens.id, familyAdults.citizenId))
      .where(
        and(eq(familyAdults.communeId, communeId), eq(familyAdults.familyId, familyId), eq(citizens.status, 'active')),
      );
  }

  /**
   * Locks the family's row until the transaction ends: changes of one family's file (and the
   * requests asking for them) are made one after the other, each seeing the file as the last left it.
   * `no key update`, the lock an `UPDATE` of the row takes: two lockers still wait for each other,
   * but a transaction that only inserts a row referring to the family (a document being received,
   * an invoice) does not hold them up until it ends.
   */
  async lockFamily(communeId: string, familyId: string, tx: Db): Promise<Family | null> {
    const [row] = await tx
      .select()
      .from(families)
      .where(and(eq(families.communeId, communeId), eq(families.id, familyId)))
      .for('no key update');
    return row ?? null;
  }

  async file(communeId: string, familyId: string, tx: Db = this.db): Promise<FamilyFile | null> {
    const [family] = await tx
      .select()
      .from(families)
      .where(and(eq(families.communeId, communeId), eq(families.id, familyId)));
    if (!family) return null;
    const [adults, members] = await Promise.all([
      tx
        .select()
        .from(familyAdults)
        .where(eq(familyAdults.familyId, family.id))
        .orderBy(asc(familyAdults.role), asc(familyAdults.lastName)),
      tx
        .select()
        .from(familyMembers)
        .where(eq(familyMembers.familyId, family.id))
        .orderBy(asc(familyMembers.birthDate)),
    ]);
    return { family, adults, members };
  }

  /** Families whose adults or members bear a name containing the text typed, or whose file number it is. */
  async search(communeId: string, text: string, limit = 50): Promise<FamilyFile[]> {
    // Folded by the database (migration 0012): « remi » finds Rémi, « DUPONT » finds Dupont.
    const pattern = sql`'%' || parvis_fold(${likeEscaped(text)}) || '%'`;
    const folded = (...columns: AnyColumn[]) =>
      or(
        ...columns.map((column) => sql`parvis_fold(${column}) like ${pattern}`),
        // « Rémi Dupont » and « Dupont Rémi » both name him.
        sql`parvis_fold(${columns[0]} || ' ' || ${columns[1]}) like ${pattern}`,
        sql`parvis_fold(${columns[1]} || ' ' || ${columns[0]}) like ${pattern}`,
      );
    const digits = phoneDigitsOf(text);
    const phones = (...columns: AnyColumn[]) =>
      digits ? columns.map((column) => sql`parvis_phone_digits(${column}) like ${`%${digits}%`}`) : [];
    const byAdult = this.db
      .select({ id: familyAdults.familyId })
      .from(familyAdults)
      .where(
        and(
          eq(familyAdults.communeId, communeId),
          or(
            folded(familyAdults.firstName, familyAdults.lastName),
            sql`parvis_fold(${familyAdults.email}) like ${pattern}`,
            ...phones(familyAdults.phone, familyAdults.homePhone, familyAdults.workPhone),
          ),
        ),
      );
    const byMember = this.db
      .select({ id: familyMembers.familyId })
      .from(familyMembers)
      .where(and(eq(familyMembers.communeId, communeId), folded(familyMembers.firstName, familyMembers.lastName)));
    const found = await this.db
      .select()
      .from(families)
      .where(
        and(
          eq(families.communeId, communeId),
          or(
            inArray(families.id, byAdult),
            inArray(families.id, byMember),
            sql`parvis_fold(${families.reference}) like ${pattern}`,
          ),
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

  /** A member's pick-up people and emergency contacts, in the order the family gave them. */
  async contactsOf(communeId: string, memberIds: string[], tx: Db = this.db): Promise<MemberContact[]> {
    if (memberIds.length === 0) return [];
    return tx
      .select()
      .from(memberContacts)
      .where(and(eq(memberContacts.communeId, communeId), inArray(memberContacts.memberId, memberIds)))
      .orderBy(asc(memberContacts.kind), asc(memberContacts.position));
  }

  /**
   * Writes one group of fields of one target of the family; false when the target is not (or no
   * longer) in this family of this commune, so nothing was written.
   */
  async writeGroup<G extends FieldGroupKey>(
    communeId: string,
    familyId: string,
    target: FileTarget,
    group: G,
    values: GroupValues[G],
    tx: Db,
  ): Promise<boolean> {
    if (group === 'new-member') throw new Error('a new member is inserted, not written');
    if (target.kind === 'family') {
      const rows = await tx
        .update(families)
        .set(values as GroupValues['address'])
        .where(and(eq(families.communeId, communeId), eq(families.id, familyId)))
        .returning({ id: families.id });
      return rows.length === 1;
    }
    if (target.kind === 'adult') {
      const rows = await tx
        .update(familyAdults)
        .set(values as GroupValues['contact'])
        .where(
          and(
            eq(familyAdults.communeId, communeId),
            eq(familyAdults.familyId, familyId),
            eq(familyAdults.id, target.id),
          ),
        )
        .returning({ id: familyAdults.id });
      return rows.length === 1;
    }
    const member = and(
      eq(familyMembers.communeId, communeId),
      eq(familyMembers.familyId, familyId),
      eq(familyMembers.id, target.id),
    );
    if (group === 'contacts') {
      // Lock the member's row: two saves of the list at once end as one list or the other, never both.
      const [found] = await tx.select({ id: familyMembers.id }).from(familyMembers).where(member).for('update');
      if (!found) return false;
      const { pickup, emergency } = values as GroupValues['contacts'];
      await tx.delete(memberContacts).where(eq(memberContacts.memberId, target.id));
      const rows = [
        ...pickup.map((c, i) => ({ ...c, kind: 'pickup', position: i })),
        ...emergency.map((c, i) => ({ ...c, kind: 'emergency', position: i })),
      ];
      if (rows.length > 0)
        await tx
          .insert(memberContacts)
          .values(rows.map((row) => ({ ...row, communeId, familyId, memberId: target.id })));
      return true;
    }
    const rows = await tx
      .update(familyMembers)
      .set(values as Partial<FamilyMember>)
      .where(member)
      .returning({ id: familyMembers.id });
    return rows.length === 1;
  }

  async recordChange(change: Omit<typeof familyChanges.$inferInsert, 'id'>, tx: Db = this.db): Promise<void> {
    await tx.insert(familyChanges).values(change);
  }

  /** The file numbers of some families of the commune, by family id: what a list of requests shows. */
  async referencesOf(communeId: string, familyIds: string[]): Promise<Map<string, string>> {
    if (familyIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: families.id, reference: families.reference })
      .from(families)
      .where(and(eq(families.communeId, communeId), inArray(families.id, [...new Set(familyIds)])));
    return new Map(rows.map((row) => [row.id, row.reference]));
  }

  /**
   * The families, members and adults of the commune among these ids, each with the words that name it (a
   * family by its reference and representative, a person by name) and its family: what the journal shows
   * instead of an id. Ids of anything else, or of another commune, are left out.
   */
  async namesOf(communeId: string, ids: string[]): Promise<Map<string, NamedInFile>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const [found, members, adults] = await Promise.all([
      this.db
        .select({ id: families.id, reference: families.reference })
        .from(families)
        .where(and(eq(families.communeId, communeId), inArray(families.id, wanted))),
      this.db
        .select({
          id: familyMembers.id,
          familyId: familyMembers.familyId,
          firstName: familyMembers.firstName,
          lastName: familyMembers.lastName,
        })
        .from(familyMembers)
        .where(and(eq(familyMembers.communeId, communeId), inArray(familyMembers.id, wanted))),
      this.db
        .select({
          id: familyAdults.id,
          familyId: familyAdults.familyId,
          firstName: familyAdults.firstName,
          lastName: familyAdults.lastName,
        })
        .from(familyAdults)
        .where(and(eq(familyAdults.communeId, communeId), inArray(familyAdults.id, wanted))),
    ]);
    const names = new Map<string, NamedInFile>();
    for (const family of found)
      names.set(family.id, { kind: 'family', familyId: family.id, reference: family.reference, name: null });
    for (const person of [
      ...members.map((m) => ({ ...m, kind: 'member' as const })),
      ...adults.map((a) => ({ ...a, kind: 'adult' as const })),
    ])
      names.set(person.id, {
        kind: person.kind,
        familyId: person.familyId,
        reference: null,
        name: { firstName: person.firstName, lastName: person.lastName },
      });
    return names;
  }

  /** Who changed what in the family file, newest first. */
  async history(communeId: string, familyId: string, limit = 200): Promise<FamilyChange[]> {
    return this.db
      .select()
      .from(familyChanges)
      .where(and(eq(familyChanges.communeId, communeId), eq(familyChanges.familyId, familyId)))
      .orderBy(desc(familyChanges.at))
      .limit(limit);
  }

  /** The commune's choices of which groups need validation; groups not set keep their default. */
  async policies(communeId: string): Promise<Map<string, boolean>> {
    const rows = await this.db.select().from(familyFieldPolicies).where(eq(familyFieldPolicies.communeId, communeId));
    return new Map(rows.map((row) => [row.fieldGroup, row.needsValidation]));
  }

  async setPolicies(communeId: string, choices: Record<string, boolean>, tx: Db = this.db): Promise<void> {
    const rows = Object.entries(choices).map(([fieldGroup, needsValidation]) => ({
      communeId,
      fieldGroup,
      needsValidation,
    }));
    if (rows.length === 0) return;
    await tx
      .insert(familyFieldPolicies)
      .values(rows)
      .onConflictDoUpdate({
        target: [familyFieldPolicies.communeId, familyFieldPolicies.fieldGroup],
        set: { needsValidation: sql`excluded.needs_validation` },
      });
  }
}
