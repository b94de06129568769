import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { FamilyFileTrail, Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import type { FamilyAccount, PaymentWithAllocations, StoredRefund } from '../../../paymentsService.js';
import { meansLabel } from '../../../paymentWording.js';
import { InvoiceStatusTag, euros } from '../../invoiceParts.js';
import { deskAttestationPaths } from '../../fiscalAttestationPaths.js';
import { deskPaymentPaths } from '../../paymentPaths.js';

/** A family's invoices and payments at the desk: what is left to pay, each payment and its invoices, cancel. */
export function DeskPaymentsPage({
  context,
  familyId,
  familyName,
  account,
  payments,
  refunds,
  notice,
}: {
  context: PageContext;
  familyId: string;
  familyName: string;
  account: FamilyAccount;
  payments: PaymentWithAllocations[];
  refunds: StoredRefund[];
  notice: string | null;
}) {
  const commune = context.commune!;
  const paths = deskPaymentPaths(commune);
  return (
    <Layout context={context} title={`Factures et paiements — ${familyName}`}>
      <FamilyFileTrail commune={commune} familyId={familyId} file={familyName} current="Factures et paiements" />
      <h1>Factures et paiements : {familyName}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <p>
        Solde de la famille : <strong>{euros(account.balanceCents)}</strong> à payer.
      </p>
      {account.creditCents > 0 ? (
        <p>
          Crédit de la famille : <strong>{euros(account.creditCents)}</strong>.{' '}
          <a href={paths.credit(familyId)}>Payer une facture avec le crédit ou le rembourser</a>
        </p>
      ) : null}
      <p>
        <a class="button" href={paths.record(familyId)}>
          Enregistrer un paiement
        </a>
      </p>
      <h2>Factures</h2>
      {account.invoices.length === 0 ? (
        <p>Aucune facture émise pour cette famille.</p>
      ) : (
        <TableBox label="Factures de la famille">
          <table class="data">
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
                  <td>{invoice.number}</td>
                  <td>{invoice.periodLabel}</td>
                  <td>{euros(invoice.totalCents)}</td>
                  <td>{euros(invoice.paidCents)}</td>
                  <td>{euros(invoice.leftToPayCents)}</td>
                  <td>
                    <InvoiceStatusTag status={invoice.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <h2>Paiements</h2>
      {payments.length === 0 ? (
        <p>Aucun paiement enregistré pour cette famille.</p>
      ) : (
        <TableBox label="Paiements de la famille">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Reçu le</th>
                <th scope="col">Moyen</th>
                <th scope="col">Payeur</th>
                <th scope="col">Montant</th>
                <th scope="col">Factures payées</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((payment) => (
                <tr key={payment.id}>
                  <td>{formatShortDay(payment.receivedOn)}</td>
                  <td>
                    {meansLabel[payment.means]}
                    {payment.chequeNumber ? ` n° ${payment.chequeNumber} (${payment.chequeBank})` : ''}
                  </td>
                  <td>{payment.payer}</td>
                  <td>{euros(payment.amountCents)}</td>
                  <td>
                    {payment.allocations
                      .map((allocation) => `${allocation.number} : ${euros(allocation.amountCents)}`)
                      .concat(payment.remainderCents > 0 ? [`crédit : ${euros(payment.remainderCents)}`] : [])
                      .join(', ')}
                  </td>
                  <td>
                    {payment.cancelledAt ? (
                      `Annulé : ${payment.cancelReason}`
                    ) : (
                      <a href={paths.cancel(familyId, payment.id)}>
                        Annuler<span class="visually-hidden"> le paiement du {formatShortDay(payment.receivedOn)}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {refunds.length > 0 ? (
        <>
          <h2>Remboursements de crédit</h2>
          <TableBox label="Remboursements de crédit de la famille">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">Remboursé le</th>
                  <th scope="col">Moyen</th>
                  <th scope="col">Montant</th>
                  <th scope="col">Motif</th>
                </tr>
              </thead>
              <tbody>
                {refunds.map((refund) => (
                  <tr key={refund.id}>
                    <td>{formatShortDay(refund.refundedOn)}</td>
                    <td>{meansLabel[refund.means]}</td>
                    <td>{euros(refund.amountCents)}</td>
                    <td>{refund.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      ) : null}
      <p>
        <a href={deskAttestationPaths(commune).list(familyId)}>Attestations fiscales de la famille</a>
      </p>
      <p>
        <a href={agentPaths(commune).family(familyId)}>Retour au dossier famille</a>
      </p>
    </Layout>
  );
}
