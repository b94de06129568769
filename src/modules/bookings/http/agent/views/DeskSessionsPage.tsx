import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatShortDay, localDayOf } from '../../../../../shared/localDays.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { ActivitySession } from '../../../../services/serviceCatalogue.js';

export interface DeskSessionRow {
  session: ActivitySession;
  waiting: number;
}

function SessionsTable({ context, rows, caption }: { context: PageContext; rows: DeskSessionRow[]; caption: string }) {
  const paths = agentPaths(context.commune!);
  return (
    <TableBox label={caption}>
      <table class="data">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Dates</th>
            <th scope="col">Âges</th>
            <th scope="col">Places prises</th>
            <th scope="col">En attente</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ session, waiting }) => (
            <tr key={session.id}>
              <td>
                <a href={paths.session(session.id)}>{session.name}</a>
              </td>
              <td>
                {formatShortDay(session.startsOn)} – {formatShortDay(session.endsOn)}
              </td>
              <td>
                {session.minAge} – {session.maxAge} ans
              </td>
              <td>
                {session.booked} / {session.places}
              </td>
              <td>{waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

/** « Sessions des activités vacances »: each session with its places taken and its waiting list's length. */
export function DeskSessionsPage({ context, rows }: { context: PageContext; rows: DeskSessionRow[] }) {
  const today = localDayOf(context.now);
  const coming = rows.filter((row) => row.session.endsOn >= today);
  const past = rows.filter((row) => row.session.endsOn < today).reverse();
  return (
    <Layout context={context} title="Sessions des activités vacances">
      <h1>Sessions des activités vacances</h1>
      <p>
        Les réservations et les listes d’attente de chaque session. Ouvrez une session pour inscrire un enfant de la
        liste d’attente ou retirer une réservation.
      </p>
      <h2>Sessions à venir ou en cours</h2>
      {coming.length === 0 ? (
        <p>Aucune session à venir.</p>
      ) : (
        <SessionsTable context={context} rows={coming} caption="Sessions à venir ou en cours" />
      )}
      {past.length > 0 ? (
        <>
          <h2>Sessions passées</h2>
          <SessionsTable context={context} rows={past} caption="Sessions passées" />
        </>
      ) : null}
    </Layout>
  );
}
