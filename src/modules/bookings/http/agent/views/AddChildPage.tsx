import type { FieldErrors } from '../../../../../platform/http/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, PostForm } from '../../../../../platform/views/components/forms.js';
import { formatDay, formatShortDay, type LocalDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox, personName } from '../../../../../doors/agent/views/deskParts.js';
import { describeMajoration, majorationAmount } from '../../../../services/domain/majoration.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { ChildToAdd } from '../../../attendanceService.js';
import type { PageNotice } from './AttendancePage.js';

interface Props {
  context: PageContext;
  service: CatalogueService;
  day: LocalDay;
  name: string;
  results: ChildToAdd[] | null;
  errors?: FieldErrors;
  notice?: PageNotice | null;
}

/** « Ajouter un enfant présent sans réservation »: find the child by name, then mark them present (a billable booking). */
export function AddChildPage({ context, service, day, name, results, errors = {}, notice }: Props) {
  const paths = agentPaths(context.commune!);
  const action = `${paths.attendance}/ajouter`;
  const back = `${paths.attendance}?${new URLSearchParams({ jour: day, service: service.id })}`;
  const unit = service.units[0];
  const majoration = unit ? majorationAmount(unit.priceCents, service.majoration) : 0;
  const error = errors.nom;
  const title = 'Ajouter un enfant présent sans réservation';
  return (
    <Layout context={context} title={error ? `Erreur : ${title}` : title}>
      <p>
        <a href={back}>Retour au pointage</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary form={{ values: { nom: name }, errors }} labels={{ nom: 'Nom ou prénom de l’enfant' }} />
      {notice ? (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <p>
        {service.name}, {formatDay(day)}.{' '}
        {unit
          ? `L’enfant est marqué présent et une réservation « ${unit.label} » est créée : ${formatEuros(unit.priceCents)} avec la majoration ${describeMajoration(service.majoration)} (${formatEuros(majoration)}), facturée à la famille.`
          : null}
      </p>
      <p>
        Seul un enfant inscrit à ce service pour l’année scolaire peut être ajouté. Si sa réservation de ce jour a été
        annulée hors délai, elle est rétablie telle qu’elle était, sans nouvelle majoration : la journée n’est facturée
        qu’une fois.
      </p>
      <form method="get" action={action} class="filters" role="search" aria-label="Chercher un enfant">
        <input type="hidden" name="jour" value={day} />
        <input type="hidden" name="service" value={service.id} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for="champ-nom">Nom ou prénom de l’enfant</label>
          {error ? (
            <span class="field__error" id="champ-nom-erreur">
              <span class="visually-hidden">Erreur : </span>
              {error}
            </span>
          ) : null}
          <input
            id="champ-nom"
            name="nom"
            type="search"
            value={name}
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'champ-nom-erreur' : undefined}
          />
        </div>
        <button type="submit" class="button">
          Rechercher
        </button>
      </form>
      {results === null ? null : results.length === 0 ? (
        <p>
          Aucun enfant de la commune ne correspond à « {name} ». Vérifiez l’orthographe, ou essayez avec une partie du
          nom.
        </p>
      ) : (
        <TableBox label="Enfants trouvés">
          <table class="data">
            <caption class="visually-hidden">Enfants correspondant à « {name} »</caption>
            <thead>
              <tr>
                <th scope="col">Enfant</th>
                <th scope="col">Date de naissance</th>
                <th scope="col">École et classe</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {results.map((child) => (
                <tr key={child.memberId}>
                  <th scope="row">{personName(child)}</th>
                  <td>{formatShortDay(child.birthDate)}</td>
                  <td>{[child.schoolName, child.schoolClass].filter(Boolean).join(', ') || '—'}</td>
                  <td>
                    {child.enrolled ? (
                      <PostForm context={context} action={action} class="inline-form">
                        <input type="hidden" name="jour" value={day} />
                        <input type="hidden" name="service" value={service.id} />
                        <input type="hidden" name="memberId" value={child.memberId} />
                        <button type="submit" class="button">
                          Marquer présent<span class="visually-hidden"> : {personName(child)}</span>
                        </button>
                      </PostForm>
                    ) : (
                      'Pas d’inscription à ce service : elle se demande au guichet unique.'
                    )}
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
