import PDFDocument from 'pdfkit';
import type { Commune } from '../domain/commune.js';
import { guideFor } from './guideContent.js';

/**
 * The guide as a tagged PDF (PDF/UA-style structure: title, headings, paragraphs, document language),
 * so that screen readers read it as well as the page. Built from the same content as the page.
 */
export function guidePdf(commune: Commune, now: Date): Promise<Buffer> {
  const guide = guideFor(commune);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: `${guide.title} — ${commune.name}`,
      Author: `Commune de ${commune.name}`,
      Subject: 'Espace citoyens',
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);
  const block = (type: string, text: string, font: string, size: number, gap: number) => {
    root.add(
      doc.struct(type, {}, () => {
        doc.font(font).fontSize(size).text(text, { paragraphGap: gap });
      }),
    );
  };

  block('H1', `${guide.title}`, 'Helvetica-Bold', 20, 4);
  block('P', `Commune de ${commune.name}`, 'Helvetica', 12, 12);
  block('P', guide.intro, 'Helvetica', 11, 10);
  for (const chapter of guide.chapters) {
    doc.moveDown(0.5);
    block('H2', chapter.title, 'Helvetica-Bold', 15, 6);
    for (const section of chapter.sections) {
      if (section.heading) block('H3', section.heading, 'Helvetica-Bold', 12, 3);
      for (const paragraph of section.paragraphs) block('P', paragraph, 'Helvetica', 11, 6);
    }
  }
  root.end();
  doc.end();
  return done;
}
