import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  Checkbox,
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { deskMeans } from '../../../domain/paymentMeans.js';
import type { InvoiceSummary } from '../../../invoiceView.js';
import { meansLabel } from '../../../paymentWording.js';
import { euros } from '../../invoiceParts.js';
import { deskPaymentPaths } from '../../paymentPaths.js';
import { paymentLabels, shareField } from '../../paymentForms.js';

/** « Enregistrer un paiement »: means, amount, day, payer (and the cheque's number and bank), then the split. */
export function RecordPaymentPage({
  context,
  familyId,
  familyName,
  open,
  form,
}: {
  context: PageContext;
  familyId: string;
  familyName: string;
  open: InvoiceSummary[];
  form: FormState;
}) {
  const paths = deskPaymentPaths(context.commune!);
  const labels: Record<string, string> = { ...paymentLabels };
  for (const invoice of open) labels[shareField(invoice.id)] = `Part de la facture ${invoice.number}`;
  const balance = open.reduce((sum, invoice) => sum + invoice.leftToPayCents, 0);
  return (
    <Layout context={context} title={formTitle(`Enregistrer un paiement — ${familyName}`, form)}>
      <h1>Enregistrer un paiement : {familyName}</h1>
      <ErrorSummary form={form} labels={labels} />
      <p>
        La famille doit {euros(balance)} sur {open.length} facture{open.length > 1 ? 's' : ''}. Ce qui dépasse ce qu’il
        reste à payer n’est gardé, comme crédit de la famille, que si vous cochez la case « Surplus ».
      </p>
      <PostForm context={context} action={paths.record(familyId)}>
        <RadioGroup
          form={form}
          name="means"
          legend={paymentLabels.means}
          required
          options={deskMeans.map((means) => ({ value: means, label: meansLabel[means] }))}
        />
        <TextField
          form={form}
          name="amount"
          label={paymentLabels.amount}
          hint="En euros, par exemple 42,60."
          required
          short
          inputMode="text"
        />
        <TextField
          form={form}
          name="receivedOn"
          label={paymentLabels.receivedOn}
          hint="Au format JJ/MM/AAAA."
          required
          short
        />
        <TextField
          form={form}
          name="payer"
          label={paymentLabels.payer}
          hint="Le nom écrit sur le chèque, ou celui de la personne au guichet."
          required
          autocomplete="off"
        />
        <TextField
          form={form}
          name="chequeNumber"
          label={paymentLabels.chequeNumber}
          hint="Pour un chèque seulement."
          short
          autocomplete="off"
        />
        <TextField
          form={form}
          name="chequeBank"
          label={paymentLabels.chequeBank}
          hint="Pour un chèque seulement."
          autocomplete="off"
        />
        <RadioGroup
          form={{ ...form, values: { split: 'auto', ...form.values } }}
          name="split"
          legend={paymentLabels.split}
          options={[
            { value: 'auto', label: 'Les factures les plus anciennes d’abord' },
            { value: 'manuelle', label: 'Répartir moi-même, avec les parts ci-dessous' },
          ]}
        />
        <TableBox label="Factures à payer">
          <table class="data">
            <caption>Factures à payer, les plus anciennes en premier</caption>
            <thead>
              <tr>
                <th scope="col">Facture</th>
                <th scope="col">Échéance</th>
                <th scope="col">Reste à payer</th>
              </tr>
            </thead>
            <tbody>
              {open.map((invoice) => (
                <tr key={invoice.id}>
                  <td>
                    {invoice.number} ({invoice.periodLabel})
                  </td>
                  <td>{formatShortDay(invoice.dueOn)}</td>
                  <td>{euros(invoice.leftToPayCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
        {open.map((invoice) => (
          <TextField
            key={invoice.id}
            form={form}
            name={shareField(invoice.id)}
            label={labels[shareField(invoice.id)]!}
            hint={`Si vous répartissez vous-même : au plus ${euros(invoice.leftToPayCents)}.`}
            short
          />
        ))}
        <Checkbox
          form={form}
          name="remainderToCredit"
          label="Surplus : ce que les factures ne prennent pas devient un crédit de la famille, à utiliser sur une prochaine facture ou à lui rembourser"
        />
        <button type="submit" class="button">
          Enregistrer le paiement
        </button>
      </PostForm>
      <p>
        <a href={paths.payments(familyId)}>Retour aux factures et paiements</a>
      </p>
    </Layout>
  );
}
