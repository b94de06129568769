import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
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
import { onlinePaymentPaths } from '../../../onlinePaymentPaths.js';
import type { ClientTestOutcome } from '../../../payfipSettingsService.js';
import { modeOptions, settingsLabels } from '../../onlinePaymentForms.js';

interface Props {
  context: PageContext;
  form: FormState;
  /** Whether the commune has a set-up to test. */
  saved: boolean;
  tested?: ClientTestOutcome;
  done?: string;
}

/** What « Tester la configuration » found: PayFiP's labels of the régie, or what went wrong. */
function TestResult({ tested }: { tested: ClientTestOutcome }) {
  if (tested.ok)
    return (
      <div class="notice notice--success" role="status">
        <p>PayFiP reconnaît la régie n° {tested.numcli} :</p>
        <ul>
          {tested.labels.map((label, index) => (
            <li key={index}>{label}</li>
          ))}
        </ul>
      </div>
    );
  const text =
    tested.reason === 'payfip-fault' && tested.code === 'T2'
      ? 'PayFiP ne connaît pas ce numéro de client : vérifiez le numcli donné par la DGFiP.'
      : tested.reason === 'payfip-fault'
        ? `PayFiP a répondu par l’erreur ${tested.code} : vérifiez le numcli et le mode, ou contactez la DGFiP.`
        : 'PayFiP ne répond pas pour le moment : réessayez dans quelques minutes.';
  return (
    <div class="notice notice--error" role="alert">
      <p>{text}</p>
    </div>
  );
}

/** « Paramètres → Paiement en ligne »: PayFiP's set-up of the commune's régie, and its test. */
export function PayfipSettingsPage({ context, form, saved, tested, done }: Props) {
  const paths = onlinePaymentPaths(context.commune!);
  const title = 'Paiement en ligne';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="onlinePayment" />
      <ErrorSummary form={form} labels={settingsLabels} />
      {done === 'enregistre' ? (
        <Notice>
          <p>Le paramétrage du paiement en ligne est enregistré.</p>
        </Notice>
      ) : null}
      {tested ? <TestResult tested={tested} /> : null}
      <p>
        Les familles paient leurs factures par carte bancaire ou prélèvement unique sur PayFiP, le service de la DGFiP.
        Le numéro de client (numcli) de la régie est donné par la DGFiP à l’adhésion. En mode test, aucun paiement réel
        n’est fait, et aucun n’est enregistré.
      </p>
      <PostForm context={context} action={paths.settings}>
        <Checkbox form={form} name="enabled" label={settingsLabels.enabled} />
        <TextField
          form={form}
          name="numcli"
          label={settingsLabels.numcli}
          hint="6 chiffres, par exemple 123456."
          inputMode="numeric"
          short
          required
        />
        <RadioGroup form={form} name="mode" legend={settingsLabels.mode} options={modeOptions} required />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </PostForm>
      {saved ? (
        <PostForm context={context} action={paths.testSettings}>
          <p>Vérifiez auprès de PayFiP que le numéro de client enregistré est bien celui de la régie.</p>
          <button type="submit" class="button button--secondary">
            Tester la configuration
          </button>
        </PostForm>
      ) : null}
    </Layout>
  );
}
