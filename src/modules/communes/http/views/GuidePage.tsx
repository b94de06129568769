import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { TextSections } from '../../../../platform/views/components/TextSections.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { Commune } from '../../domain/commune.js';
import type { Guide } from '../../guide/guideContent.js';

export function GuidePage({
  context,
  commune,
  guide,
  pdfSize,
}: {
  context: PageContext;
  commune: Commune;
  guide: Guide;
  pdfSize: string;
}) {
  return (
    <Layout context={context} title={guide.title}>
      <h1>{guide.title}</h1>
      <p class="lead">{guide.intro}</p>
      <p>
        <a href={communePaths(commune).guidePdf} download>
          Télécharger le mode d'emploi (PDF, {pdfSize})
        </a>
      </p>
      {guide.chapters.map((chapter, index) => (
        <section key={index}>
          <h2>{chapter.title}</h2>
          <TextSections sections={chapter.sections} level={3} />
        </section>
      ))}
    </Layout>
  );
}
