import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { CheckedFile } from './documentIntake.js';
import type { ChunkSink } from './streamedIntake.js';
import type { DocumentsRepository, StoredFile } from './documentsRepository.js';
import {
  CHUNK_BYTES,
  type MasterKey,
  VaultIntegrityError,
  newDocumentKey,
  newNoncePrefix,
  openChunk,
  sealChunk,
  unwrapKey,
  wrapKey,
} from './vaultCrypto.js';

/** Writes and reads the files' encrypted chunks; the only place that holds a document's key. */
export class VaultStore {
  constructor(
    private readonly repository: DocumentsRepository,
    private readonly master: () => MasterKey,
    /** The key of a rotation in progress, for the documents not yet re-wrapped. */
    private readonly previous: () => MasterKey | null = () => null,
  ) {}

  /** The master key that wrapped a document: the current one, or the previous one during a rotation. */
  private masterFor(masterKeyId: string): MasterKey {
    const previous = this.previous();
    return previous && previous.id === masterKeyId ? previous : this.master();
  }

  /** The document key wrapped again under the current master key (key rotation). */
  rewrap(wrappedKey: Uint8Array, masterKeyId: string): { wrapped: Buffer; masterKeyId: string } {
    const key = unwrapKey(this.masterFor(masterKeyId), wrappedKey);
    const master = this.master();
    return { wrapped: wrapKey(master, key), masterKeyId: master.id };
  }

  /** A new document key, and how it is stored. */
  newKey(): { key: Buffer; wrapped: Buffer; masterKeyId: string } {
    const key = newDocumentKey();
    const master = this.master();
    return { key, wrapped: wrapKey(master, key), masterKeyId: master.id };
  }

  /** Writes one file, chunk by chunk, in the caller's transaction. */
  async write(communeId: string, documentId: string, key: Buffer, position: number, file: CheckedFile, tx: Db) {
    const id = randomUUID();
    const prefix = newNoncePrefix();
    const chunkCount = Math.max(1, Math.ceil(file.bytes.length / CHUNK_BYTES));
    await this.repository.insertFile(
      {
        id,
        communeId,
        documentId,
        position,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.bytes.length,
        sha256: file.sha256,
        noncePrefix: prefix,
        chunkCount,
      },
      tx,
    );
    for (let seq = 0; seq < chunkCount; seq++) {
      const plain = file.bytes.subarray(seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES);
      const bytes = sealChunk(key, prefix, id, seq, seq === chunkCount - 1, plain);
      await this.repository.insertChunk({ fileId: id, seq, communeId, bytes }, tx);
    }
  }

  /**
   * Where an upload's PDF chunks go as they arrive (ADR 0032): the file's row first, each chunk sealed
   * and inserted in the caller's transaction, the row completed once the file is checked. A check that
   * fails after chunks were written rolls the transaction back: nothing of the file remains.
   */
  sink(communeId: string, documentId: string, key: Buffer, tx: Db): ChunkSink {
    return {
      begin: async (position) => {
        const id = randomUUID();
        const prefix = newNoncePrefix();
        // The chunks need their file's row; what it says is only known, and written, once the file is
        // checked, in the same transaction: nobody reads these placeholders.
        await this.repository.insertFile(
          {
            id,
            communeId,
            documentId,
            position,
            fileName: '',
            contentType: '',
            size: 1,
            sha256: '',
            noncePrefix: prefix,
            chunkCount: 0,
          },
          tx,
        );
        return {
          chunk: (seq, plain, last) =>
            this.repository.insertChunk(
              { fileId: id, seq, communeId, bytes: sealChunk(key, prefix, id, seq, last, plain) },
              tx,
            ),
          finish: (file) =>
            this.repository.completeFile(
              communeId,
              id,
              { ...file, chunkCount: Math.max(1, Math.ceil(file.size / CHUNK_BYTES)) },
              tx,
            ),
        };
      },
    };
  }

  /**
   * The file's plain bytes, one chunk at a time, each checked before it is handed out: a changed or
   * missing chunk stops the stream with an error instead of sending altered bytes.
   */
  async *read(
    communeId: string,
    document: { wrappedKey: Uint8Array; masterKeyId: string },
    file: StoredFile,
  ): AsyncGenerator<Buffer> {
    const key = unwrapKey(this.masterFor(document.masterKeyId), document.wrappedKey);
    for (let seq = 0; seq < file.chunkCount; seq++) {
      const sealed = await this.repository.chunk(communeId, file.id, seq);
      if (!sealed) throw new VaultIntegrityError(`chunk ${seq} missing`);
      yield openChunk(key, file.noncePrefix, file.id, seq, seq === file.chunkCount - 1, sealed);
    }
  }
}
