import { createHash } from 'node:crypto';
import type { ScanStream, Scanner } from './clamd.js';
import type { IntakeProblem } from './documentIntake.js';
import { inspectPdf, reencodeImage } from './fileInspection.js';
import { type AcceptedType, MAX_FILE_BYTES, MAX_FILES, cleanFileName, sniffType } from './domain/uploadRules.js';
import { CHUNK_BYTES } from './vaultCrypto.js';
import { FormCut } from '../../platform/http/multipartForm.js';

/** A file as it arrives: the name the browser gave (never trusted), its bytes piece by piece. */
export interface IncomingFile {
  name: string;
  bytes: AsyncIterable<Buffer> | Iterable<Buffer>;
  /** Whether the size limit cut it, known once its bytes have all been read. */
  truncated: () => boolean;
}

/**
 * Where a file's plain chunks go as they arrive, before the file is checked: the vault seals and
 * stores them in the upload's transaction, rolled back if any check then fails. Chunks are cut as the
 * vault cuts them (`CHUNK_BYTES`, the last one flagged); `chunk` is awaited before the next one is
 * handed over, while the file's next bytes go on arriving.
 */
export interface ChunkSink {
  begin(position: number): Promise<FileWriter>;
}
export interface FileWriter {
  chunk(seq: number, plain: Buffer, last: boolean): Promise<void>;
  /** The file checked: what its row says, once its bytes are all stored. */
  finish(file: { fileName: string; contentType: AcceptedType; size: number; sha256: string }): Promise<void>;
}

/** A file received and checked. `bytes` is only kept when its chunks were not stored as they came. */
export interface TakenFile {
  fileName: string;
  contentType: AcceptedType;
  sha256: string;
  /** The bytes still to store (an image re-encoded, or a PDF when no sink stored it on the way). */
  bytes: Buffer | null;
}

export type StreamedIntake =
  { ok: true; files: TakenFile[] } | { ok: false; reason: IntakeProblem | 'incomplete'; fileName: string };

/**
 * The files of one upload taken in as they arrive (ADR 0032): each one's bytes go to clamd and into
 * the hash while they come and, for a PDF, chunk by chunk to the sink; once a file has all arrived it
 * is checked as `takeIn` checks it (size, antivirus verdict, type from its bytes, PDF rules, images
 * re-encoded). The first failure stops the upload: the caller rolls back what the sink stored.
 * An upload cut short (the connection lost) is `incomplete`.
 */
export async function takeInStreamed(
  incoming: AsyncIterable<IncomingFile>,
  scanner: Scanner,
  sink: ChunkSink | null,
): Promise<StreamedIntake> {
  const files: TakenFile[] = [];
  try {
    for await (const file of incoming) {
      const taken = await takeOne(file, files.length, scanner, sink);
      if (taken === 'skipped') continue;
      if (!taken.ok) return taken;
      if (files.length === MAX_FILES) return { ok: false, reason: 'too-many-files', fileName: '' };
      files.push(taken.file);
    }
  } catch (error) {
    // The form itself failed: more files than its limits allow, or cut short (the connection lost).
    if (error instanceof FormCut) return { ok: false, reason: error.reason, fileName: '' };
    throw error;
  }
  if (files.length === 0) return { ok: false, reason: 'no-file', fileName: '' };
  return { ok: true, files };
}

type Taken = 'skipped' | { ok: true; file: TakenFile } | { ok: false; reason: IntakeProblem; fileName: string };

async function takeOne(file: IncomingFile, position: number, scanner: Scanner, sink: ChunkSink | null) {
  const scan: ScanStream | null = scanner.configured ? scanner.open() : null;
  try {
    return await receiveAndCheck(file, position, scan, sink);
  } finally {
    scan?.abort();
  }
}

async function receiveAndCheck(
  file: IncomingFile,
  position: number,
  scan: ScanStream | null,
  sink: ChunkSink | null,
): Promise<Taken> {
  const shown = file.name.slice(0, 200);
  const pieces: Buffer[] = [];
  const hash = createHash('sha256');
  let size = 0;
  let type: AcceptedType | null | undefined;
  let writer: FileWriter | null = null;
  // The PDF's chunks: the bytes not yet handed to the sink, and the chunk being stored meanwhile.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let storing: Promise<void> = Promise.resolve();
  const handOver = async (last: boolean) => {
    while (pendingBytes > CHUNK_BYTES || (last && pendingBytes > 0)) {
      const all = Buffer.concat(pending);
      const plain = all.subarray(0, CHUNK_BYTES);
      pending = [all.subarray(CHUNK_BYTES)];
      pendingBytes = all.length - plain.length;
      // One chunk stored at a time: the next waits for it, the network's bytes do not.
      await storing;
      storing = writer!.chunk(seq++, plain, last && pendingBytes === 0);
    }
  };
  try {
    for await (const piece of file.bytes) {
      if (piece.length === 0) continue;
      size += piece.length;
      // Past the limit nothing more is kept: the file is refused as too large once it has ended.
      if (size > MAX_FILE_BYTES) continue;
      pieces.push(piece);
      hash.update(piece);
      const scanned = scan?.write(piece);
      if (type === undefined && size >= 16) {
        type = sniffType(Buffer.concat(pieces).subarray(0, 16));
        if (type === 'application/pdf' && sink) writer = await sink.begin(position);
      }
      if (writer) {
        pending.push(piece);
        pendingBytes += piece.length;
        await handOver(false);
      }
      await scanned;
    }
  } finally {
    await storing.catch(() => {});
  }
  await storing;
  if (file.name === '' && size === 0) return 'skipped';
  if (file.truncated() || size > MAX_FILE_BYTES) return { ok: false, reason: 'too-large', fileName: shown };
  if (size === 0) return { ok: false, reason: 'empty-file', fileName: shown };
  // The antivirus sees every file as sent, whatever it claims to be: an infected one is said so.
  if (scan) {
    const verdict = await scan.end();
    if (verdict.verdict === 'infected') return { ok: false, reason: 'infected', fileName: shown };
    if (verdict.verdict !== 'clean') return { ok: false, reason: 'scan-unavailable', fileName: shown };
  }
  const bytes = Buffer.concat(pieces);
  pieces.length = 0;
  if (type === undefined) type = sniffType(bytes.subarray(0, 16));
  if (!type) return { ok: false, reason: 'unsupported-type', fileName: shown };
  const fileName = cleanFileName(file.name, type);
  if (type === 'application/pdf') {
    const problem = inspectPdf(bytes);
    if (problem) return { ok: false, reason: problem, fileName };
    const sha256 = hash.digest('hex');
    if (!writer) return { ok: true, file: { fileName, contentType: type, sha256, bytes } };
    await handOver(true);
    await storing;
    await writer.finish({ fileName, contentType: type, size, sha256 });
    return { ok: true, file: { fileName, contentType: type, sha256, bytes: null } };
  }
  const image = await reencodeImage(bytes, type);
  if (!image.ok) return { ok: false, reason: image.reason, fileName };
  const sha256 = createHash('sha256').update(image.bytes).digest('hex');
  return { ok: true, file: { fileName, contentType: type, sha256, bytes: image.bytes } };
}
