/** What a family may send, decided from the bytes themselves: never the name or the browser's word. */

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;
/** Longest side of a stored image: enough to read a scanned page, not a phone's 4,000 px. */
export const MAX_IMAGE_SIDE = 2500;
/** An image that would decompress to more pixels than this is refused before it is decoded. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type AcceptedType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const EXTENSION: Record<AcceptedType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** The type the first bytes say, among the three accepted; anything else is null. */
export function sniffType(head: Uint8Array): AcceptedType | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

// Control characters, the bidi overrides and isolates (a name can read « facture.pdf » and be
// « fdp.exe » reversed), and the characters no file system takes.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"|?*]/g;

/**
 * The name kept and sent back: the last part of any path, without unsafe characters, at most 100
 * characters, with the extension of the type found in the bytes.
 */
export function cleanFileName(sent: string, type: AcceptedType): string {
  const base = sent.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(UNSAFE, '')
    .replace(/\.[^.]*$/, '')
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${stem || 'document'}.${EXTENSION[type]}`;
}

/** Whether a name as sent carried a path or invisible characters: said to nobody, but cleaned. */
export function nameWasUnsafe(sent: string): boolean {
  UNSAFE.lastIndex = 0;
  return /[\\/]/.test(sent) || new RegExp(UNSAFE.source).test(sent);
}

export type PdfProblem = 'encrypted' | 'javascript' | 'embedded-file' | 'not-a-pdf';

// PDF names may escape letters as #xx (« /J#61vaScript »): names are compared once decoded.
const DANGEROUS_NAMES: Record<string, Exclude<PdfProblem, 'not-a-pdf'>> = {
  Encrypt: 'encrypted',
  JavaScript: 'javascript',
  JS: 'javascript',
  Launch: 'javascript',
  EmbeddedFile: 'embedded-file',
  EmbeddedFiles: 'embedded-file',
  RichMedia: 'embedded-file',
};

/** The PDF names (« /JavaScript ») in a piece of a PDF's text, decoded. */
export function pdfNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    names.push(match[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
  }
  return names;
}

/**
 * The first dangerous feature named in a piece of a PDF's text, as `pdfProblemIn(pdfNames(text))`
 * finds it, without keeping every name: a 5 MB file holds tens of thousands of them.
 */
export function firstPdfProblem(text: string): PdfProblem | null {
  const name = /\/([^\s/<>[\]()%{}]+)/g;
  for (let match = name.exec(text); match; match = name.exec(text)) {
    const raw = match[1]!;
    const decoded = raw.includes('#')
      ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      : raw;
    // Own keys only: « /constructor » is a name like any other, not the object's.
    if (Object.hasOwn(DANGEROUS_NAMES, decoded)) return DANGEROUS_NAMES[decoded]!;
  }
  return null;
}

/** The first dangerous feature among names found in the file and in its decompressed streams. */
export function pdfProblemIn(names: Iterable<string>): PdfProblem | null {
  for (const name of names) {
    if (Object.hasOwn(DANGEROUS_NAMES, name)) return DANGEROUS_NAMES[name]!;
  }
  return null;
}
