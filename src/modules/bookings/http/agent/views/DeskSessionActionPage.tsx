import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { personName } from '../../../../../doors/agent/views/deskParts.js';
import type { ActivitySession } from '../../../../services/serviceCatalogue.js';
import type { DeskSessionBooking } from '../../../sessionBookingsRepository.js';
import { sessionActions } from './DeskSessionPage.js';

export type DeskSessionAction = 'promote' | 'remove';

export const reasonLabels = { reason: 'Motif (écrit dans le mail à la famille)' };

/**
 * The step before an agent's change of a session: who, what it does, and the reason the family will
 * read in its mail. Both actions are recorded in the audit log.
 */
export function DeskSessionActionPage({
  context,
  session,
  row,
  action,
  form = emptyForm,
}: {
  context: PageContext;
  session: ActivitySession;
  row: DeskSessionBooking;
  action: DeskSessionAction;
  form?: FormState;
}) {
  const name = personName(row);
  const title = action === 'promote' ? `Inscrire ${name}` : `Retirer ${name}`;
  const target = sessionActions(context.commune!.slug, session.id)[action];
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <ErrorSummary form={form} labels={reasonLabels} />
      <dl class="facts">
        <dt>Session</dt>
        <dd>
          {session.name}, du {formatShortDay(session.startsOn)} au {formatShortDay(session.endsOn)}
        </dd>
        <dt>Dossier</dt>
        <dd>{row.reference}</dd>
        <dt>Places prises</dt>
        <dd>
          {session.booked} / {session.places}
        </dd>
      </dl>
      {action === 'promote' ? (
        <p>
          En confirmant, {name} quittera la liste d’attente et prendra une place libre de la session. La famille sera
          prévenue par e-mail.
        </p>
      ) : row.status === 'attente' ? (
        <p>En confirmant, {name} sera retiré de la liste d’attente. La famille sera prévenue par e-mail.</p>
      ) : (
        <p>
          En confirmant, la réservation de {name} sera retirée, sans être facturée à la famille, qui sera prévenue par
          e-mail. La place libérée ira d’elle-même au premier de la liste d’attente.
        </p>
      )}
      <PostForm context={context} action={target}>
        <input type="hidden" name="bookingId" value={row.id} />
        <input type="hidden" name="confirmation" value="oui" />
        <TextField
          form={form}
          name="reason"
          label={reasonLabels.reason}
          hint="Par exemple : désistement signalé par téléphone."
          required
        />
        <div class="actions">
          <button type="submit" class={action === 'promote' ? 'button' : 'button button--danger'}>
            {action === 'promote' ? 'Inscrire' : 'Retirer'}
          </button>
          <a href={agentPaths(context.commune!).session(session.id)}>Revenir à la session</a>
        </div>
      </PostForm>
    </Layout>
  );
}
