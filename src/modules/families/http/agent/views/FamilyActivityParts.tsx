import { Fragment } from 'preact';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatEuros } from '../../../../../shared/money.js';
import { formatMonth, formatShortDay } from '../../../../../shared/localDays.js';
import { stateText } from '../../../../documents/domain/stateText.js';
import { statusLabel as invoiceStatusLabel } from '../../../../payments/paymentWording.js';
import { requestStatusLabel } from '../../../../requests/domain/requestStatus.js';
import { personName } from '../../../../../doors/agent/views/deskParts.js';
import type { FamilyActivity } from '../familyActivity.js';
import type { FamilyMember } from '../../../familyFileService.js';

/** The latest requests the file shows; the rest are in « Demandes ». */
const SHOWN_REQUESTS = 10;

const dates = (first: string, last: string) =>
  first === last ? `le ${formatShortDay(first)}` : `du ${formatShortDay(first)} au ${formatShortDay(last)}`;

/**
 * What the family does, on its desk file: inscriptions, this month's bookings, absences, requests, invoices and
 * documents, each line linking to the page where the agent acts on it. Lists, not tables: they read the same on
 * a phone.
 */
export function FamilyActivitySection({
  context,
  familyId,
  members,
  activity,
}: {
  context: PageContext;
  familyId: string;
  members: FamilyMember[];
  activity: FamilyActivity;
}) {
  const paths = agentPaths(context.commune!);
  const nameOf = (memberId: string | null) => {
    const member = members.find((m) => m.id === memberId);
    return member ? personName(member) : 'Membre retiré du dossier';
  };
  const requests = activity.requests.slice(0, SHOWN_REQUESTS);
  return (
    <section aria-labelledby="activite" class="family-activity">
      <h2 id="activite">Ce que fait la famille</h2>

      <h3>Inscriptions</h3>
      {activity.enrolments.length === 0 ? (
        <p>Aucune inscription en cours.</p>
      ) : (
        <ul>
          {activity.enrolments.map((line) => (
            <li key={line.id}>
              {nameOf(line.memberId)} : {line.serviceName}, {line.schoolYearLabel}
            </li>
          ))}
        </ul>
      )}

      <h3>Réservations de {formatMonth(activity.month)}</h3>
      {activity.bookings.every((child) => child.services.length === 0) ? (
        <p>Aucun jour réservé ce mois-ci.</p>
      ) : (
        <ul>
          {activity.bookings.flatMap((child) =>
            child.services.map((line) => (
              <li key={`${child.member.id}-${line.serviceId}`}>
                {personName(child.member)} : {line.serviceName}, {line.days.length} jour
                {line.days.length > 1 ? 's' : ''} (
                {line.days.map((day, i) => (
                  <Fragment key={day}>
                    {i > 0 ? ', ' : ''}
                    <a href={`${paths.dayLists}?${new URLSearchParams({ jour: day, service: line.serviceId })}`}>
                      {formatShortDay(day)}
                      <span class="visually-hidden"> : liste du jour de {line.serviceName}</span>
                    </a>
                  </Fragment>
                ))}
                )
              </li>
            )),
          )}
        </ul>
      )}

      <h3>Absences signalées</h3>
      {activity.absences.length === 0 ? (
        <p>Aucune absence signalée.</p>
      ) : (
        <ul>
          {activity.absences.map((absence) => {
            const text = `${nameOf(absence.memberId)}, ${dates(absence.firstDay, absence.lastDay)}${
              absence.justified ? ', justifiée' : ''
            }${absence.requestStatus ? ` (${requestStatusLabel(absence.requestStatus).toLocaleLowerCase('fr-FR')})` : ''}`;
            return (
              <li key={absence.id}>
                {absence.requestId ? <a href={paths.request(absence.requestId)}>{text}</a> : text}
              </li>
            );
          })}
        </ul>
      )}

      <h3>Demandes</h3>
      {requests.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <ul>
          {requests.map((request) => (
            <li key={request.id}>
              <a href={paths.request(request.id)}>{request.summary}</a> — {requestStatusLabel(request.status)}
            </li>
          ))}
        </ul>
      )}
      {activity.requests.length > SHOWN_REQUESTS ? (
        <p>
          {activity.requests.length - SHOWN_REQUESTS} demande{activity.requests.length - SHOWN_REQUESTS > 1 ? 's' : ''}{' '}
          plus ancienne{activity.requests.length - SHOWN_REQUESTS > 1 ? 's' : ''} : voyez « Demandes ».
        </p>
      ) : null}

      {activity.invoices ? (
        <>
          <h3>Factures</h3>
          {activity.invoices.length === 0 ? (
            <p>Aucune facture émise.</p>
          ) : (
            <ul>
              {activity.invoices.map((invoice) => (
                <li key={invoice.id}>
                  <a href={paths.familyPayments(familyId)}>
                    Facture {invoice.number} ({invoice.periodLabel})
                  </a>{' '}
                  : {formatEuros(invoice.totalCents)}, reste à payer {formatEuros(invoice.leftToPayCents)} —{' '}
                  {invoiceStatusLabel[invoice.status]}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      {activity.documents ? (
        <>
          <h3>Pièces justificatives</h3>
          {activity.documents.length === 0 ? (
            <p>Aucune pièce demandée ni envoyée.</p>
          ) : (
            <ul>
              {activity.documents.map((line) => {
                const text = `${line.type.name}${line.member ? ` de ${personName(line.member)}` : ''} : ${stateText(
                  line.state,
                  line.required,
                )}`;
                return (
                  <li key={`${line.type.id}-${line.member?.id ?? 'famille'}`}>
                    {line.latest ? <a href={paths.document(line.latest.document.id)}>{text}</a> : text}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
