import type PdfDocument from 'pdfkit';

/**
 * pdfkit and its fonts' metrics take about 0.25 s of CPU to load: loaded with the first PDF asked for,
 * not at every start of the portal (ADR 0038's restart budget).
 */
let pdfkit: Promise<typeof PdfDocument> | undefined;
const loadPdfkit = () => (pdfkit ??= import('pdfkit').then((module) => module.default));

/** What a PDF says of itself: its title is displayed by readers instead of its file name. */
export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  /** When it was made: a date of the document (an invoice's issue), never the clock, for the same bytes each time. */
  createdAt: Date;
  modifiedAt?: Date;
}

/** A paragraph's or heading's look: its size and the gap after it, in points. */
export interface BlockStyle {
  size: number;
  gap: number;
}

export interface TaggedPdf {
  doc: PDFKit.PDFDocument;
  /** The Document element of the structure tree: every block and table hangs from it. */
  root: PDFKit.PDFStructureElement;
  /** A heading or paragraph (`H1`, `H2`, `H3`, `P`) in the structure tree, in Helvetica or its bold. */
  block: (type: string, text: string, bold?: boolean, size?: number, gap?: number) => void;
  /** Ends the structure and the document; the bytes once written. */
  done: () => Promise<Buffer>;
}

/**
 * An A4 PDF in French whose structure screen readers read (PDF/UA-style: document language, displayed
 * title, headings and paragraphs tagged), as the guide, the invoices and the attestations fiscales are.
 * pdfkit derives the file identifier from the information given, so the same content and dates give the
 * same bytes.
 */
export async function taggedPdf(options: { margin: number; info: PdfInfo; text: BlockStyle }): Promise<TaggedPdf> {
  const { info } = options;
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: options.margin,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      CreationDate: info.createdAt,
      ...(info.modifiedAt ? { ModDate: info.modifiedAt } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const written = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (type: string, text: string, bold = false, size = options.text.size, gap = options.text.gap) => {
    root.add(
      doc.struct(type, {}, () => {
        doc
          .font(bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(size)
          .text(pdfText(text), { paragraphGap: gap });
      }),
    );
  };
  const done = () => {
    root.end();
    doc.end();
    return written;
  };
  return { doc, root, block, done };
}

/**
 * The standard PDF fonts write Windows-1252: the narrow no-break space Intl puts in « 1 234,50 € »
 * has no glyph there, the plain no-break space does and keeps the amount on one line.
 */
export function pdfText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}
