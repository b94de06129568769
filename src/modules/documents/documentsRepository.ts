import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { documentChunks, documentFiles, documentTypes, documents } from './documentsSchema.js';

export type DocumentType = typeof documentTypes.$inferSelect;
export type StoredDocument = typeof documents.$inferSelect;
export type StoredFile = typeof documentFiles.$inferSelect;

/** The vault's SQL: every query takes the commune. */
export class DocumentsRepository {
  constructor(private readonly db: Db) {}

  async types(communeId: string, tx: Db = this.db): Promise<DocumentType[]> {
    return tx
      .select()
      .from(documentTypes)
      .where(eq(documentTypes.communeId, communeId))
      .orderBy(asc(documentTypes.position), asc(documentTypes.name));
  }

  async type(communeId: string, typeId: string, tx: Db = this.db): Promise<DocumentType | null> {
    const [row] = await tx
      .select()
      .from(documentTypes)
      .where(and(eq(documentTypes.communeId, communeId), eq(documentTypes.id, typeId)));
    return row ?? null;
  }

  async typeByCode(communeId: string, code: string, tx: Db = this.db): Promise<DocumentType | null> {
    const [row] = await tx
      .select()
      .from(documentTypes)
      .where(and(eq(documentTypes.communeId, communeId), eq(documentTypes.code, code)));
    return row ?? null;
  }

  /** Adds the types whose code the commune has not yet; the ones it has stay as it set them. */
  async addTypes(types: Omit<typeof documentTypes.$inferInsert, 'id'>[], tx: Db = this.db): Promise<number> {
    if (types.length === 0) return 0;
    const added = await tx
      .insert(documentTypes)
      .values(types)
      .onConflictDoNothing({ target: [documentTypes.communeId, documentTypes.code] })
      .returning({ id: documentTypes.id });
    return added.length;
  }

  async updateType(
    communeId: string,
    typeId: string,
    values: Partial<Omit<typeof documentTypes.$inferInsert, 'id' | 'communeId' | 'code'>>,
    tx: Db = this.db,
  ): Promise<boolean> {
    const rows = await tx
      .update(documentTypes)
      .set(values)
      .where(and(eq(documentTypes.communeId, communeId), eq(documentTypes.id, typeId)))
      .returning({ id: documentTypes.id });
    return rows.length > 0;
  }

  async insertDocument(values: Omit<typeof documents.$inferInsert, 'id'>, tx: Db): Promise<StoredDocument> {
    const [row] = await tx.insert(documents).values(values).returning();
    return row!;
  }

  async insertFile(values: Omit<typeof documentFiles.$inferInsert, 'id'> & { id: string }, tx: Db): Promise<void> {
    await tx.insert(documentFiles).values(values);
  }

  /** A file whose chunks were stored as they arrived: what it is, once it has been checked. */
  async completeFile(
    communeId: string,
    fileId: string,
    values: Pick<StoredFile, 'fileName' | 'contentType' | 'size' | 'sha256' | 'chunkCount'>,
    tx: Db,
  ): Promise<void> {
    await tx
      .update(documentFiles)
      .set(values)
      .where(and(eq(documentFiles.communeId, communeId), eq(documentFiles.id, fileId)));
  }

  /**
   * One sealed chunk. Its bytes travel as base64 text decoded by the database: PGlite turns a binary
   * parameter into text byte by byte in JavaScript, several times slower than Node's own base64 (and
   * a third fewer characters than the hex form node-postgres sends).
   */
  async insertChunk(values: typeof documentChunks.$inferInsert, tx: Db): Promise<void> {
    const base64 = Buffer.from(values.bytes.buffer, values.bytes.byteOffset, values.bytes.byteLength).toString(
      'base64',
    );
    await tx.insert(documentChunks).values({ ...values, bytes: sql`decode(${base64}, 'base64')` });
  }

  async document(communeId: string, documentId: string, tx: Db = this.db): Promise<StoredDocument | null> {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.communeId, communeId), eq(documents.id, documentId)));
    return row ?? null;
  }

  /** Locks the document until the transaction ends: a decision and a replacement never cross. */
  async lockDocument(communeId: string, documentId: string, tx: Db): Promise<StoredDocument | null> {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.communeId, communeId), eq(documents.id, documentId)))
      .for('update');
    return row ?? null;
  }

  /** Every document of the family, newest first. */
  async ofFamily(communeId: string, familyId: string, tx: Db = this.db): Promise<StoredDocument[]> {
    return tx
      .select()
      .from(documents)
      .where(and(eq(documents.communeId, communeId), eq(documents.familyId, familyId)))
      .orderBy(desc(documents.uploadedAt));
  }

  /** The live documents (neither replaced nor purged) for one type and subject of the family. */
  async current(
    communeId: string,
    familyId: string,
    typeId: string,
    memberId: string | null,
    tx: Db = this.db,
  ): Promise<StoredDocument[]> {
    return tx
      .select()
      .from(documents)
      .where(
        and(
          eq(documents.communeId, communeId),
          eq(documents.familyId, familyId),
          eq(documents.typeId, typeId),
          memberId ? eq(documents.memberId, memberId) : isNull(documents.memberId),
          inArray(documents.status, ['pending', 'validated', 'refused']),
        ),
      )
      .orderBy(desc(documents.uploadedAt))
      .for('update');
  }

  async files(communeId: string, documentIds: string[], tx: Db = this.db): Promise<StoredFile[]> {
    if (documentIds.length === 0) return [];
    return tx
      .select()
      .from(documentFiles)
      .where(and(eq(documentFiles.communeId, communeId), inArray(documentFiles.documentId, documentIds)))
      .orderBy(asc(documentFiles.position));
  }

  async chunk(communeId: string, fileId: string, seq: number, tx: Db = this.db): Promise<Uint8Array | null> {
    const [row] = await tx
      .select({ bytes: documentChunks.bytes })
      .from(documentChunks)
      .where(
        and(eq(documentChunks.communeId, communeId), eq(documentChunks.fileId, fileId), eq(documentChunks.seq, seq)),
      );
    return row?.bytes ?? null;
  }

  async setDecision(
    communeId: string,
    documentId: string,
    values: Pick<
      typeof documents.$inferInsert,
      'status' | 'decidedAt' | 'decidedBy' | 'validFrom' | 'validUntil' | 'refusalReason' | 'purgeAfter'
    >,
    tx: Db,
  ): Promise<void> {
    await tx
      .update(documents)
      .set(values)
      .where(and(eq(documents.communeId, communeId), eq(documents.id, documentId)));
  }

  async markReplaced(communeId: string, documentIds: string[], at: Date, purgeAfter: Date, tx: Db): Promise<void> {
    if (documentIds.length === 0) return;
    await tx
      .update(documents)
      .set({ status: 'replaced', replacedAt: at, purgeAfter })
      .where(and(eq(documents.communeId, communeId), inArray(documents.id, documentIds)));
  }

  /** The guichet's queue: documents waiting for a decision, oldest first. */
  async pending(communeId: string, tx: Db = this.db): Promise<StoredDocument[]> {
    return tx
      .select()
      .from(documents)
      .where(and(eq(documents.communeId, communeId), eq(documents.status, 'pending')))
      .orderBy(asc(documents.uploadedAt));
  }

  /** Documents of every commune whose files are due to go (the retention job runs for the deployment). */
  async duePurge(now: Date, limit: number, tx: Db = this.db): Promise<{ id: string; communeId: string }[]> {
    return tx
      .select({ id: documents.id, communeId: documents.communeId })
      .from(documents)
      .where(and(isNull(documents.purgedAt), lte(documents.purgeAfter, now)))
      .limit(limit);
  }

  /** Deletes the files (their chunks go with them) and keeps the document's outcome. */
  async purgeFiles(communeId: string, documentId: string, now: Date, tx: Db): Promise<void> {
    await tx
      .delete(documentFiles)
      .where(and(eq(documentFiles.communeId, communeId), eq(documentFiles.documentId, documentId)));
    await tx
      .update(documents)
      .set({ purgedAt: now, wrappedKey: new Uint8Array(0) })
      .where(and(eq(documents.communeId, communeId), eq(documents.id, documentId)));
  }

  /** Documents whose key another master key wrapped, a page at a time after the id `after` (key rotation). */
  async wrappedBy(notMasterKeyId: string, after: string, limit: number, tx: Db = this.db) {
    return tx
      .select({
        id: documents.id,
        communeId: documents.communeId,
        wrappedKey: documents.wrappedKey,
        masterKeyId: documents.masterKeyId,
      })
      .from(documents)
      .where(
        and(
          sql`${documents.masterKeyId} <> ${notMasterKeyId}`,
          isNull(documents.purgedAt),
          sql`${documents.id} > ${after}`,
        ),
      )
      .orderBy(asc(documents.id))
      .limit(limit);
  }

  async rewrap(communeId: string, documentId: string, wrappedKey: Uint8Array, masterKeyId: string, tx: Db = this.db) {
    await tx
      .update(documents)
      .set({ wrappedKey, masterKeyId })
      .where(and(eq(documents.communeId, communeId), eq(documents.id, documentId)));
  }
}
