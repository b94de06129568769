import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import { demarches } from './demarchesSchema.js';

export type Demarche = typeof demarches.$inferSelect;
export type DemarcheValues = Pick<Demarche, 'title' | 'description' | 'fields' | 'published'>;

/** The commune's démarches; every method takes the commune, and an id of another commune finds nothing. */
export class DemarchesRepository {
  constructor(private readonly db: Db) {}

  /** Every démarche of the commune, by title: the administrators' list. */
  all(communeId: string, tx: Db = this.db): Promise<Demarche[]> {
    return tx.select().from(demarches).where(eq(demarches.communeId, communeId)).orderBy(asc(demarches.title));
  }

  /** Those offered to the families, by title. */
  published(communeId: string, tx: Db = this.db): Promise<Demarche[]> {
    return tx
      .select()
      .from(demarches)
      .where(and(eq(demarches.communeId, communeId), eq(demarches.published, true)))
      .orderBy(asc(demarches.title));
  }

  async find(communeId: string, id: string, tx: Db = this.db): Promise<Demarche | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(demarches)
      .where(and(eq(demarches.communeId, communeId), eq(demarches.id, id)));
    return row ?? null;
  }

  /** The démarche, its row locked until the transaction ends: two administrators' changes of its questions queue. */
  async lock(communeId: string, id: string, tx: Db): Promise<Demarche | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(demarches)
      .where(and(eq(demarches.communeId, communeId), eq(demarches.id, id)))
      .for('update');
    return row ?? null;
  }

  async insert(communeId: string, values: DemarcheValues, at: Date, tx: Db = this.db): Promise<Demarche> {
    const [row] = await tx
      .insert(demarches)
      .values({ communeId, ...values, createdAt: at, updatedAt: at })
      .returning();
    return row!;
  }

  async update(communeId: string, id: string, values: Partial<DemarcheValues>, at: Date, tx: Db): Promise<void> {
    await tx
      .update(demarches)
      .set({ ...values, updatedAt: at })
      .where(and(eq(demarches.communeId, communeId), eq(demarches.id, id)));
  }
}
