import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { DocumentType } from '../../../documentsRepository.js';

/** « 3 mois », « l’année scolaire », « sans limite ». */
export function validityText(type: Pick<DocumentType, 'validityKind' | 'validityMonths'>): string {
  if (type.validityKind === 'months') return `${type.validityMonths} mois`;
  if (type.validityKind === 'school-year') return 'jusqu’à la fin de l’année scolaire';
  return 'sans limite';
}

const notices: Record<string, string> = {
  catalogue: 'Les pièces du catalogue standard sont ajoutées.',
  enregistre: 'La pièce est enregistrée.',
};

/** The administrator's catalogue of document types. */
export function DocumentTypesPage({
  context,
  types,
  serviceNames,
  done,
}: {
  context: PageContext;
  types: DocumentType[];
  serviceNames: Map<string, string>;
  done: string | undefined;
}) {
  const paths = agentPaths(context.commune!);
  const notice = done && Object.hasOwn(notices, done) ? notices[done] : null;
  return (
    <Layout context={context} title="Pièces justificatives demandées">
      <h1>Pièces justificatives demandées</h1>
      {notice ? (
        <Notice>
          <p>{notice}</p>
        </Notice>
      ) : null}
      <p>
        Les pièces que les familles envoient depuis leur tableau de bord, leur durée de validité et les inscriptions qui
        les demandent. Les fichiers d’une pièce refusée ou remplacée sont supprimés après 30 jours.
      </p>
      {types.length === 0 ? <p>Aucune pièce n’est encore demandée.</p> : null}
      {types.length > 0 ? (
        <TableBox label="Pièces justificatives demandées">
          <table class="data">
            <caption class="visually-hidden">Pièces justificatives demandées</caption>
            <thead>
              <tr>
                <th scope="col">Pièce</th>
                <th scope="col">Pour</th>
                <th scope="col">Validité</th>
                <th scope="col">Demandée pour</th>
                <th scope="col">Fichiers gardés après expiration</th>
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type.id}>
                  <td>
                    <a href={paths.documentType(type.id)}>{type.name}</a>
                  </td>
                  <td>{type.subject === 'family' ? 'La famille' : 'Chaque enfant'}</td>
                  <td>{validityText(type)}</td>
                  <td>
                    {type.serviceIds.length === 0
                      ? 'Sur demande'
                      : type.serviceIds
                          .map((id) => serviceNames.get(id) ?? '')
                          .filter(Boolean)
                          .join(', ')}
                  </td>
                  <td>{type.keepExpiredDays} jours</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      <h2>Catalogue standard</h2>
      <p>
        Justificatif de domicile, attestation de quotient familial, carnet de vaccination, attestation d’assurance, PAI,
        jugement, certificat médical. Les pièces déjà présentes sont gardées telles quelles.
      </p>
      <PostForm context={context} action={paths.standardDocumentTypes}>
        <button type="submit" class="button button--secondary">
          Ajouter les pièces du catalogue standard
        </button>
      </PostForm>
    </Layout>
  );
}
