import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communes } from '../communes/communesSchema.js';

const communeId = () =>
  uuid('commune_id')
    .notNull()
    .references(() => communes.id, { onDelete: 'cascade' });

/** A family file (« dossier famille ») kept by the guichet unique. */
export const families = pgTable(
  'families',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    /** The file number agents read out on the phone, unique in the commune. */
    reference: text('reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('families_reference').on(t.communeId, t.reference)],
);

/** A responsible adult of a family: the représentant or the co-représentant. */
export const familyAdults = pgTable(
  'family_adults',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    /** « representant » or « co-representant ». */
    role: text('role').notNull(),
    civility: text('civility').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** The citizen account linked to this adult by a Clé Enfance; one account per adult, one adult per account. */
    citizenId: uuid('citizen_id').unique(),
  },
  (t) => [index('family_adults_family').on(t.familyId), index('family_adults_last_name').on(t.communeId, t.lastName)],
);

/** A member of the household: a child or another person living there. */
export const familyMembers = pgTable(
  'family_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    /** « enfant » or « adulte ». */
    relation: text('relation').notNull().default('enfant'),
  },
  (t) => [index('family_members_family').on(t.familyId), index('family_members_last_name').on(t.communeId, t.lastName)],
);
