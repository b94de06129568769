import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { citizens } from './accountsSchema.js';

export type Citizen = typeof citizens.$inferSelect;
export type NewCitizen = Omit<typeof citizens.$inferInsert, 'id' | 'usernameKey' | 'emailKey'>;

/** The form of a username or an e-mail that uniqueness and login compare: case and spaces do not count. */
export const loginKey = (text: string) => text.trim().toLowerCase();

/** Citizens' accounts; every method is scoped to the commune. */
export class CitizensRepository {
  constructor(private readonly db: Db) {}

  async findById(communeId: string, id: string, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx.select().from(citizens).where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)));
    return row ?? null;
  }

  /** By username or by e-mail, as the login form accepts either. */
  async findByLogin(communeId: string, identifier: string, tx: Db = this.db): Promise<Citizen | null> {
    const key = loginKey(identifier);
    const rows = await tx
      .select()
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), or(eq(citizens.usernameKey, key), eq(citizens.emailKey, key))))
      .limit(1);
    // Usernames cannot hold « @ »: one name matches one account at most.
    return rows[0] ?? null;
  }

  /** The account's wrong-key instants, its row locked until the transaction ends. */
  async lockKeyFailures(communeId: string, id: string, tx: Db): Promise<string[]> {
    const [row] = await tx
      .select({ keyFailures: citizens.keyFailures })
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)))
      .for('update');
    return row?.keyFailures ?? [];
  }

  async findByEmail(communeId: string, email: string, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx.select().from(citizens).where(and(eq(citizens.communeId, communeId), eq(citizens.emailKey, loginKey(email))));
    return row ?? null;
  }

  /** Null when the username or the e-mail was taken meanwhile (the unique indexes decide). */
  async insert(citizen: NewCitizen, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx
      .insert(citizens)
      .values({ ...citizen, usernameKey: loginKey(citizen.username), emailKey: loginKey(citizen.email) })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  async update(communeId: string, id: string, changes: Partial<Omit<NewCitizen, 'communeId'>>, tx: Db = this.db): Promise<void> {
    const keys: Partial<Pick<Citizen, 'usernameKey' | 'emailKey'>> = {};
    if (changes.username !== undefined) keys.usernameKey = loginKey(changes.username);
    if (changes.email !== undefined) keys.emailKey = loginKey(changes.email);
    await tx
      .update(citizens)
      .set({ ...changes, ...keys })
      .where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)));
  }
}
