import multipart, { type MultipartFile, type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** A multipart form's files, still unread: the fields before them are already the body. */
    pendingFiles?: { first: MultipartFile | null; rest: AsyncIterator<Multipart>; read: boolean };
  }
}

/** The limits of every multipart form; one more file than a route takes, so that « too many » is told. */
export interface MultipartLimits {
  fileBytes: number;
  files: number;
}

/**
 * Multipart forms (files). Registered once for the app; a route that takes files reads its fields
 * with `fieldsBeforeFiles` and its files with `receivedFiles`. Anything over a limit is cut, never
 * buffered whole: a file over `fileBytes` arrives truncated, a part over the count ends the form.
 */
export async function registerMultipart(app: FastifyInstance, limits: MultipartLimits): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: limits.fileBytes,
      files: limits.files + 1,
      fields: 20,
      fieldSize: 10_000,
      parts: limits.files + 21,
      headerPairs: 100,
    },
  });
}

/**
 * A route's `preValidation` hook: reads the multipart form's fields up to its first file and makes
 * them the body, so that the door's CSRF check (a `preHandler`) sees `_csrf` before any byte of a
 * file is read, let alone stored. Forms put `_csrf` and their fields before the file inputs: a
 * browser sends parts in the order of the form. A field after a file is not read.
 */
export async function fieldsBeforeFiles(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const rest = request.parts()[Symbol.asyncIterator]();
  const fields: Record<string, string> = {};
  let first: MultipartFile | null = null;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
      const part = next.value;
      if (part.type === 'file') {
        first = part;
        break;
      }
      if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
    }
  } catch {
    // A form cut short or over its limits before any file: the fields read so far are all there is.
  }
  request.body = fields;
  request.pendingFiles = { first, rest, read: false };
}

/**
 * A route's `onResponse` hook: a form answered before its files were read (CSRF refused, session
 * ended, too many files) has them read and dropped, so that the browser gets the answer instead of a
 * connection stuck on a half-sent body. The limits bound what is read.
 */
export async function dropUnreadFiles(request: FastifyRequest): Promise<void> {
  const pending = request.pendingFiles;
  if (!pending || pending.read) return;
  pending.read = true;
  try {
    pending.first?.file.resume();
    for (let next = await pending.rest.next(); !next.done; next = await pending.rest.next())
      if (next.value.type === 'file') next.value.file.resume();
  } catch {
    // The form was over a limit or cut short: nothing more to read.
  }
}

export interface UploadedFile {
  /** The form's field the file was sent in: a form with several file inputs tells them apart by it. */
  field: string;
  name: string;
  bytes: Buffer;
  /** Cut at the size limit: the file was bigger. */
  truncated: boolean;
}

export type FilesOutcome =
  | { ok: true; files: UploadedFile[] }
  /** More files than allowed, or the form ended before its end (connection cut). */
  | { ok: false; reason: 'too-many-files' | 'incomplete' };

/** The files of the form, in order, each read to its end (and cut at the limit); empty file inputs are skipped. */
export async function receivedFiles(request: FastifyRequest, maxFiles: number): Promise<FilesOutcome> {
  const pending = request.pendingFiles;
  if (!pending) return { ok: true, files: [] };
  pending.read = true;
  const files: UploadedFile[] = [];
  let part: Multipart | null = pending.first;
  try {
    while (part) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file input left empty is sent as a part without a name and without bytes.
        if (part.filename !== '' || bytes.length > 0) {
          if (files.length === maxFiles) {
            pending.read = false;
            return { ok: false, reason: 'too-many-files' };
          }
          files.push({ field: part.fieldname, name: part.filename, bytes, truncated: part.file.truncated });
        }
      }
      const next = await pending.rest.next();
      part = next.done ? null : next.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return { ok: false, reason: 'too-many-files' };
    return { ok: false, reason: 'incomplete' };
  }
  return { ok: true, files };
}

/** A file of the form as it arrives: its bytes are read by whoever iterates them, at the pace they take. */
export interface ArrivingFile {
  field: string;
  name: string;
  bytes: AsyncIterable<Buffer>;
  /** Cut at the size limit, known once its bytes have all been read. */
  truncated: () => boolean;
}

/** Why the form's files stopped coming: more than the limits allow, or the connection lost. */
export class FormCut extends Error {
  constructor(readonly reason: 'too-many-files' | 'incomplete') {
    super(`multipart form cut: ${reason}`);
  }
}

const cutOf = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return new FormCut(code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' ? 'too-many-files' : 'incomplete');
};

/**
 * The files of the form one after the other, each to be read to its end before the next comes (as
 * the form sends them): nothing is buffered here, the network waits while a file's bytes are not
 * read. A form over its limits or cut short throws `FormCut`. Left before the end (a file refused),
 * what is unread is left to `dropUnreadFiles`.
 */
export async function* arrivingFiles(request: FastifyRequest): AsyncGenerator<ArrivingFile> {
  const pending = request.pendingFiles;
  if (!pending) return;
  pending.read = true;
  let part: Multipart | null = pending.first;
  let ended = false;
  try {
    while (part) {
      if (part.type === 'file') {
        const file = part;
        // The part being read: if the reader stops here, `dropUnreadFiles` reads it and the rest.
        pending.first = file;
        yield {
          field: file.fieldname,
          name: file.filename,
          bytes: piecesOf(file),
          truncated: () => file.file.truncated,
        };
      }
      let next: IteratorResult<Multipart>;
      try {
        next = await pending.rest.next();
      } catch (error) {
        throw cutOf(error);
      }
      part = next.done ? null : next.value;
    }
    ended = true;
  } finally {
    if (!ended) pending.read = false;
  }
}

async function* piecesOf(part: MultipartFile): AsyncGenerator<Buffer> {
  try {
    for await (const piece of part.file) yield piece as Buffer;
  } catch (error) {
    throw cutOf(error);
  }
}
