import { taggedPdf } from '../../../platform/pdf/taggedPdf.js';
import type { Commune } from '../domain/commune.js';
import { guideFor } from './guideContent.js';

/**
 * The guide as a tagged PDF (`taggedPdf`: title, headings, paragraphs, document language), so that
 * screen readers read it as well as the page. Built from the same content as the page.
 */
export async function guidePdf(commune: Commune, now: Date): Promise<Buffer> {
  const guide = guideFor(commune);
  const { doc, block, done } = await taggedPdf({
    margin: 56,
    info: {
      title: `${guide.title} — ${commune.name}`,
      author: `Commune de ${commune.name}`,
      subject: 'Espace citoyens',
      createdAt: now,
    },
    text: { size: 11, gap: 6 },
  });

  block('H1', `${guide.title}`, true, 20, 4);
  block('P', `Commune de ${commune.name}`, false, 12, 12);
  block('P', guide.intro, false, 11, 10);
  for (const chapter of guide.chapters) {
    doc.moveDown(0.5);
    block('H2', chapter.title, true, 15, 6);
    for (const section of chapter.sections) {
      if (section.heading) block('H3', section.heading, true, 12, 3);
      for (const paragraph of section.paragraphs) block('P', paragraph, false, 11, 6);
    }
  }
  return done();
}
