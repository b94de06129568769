import { Layout } from '../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { Commune } from '../../domain/commune.js';

/** The deployment's front page: the communes it serves. */
export function DirectoryPage({ context, communes }: { context: PageContext; communes: Commune[] }) {
  return (
    <Layout context={context} title="Communes">
      <h1>Espaces citoyens</h1>
      <p class="lead">Choisissez votre commune pour accéder à son espace citoyens.</p>
      {communes.length === 0 ? (
        <p>Aucune commune n'est encore ouverte sur ce portail.</p>
      ) : (
        <ul class="directory">
          {communes.map((commune) => (
            <li key={commune.id}>
              <a href={communePaths(commune).home}>
                {commune.name} ({commune.postcode})
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
