import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { requestStatusLabel } from '../../../../requests/domain/requestStatus.js';
import type { RequiredDocument } from '../../../inscriptionDocuments.js';
import type { InscriptionOverview } from '../../../inscriptionsService.js';
import type { CatalogueService } from '../../../domain/catalogueService.js';

export const inscriptionLabels = { memberId: 'Enfant', serviceId: 'Service', schoolYearId: 'Année scolaire' };

const nameOf = (member: { firstName: string; lastName: string }) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

function documentsText(service: CatalogueService): string {
  return service.requiredDocuments.length > 0
    ? `Pièces à fournir : ${service.requiredDocuments.join(' ; ')}.`
    : 'Aucune pièce à fournir.';
}

/** The services as radio buttons, each with what it is and the documents it asks for, tied to it for screen readers. */
function ServiceChoice({ form, services }: { form: FormState; services: CatalogueService[] }) {
  const error = form.errors.serviceId;
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      aria-describedby={error ? 'champ-serviceId-erreur' : undefined}
    >
      <legend>Service (obligatoire)</legend>
      {error ? (
        <span class="field__error" id="champ-serviceId-erreur">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      {services.map((service, index) => {
        const id = index === 0 ? 'champ-serviceId' : `champ-serviceId-${service.id}`;
        return (
          <div class="choice" key={service.id}>
            <input
              type="radio"
              id={id}
              name="serviceId"
              value={service.id}
              checked={form.values.serviceId === service.id}
              aria-describedby={`${id}-aide`}
            />
            <div>
              <label for={id}>{service.name}</label>
              <span class="hint" id={`${id}-aide`}>
                {service.description ? `${service.description} ` : ''}
                {service.kind === 'vacances'
                  ? 'L’inscription vaut pour l’année scolaire ; elle permet ensuite de réserver les sessions dans « Activités vacances ». '
                  : ''}
                {documentsText(service)}
              </span>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The documents the services ask for, each for the family or a child, with its state and how to send it. */
function RequiredDocuments({
  documents,
  services,
  names,
  paths,
}: {
  documents: RequiredDocument[];
  services: CatalogueService[];
  names: Map<string, string>;
  paths: ReturnType<typeof communePaths>;
}) {
  if (documents.length === 0) return null;
  const serviceNames = (ids: string[]) =>
    services
      .filter((service) => ids.includes(service.id))
      .map((service) => service.name)
      .join(', ');
  return (
    // On a phone each document reflows to a block of labelled lines: no sideways scrolling, no scroll box.
    <table class="data reflow">
      <caption>Vos pièces justificatives</caption>
      <thead>
        <tr>
          <th scope="col">Pièce</th>
          <th scope="col">Pour</th>
          <th scope="col">Demandée par</th>
          <th scope="col">État</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((document) => {
          const who = document.memberId ? (names.get(document.memberId) ?? '') : 'La famille';
          return (
            <tr key={`${document.typeId}-${document.memberId ?? 'famille'}`}>
              <th scope="row">{document.typeName}</th>
              <td data-label="Pour">{who}</td>
              <td data-label="Demandée par">{serviceNames(document.serviceIds)}</td>
              <td data-label="État">
                {document.documentId ? (
                  <a href={paths.document(document.documentId)}>{document.stateText}</a>
                ) : (
                  document.stateText
                )}
              </td>
              <td data-label="Action">
                {document.usable ? (
                  'Sera reprise'
                ) : (
                  <a href={paths.sendDocument(document.typeId, document.memberId)}>
                    Envoyer
                    <span class="visually-hidden">
                      {' '}
                      {document.typeName} pour {who}
                    </span>
                  </a>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** « Créer une inscription »: the form, the documents each service asks for, the inscriptions held and asked. */
export function NewInscriptionPage({
  context,
  overview,
  form,
  sent,
}: {
  context: PageContext;
  overview: InscriptionOverview;
  form: FormState;
  sent: boolean;
}) {
  const paths = communePaths(context.commune!);
  const { children, services, years, enrolments, openRequests, documents } = overview;
  const names = new Map(children.map((child) => [child.id, nameOf(child)]));
  const chosen = services.find((service) => service.id === form.values.serviceId);
  const ready = children.length > 0 && services.length > 0 && years.length > 0;
  // A single year is the answer already: it comes ticked.
  const yearForm =
    years.length === 1 && !form.values.schoolYearId
      ? { ...form, values: { ...form.values, schoolYearId: years[0]!.id } }
      : form;
  // So is a single child: the family's only child comes ticked, and the form sent as shown names him.
  const childForm =
    children.length === 1 && !form.values.memberId
      ? { ...form, values: { ...form.values, memberId: children[0]!.id } }
      : form;
  return (
    <Layout context={context} title={formTitle('Créer une inscription', form)}>
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Créer une inscription</h1>
      {sent ? (
        <div class="notice notice--success" role="status">
          <p>
            Votre demande d’inscription est transmise au guichet unique. Vous serez prévenu par e-mail de sa décision ;
            vous la suivez ci-dessous et dans vos demandes.
          </p>
        </div>
      ) : null}
      <ErrorSummary form={form} labels={inscriptionLabels} />
      <p>
        Pour réserver les jours d’un service, votre enfant doit y être inscrit pour l’année scolaire. Votre demande est
        transmise au guichet unique, qui vérifie les pièces justificatives demandées par le service, puis l’accepte ou
        la refuse ; vous êtes prévenu par e-mail.
      </p>
      {ready ? (
        <PostForm context={context} action={paths.newInscription}>
          <RadioGroup
            form={childForm}
            name="memberId"
            legend="Enfant"
            options={children.map((child) => ({ value: child.id, label: nameOf(child) }))}
            required
          />
          <ServiceChoice form={form} services={services} />
          <RadioGroup
            form={yearForm}
            name="schoolYearId"
            legend="Année scolaire"
            options={years.map((year) => ({
              value: year.id,
              label: `${year.label} (du ${formatShortDay(year.startsOn)} au ${formatShortDay(year.endsOn)})`,
            }))}
            required
          />
          <h2>Pièces justificatives</h2>
          {chosen ? (
            chosen.requiredDocuments.length > 0 ? (
              <>
                <p>Pour « {chosen.name} », le guichet unique demande :</p>
                <ul>
                  {chosen.requiredDocuments.map((document) => (
                    <li key={document}>{document}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>« {chosen.name} » ne demande aucune pièce justificative.</p>
            )
          ) : (
            <p>Les pièces demandées par chaque service sont indiquées sous son nom.</p>
          )}
          <p>
            Une pièce validée par le guichet unique sert à toutes vos demandes tant qu’elle est valable : vous n’avez
            pas à la renvoyer. Les autres, envoyez-les depuis le tableau ci-dessous ; le guichet unique les vérifie
            avant d’accepter l’inscription.
          </p>
          <RequiredDocuments documents={documents} services={services} names={names} paths={paths} />
          <div class="actions">
            <button type="submit" class="button">
              Envoyer la demande
            </button>
            <a href={paths.myFamily}>Annuler</a>
          </div>
        </PostForm>
      ) : (
        <p>
          {children.length === 0 ? (
            <>
              Votre dossier famille ne compte aucun enfant.{' '}
              <a href={paths.newMember}>Ajoutez d’abord un membre du foyer</a>.
            </>
          ) : (
            'La commune ne propose aucun service ouvert aux inscriptions pour le moment. Contactez le guichet unique pour en savoir plus.'
          )}
        </p>
      )}

      <h2>Vos inscriptions</h2>
      {enrolments.length === 0 ? (
        <p>Aucun enfant de votre dossier n’est inscrit à un service.</p>
      ) : (
        // On a phone each inscription reflows to a block of labelled lines: no sideways scrolling, no scroll box.
        <table class="data reflow">
          <caption class="visually-hidden">Les inscriptions de vos enfants</caption>
          <thead>
            <tr>
              <th scope="col">Enfant</th>
              <th scope="col">Service</th>
              <th scope="col">Année scolaire</th>
            </tr>
          </thead>
          <tbody>
            {enrolments.map((line) => (
              <tr key={line.id}>
                <td data-label="Enfant">{names.get(line.memberId) ?? ''}</td>
                <td data-label="Service">{line.serviceName}</td>
                <td data-label="Année scolaire">{line.schoolYearLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>Demandes d’inscription en cours</h2>
      {openRequests.length === 0 ? (
        <p>Aucune demande d’inscription n’attend la décision du guichet unique.</p>
      ) : (
        <ul>
          {openRequests.map((request) => (
            <li key={request.id}>
              <a href={paths.request(request.id)}>{request.summary}</a> — {requestStatusLabel(request.status)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
