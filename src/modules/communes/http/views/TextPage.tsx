import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { TextSections } from '../../../../platform/views/components/TextSections.js';
import type { TextSection } from '../../domain/commune.js';
import { formatLocalDate } from '../../../../shared/dates.js';

/** A written text on a page of its own: a commune's legal notice, terms, statement, or the deployment's. */
export function TextPage({
  context,
  text,
}: {
  context: PageContext;
  text: { title: string; sections: TextSection[]; updatedAt?: Date };
}) {
  return (
    <Layout context={context} title={text.title}>
      <h1>{text.title}</h1>
      <TextSections sections={text.sections} />
      {text.updatedAt ? <p class="meta">Mise à jour le {formatLocalDate(text.updatedAt)}.</p> : null}
    </Layout>
  );
}
