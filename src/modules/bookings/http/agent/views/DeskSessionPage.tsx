import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox, personName } from '../../../../../doors/agent/views/deskParts.js';
import { dietLabel } from '../../../../families/domain/diets.js';
import { ageAtSession, placesLeft } from '../../../domain/sessionRules.js';
import type { DeskSessionBooking } from '../../../sessionBookingsRepository.js';
import type { DeskSessionView } from '../../../sessionBookingService.js';

export interface DeskNotice {
  kind: 'success' | 'error' | 'info';
  text: string;
}

/** The addresses of the session page's two actions. */
export const sessionActions = (slug: string, sessionId: string) => {
  const base = agentPaths({ slug }).session(sessionId);
  return { promote: `${base}/inscrire`, remove: `${base}/retirer` };
};

/** The child's file: a link for whoever may open family files. */
function FileCell({ context, row, linkFiles }: { context: PageContext; row: DeskSessionBooking; linkFiles: boolean }) {
  return linkFiles ? (
    <a href={agentPaths(context.commune!).family(row.familyId)}>{row.reference}</a>
  ) : (
    <>{row.reference}</>
  );
}

function ActionButton({
  context,
  action,
  row,
  label,
}: {
  context: PageContext;
  action: string;
  row: DeskSessionBooking;
  label: string;
}) {
  return (
    <PostForm context={context} action={action} class="inline-form">
      <input type="hidden" name="bookingId" value={row.id} />
      <button type="submit" class="button button--secondary">
        {label}
        <span class="visually-hidden"> : {personName(row)}</span>
      </button>
    </PostForm>
  );
}

function BookingNote({ row }: { row: DeskSessionBooking }) {
  const parts: ComponentChildren[] = [`le ${formatLocalDate(row.createdAt)}`];
  if (row.late)
    parts.push(`, hors délai : majoration ${row.majorationRule ?? ''} (${formatEuros(row.majorationCents)})`);
  if (row.promotedAt) parts.push(`, place attribuée le ${formatLocalDate(row.promotedAt)}`);
  return <>{parts}</>;
}

/**
 * A session at the guichet: its places, the children who hold one (with the diet and PAI flags the
 * staff need), the waiting list in order, and the cancellations (a late one stays billable).
 */
export function DeskSessionPage({
  context,
  view,
  notice,
  linkFiles,
}: {
  context: PageContext;
  view: DeskSessionView;
  notice?: DeskNotice;
  linkFiles: boolean;
}) {
  const { session, placed, waiting, cancelled } = view;
  const actions = sessionActions(context.commune!.slug, session.id);
  const free = placesLeft(session);
  return (
    <Layout context={context} title={`Session ${session.name}`}>
      <h1>{session.name}</h1>
      {notice ? (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>Dates</dt>
        <dd>
          du {formatShortDay(session.startsOn)} au {formatShortDay(session.endsOn)}
        </dd>
        <dt>Âges</dt>
        <dd>
          de {session.minAge} à {session.maxAge} ans le premier jour
        </dd>
        <dt>Tarif</dt>
        <dd>{formatEuros(session.priceCents)}</dd>
        <dt>Places prises</dt>
        <dd>
          {session.booked} / {session.places} (
          {free === 0 ? 'complet' : free === 1 ? '1 place libre' : `${free} places libres`})
        </dd>
        <dt>En attente</dt>
        <dd>{waiting.length}</dd>
      </dl>

      <h2>Inscrits ({placed.length})</h2>
      {placed.length === 0 ? (
        <p>Aucun enfant n’est inscrit.</p>
      ) : (
        <TableBox label="Enfants inscrits">
          <table class="data">
            <caption class="visually-hidden">Enfants inscrits à la session, par ordre de réservation</caption>
            <thead>
              <tr>
                <th scope="col">Enfant</th>
                <th scope="col">Âge</th>
                <th scope="col">Dossier</th>
                <th scope="col">Régime</th>
                <th scope="col">PAI</th>
                <th scope="col">Réservation</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {placed.map((row) => (
                <tr key={row.id}>
                  <td>{personName(row)}</td>
                  <td>{ageAtSession(row.birthDate, session)} ans</td>
                  <td>
                    <FileCell context={context} row={row} linkFiles={linkFiles} />
                  </td>
                  <td>{dietLabel(row.diet)}</td>
                  <td>{row.pai ? 'Oui' : 'Non'}</td>
                  <td>
                    <BookingNote row={row} />
                  </td>
                  <td>
                    <ActionButton context={context} action={actions.remove} row={row} label="Retirer" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}

      <h2>Liste d’attente ({waiting.length})</h2>
      {waiting.length === 0 ? (
        <p>Personne n’attend une place.</p>
      ) : (
        <>
          {free === 0 ? (
            <p>
              Aucune place n’est libre : pour inscrire un enfant de la liste d’attente, retirez d’abord une réservation
              (la place libérée va alors d’elle-même au premier de la liste).
            </p>
          ) : (
            <p>
              Une place libérée va d’elle-même au premier de la liste ; « Inscrire » donne une place libre à l’enfant de
              votre choix.
            </p>
          )}
          <TableBox label="Liste d’attente">
            <table class="data">
              <caption class="visually-hidden">Liste d’attente de la session, dans l’ordre</caption>
              <thead>
                <tr>
                  <th scope="col">Position</th>
                  <th scope="col">Enfant</th>
                  <th scope="col">Âge</th>
                  <th scope="col">Dossier</th>
                  <th scope="col">Régime</th>
                  <th scope="col">PAI</th>
                  <th scope="col">Demande</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((row, index) => (
                  <tr key={row.id}>
                    <td>{index + 1}</td>
                    <td>{personName(row)}</td>
                    <td>{ageAtSession(row.birthDate, session)} ans</td>
                    <td>
                      <FileCell context={context} row={row} linkFiles={linkFiles} />
                    </td>
                    <td>{dietLabel(row.diet)}</td>
                    <td>{row.pai ? 'Oui' : 'Non'}</td>
                    <td>
                      <BookingNote row={row} />
                    </td>
                    <td>
                      <div class="actions">
                        {free > 0 ? (
                          <ActionButton context={context} action={actions.promote} row={row} label="Inscrire" />
                        ) : null}
                        <ActionButton context={context} action={actions.remove} row={row} label="Retirer" />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}

      {cancelled.length > 0 ? (
        <>
          <h2>Annulations ({cancelled.length})</h2>
          <TableBox label="Annulations">
            <table class="data">
              <caption class="visually-hidden">Réservations annulées de la session</caption>
              <thead>
                <tr>
                  <th scope="col">Enfant</th>
                  <th scope="col">Dossier</th>
                  <th scope="col">Annulée le</th>
                  <th scope="col">Facturée</th>
                </tr>
              </thead>
              <tbody>
                {cancelled.map((row) => (
                  <tr key={row.id}>
                    <td>{personName(row)}</td>
                    <td>
                      <FileCell context={context} row={row} linkFiles={linkFiles} />
                    </td>
                    <td>{row.cancelledAt ? formatLocalDate(row.cancelledAt) : ''}</td>
                    <td>{row.cancelledLate ? 'Oui (annulation hors délai)' : 'Non'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      ) : null}

      <p>
        <a href={agentPaths(context.commune!).sessions}>Retour aux sessions</a>
      </p>
    </Layout>
  );
}
