import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { agents } from '../accounts/accountsSchema.js';
import { communes } from '../communes/communesSchema.js';
import { documents } from '../documents/documentsSchema.js';
import { families, familyMembers } from '../families/familiesSchema.js';

const communeId = () =>
  uuid('commune_id')
    .notNull()
    .references(() => communes.id, { onDelete: 'cascade' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A family's request (« demande ») to the guichet unique: every procedure is one, whatever its type.
 * The type names the handler that knows its payload (`requestTypes.ts`); the engine knows only the
 * status, the timeline and the thread.
 */
export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id').references(() => familyMembers.id, { onDelete: 'set null' }),
    type: text('type').notNull(),
    /** See `domain/requestStatus.ts`. */
    status: text('status').notNull(),
    /** What the type's handler needs, validated by its schema when the request is made and when it is applied. */
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** A one-line description for lists, written when the request is made. */
    summary: text('summary').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    createdByKind: text('created_by_kind').notNull(),
    createdById: uuid('created_by_id'),
    createdByLabel: text('created_by_label').notNull().default(''),
    assignedAgentId: uuid('assigned_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    decidedAt: at('decided_at'),
    /** Bumped at every change: a decision names the version it was made on, so two agents cannot both decide. */
    version: integer('version').notNull().default(0),
    /** The family's last message, and the last time an agent opened the request: unread when the first is later. */
    lastFamilyMessageAt: at('last_family_message_at'),
    agentsReadAt: at('agents_read_at'),
  },
  (t) => [
    index('requests_commune_status').on(t.communeId, t.status, t.createdAt),
    index('requests_family').on(t.familyId, t.createdAt),
  ],
);

/** The timeline: every event of a request, who, when, what. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    at: at('at').notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull().default(''),
    /** « submitted », « status » or « assigned »; messages are in `request_messages`. */
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
  },
  (t) => [index('request_events_request').on(t.requestId, t.at)],
);

/** The thread between the family and the agents; plain text. */
export const requestMessages = pgTable(
  'request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    at: at('at').notNull(),
    /** « citizen » or « agent ». */
    authorKind: text('author_kind').notNull(),
    authorId: uuid('author_id'),
    authorLabel: text('author_label').notNull().default(''),
    body: text('body').notNull(),
    /** The vault's document the family sent with this message (its files, checked and encrypted there). */
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
  },
  (t) => [index('request_messages_request').on(t.requestId, t.at)],
);
