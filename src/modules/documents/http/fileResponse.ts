import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { StoredFile } from '../documentsRepository.js';

/**
 * A stored file as its own response: never guessed by the browser (`nosniff`, the type found when it
 * was received), never cached, and sandboxed (no script, no form, no plugin but the browser's PDF
 * viewer) even if opened on its own. `inline` shows it in the page (the agents' view, a frame of the
 * same origin); otherwise it is downloaded.
 */
export function sendStoredFile(
  reply: FastifyReply,
  opened: { file: StoredFile; bytes: AsyncGenerator<Buffer> },
  options: { inline: boolean },
) {
  const { file } = opened;
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.size))
    .header(
      'content-disposition',
      `${options.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .header(
      'content-security-policy',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'",
    )
    .header('x-frame-options', 'SAMEORIGIN')
    .header('cross-origin-resource-policy', 'same-origin');
  return reply.send(Readable.from(opened.bytes));
}
