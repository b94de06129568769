import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { TextSections } from '../../../../platform/views/components/TextSections.js';
import type { CommuneText } from '../../domain/commune.js';
import { formatLocalDate } from '../../../../shared/dates.js';

/** A text the commune wrote (legal notice, terms of use, accessibility statement). */
export function TextPage({ context, text }: { context: PageContext; text: CommuneText }) {
  return (
    <Layout context={context} title={text.title}>
      <h1>{text.title}</h1>
      <TextSections sections={text.sections} />
      <p class="meta">Mise à jour le {formatLocalDate(text.updatedAt)}.</p>
    </Layout>
  );
}
