import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { mentionsLabels } from '../../paymentForms.js';

/**
 * « Paramètres → Mentions des factures »: who bills (the régie), who answers for it, and the court a
 * family appeals to. Every invoice, its page and its PDF print them; until they are set, the general
 * wording stands, and the page says so.
 */
export function InvoiceMentionsPage({
  context,
  form,
  isSet,
  saved,
}: {
  context: PageContext;
  form: FormState;
  isSet: boolean;
  saved: boolean;
}) {
  const title = 'Mentions des factures';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="invoiceMentions" />
      {saved ? <Notice>Les mentions sont enregistrées : les factures les impriment désormais.</Notice> : null}
      <p>
        Chaque facture, sa page et son PDF indiquent la régie qui encaisse, la personne responsable et le tribunal
        devant lequel la famille peut contester, dans les voies et délais de recours.
        {isSet ? '' : ' Tant qu’elles ne sont pas saisies, les factures portent une mention générale.'}
      </p>
      <ErrorSummary form={form} labels={mentionsLabels} />
      <PostForm context={context} action={agentPaths(context.commune!).invoiceMentions}>
        <TextField form={form} name="regie" label={mentionsLabels.regie} required />
        <TextField
          form={form}
          name="responsibleName"
          label={mentionsLabels.responsibleName}
          hint="Par exemple le maire, ou le régisseur."
          required
        />
        <TextField
          form={form}
          name="responsiblePosition"
          label={mentionsLabels.responsiblePosition}
          hint="Par exemple « régisseur » ou « maire, ordonnateur »."
          required
        />
        <TextField
          form={form}
          name="court"
          label={mentionsLabels.court}
          hint="Par exemple « tribunal administratif de Versailles »."
          required
        />
        <button type="submit" class="button">
          Enregistrer les mentions
        </button>
      </PostForm>
    </Layout>
  );
}
