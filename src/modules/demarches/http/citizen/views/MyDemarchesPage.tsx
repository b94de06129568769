import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Demarche } from '../../../demarchesRepository.js';

/** « Autres démarches »: what the commune offers besides reservations and inscriptions, each a form to send. */
export function MyDemarchesPage({ context, demarches }: { context: PageContext; demarches: Demarche[] }) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title="Autres démarches">
      <h1>Autres démarches</h1>
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <p>
        Chaque démarche envoyée devient une demande au guichet unique : suivez-la dans{' '}
        <a href={paths.requests}>vos demandes</a>.
      </p>
      {demarches.length === 0 ? (
        <p>La commune ne propose pas d’autre démarche en ligne pour le moment.</p>
      ) : (
        <ul class="plain">
          {demarches.map((demarche) => (
            <li key={demarche.id} class="card">
              <h2>
                <a href={paths.demarche(demarche.id)}>{demarche.title}</a>
              </h2>
              {demarche.description ? <p class="text-block">{demarche.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
