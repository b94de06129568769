import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made with pdfkit's standard fonts shows, in reading order, lines joined by spaces:
 * its content streams inflated, each `TJ` array's hex strings read as Windows-1252 (pdfkit's
 * encoding for those fonts). Enough to check what a document says without a PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const parts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1');
    } catch {
      continue; // not a deflated stream (an image, metadata)
    }
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const line = [...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((hex) => [...Buffer.from(hex[1]!, 'hex')].map(windows1252).join(''))
        .join('');
      parts.push(line);
    }
  }
  return parts.join(' ').replace(/[\s\u00a0]+/g, ' ');
}

// Windows-1252's 0x80–0x9F, where it differs from Latin-1 (Node's decoders read those bytes as Latin-1).
const upperControls = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? upperControls[byte - 0x80]! : String.fromCharCode(byte);
}
