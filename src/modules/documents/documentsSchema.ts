import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { communeIdColumn, dayMode, instantColumn } from '../../platform/db/columns.js';
import { families, familyMembers } from '../families/familiesSchema.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export type DocumentSubject = 'family' | 'child';
/** How long a validated document counts: some months from its date, until the school year's end, or for good. */
export type ValidityKind = 'months' | 'school-year' | 'unlimited';
export type DocumentStatus = 'pending' | 'validated' | 'refused' | 'replaced';
/** What the antivirus said: « clean », or « not-scanned » in demo mode without clamd (shown to agents). */
export type ScanResult = 'clean' | 'not-scanned';

/** A kind of proof the commune asks for (« justificatif de domicile »), per family or per child. */
export const documentTypes = pgTable(
  'document_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    /** A stable name other modules refer to (« domicile », « vaccinations »), unique in the commune. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    subject: text('subject').$type<DocumentSubject>().notNull(),
    validityKind: text('validity_kind').$type<ValidityKind>().notNull(),
    validityMonths: integer('validity_months'),
    /** The services whose inscriptions need it. */
    serviceIds: jsonb('service_ids').$type<string[]>().notNull().default([]),
    /** The démarches that need it, by their code. */
    demarcheCodes: jsonb('demarche_codes').$type<string[]>().notNull().default([]),
    /** How long an expired document's files are kept once it has expired (the commune sets it). */
    keepExpiredDays: integer('keep_expired_days').notNull().default(90),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('document_types_code').on(t.communeId, t.code),
    index('document_types_commune').on(t.communeId, t.position),
  ],
);

/** One proof sent by a family: its files, its state at the guichet unique, its key. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    /** The child it is about, for a type asked per child. */
    memberId: uuid('member_id').references(() => familyMembers.id, { onDelete: 'cascade' }),
    typeId: uuid('type_id')
      .notNull()
      .references(() => documentTypes.id, { onDelete: 'cascade' }),
    status: text('status').$type<DocumentStatus>().notNull(),
    scan: text('scan').$type<ScanResult>().notNull(),
    uploadedAt: instantColumn('uploaded_at').notNull(),
    uploadedBy: uuid('uploaded_by'),
    decidedAt: instantColumn('decided_at'),
    decidedBy: uuid('decided_by'),
    validFrom: date('valid_from', dayMode),
    /** Inclusive; none for a document valid for good. */
    validUntil: date('valid_until', dayMode),
    refusalReason: text('refusal_reason').notNull().default(''),
    replacedAt: instantColumn('replaced_at'),
    /** The random key of this document's files, wrapped by the master key (AES-256-GCM: iv, tag, key). */
    wrappedKey: bytea('wrapped_key').notNull(),
    /** Which master key wrapped it: its fingerprint, so that a rotation can tell what is left to re-wrap. */
    masterKeyId: text('master_key_id').notNull(),
    /** When the files go (retention); the row stays, with its outcome, for the history. */
    purgeAfter: instantColumn('purge_after'),
    purgedAt: instantColumn('purged_at'),
  },
  (t) => [
    index('documents_family').on(t.communeId, t.familyId),
    index('documents_queue').on(t.communeId, t.status, t.uploadedAt),
  ],
);

/** A file of a document (several pages photographed, for instance), stored encrypted in chunks. */
export const documentFiles = pgTable(
  'document_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** The name shown and sent back, cleaned (no path, no control or bidi character). */
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** SHA-256 of the plain bytes stored (after re-encoding), hex. */
    sha256: text('sha256').notNull(),
    /** The first 8 bytes of every chunk's nonce; the chunk's number makes the last 4. */
    noncePrefix: bytea('nonce_prefix').notNull(),
    chunkCount: integer('chunk_count').notNull(),
  },
  (t) => [index('document_files_document').on(t.documentId, t.position)],
);

/** The encrypted bytes, in chunks read and written one at a time, so no file is ever whole in memory. */
export const documentChunks = pgTable(
  'document_chunks',
  {
    fileId: uuid('file_id')
      .notNull()
      .references(() => documentFiles.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    communeId: communeIdColumn(),
    /** Ciphertext then its 16-byte tag. */
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);
