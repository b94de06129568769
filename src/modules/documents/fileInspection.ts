import { inflateSync } from 'node:zlib';
import {
  type AcceptedType,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  type PdfProblem,
  firstPdfProblem,
} from './domain/uploadRules.js';

/** The bytes to store, or why the file is refused. */
export type Inspected =
  | { ok: true; bytes: Buffer; contentType: AcceptedType }
  | { ok: false; reason: PdfProblem | 'image-too-large' | 'unreadable-image' };

// A stream decompressing past this is treated as a bomb: refused, never inflated whole.
const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * A PDF is kept as sent unless it is encrypted, carries JavaScript (or a launch action) or embedded
 * files: those are refused. Names are searched in the file's text and in every compressed stream
 * (object streams hide dictionaries), decompressed with a ceiling.
 */
export function inspectPdf(bytes: Buffer): PdfProblem | null {
  const text = bytes.toString('latin1');
  if (!text.includes('%%EOF')) return 'not-a-pdf';
  const found = firstPdfProblem(text);
  if (found) return found;
  let inflated = 0;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    let plain: Buffer;
    try {
      plain = inflateSync(bytes.subarray(start, end), { maxOutputLength: MAX_INFLATED - inflated });
    } catch (error) {
      // Not deflated (an image's own compression), or over the ceiling: the ceiling refuses.
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'not-a-pdf';
      continue;
    }
    inflated += plain.length;
    const problem = firstPdfProblem(plain.toString('latin1'));
    if (problem) return problem;
  }
  return null;
}

/**
 * An image is decoded and written anew: metadata (GPS, camera) dropped, the phone's orientation
 * applied to the pixels, at most 2,500 px a side. Its header is read first, so that an image that
 * would decompress to gigapixels is refused before it is decoded.
 */
export async function reencodeImage(bytes: Buffer, type: 'image/jpeg' | 'image/png'): Promise<Inspected> {
  // Loaded at the first image, not at each start: a quarter of a second of the portal's start (ADR 0038).
  const { default: sharp } = await import('sharp');
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    return { ok: false, reason: 'unreadable-image' };
  }
  if (!width || !height) return { ok: false, reason: 'unreadable-image' };
  if (width * height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'image-too-large' };
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    const out =
      type === 'image/jpeg'
        ? await image.jpeg({ quality: 85, mozjpeg: true }).toBuffer()
        : await image.png().toBuffer();
    return { ok: true, bytes: out, contentType: type };
  } catch {
    return { ok: false, reason: 'unreadable-image' };
  }
}

export async function inspectFile(bytes: Buffer, type: AcceptedType): Promise<Inspected> {
  if (type === 'application/pdf') {
    const problem = inspectPdf(bytes);
    return problem ? { ok: false, reason: problem } : { ok: true, bytes, contentType: type };
  }
  return reencodeImage(bytes, type);
}
