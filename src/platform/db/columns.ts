import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { communes } from '../../modules/communes/communesSchema.js';

/** The tenant of a row: every table but the deployment's own carries it, and loses its rows with the commune. */
export const communeIdColumn = () =>
  uuid('commune_id')
    .notNull()
    .references(() => communes.id, { onDelete: 'cascade' });

/** An instant, stored with its time zone (UTC inside); local days are `date` columns. */
export const instantColumn = (name: string) => timestamp(name, { withTimezone: true });

/** Local days of the commune are `date` columns read and written as YYYY-MM-DD strings, never through a JavaScript Date. */
export const dayMode = { mode: 'string' } as const;
