import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { calendarFeeds } from './bookingsSchema.js';

/** A live subscription link of a member's agenda: only the hash of its secret is kept. */
export interface LiveFeed {
  id: string;
  familyId: string;
  memberId: string;
  createdAt: Date;
}

const live = {
  id: calendarFeeds.id,
  familyId: calendarFeeds.familyId,
  memberId: calendarFeeds.memberId,
  createdAt: calendarFeeds.createdAt,
};

/** The agenda's subscription links; every method is scoped to the commune. */
export class CalendarFeedsRepository {
  constructor(private readonly db: Db) {}

  /** A new link for the member; the ones before it stop working in the same transaction. */
  async create(
    row: { communeId: string; familyId: string; memberId: string; tokenHash: string; now: Date },
    tx: Db,
  ): Promise<LiveFeed> {
    await this.revoke(row.communeId, row.familyId, row.memberId, row.now, tx);
    const [created] = await tx
      .insert(calendarFeeds)
      .values({
        communeId: row.communeId,
        familyId: row.familyId,
        memberId: row.memberId,
        tokenHash: row.tokenHash,
        createdAt: row.now,
      })
      .returning(live);
    return created!;
  }

  /** Ends the member's live links; how many there were. */
  async revoke(communeId: string, familyId: string, memberId: string, now: Date, tx: Db = this.db): Promise<number> {
    const revoked = await tx
      .update(calendarFeeds)
      .set({ revokedAt: now })
      .where(
        and(
          eq(calendarFeeds.communeId, communeId),
          eq(calendarFeeds.familyId, familyId),
          eq(calendarFeeds.memberId, memberId),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .returning({ id: calendarFeeds.id });
    return revoked.length;
  }

  /** The member's live link, if any (there is at most one). */
  async activeOf(communeId: string, familyId: string, memberId: string): Promise<LiveFeed | null> {
    const [row] = await this.db
      .select(live)
      .from(calendarFeeds)
      .where(
        and(
          eq(calendarFeeds.communeId, communeId),
          eq(calendarFeeds.familyId, familyId),
          eq(calendarFeeds.memberId, memberId),
          isNull(calendarFeeds.revokedAt),
        ),
      )
      .orderBy(desc(calendarFeeds.createdAt))
      .limit(1);
    return row ?? null;
  }

  /** The live link whose secret hashes to this, in this commune. */
  async findLive(communeId: string, tokenHash: string): Promise<LiveFeed | null> {
    const [row] = await this.db
      .select(live)
      .from(calendarFeeds)
      .where(
        and(
          eq(calendarFeeds.communeId, communeId),
          eq(calendarFeeds.tokenHash, tokenHash),
          isNull(calendarFeeds.revokedAt),
        ),
      );
    return row ?? null;
  }
}
