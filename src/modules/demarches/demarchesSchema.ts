import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { communeIdColumn, instantColumn } from '../../platform/db/columns.js';
import type { DemarcheField } from './domain/demarcheDefinition.js';

/**
 * A démarche of the commune (« Autres démarches »): a form its administrators define and families
 * fill in, each filling a « demarche » request. The questions are one JSON list, read and written
 * whole: a definition changes as one thing, and the requests keep the labels they were made with.
 */
export const demarches = pgTable(
  'demarches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    fields: jsonb('fields').$type<DemarcheField[]>().notNull().default([]),
    /** Offered to the families in « Autres démarches »; an unpublished one is only the administrators'. */
    published: boolean('published').notNull().default(false),
    createdAt: instantColumn('created_at').notNull(),
    updatedAt: instantColumn('updated_at').notNull(),
  },
  (t) => [index('demarches_commune').on(t.communeId, t.title)],
);
