import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import { news } from './newsSchema.js';

export type NewsItem = typeof news.$inferSelect;

/** The commune's messages to the families; only those already published are ever read. */
export class NewsRepository {
  constructor(private readonly db: Db) {}

  async published(communeId: string, now: Date, limit = 10): Promise<NewsItem[]> {
    return this.db
      .select()
      .from(news)
      .where(and(eq(news.communeId, communeId), lte(news.publishedAt, now)))
      .orderBy(desc(news.publishedAt))
      .limit(limit);
  }

  async find(communeId: string, id: string, now: Date): Promise<NewsItem | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(news)
      .where(and(eq(news.communeId, communeId), eq(news.id, id), lte(news.publishedAt, now)));
    return row ?? null;
  }

  async insert(item: Omit<NewsItem, 'id'>, tx: Db = this.db): Promise<NewsItem> {
    const [row] = await tx.insert(news).values(item).returning();
    return row!;
  }
}
