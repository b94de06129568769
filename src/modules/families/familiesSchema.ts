import type { FieldChange } from './domain/fieldGroups.js';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
    /** The household's address: where the children live. */
    street: text('street').notNull().default(''),
    streetComplement: text('street_complement').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    city: text('city').notNull().default(''),
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
    /** The mobile phone. */
    phone: text('phone').notNull().default(''),
    homePhone: text('home_phone').notNull().default(''),
    workPhone: text('work_phone').notNull().default(''),
    /** How the adult prefers to be reached: « email », « sms », « telephone » or « courrier ». */
    preferredContact: text('preferred_contact').notNull().default('email'),
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
    /** « F », « M » or empty. */
    sex: text('sex').notNull().default(''),
    schoolName: text('school_name').notNull().default(''),
    schoolClass: text('school_class').notNull().default(''),
    /** The meal the canteen serves: see `domain/diets.ts`; only what the CNIL's norm for school services allows. */
    diet: text('diet').notNull().default('standard'),
    /** Health notes: read by agents only through a view that is audited. */
    allergies: text('allergies').notNull().default(''),
    /** A « projet d'accueil individualisé » is in place. */
    pai: boolean('pai').notNull().default(false),
    doctorName: text('doctor_name').notNull().default(''),
    doctorPhone: text('doctor_phone').notNull().default(''),
    photoConsent: boolean('photo_consent').notNull().default(false),
    /** May go home alone after the activities (offered for older children only). */
    leavesAloneConsent: boolean('leaves_alone_consent').notNull().default(false),
  },
  (t) => [index('family_members_family').on(t.familyId), index('family_members_last_name').on(t.communeId, t.lastName)],
);

/** A person allowed to pick a member up (« pickup ») or to call in an emergency (« emergency »). */
export const memberContacts = pgTable(
  'member_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => familyMembers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    relation: text('relation').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('member_contacts_member').on(t.memberId)],
);

/**
 * What changed in a family file, by whom and when: the family's own history (« qui a modifié
 * quoi »), readable by both parents. Health values are the family's own data, so they are kept
 * here, never in the audit log.
 */
export const familyChanges = pgTable(
  'family_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    /** The member changed, when the change is about one. */
    memberId: uuid('member_id').references(() => familyMembers.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull().default(''),
    fieldGroup: text('field_group').notNull(),
    changes: jsonb('changes').$type<FieldChange[]>().notNull(),
    /** The request whose acceptance applied the change, if any. */
    requestId: uuid('request_id'),
  },
  (t) => [index('family_changes_family_at').on(t.familyId, t.at)],
);

/** Whether the families may change a group of fields directly or through a request: set by the commune's administrator. */
export const familyFieldPolicies = pgTable(
  'family_field_policies',
  {
    communeId: communeId(),
    fieldGroup: text('field_group').notNull(),
    needsValidation: boolean('needs_validation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.communeId, t.fieldGroup] })],
);
