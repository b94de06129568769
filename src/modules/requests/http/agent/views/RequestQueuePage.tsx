import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { TableBox, personName } from '../../../../../doors/agent/views/deskParts.js';
import { REQUEST_STATUSES, requestStatusLabels } from '../../../domain/requestStatus.js';
import type { DeskAgent, Request } from '../../../requestsRepository.js';
import { isUnread } from '../../../domain/unread.js';
import { StatusTag } from '../../requestParts.js';
import { QUEUE_AGES, QUEUE_SIZE, type QueueQuery } from '../queueQuery.js';

export interface QueueRow {
  request: Request;
  reference: string;
  typeLabel: string;
  assignedTo: string;
}

interface Props {
  context: PageContext;
  query: QueueQuery;
  rows: QueueRow[];
  types: { type: string; label: string }[];
  agents: DeskAgent[];
}

/** One filter of the queue: a labelled list of choices. */
function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={`champ-${name}`}>{label}</label>
      <select id={`champ-${name}`} name={name}>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** « Demandes »: the requests to process, oldest first, with the desk's filters (a GET form: filtering changes nothing). */
export function RequestQueuePage({ context, query, rows, types, agents }: Props) {
  const paths = agentPaths(context.commune!);
  const { values } = query;
  const shown = rows.slice(0, QUEUE_SIZE);
  return (
    <Layout context={context} title="Demandes">
      <h1>Demandes</h1>
      <form method="get" action={paths.requests} class="filters" role="search" aria-label="Filtrer les demandes">
        <Select
          name="type"
          label="Type"
          value={values.type}
          options={[{ value: '', label: 'Tous les types' }, ...types.map((t) => ({ value: t.type, label: t.label }))]}
        />
        <Select
          name="statut"
          label="Statut"
          value={values.statut}
          options={[
            { value: 'ouvertes', label: 'Ouvertes' },
            { value: 'toutes', label: 'Toutes' },
            ...REQUEST_STATUSES.map((status) => ({ value: status, label: requestStatusLabels[status] })),
          ]}
        />
        <Select
          name="anciennete"
          label="Déposées depuis plus de"
          value={values.anciennete}
          options={QUEUE_AGES.map((days) => ({
            value: String(days),
            label: days === 0 ? 'Peu importe' : `${days} jours`,
          }))}
        />
        <Select
          name="attribuee"
          label="Attribuées"
          value={values.attribuee}
          options={[
            { value: '', label: 'Toutes' },
            { value: 'moi', label: 'À moi' },
            { value: 'personne', label: 'Non attribuées' },
            ...agents.map((agent) => ({ value: agent.id, label: `À ${personName(agent)}` })),
          ]}
        />
        <div class="field">
          <div class="choice">
            <input type="checkbox" id="champ-nonlues" name="nonlues" value="oui" checked={values.nonlues === 'oui'} />
            <label for="champ-nonlues">Non lues seulement</label>
          </div>
        </div>
        <button type="submit" class="button">
          Filtrer
        </button>
      </form>
      <h2>Demandes à traiter</h2>
      {shown.length === 0 ? (
        <p>Aucune demande ne correspond à ces filtres.</p>
      ) : (
        <>
          <p>
            {rows.length > QUEUE_SIZE
              ? `Les ${QUEUE_SIZE} demandes les plus anciennes sont affichées : traitez-les ou précisez les filtres pour voir les suivantes.`
              : `${shown.length} demande${shown.length > 1 ? 's' : ''}, les plus anciennes en premier.`}
          </p>
          <TableBox label="Demandes">
            <table class="data">
              <caption class="visually-hidden">
                Demandes correspondant aux filtres, les plus anciennes en premier
              </caption>
              <thead>
                <tr>
                  <th scope="col">Demande</th>
                  <th scope="col">Dossier</th>
                  <th scope="col">Type</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Déposée le</th>
                  <th scope="col">Attribuée à</th>
                </tr>
              </thead>
              <tbody>
                {shown.map(({ request, reference, typeLabel, assignedTo }) => (
                  <tr key={request.id}>
                    <td>
                      <a href={paths.request(request.id)}>{request.summary}</a>
                      {isUnread(request) ? (
                        <>
                          <br />
                          <span class="unread">Message non lu</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <a href={paths.family(request.familyId)}>{reference}</a>
                    </td>
                    <td>{typeLabel}</td>
                    <td>
                      <StatusTag status={request.status} />
                    </td>
                    <td>{formatLocalDate(request.createdAt)}</td>
                    <td>{assignedTo}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}
    </Layout>
  );
}
