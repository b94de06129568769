import { PostForm } from '../../../../../platform/views/components/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatDay, formatShortDay, type LocalDay, type LocalMonth } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { FamilyPrices } from '../../../../billing/familyPrices.js';
import type { ReservationSummary } from '../../../bookingService.js';
import { cellKey } from '../../../domain/cells.js';
import { encodeWanted } from '../reservationForms.js';
import { actionText, childName, conditionsText, serviceName } from './reservationParts.js';

export interface SkippedDay {
  day: LocalDay;
  serviceId: string;
  label: string;
}

/**
 * The summary of the changes asked, as the server priced them: each change with its conditions (a
 * late one with its majoration, a late cancellation that stays billable, a day cancelled late put
 * back without majoration), the refusals with their reason, the closed days a semaine type skipped.
 * « Confirmer » sends back the cells and the plan seen; the server plans again and writes only that plan.
 */
export function ReservationSummaryPage(props: {
  context: PageContext;
  summary: ReservationSummary;
  month: LocalMonth;
  skipped?: SkippedDay[];
  changed?: boolean;
  prices?: FamilyPrices;
}) {
  const { context, summary, month, skipped = [], changed, prices } = props;
  const paths = communePaths(context.commune!);
  const { member, services } = summary;
  const name = childName(member);
  // Each booked day at the family's tariff, its majoration on that price: what the invoice will say.
  const priced = summary.changes.map((change) => {
    const service = services.get(change.serviceId);
    if (!prices || !service || change.action === 'cancel') return null;
    return prices.unit(change.day, service, change.unit, change.majorationCents > 0);
  });
  const totalMajorationCents = prices
    ? priced.reduce((total, price) => total + (price?.majorationCents ?? 0), 0)
    : summary.totalMajorationCents;
  const totalPriceCents = priced.reduce((total, price) => total + (price?.unitPriceCents ?? 0), 0);
  const withoutQf = priced.some((price) => price?.withoutQf);
  return (
    <Layout context={context} title={`Récapitulatif des réservations de ${name}`}>
      <p>
        <a href={paths.memberReservations(member.id, month)}>Retour au calendrier</a>
      </p>
      <h1>Récapitulatif des réservations de {name}</h1>
      {changed ? (
        <div class="notice notice--error" role="alert">
          <p>
            Rien n’a été enregistré : depuis votre récapitulatif, une date limite est passée ou un jour est devenu
            complet. Voici le récapitulatif à jour ; vérifiez-le avant de confirmer.
          </p>
        </div>
      ) : null}
      {summary.changes.length === 0 ? (
        <p>
          Aucune modification à enregistrer : les jours demandés sont déjà dans cet état
          {summary.refusals.length > 0 ? ', ou ne peuvent pas être modifiés (voir ci-dessous)' : ''}.
        </p>
      ) : (
        <>
          <p>
            {summary.changes.length} modification{summary.changes.length > 1 ? 's' : ''} à confirmer. Rien n’est
            enregistré avant que vous cliquiez sur « Confirmer ».
          </p>
          <table class="data reflow">
            <caption>Modifications à confirmer</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Service</th>
                <th scope="col">Modification</th>
                <th scope="col">Conditions</th>
                {prices ? <th scope="col">Prix</th> : null}
              </tr>
            </thead>
            <tbody>
              {summary.changes.map((change, index) => {
                const price = priced[index];
                return (
                  <tr key={cellKey(change)}>
                    <th scope="row">{formatDay(change.day)}</th>
                    <td data-label="Service">{serviceName(services, change.serviceId)}</td>
                    <td data-label="Modification">{actionText(services.get(change.serviceId), change)}</td>
                    <td data-label="Conditions">{conditionsText(change, price ? price.majorationCents : undefined)}</td>
                    {prices ? (
                      <td data-label="Prix">
                        {price
                          ? `${formatEuros(price.unitPriceCents)}${price.majorationCents > 0 ? ` + ${formatEuros(price.majorationCents)} de majoration` : ''}`
                          : '—'}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {prices ? (
            <p>
              Prix des jours réservés, au tarif de votre famille : {formatEuros(totalPriceCents)}.
              {withoutQf ? <strong> QF non fourni : tarif maximal.</strong> : null}
            </p>
          ) : null}
          <p>
            <strong>Total des majorations : {formatEuros(totalMajorationCents)}</strong>
          </p>
          {summary.changes.some((change) => change.lateCancelled?.effect === 'restore') ? (
            <p>
              Une réservation annulée après la date limite reste facturée : réserver à nouveau le même jour rétablit
              cette réservation, au même prix et sans majoration.
            </p>
          ) : null}
        </>
      )}
      {summary.refusals.length > 0 ? (
        <>
          <h2>Modifications impossibles, non enregistrées</h2>
          <ul>
            {summary.refusals.map((refusal) => (
              <li key={cellKey(refusal)}>
                {formatDay(refusal.day)} — {serviceName(services, refusal.serviceId)} : {refusal.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {skipped.length > 0 ? <SkippedDays summary={summary} skipped={skipped} /> : null}
      {summary.changes.length > 0 ? (
        <PostForm context={context} action={paths.confirmReservations(member.id)}>
          <input type="hidden" name="mois" value={month} />
          <input type="hidden" name="voulu" value={encodeWanted(summary.wanted)} />
          <input type="hidden" name="apercu" value={summary.fingerprint} />
          <div class="actions">
            <button type="submit" class="button">
              Confirmer
            </button>
            <button type="submit" class="button button--secondary" formAction={paths.editReservations(member.id)}>
              Modifier encore
            </button>
          </div>
        </PostForm>
      ) : null}
    </Layout>
  );
}

/** The days a semaine type left out because the service is closed, grouped by reason. */
function SkippedDays({ summary, skipped }: { summary: ReservationSummary; skipped: SkippedDay[] }) {
  const byLabel = new Map<string, SkippedDay[]>();
  for (const day of skipped) byLabel.set(day.label, [...(byLabel.get(day.label) ?? []), day]);
  return (
    <>
      <h2>Jours fermés, ignorés</h2>
      <ul>
        {[...byLabel].map(([label, days]) => (
          <li key={label}>
            {label} : {[...new Set(days.map((day) => day.day))].map(formatShortDay).join(', ')} (
            {[...new Set(days.map((day) => serviceName(summary.services, day.serviceId)))].join(', ')})
          </li>
        ))}
      </ul>
    </>
  );
}
