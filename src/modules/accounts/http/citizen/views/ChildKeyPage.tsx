import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { FamilyAdult } from '../../../../families/familiesRepository.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';
import { adultRoleLabel } from '../../../../families/adultRoles.js';

/** « Clé Enfance »: enter the key, or see which adult of which family the account is linked to. */
export function ChildKeyPage({
  context,
  form,
  adult,
  justLinked,
}: {
  context: PageContext;
  form: FormState;
  adult: FamilyAdult | null;
  justLinked: boolean;
}) {
  const paths = communePaths(context.commune!);
  return (
    <MySpaceLayout context={context} tab="cle-enfance" title={formTitle('Clé Enfance', form)}>
      <h2>Clé Enfance</h2>
      {adult ? (
        <div class={justLinked ? 'notice notice--success' : 'notice'} role={justLinked ? 'status' : undefined}>
          <p>
            {justLinked ? 'Votre Clé Enfance est acceptée. ' : ''}Votre espace est relié au dossier famille, en tant que{' '}
            {adultRoleLabel(adult.role, adult.civility).toLocaleLowerCase('fr-FR')} ({adult.firstName} {adult.lastName}
            ).
          </p>
          <p>
            <a href={paths.myFamily}>Voir Ma famille</a>
          </p>
        </div>
      ) : (
        <>
          <p>
            La Clé Enfance vous est remise par le guichet unique. Elle relie votre espace à votre dossier famille, et
            ouvre les démarches pour vos enfants. Elle ne sert qu'une fois.
          </p>
          <ErrorSummary form={form} labels={{ childKey: 'Clé Enfance' }} />
          <PostForm context={context} action={paths.childKey}>
            <TextField
              form={form}
              name="childKey"
              label="Clé Enfance"
              hint="16 lettres et chiffres, par exemple ABCD-EFGH-JKMN-PQRS. Les tirets et les espaces sont facultatifs."
              autocomplete="off"
              spellcheck={false}
              required
            />
            <button type="submit" class="button">
              Relier mon espace
            </button>
          </PostForm>
        </>
      )}
    </MySpaceLayout>
  );
}
