import { createHash } from 'node:crypto';
import type { Scanner } from './clamd.js';
import { inspectFile } from './fileInspection.js';
import {
  type AcceptedType,
  MAX_FILE_BYTES,
  MAX_FILES,
  type PdfProblem,
  cleanFileName,
  sniffType,
} from './domain/uploadRules.js';
import type { ScanResult } from './documentsSchema.js';

/** A file as received: the name the browser gave (never trusted), the bytes, whether the limit cut it. */
export interface ReceivedFile {
  name: string;
  bytes: Buffer;
  truncated?: boolean;
}

/** A file checked and ready to store, with the SHA-256 of its bytes (computed once, here). */
export interface CheckedFile {
  fileName: string;
  contentType: AcceptedType;
  bytes: Buffer;
  sha256: string;
}

export type IntakeProblem =
  | 'no-file'
  | 'too-many-files'
  | 'empty-file'
  | 'too-large'
  | 'unsupported-type'
  | PdfProblem
  | 'image-too-large'
  | 'unreadable-image'
  | 'infected'
  | 'scan-unavailable';

/** The files of one upload, all checked, and what the antivirus said of them. */
export interface CheckedIntake {
  ok: true;
  files: CheckedFile[];
  scan: ScanResult;
}

export type IntakeOutcome = CheckedIntake | { ok: false; reason: IntakeProblem; fileName: string };

/**
 * What happens to the files of one upload before anything is stored: the count, each file's size,
 * the antivirus on the bytes as sent (fail closed: only « clean » passes, unless no daemon is
 * configured in demo mode), each file's type read from its bytes, then PDFs inspected and images
 * re-encoded.
 * One bad file refuses the whole upload.
 */
export async function takeIn(received: ReceivedFile[], scanner: Scanner): Promise<IntakeOutcome> {
  if (received.length === 0) return { ok: false, reason: 'no-file', fileName: '' };
  if (received.length > MAX_FILES) return { ok: false, reason: 'too-many-files', fileName: '' };
  for (const file of received) {
    const shown = file.name.slice(0, 200);
    if (file.truncated || file.bytes.length > MAX_FILE_BYTES)
      return { ok: false, reason: 'too-large', fileName: shown };
    if (file.bytes.length === 0) return { ok: false, reason: 'empty-file', fileName: shown };
  }
  // The antivirus sees every file as sent, whatever it claims to be: an infected one is said so.
  for (const file of received) {
    if (!scanner.configured) break;
    const verdict = await scanner.scan(file.bytes);
    if (verdict.verdict === 'infected') return { ok: false, reason: 'infected', fileName: file.name.slice(0, 200) };
    if (verdict.verdict !== 'clean')
      return { ok: false, reason: 'scan-unavailable', fileName: file.name.slice(0, 200) };
  }
  const typed: { file: ReceivedFile; type: AcceptedType; fileName: string }[] = [];
  for (const file of received) {
    const type = sniffType(file.bytes.subarray(0, 16));
    if (!type) return { ok: false, reason: 'unsupported-type', fileName: file.name.slice(0, 200) };
    typed.push({ file, type, fileName: cleanFileName(file.name, type) });
  }
  const files: CheckedFile[] = [];
  for (const { file, type, fileName } of typed) {
    const inspected = await inspectFile(file.bytes, type);
    if (!inspected.ok) return { ok: false, reason: inspected.reason, fileName };
    const sha256 = createHash('sha256').update(inspected.bytes).digest('hex');
    files.push({ fileName, contentType: inspected.contentType, bytes: inspected.bytes, sha256 });
  }
  return { ok: true, files, scan: scanner.configured ? 'clean' : 'not-scanned' };
}
