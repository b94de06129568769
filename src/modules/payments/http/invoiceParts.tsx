import { Badge, type BadgeTone } from '../../../platform/views/components/Badge.js';
import type { Commune } from '../../communes/domain/commune.js';
import { formatEuros } from '../../../shared/money.js';
import type { InvoiceStatus } from '../domain/invoiceStatus.js';
import { deskMeans } from '../domain/paymentMeans.js';
import { meansLabel, statusLabel } from '../paymentWording.js';

/** What the family's invoice pages share: the status tag, an amount, how to pay at the guichet. */

const invoiceTones: Record<InvoiceStatus, BadgeTone> = {
  'a-payer': 'info',
  payee: 'success',
  'en-retard': 'warning',
  annulee: 'neutral',
};

export function InvoiceStatusTag({ status }: { status: InvoiceStatus }) {
  return <Badge tone={invoiceTones[status]}>{statusLabel[status]}</Badge>;
}

export const euros = formatEuros;

/** « Payer au guichet unique »: the means it takes, its address and its hours. */
export function PayAtDesk({ commune, headingId }: { commune: Commune; headingId: string }) {
  const { desk } = commune;
  return (
    <section aria-labelledby={headingId} class="file-section">
      <h2 id={headingId}>Payer au guichet unique</h2>
      <p>Le guichet unique accepte :</p>
      <ul>
        {deskMeans.map((means) => (
          <li key={means}>{means === 'cheque' ? 'Chèque, à l’ordre du Trésor public' : meansLabel[means]}</li>
        ))}
      </ul>
      <p>Indiquez le numéro de la facture au dos du chèque, ou donnez-le au guichet.</p>
      <address>
        {desk.name}
        <br />
        {desk.street}
        <br />
        {desk.postcode} {desk.city}
        <br />
        Téléphone : <a href={`tel:${desk.phone.replace(/\s/g, '')}`}>{desk.phone}</a>
        <br />
        Courriel : <a href={`mailto:${desk.email}`}>{desk.email}</a>
      </address>
      {desk.hours.length > 0 ? (
        <>
          <h3>Horaires d’ouverture</h3>
          <ul>
            {desk.hours.map((slot, index) => (
              <li key={index}>
                {slot.days} : {slot.hours}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
