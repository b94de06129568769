import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { communes } from '../communes/communesSchema.js';

/** A message the commune publishes to the families, shown on « Mon accueil » with its own page. */
export const news = pgTable(
  'news',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: uuid('commune_id')
      .notNull()
      .references(() => communes.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Paragraphs, rendered escaped. */
    body: jsonb('body').$type<string[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('news_commune_published').on(t.communeId, t.publishedAt)],
);
