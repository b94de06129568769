import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatEuros } from '../../../../../shared/money.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { ActivitySession } from '../../../serviceCatalogue.js';
import type { CatalogueService } from '../../../domain/catalogueService.js';
import { settingsPaths } from '../settingsPaths.js';
import { dayRange } from './settingsParts.js';

export interface SessionRow {
  session: ActivitySession;
  serviceName: string;
  /** Not every day of it falls in the calendar's school holidays. */
  outsideHolidays: boolean;
}

/** « 12 places prises sur 24 (12 libres) » */
export function placesInWords(session: Pick<ActivitySession, 'places' | 'booked'>): string {
  const left = Math.max(0, session.places - session.booked);
  return `${session.booked} prise${session.booked > 1 ? 's' : ''} sur ${session.places} (${left === 0 ? 'complet' : `${left} libre${left > 1 ? 's' : ''}`})`;
}

/** « Sessions »: the holiday activity sessions with their places taken and left. */
export function SessionsPage({
  context,
  rows,
  services,
}: {
  context: PageContext;
  rows: SessionRow[];
  services: CatalogueService[];
}) {
  const commune = context.commune!;
  const paths = settingsPaths(commune);
  const desk = agentPaths(commune);
  const several = services.length > 1;
  return (
    <Layout context={context} title="Activités vacances : sessions">
      <h1>Activités vacances : sessions</h1>
      <SettingsNav context={context} current="sessions" />
      {services.length === 0 ? (
        <Notice kind="info">
          <p>
            La commune n’a pas de service d’activités vacances : mettez-le en place dans{' '}
            <a href={paths.services}>Services</a> avant de créer des sessions.
          </p>
        </Notice>
      ) : (
        <p>
          <a href={paths.newSession} class="button">
            Créer une session
          </a>
        </p>
      )}
      {rows.length === 0 ? (
        <p>Aucune session pour l’instant.</p>
      ) : (
        <TableBox label="Les sessions">
          <table class="data">
            <caption class="visually-hidden">Les sessions des activités vacances, avec leurs places</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                {several ? <th scope="col">Service</th> : null}
                <th scope="col">Dates</th>
                <th scope="col">Âges</th>
                <th scope="col">Places</th>
                <th scope="col">Prix</th>
                <th scope="col">Réservations</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ session, serviceName, outsideHolidays }) => (
                <tr key={session.id}>
                  <th scope="row">
                    <a href={paths.session(session.id)}>{session.name}</a>
                  </th>
                  {several ? <td>{serviceName}</td> : null}
                  <td>
                    {dayRange(session.startsOn, session.endsOn)}
                    {outsideHolidays ? (
                      <strong class="pending">Pas entièrement pendant les vacances scolaires</strong>
                    ) : null}
                  </td>
                  <td>
                    {session.minAge} à {session.maxAge} ans
                  </td>
                  <td>{placesInWords(session)}</td>
                  <td>{formatEuros(session.priceCents)}</td>
                  <td>
                    <a href={desk.session(session.id)}>
                      Inscrits et liste d’attente<span class="visually-hidden"> de « {session.name} »</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
    </Layout>
  );
}
