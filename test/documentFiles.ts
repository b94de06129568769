import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { WebClient, WebPage } from './browserSession.js';

/** The EICAR test file: every antivirus reports it, it harms nothing. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

/** A small real PDF with some text. */
export function pdfOf(text: string, options: { padTo?: number } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true, info: { Title: 'Justificatif' } });
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('error', reject);
    doc.on('end', () => {
      const pdf = Buffer.concat(parts);
      if (!options.padTo || pdf.length >= options.padTo) return resolve(pdf);
      // A comment line after the end keeps the file a PDF readers open, at the size asked.
      resolve(
        Buffer.concat([pdf, Buffer.from('%'), Buffer.alloc(options.padTo - pdf.length - 2, 0x41), Buffer.from('\n')]),
      );
    });
    doc.text(text);
    doc.end();
  });
}

/** A PDF that runs JavaScript when opened. */
export const PDF_WITH_JAVASCRIPT = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
    '3 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n'),
);

/** A phone photo: a JPEG with GPS coordinates and an orientation tag (turned a quarter). */
export function phonePhoto(width = 400, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'PhoneMaker' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
    .toBuffer();
}

/** A PNG whose header claims 100,000 × 100,000 pixels: it would decompress to gigapixels. */
export async function pixelBomb(): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  // The IHDR chunk starts at byte 8: length (4), "IHDR" (4), width (4), height (4)…; its CRC is
  // not rewritten, and the size is read before anything is decoded.
  png.writeUInt32BE(100_000, 16);
  png.writeUInt32BE(100_000, 20);
  return png;
}

/** A clamd of its own, started from `test/clamd/start.sh` in a new folder, to be stopped by the test. */
export function startOwnClamd(): { address: string; stop(): Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parvis-clamd-'));
  const run = spawnSync(path.resolve('test/clamd/start.sh'), [dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`clamd did not start: ${run.stderr}`);
  return {
    address: run.stdout.trim(),
    /** Stops it and returns once the process is gone. */
    async stop() {
      const pid = Number(readFileSync(path.join(dir, 'clamd.pid'), 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      for (;;) {
        try {
          process.kill(pid, 0);
        } catch {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** The clamd CI starts (.ci/run): tests that need an antivirus must find it, never skip. */
export function testClamdAddress(): string {
  const address = process.env.TEST_CLAMD_ADDRESS;
  if (!address) throw new Error('TEST_CLAMD_ADDRESS is not set: start clamd with test/clamd/start.sh <folder>');
  return address;
}

/** A file field of a multipart form. */
export interface FormFile {
  name: string;
  bytes: Buffer;
  type?: string;
}

/**
 * Posts a multipart form as a browser does, with this browser's cookies: `_csrf` first (as the form
 * puts it) unless `csrf` says to leave it out or send it after the files.
 */
export async function postFiles(
  client: WebClient,
  origin: string,
  path: string,
  files: FormFile[],
  options: { csrf?: 'first' | 'after-files' | 'none'; field?: string } = {},
): Promise<WebPage> {
  const form = new FormData();
  const csrf = options.csrf ?? 'first';
  if (csrf === 'first') form.append('_csrf', client.csrfToken ?? '');
  for (const file of files)
    form.append(
      options.field ?? 'fichiers',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  if (csrf === 'after-files') form.append('_csrf', client.csrfToken ?? '');
  const response = await fetch(origin + path, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: {
      cookie: client
        .cookieNames()
        .map((name) => `${name}=${client.cookie(name)}`)
        .join('; '),
    },
  });
  return {
    status: response.status,
    headers: response.headers,
    html: await response.text(),
    location: response.headers.get('location'),
  };
}

/** Reads a file the server sends, as bytes, with this browser's cookies. */
export async function download(client: WebClient, origin: string, path: string) {
  const response = await fetch(origin + path, {
    redirect: 'manual',
    headers: {
      cookie: client
        .cookieNames()
        .map((name) => `${name}=${client.cookie(name)}`)
        .join('; '),
    },
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
