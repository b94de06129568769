import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { NoFamilyNotice } from './NoFamilyNotice.js';

/** Any family page reached by an account not linked to a family file. */
export function NoFamilyPage({ context }: { context: PageContext }) {
  return (
    <Layout context={context} title="Ma famille">
      <h1>Ma famille</h1>
      <NoFamilyNotice context={context} />
    </Layout>
  );
}
