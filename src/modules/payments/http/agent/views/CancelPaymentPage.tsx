import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextArea,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import type { PaymentWithAllocations } from '../../../paymentsService.js';
import { meansLabel } from '../../../paymentWording.js';
import { euros } from '../../invoiceParts.js';
import { deskPaymentPaths } from '../../paymentPaths.js';

/** Cancelling a payment: what it paid, then the reason (kept, and written in the audit log). */
export function CancelPaymentPage({
  context,
  familyId,
  payment,
  form,
}: {
  context: PageContext;
  familyId: string;
  payment: PaymentWithAllocations;
  form: FormState;
}) {
  const paths = deskPaymentPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Annuler un paiement', form)}>
      <h1>Annuler un paiement</h1>
      <ErrorSummary form={form} labels={{ reason: 'Motif' }} />
      <p>
        {meansLabel[payment.means]} de {euros(payment.amountCents)} reçu le {formatShortDay(payment.receivedOn)} de{' '}
        {payment.payer}. Il payait :{' '}
        {payment.allocations.map((allocation) => `${allocation.number} (${euros(allocation.amountCents)})`).join(', ')}.
      </p>
      {payment.cancelledAt ? (
        <p>Ce paiement est déjà annulé. Motif : {payment.cancelReason}</p>
      ) : (
        <>
          <p>
            Annulé, il ne compte plus : ces factures sont de nouveau à payer pour ce montant. Le paiement reste dans la
            liste.
          </p>
          <PostForm context={context} action={paths.cancel(familyId, payment.id)}>
            <TextArea
              form={form}
              name="reason"
              label="Motif"
              hint="Par exemple : chèque sans provision, erreur de saisie."
              required
              rows={3}
            />
            <button type="submit" class="button button--danger">
              Annuler le paiement
            </button>
          </PostForm>
        </>
      )}
      <p>
        <a href={paths.payments(familyId)}>Retour aux factures et paiements</a>
      </p>
    </Layout>
  );
}
