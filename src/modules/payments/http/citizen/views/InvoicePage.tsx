import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatDay, formatShortDay } from '../../../../../shared/localDays.js';
import type { InvoiceStatus } from '../../../domain/invoiceStatus.js';
import type { InvoiceView } from '../../../invoiceView.js';
import { appealNotice, meansLabel } from '../../../paymentWording.js';
import { InvoiceStatusTag, PayAtDesk, euros } from '../../invoiceParts.js';
import { invoicePaths } from '../../paymentPaths.js';
import { type PayOnlineState, PayOnlinePanel } from '../../../../onlinePayments/http/citizen/PayOnlinePanel.js';

/** An invoice's page: the bases of its calculation by child and service, its amounts, its payments, its PDF. */
export function InvoicePage({
  context,
  invoice,
  status,
  pdfSize,
  online,
}: {
  context: PageContext;
  invoice: InvoiceView;
  status: InvoiceStatus;
  pdfSize: string;
  /** « Payer en ligne »: offered or not, and why the last try failed. */
  online: PayOnlineState;
}) {
  const commune = context.commune!;
  const paths = invoicePaths(commune);
  const { quotient } = invoice;
  return (
    <Layout context={context} title={`Facture ${invoice.number}`}>
      <h1>Facture n° {invoice.number}</h1>
      <p>
        <InvoiceStatusTag status={status} /> {invoice.period.label}, émise le {formatDay(invoice.issuedOn)} par la{' '}
        {invoice.issuer.regie.charAt(0).toLocaleLowerCase('fr-FR') + invoice.issuer.regie.slice(1)} de{' '}
        {invoice.issuer.communeName}.
      </p>
      <p>
        <a href={paths.pdf(invoice.id)} download>
          Télécharger la facture (PDF, {pdfSize})
        </a>
      </p>
      <section aria-labelledby="montants" class="file-section">
        <h2 id="montants">Montants</h2>
        <dl class="facts">
          <dt>Total de la facture</dt>
          <dd>{euros(invoice.totalCents)}</dd>
          <dt>Déjà payé</dt>
          <dd>{euros(invoice.paidCents)}</dd>
          {invoice.creditedCents > 0 ? (
            <>
              <dt>Avoirs</dt>
              <dd>{euros(invoice.creditedCents)}</dd>
            </>
          ) : null}
          <dt>Reste à payer</dt>
          <dd>{euros(invoice.leftToPayCents)}</dd>
          {invoice.cancelled ? null : (
            <>
              <dt>À payer avant le</dt>
              <dd>{formatDay(invoice.dueOn)}</dd>
              <dt>Paiement en ligne jusqu’au</dt>
              <dd>{formatDay(invoice.onlinePaymentUntil)}</dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="calcul" class="file-section">
        <h2 id="calcul">Détail du calcul</h2>
        <p>
          {quotient.value === null
            ? `Quotient familial non communiqué : la tranche la plus haute s’applique (${quotient.bracketLabel}).`
            : `Quotient familial : ${quotient.value}${quotient.source ? ` (${quotient.source})` : ''}, ${quotient.bracketLabel}.`}
        </p>
        {/* On a phone each line reflows to a block of labelled lines: no sideways scrolling, no scroll box. */}
        <table class="data reflow">
          <caption class="visually-hidden">Chaque ligne : enfant, service, jours, prix, tranche, majorations</caption>
          <thead>
            <tr>
              <th scope="col">Enfant</th>
              <th scope="col">Service</th>
              <th scope="col">Jours ou unités</th>
              <th scope="col">Prix unitaire</th>
              <th scope="col">Tranche</th>
              <th scope="col">Majorations</th>
              <th scope="col">Montant</th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => (
              <tr key={index}>
                <td data-label="Enfant">{line.childName}</td>
                <td data-label="Service">{line.serviceName}</td>
                <td data-label="Jours ou unités">
                  {line.quantity} × {line.unitLabel}
                </td>
                <td data-label="Prix unitaire">{euros(line.unitPriceCents)}</td>
                <td data-label="Tranche">{line.bracketLabel}</td>
                <td data-label="Majorations">{line.majorationCents === 0 ? 'aucune' : euros(line.majorationCents)}</td>
                <td data-label="Montant">{euros(line.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="paiements" class="file-section">
        <h2 id="paiements">Paiements reçus</h2>
        {invoice.payments.length === 0 ? (
          <p>Aucun paiement reçu pour cette facture.</p>
        ) : (
          <ul>
            {invoice.payments.map((payment, index) => (
              <li key={index}>
                {formatShortDay(payment.receivedOn)} : {meansLabel[payment.means]}, {euros(payment.amountCents)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <PayOnlinePanel context={context} invoiceId={invoice.id} state={online} />
      {invoice.cancelled || invoice.leftToPayCents === 0 ? null : <PayAtDesk commune={commune} headingId="payer" />}
      <section aria-labelledby="recours" class="file-section">
        <h2 id="recours">Responsable et recours</h2>
        <p>
          {invoice.issuer.responsible.name}, {invoice.issuer.responsible.position}.
        </p>
        <p>{appealNotice(invoice.issuer.court)}</p>
      </section>
      <p>
        <a href={paths.list}>Retour à mes factures</a>
      </p>
    </Layout>
  );
}
