import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { documentFiles, documentTypes, documents } from './documentsSchema.js';

// A document's wrapped key and a file's nonce are the vault's, not the family's data: left out.
const { wrappedKey: _key, masterKeyId: _master, ...documentColumns } = getTableColumns(documents);
const { noncePrefix: _nonce, ...fileColumns } = getTableColumns(documentFiles);

/**
 * The family's documents in « Télécharger mes données »: each document sent (its type, state and
 * dates) with its files' names, types, sizes and fingerprints (each file is downloaded from the page). Agents stay « Guichet unique »: who decided is left out.
 */
export async function documentsExport(db: Db, communeId: string, familyId: string) {
  const rows = await db
    .select(documentColumns)
    .from(documents)
    .where(and(eq(documents.communeId, communeId), eq(documents.familyId, familyId)))
    .orderBy(asc(documents.uploadedAt));
  const ids = rows.map((row) => row.id);
  const typeIds = [...new Set(rows.map((row) => row.typeId))];
  const [files, types] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .select(fileColumns)
          .from(documentFiles)
          .where(and(eq(documentFiles.communeId, communeId), inArray(documentFiles.documentId, ids)))
          .orderBy(asc(documentFiles.documentId), asc(documentFiles.position)),
    typeIds.length === 0
      ? []
      : db
          .select({ id: documentTypes.id, code: documentTypes.code, name: documentTypes.name })
          .from(documentTypes)
          .where(and(eq(documentTypes.communeId, communeId), inArray(documentTypes.id, typeIds))),
  ]);
  // One table in the export, `documents`: each with its type's name and its files.
  return {
    documents: rows.map(({ decidedBy: _agent, ...row }) => ({
      ...row,
      typeName: types.find((type) => type.id === row.typeId)?.name ?? '',
      files: files.filter((file) => file.documentId === row.id),
    })),
  };
}
