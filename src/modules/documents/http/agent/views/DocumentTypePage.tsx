import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import type { DocumentType } from '../../../documentsRepository.js';
import { TYPE_LABELS, serviceField } from '../typeForms.js';

/** One document type's settings: its name and text, its validity, the services that ask for it, its retention. */
export function DocumentTypePage({
  context,
  type,
  services,
  form,
}: {
  context: PageContext;
  type: DocumentType;
  services: { id: string; name: string }[];
  form: FormState;
}) {
  const paths = agentPaths(context.commune!);
  const title = `Pièce : ${type.name}`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <p>
        <a href={paths.documentTypes}>Retour aux pièces justificatives</a>
      </p>
      <h1>{title}</h1>
      <p>Demandée {type.subject === 'family' ? 'une fois pour la famille' : 'pour chaque enfant'}.</p>
      <ErrorSummary form={form} labels={TYPE_LABELS} />
      <PostForm context={context} action={paths.documentType(type.id)}>
        <TextField form={form} name="name" label={TYPE_LABELS.name} required />
        <TextArea form={form} name="description" label={TYPE_LABELS.description} rows={3} />
        <RadioGroup
          form={form}
          name="validityKind"
          legend={TYPE_LABELS.validityKind}
          required
          options={[
            { value: 'months', label: 'Un nombre de mois à partir de la date du document' },
            { value: 'school-year', label: 'Jusqu’à la fin de l’année scolaire (31 août)' },
            { value: 'unlimited', label: 'Sans limite' },
          ]}
        />
        <TextField
          form={form}
          name="validityMonths"
          label={TYPE_LABELS.validityMonths}
          hint="Seulement pour une validité en mois, par exemple 3."
          short
          inputMode="numeric"
        />
        <fieldset class="field">
          <legend>Inscriptions qui demandent cette pièce</legend>
          {services.length === 0 ? <p>La commune n’a pas encore de service.</p> : null}
          {services.map((service) => (
            <div class="choice" key={service.id}>
              <input
                type="checkbox"
                id={`champ-${serviceField(service.id)}`}
                name={serviceField(service.id)}
                value="oui"
                checked={form.values[serviceField(service.id)] === 'oui'}
              />
              <label for={`champ-${serviceField(service.id)}`}>{service.name}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          form={form}
          name="keepExpiredDays"
          label={TYPE_LABELS.keepExpiredDays}
          hint="Après la fin de validité, les fichiers sont supprimés au bout de ce nombre de jours ; la décision reste."
          required
          short
          inputMode="numeric"
        />
        <button type="submit" class="button">
          Enregistrer
        </button>
      </PostForm>
    </Layout>
  );
}
