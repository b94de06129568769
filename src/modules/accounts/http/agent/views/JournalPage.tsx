import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary } from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import type { AuditEvent } from '../../../../audit/auditLog.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { JOURNAL_PAGE_SIZE, type JournalFilters, journalActions } from '../journalQuery.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { JournalNames, SubjectText } from '../journalNames.js';
import { wordingOf } from '../journalWording.js';

const actorKinds: Record<string, string> = {
  agent: 'Agent',
  citizen: 'Famille',
  system: 'Système',
  anonymous: 'Inconnu',
};
function SubjectCell({ subject }: { subject: SubjectText | null }) {
  if (!subject) return null;
  return subject.href ? <a href={subject.href}>{subject.text}</a> : <>{subject.text}</>;
}

const labels = { texte: 'Rechercher', action: 'Type d’action', du: 'Du', au: 'Au' };

/** The audit log (SECURITY.md "Every request"): who, what, when, from where; newest first, 100 a page. */
export function JournalPage({
  context,
  filters,
  events,
  names,
}: {
  context: PageContext;
  filters: JournalFilters;
  events: AuditEvent[];
  /** The names behind the events' ids. */
  names: JournalNames;
}) {
  const paths = agentPaths(context.commune!);
  const shown = events.slice(0, JOURNAL_PAGE_SIZE);
  const hasNext = events.length > JOURNAL_PAGE_SIZE;
  const pageLink = (page: number) => {
    const query = new URLSearchParams({ ...filters.values, page: String(page) });
    return `${paths.journal}?${query}`;
  };
  const form = { values: filters.values, errors: filters.errors };
  const field = (name: 'texte' | 'du' | 'au', hint?: string) => {
    const id = `champ-${name}`;
    const error = filters.errors[name];
    const described = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div class={error ? 'field field--error' : 'field'}>
        <label for={id}>{labels[name]}</label>
        {hint ? (
          <span class="hint" id={`${id}-aide`}>
            {hint}
          </span>
        ) : null}
        {error ? (
          <span class="field__error" id={`${id}-erreur`}>
            <span class="visually-hidden">Erreur : </span>
            {error}
          </span>
        ) : null}
        {name === 'texte' ? (
          <input id={id} name={name} type="search" value={filters.values[name]} aria-describedby={described} />
        ) : (
          <input
            id={id}
            name={name}
            type="text"
            value={filters.values[name]}
            class="input--short"
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
          />
        )}
      </div>
    );
  };
  return (
    <Layout
      context={context}
      title={
        Object.keys(filters.errors).length
          ? 'Erreur : Journal'
          : filters.page > 1
            ? `Journal, page ${filters.page}`
            : 'Journal'
      }
    >
      <h1>Journal</h1>
      <p>
        Les connexions et les actes enregistrés (comptes, Clés Enfance, dossiers, demandes, pièces, facturation…), les
        plus récents en premier. Heures de Paris.
      </p>
      <ErrorSummary form={form} labels={labels} />
      <form method="get" action={paths.journal} class="form" role="search">
        {field('texte', 'Une adresse e-mail, une action (« connexion »), une adresse IP, ou une partie.')}
        <div class="field">
          <label for="champ-action">{labels.action}</label>
          <select id="champ-action" name="action">
            {journalActions.map((action) => (
              <option key={action.value} value={action.value} selected={action.value === filters.values.action}>
                {action.label}
              </option>
            ))}
          </select>
        </div>
        {field('du', 'JJ/MM/AAAA')}
        {field('au', 'JJ/MM/AAAA, inclus')}
        <button type="submit" class="button">
          Filtrer
        </button>
      </form>
      <h2>Événements</h2>
      {shown.length === 0 ? (
        <p>Aucun événement ne correspond.</p>
      ) : (
        <TableBox label="Événements du journal">
          <table class="data">
            <caption class="visually-hidden">Événements du journal, page {filters.page}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Auteur</th>
                <th scope="col">Action</th>
                <th scope="col">Objet</th>
                <th scope="col">Adresse</th>
                <th scope="col">Détails</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((event) => (
                <tr key={event.id}>
                  <td>{formatLocalDateTime(event.at)}</td>
                  <td>
                    {actorKinds[event.actorKind] ?? event.actorKind}
                    {names.actor(event) ? ` : ${names.actor(event)}` : ''}
                    {event.actorLabel ? `${names.actor(event) ? ' — ' : ' : '}${event.actorLabel}` : ''}
                  </td>
                  <td>{wordingOf(event.action)}</td>
                  <td>
                    <SubjectCell subject={names.subject(event)} />
                  </td>
                  <td>{event.ip}</td>
                  <td>{names.details(event)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {filters.page > 1 || hasNext ? (
        <nav aria-label="Pages du journal">
          <ul class="pager">
            {filters.page > 1 ? (
              <li>
                <a href={pageLink(filters.page - 1)}>Page précédente</a>
              </li>
            ) : null}
            <li aria-current="page">Page {filters.page}</li>
            {hasNext ? (
              <li>
                <a href={pageLink(filters.page + 1)}>Page suivante</a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}
