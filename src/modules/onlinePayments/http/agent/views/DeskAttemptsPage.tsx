import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import type { Attempt } from '../../../onlinePaymentsRepository.js';
import { onlinePaymentPaths } from '../../../onlinePaymentPaths.js';
import { missingLabels } from '../../onlinePaymentForms.js';
import { AttemptsTable } from '../AttemptsTable.js';

interface Props {
  context: PageContext;
  invoice: { id: string; number: string; familyId: string };
  attempts: Attempt[];
  form: FormState;
  done?: string;
}

/** An invoice's online payments at the desk: each attempt with its state, and a payment PayFiP never told. */
export function DeskAttemptsPage({ context, invoice, attempts, form, done }: Props) {
  const commune = context.commune!;
  const paths = onlinePaymentPaths(commune);
  const title = `Paiements en ligne de la facture ${invoice.number}`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <p>
        <a href={`${agentPaths(commune).billing}/factures/${invoice.id}`}>Retour à la facture</a> ·{' '}
        <a href={agentPaths(commune).familyPayments(invoice.familyId)}>Paiements de la famille</a>
      </p>
      <ErrorSummary form={form} labels={missingLabels} />
      {done === 'enregistre' ? (
        <Notice>
          <p>Le paiement PayFiP est enregistré et affecté à la facture.</p>
        </Notice>
      ) : null}
      <h2>Tentatives</h2>
      <AttemptsTable attempts={attempts} />
      <h2>Enregistrer un paiement PayFiP manquant</h2>
      <p>
        Pour un paiement que PayFiP a encaissé sans que le portail l’ait appris. PayFiP est interrogé avant tout
        enregistrement : seul un paiement payé à la régie de la commune, pour cette facture, est enregistré, une seule
        fois. Ce qui dépasse le reste à payer devient le crédit de la famille.
      </p>
      <PostForm context={context} action={paths.recordMissing(invoice.id)}>
        <TextField
          form={form}
          name="idOp"
          label={missingLabels.idOp}
          hint="Tel que PayFiP ou la famille le donne, 36 caractères."
          spellcheck={false}
          required
        />
        <button type="submit" class="button">
          Vérifier et enregistrer
        </button>
      </PostForm>
    </Layout>
  );
}
