import { Layout } from '../../../../../platform/views/Layout.js';
import { Breadcrumb } from '../../../../../platform/views/components/Breadcrumb.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import {
  REQUEST_STATUSES,
  type RequestStatus,
  requestStatusLabel,
  requestStatusLabels,
} from '../../../domain/requestStatus.js';
import type { Request } from '../../../requestsRepository.js';
import { StatusTag } from '../../requestParts.js';

/** « Dernières demandes »: every request of the family, newest first, filtered by status with a plain GET form. */
export function MyRequestsPage({
  context,
  requests,
  status,
}: {
  context: PageContext;
  requests: Request[];
  status: RequestStatus | null;
}) {
  const paths = communePaths(context.commune!);
  const title = status
    ? `Dernières demandes : ${requestStatusLabel(status).toLocaleLowerCase('fr-FR')}`
    : 'Dernières demandes';
  return (
    <Layout context={context} title={title}>
      <Breadcrumb
        trail={[{ href: communePaths(context.commune!).dashboard, label: 'Mon tableau de bord' }]}
        current="Dernières demandes"
      />
      <h1>Dernières demandes</h1>
      <p>
        Vos demandes au guichet unique, les plus récentes en premier. Ouvrez-en une pour suivre son avancement, lire les
        messages et répondre.
      </p>
      <form method="get" action={paths.requests} class="filters" role="search" aria-label="Filtrer les demandes">
        <div class="field">
          <label for="champ-statut">Statut</label>
          <select id="champ-statut" name="statut">
            <option value="" selected={status === null}>
              Toutes
            </option>
            {REQUEST_STATUSES.map((value) => (
              <option key={value} value={value} selected={status === value}>
                {requestStatusLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          Filtrer
        </button>
      </form>
      {requests.length === 0 ? (
        <p>
          {status
            ? `Aucune demande n’a le statut « ${requestStatusLabel(status)} ».`
            : 'Vous n’avez encore fait aucune demande. Quand un changement de votre dossier famille doit être validé par le guichet unique, vous le suivez ici.'}
        </p>
      ) : (
        <>
          <p>
            {requests.length} demande{requests.length > 1 ? 's' : ''}
            {status ? ` avec le statut « ${requestStatusLabel(status)} »` : ''}.
          </p>
          {/* On a phone each request reflows to a block of labelled lines: no sideways scrolling, no scroll box. */}
          <table class="data reflow">
            <caption class="visually-hidden">Vos demandes, les plus récentes en premier</caption>
            <thead>
              <tr>
                <th scope="col">Demande</th>
                <th scope="col">Statut</th>
                <th scope="col">Déposée le</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <td data-label="Demande">
                    <a href={paths.request(request.id)}>{request.summary}</a>
                  </td>
                  <td data-label="Statut">
                    <StatusTag status={request.status} />
                  </td>
                  <td data-label="Déposée le">{formatLocalDate(request.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <a href={paths.dashboard}>Retour à mon tableau de bord</a>
      </p>
    </Layout>
  );
}
