import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { refundMeans } from '../../../domain/paymentMeans.js';
import type { InvoiceSummary } from '../../../invoiceView.js';
import { meansLabel } from '../../../paymentWording.js';
import { euros } from '../../invoiceParts.js';
import { refundLabels, useCreditLabels } from '../../paymentForms.js';
import { deskPaymentPaths } from '../../paymentPaths.js';

export type CreditForm = 'use' | 'refund';

/**
 * The family's credit at the desk: what it is, and its two uses, paying one of the family's open invoices
 * or giving it back in money. Each form answers on this page with its own error summary.
 */
export function CreditPage({
  context,
  familyId,
  familyName,
  creditCents,
  open,
  today,
  failed,
}: {
  context: PageContext;
  familyId: string;
  familyName: string;
  creditCents: number;
  open: InvoiceSummary[];
  today: string;
  failed?: { form: CreditForm; state: FormState };
}) {
  const paths = deskPaymentPaths(context.commune!);
  const title = `Crédit de la famille — ${familyName}`;
  const use = failed?.form === 'use' ? failed.state : emptyForm;
  const refund = failed?.form === 'refund' ? failed.state : { values: { refundedOn: today }, errors: {} };
  return (
    <Layout context={context} title={failed ? formTitle(title, failed.state) : title}>
      <h1>Crédit de la famille : {familyName}</h1>
      <p>
        La famille a <strong>{euros(creditCents)}</strong> de crédit : l’argent reçu au-delà de ce que ses factures
        demandaient, ou rendu par une facture annulée ou un avoir.
      </p>
      {open.length === 0 && failed?.form !== 'use' ? <p>Aucune facture de la famille n’est à payer.</p> : null}
      {creditCents > 0 && (open.length > 0 || failed?.form === 'use') ? (
        <>
          <h2>Payer une facture avec le crédit</h2>
          {failed?.form === 'use' ? <ErrorSummary form={use} labels={useCreditLabels} /> : null}
          <PostForm context={context} action={paths.useCredit(familyId)}>
            <RadioGroup
              form={use}
              name="creditInvoice"
              legend={useCreditLabels.creditInvoice}
              required
              options={open.map((invoice) => ({
                value: invoice.id,
                label: `${invoice.number} (${invoice.periodLabel}) : reste ${euros(invoice.leftToPayCents)}`,
              }))}
            />
            <TextField
              form={use}
              name="creditAmount"
              label={useCreditLabels.creditAmount}
              hint={`En euros, au plus le crédit (${euros(creditCents)}) et le reste à payer de la facture.`}
              required
              short
            />
            <button type="submit" class="button">
              Payer avec le crédit
            </button>
          </PostForm>
        </>
      ) : null}
      {creditCents > 0 ? (
        <>
          <h2>Rembourser le crédit</h2>
          {failed?.form === 'refund' ? <ErrorSummary form={refund} labels={refundLabels} /> : null}
          <PostForm context={context} action={paths.refundCredit(familyId)}>
            <TextField
              form={refund}
              name="refundAmount"
              label={refundLabels.refundAmount}
              hint={`En euros, au plus ${euros(creditCents)}.`}
              required
              short
            />
            <RadioGroup
              form={refund}
              name="refundMeans"
              legend={refundLabels.refundMeans}
              required
              options={refundMeans.map((means) => ({ value: means, label: meansLabel[means] }))}
            />
            <TextField
              form={refund}
              name="refundedOn"
              label={refundLabels.refundedOn}
              hint="Au format JJ/MM/AAAA."
              required
              short
            />
            <TextField form={refund} name="refundReason" label={refundLabels.refundReason} required />
            <button type="submit" class="button">
              Enregistrer le remboursement
            </button>
          </PostForm>
        </>
      ) : null}
      <p>
        <a href={paths.payments(familyId)}>Retour aux factures et paiements</a>
      </p>
    </Layout>
  );
}
