import { Layout } from '../../../../../platform/views/Layout.js';
import { Breadcrumb } from '../../../../../platform/views/components/Breadcrumb.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatDay, formatShortDay } from '../../../../../shared/localDays.js';
import type { FamilyAccount } from '../../../paymentsService.js';
import { InvoiceStatusTag, PayAtDesk, euros } from '../../invoiceParts.js';
import { attestationPaths } from '../../fiscalAttestationPaths.js';
import { invoicePaths } from '../../paymentPaths.js';

/** « Mes factures »: the family's balance, its QF and bracket, its invoices, and how to pay at the guichet. */
export function MyInvoicesPage({ context, account }: { context: PageContext; account: FamilyAccount }) {
  const commune = context.commune!;
  const paths = invoicePaths(commune);
  const { quotient } = account;
  return (
    <Layout context={context} title="Mes factures">
      <Breadcrumb
        trail={[{ href: communePaths(context.commune!).dashboard, label: 'Mon tableau de bord' }]}
        current="Mes factures"
      />
      <h1>Mes factures</h1>
      <section aria-labelledby="solde" class="file-section">
        <h2 id="solde">Mon solde</h2>
        <p>
          {account.balanceCents === 0
            ? 'Vous n’avez rien à payer.'
            : `Il vous reste ${euros(account.balanceCents)} à payer.`}
        </p>
        {account.creditCents > 0 ? (
          <p>
            Vous avez <strong>{euros(account.creditCents)}</strong> de crédit : un paiement au-delà de vos factures, ou
            rendu par une facture annulée ou un avoir. Le guichet unique peut l’utiliser pour payer votre prochaine
            facture ou vous le rembourser.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="quotient" class="file-section">
        <h2 id="quotient">Mon quotient familial</h2>
        {quotient.value === null ? (
          <p>
            Le guichet unique n’a pas de quotient familial valable aujourd’hui pour votre famille : la tranche la plus
            haute s’applique ({quotient.bracketLabel}). Apportez votre attestation CAF ou MSA au guichet unique pour
            payer selon vos revenus.
          </p>
        ) : (
          <p>
            Quotient familial : {quotient.value}
            {quotient.source ? ` (${quotient.source})` : ''}, {quotient.bracketLabel}, valable jusqu’au{' '}
            {formatDay(quotient.validTo!)}.
          </p>
        )}
      </section>
      <section aria-labelledby="factures" class="file-section">
        <h2 id="factures">Mes factures</h2>
        {account.invoices.length === 0 ? (
          <p>Vous n’avez encore aucune facture. Chaque mois, la facture des jours du mois passé paraît ici.</p>
        ) : (
          // On a phone each invoice reflows to a block of labelled lines: no sideways scrolling, no scroll box.
          <table class="data reflow">
            <caption class="visually-hidden">Vos factures, les plus récentes en premier</caption>
            <thead>
              <tr>
                <th scope="col">Numéro</th>
                <th scope="col">Période</th>
                <th scope="col">Montant</th>
                <th scope="col">Payé</th>
                <th scope="col">Reste à payer</th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {account.invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td data-label="Numéro">
                    <a href={paths.invoice(invoice.id)}>
                      <span class="visually-hidden">Facture </span>
                      {invoice.number}
                    </a>
                  </td>
                  <td data-label="Période">{invoice.periodLabel}</td>
                  <td data-label="Montant">{euros(invoice.totalCents)}</td>
                  <td data-label="Payé">{euros(invoice.paidCents)}</td>
                  <td data-label="Reste à payer">
                    {euros(invoice.leftToPayCents)}
                    {invoice.leftToPayCents > 0 ? (
                      <span class="meta"> avant le {formatShortDay(invoice.dueOn)}</span>
                    ) : null}
                  </td>
                  <td data-label="Statut">
                    <InvoiceStatusTag status={invoice.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="attestation" class="file-section">
        <h2 id="attestation">Attestation fiscale</h2>
        <p>
          Pour le crédit d’impôt des frais de garde d’un enfant de moins de 6 ans :{' '}
          <a href={attestationPaths(commune).list}>Attestation fiscale</a>, par année et par enfant.
        </p>
      </section>
      <PayAtDesk commune={commune} headingId="payer" />
      <p>
        <a href={communePaths(commune).dashboard}>Retour à mon tableau de bord</a>
      </p>
    </Layout>
  );
}
