import { Layout } from '../../../../../platform/views/Layout.js';
import { Card, CardGrid } from '../../../../../platform/views/components/Card.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import type { Request } from '../../../requestsRepository.js';
import { StatusTag } from '../../requestParts.js';

/** How many requests the dashboard shows; the list page has them all. */
export const DASHBOARD_REQUESTS = 5;

/** « Mon tableau de bord »: the family's latest requests and the way to its contact details. */
export function DashboardPage({ context, latest, total }: { context: PageContext; latest: Request[]; total: number }) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title="Mon tableau de bord">
      <h1>Mon tableau de bord</h1>
      <CardGrid>
        <Card id="dernieres-demandes" icon="list" title="Dernières demandes" class="card--wide">
          {latest.length === 0 ? (
            <p>
              Vous n’avez encore fait aucune demande. Quand un changement de votre dossier famille doit être validé par
              le guichet unique, vous le suivez ici.
            </p>
          ) : (
            <>
              <ul class="plain">
                {latest.map((request) => (
                  <li key={request.id}>
                    <a href={paths.request(request.id)}>{request.summary}</a> <StatusTag status={request.status} />{' '}
                    <span class="meta">déposée le {formatLocalDate(request.createdAt)}</span>
                  </li>
                ))}
              </ul>
              <p>
                <a href={paths.requests}>
                  {total > latest.length
                    ? `Voir toutes mes demandes (${total})`
                    : 'Voir mes demandes et filtrer par statut'}
                </a>
              </p>
            </>
          )}
        </Card>
        <Card id="mes-factures" icon="euro" title="Mes factures">
          <p>Vos factures, ce qu’il vous reste à payer, votre quotient familial et comment payer au guichet unique.</p>
          <p>
            <a href={paths.myInvoices}>Voir mes factures</a>
          </p>
        </Card>
        <Card id="pieces-justificatives" icon="document" title="Pièces justificatives">
          <p>
            Vos justificatifs (domicile, assurance, vaccinations…) : envoyez-les une fois, ils servent à toutes vos
            demandes.
          </p>
          <p>
            <a href={paths.documents}>Voir et envoyer mes pièces justificatives</a>
          </p>
        </Card>
        <Card id="coordonnees" icon="user" title="Coordonnées">
          <p>Votre adresse, vos numéros de téléphone, votre adresse e-mail et le moyen de contact que vous préférez.</p>
          <p>
            <a href={paths.contactDetails}>Voir et modifier mes coordonnées</a>
          </p>
        </Card>
      </CardGrid>
    </Layout>
  );
}
