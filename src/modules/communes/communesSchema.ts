import type { OpeningHours, TextSection } from './domain/commune.js';
import { customType, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const communes = pgTable('communes', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  postcode: text('postcode').notNull(),
  schoolZone: text('school_zone').notNull(),
  /** The commune's colour (#rrggbb); the design system only uses it where contrast stays ≥ 4.5:1. */
  brandColor: text('brand_color').notNull(),
  mainSiteUrl: text('main_site_url').notNull(),
  presentation: jsonb('presentation').$type<string[]>().notNull(),
  /** « non conforme », « partiellement conforme » or « totalement conforme » (RGAA). */
  accessibilityStatus: text('accessibility_status').notNull(),
  deskName: text('desk_name').notNull(),
  deskStreet: text('desk_street').notNull(),
  deskPostcode: text('desk_postcode').notNull(),
  deskCity: text('desk_city').notNull(),
  deskPhone: text('desk_phone').notNull(),
  deskEmail: text('desk_email').notNull(),
  deskHours: jsonb('desk_hours').$type<OpeningHours[]>().notNull(),
  logoMediaType: text('logo_media_type'),
  logo: bytea('logo'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Texts each commune writes itself: legal notices, terms of use, accessibility statement, help, key facts. */
export const communeTexts = pgTable(
  'commune_texts',
  {
    communeId: uuid('commune_id')
      .notNull()
      .references(() => communes.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').$type<TextSection[]>().notNull(),
    position: integer('position').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communeId, t.kind] })],
);
