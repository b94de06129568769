import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { FIELD_GROUPS, fieldGroups } from '../../../domain/fieldGroups.js';

/** The two answers of each group, as the form sends them. */
export const DIRECT = 'directe';
export const VALIDATED = 'validation';

const options = [
  { value: DIRECT, label: 'Modification directe' },
  { value: VALIDATED, label: 'Après validation par le guichet unique' },
];

export const policyLabels = Object.fromEntries(FIELD_GROUPS.map((group) => [group, fieldGroups[group].label]));

/**
 * The administrator's choice, per group of fields, of what the families change themselves and what
 * becomes a request the guichet unique validates. Agents' own edits are always written at once.
 */
export function FieldPoliciesPage({ context, form, saved }: { context: PageContext; form: FormState; saved: boolean }) {
  const title = 'Modifications du dossier famille par les familles';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      {saved ? (
        <Notice>
          <p>
            Les réglages sont enregistrés. Ils s’appliquent aux prochaines modifications des familles ; les demandes
            déjà déposées suivent leur cours.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary form={form} labels={policyLabels} />
      <p>
        Pour chaque rubrique du dossier famille, choisissez si les familles la modifient directement depuis leur espace,
        ou si leur modification devient une demande que le guichet unique accepte ou refuse. Les modifications faites
        par les agents au guichet sont toujours enregistrées directement.
      </p>
      <PostForm context={context} action={agentPaths(context.commune!).fieldPolicies}>
        {FIELD_GROUPS.map((group) => (
          <RadioGroup
            key={group}
            form={form}
            name={group}
            legend={fieldGroups[group].label}
            options={options}
            required
          />
        ))}
        <button type="submit" class="button">
          Enregistrer les réglages
        </button>
      </PostForm>
    </Layout>
  );
}
