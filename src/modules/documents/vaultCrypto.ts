import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption at rest (ADR 0015): each document has its own random AES-256 key, wrapped by the
 * deployment's master key; each file is cut in chunks sealed one by one with AES-256-GCM. A chunk is
 * checked (its tag) before a byte of it leaves the server, and its number and "last" flag are bound to
 * it, so that chunks cannot be reordered, swapped between files, or the file cut short unnoticed.
 */

export const CHUNK_BYTES = 256 * 1024;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const IV_BYTES = 12;

export class VaultIntegrityError extends Error {
  constructor(what: string) {
    super(`stored document failed its integrity check: ${what}`);
  }
}

/** The master key and its fingerprint (which documents it wrapped). */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyOf(key: Buffer): MasterKey {
  if (key.length !== KEY_BYTES) throw new Error('the master key must be 32 bytes');
  return { id: createHash('sha256').update('parvis-master-key').update(key).digest('hex').slice(0, 16), key };
}

/** `PARVIS_MASTER_KEY` is 32 bytes written in base64 (openssl rand -base64 32) or in hex. */
export function parseMasterKey(text: string): Buffer | null {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

export function newDocumentKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** iv ‖ tag ‖ wrapped key. */
export function wrapKey(master: MasterKey, documentKey: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from('parvis-document-key'));
  const body = Buffer.concat([cipher.update(documentKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function unwrapKey(master: MasterKey, wrapped: Uint8Array): Buffer {
  const bytes = Buffer.from(wrapped);
  const decipher = createDecipheriv('aes-256-gcm', master.key, bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from('parvis-document-key'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new VaultIntegrityError('document key (wrong master key?)');
  }
}

export function newNoncePrefix(): Buffer {
  return randomBytes(8);
}

function nonceOf(prefix: Uint8Array, seq: number): Buffer {
  const nonce = Buffer.alloc(IV_BYTES);
  Buffer.from(prefix).copy(nonce, 0, 0, 8);
  nonce.writeUInt32BE(seq, 8);
  return nonce;
}

function aadOf(fileId: string, seq: number, last: boolean): Buffer {
  return Buffer.from(`${fileId}:${seq}:${last ? 'last' : 'more'}`);
}

/** Seals one chunk: ciphertext ‖ tag. */
export function sealChunk(key: Buffer, prefix: Uint8Array, fileId: string, seq: number, last: boolean, plain: Buffer) {
  const cipher = createCipheriv('aes-256-gcm', key, nonceOf(prefix, seq), { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(fileId, seq, last));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

/** Opens one chunk, or throws before returning any byte of it. */
export function openChunk(
  key: Buffer,
  prefix: Uint8Array,
  fileId: string,
  seq: number,
  last: boolean,
  sealed: Uint8Array,
): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < TAG_BYTES) throw new VaultIntegrityError(`chunk ${seq} too short`);
  const decipher = createDecipheriv('aes-256-gcm', key, nonceOf(prefix, seq), { authTagLength: TAG_BYTES });
  decipher.setAAD(aadOf(fileId, seq, last));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new VaultIntegrityError(`chunk ${seq}`);
  }
}
