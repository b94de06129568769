import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { PROFILE_FIELD_LABELS } from '../../../domain/profile.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';

/** « Modifier mon profil »: the address given at sign-up and the phones, with the error summary linked to the fields. */
export function ProfileEditPage({ context, form }: { context: PageContext; form: FormState }) {
  const paths = communePaths(context.commune!);
  const title = 'Modifier mon adresse et mes téléphones';
  return (
    <MySpaceLayout context={context} tab="profil" title={formTitle(title, form)}>
      <p>
        <a href={paths.mySpace}>Retour au profil</a>
      </p>
      <h2>{title}</h2>
      <ErrorSummary form={form} labels={PROFILE_FIELD_LABELS} />
      <p>
        L’adresse e-mail sert aussi à vous connecter : elle se change dans <a href={paths.identifiers}>Identifiants</a>.
        L’adresse du foyer que portent les factures est celle du dossier famille, dans{' '}
        <a href={paths.contactDetails}>Coordonnées</a>.
      </p>
      <PostForm context={context} action={paths.profileEdit}>
        <TextField
          form={form}
          name="street"
          label={PROFILE_FIELD_LABELS.street}
          hint="Par exemple : 2 rue des Chariots"
          autocomplete="address-line1"
          required
        />
        <TextField
          form={form}
          name="streetComplement"
          label={PROFILE_FIELD_LABELS.streetComplement}
          hint="Bâtiment, étage, lieu-dit…"
          autocomplete="address-line2"
        />
        <TextField
          form={form}
          name="postcode"
          label={PROFILE_FIELD_LABELS.postcode}
          hint="5 chiffres"
          autocomplete="postal-code"
          inputMode="numeric"
          short
          required
        />
        <TextField form={form} name="city" label={PROFILE_FIELD_LABELS.city} autocomplete="address-level2" required />
        <TextField
          form={form}
          name="mobilePhone"
          type="tel"
          label={PROFILE_FIELD_LABELS.mobilePhone}
          hint="Par exemple : 06 12 34 56 78"
          autocomplete="tel"
        />
        <TextField form={form} name="homePhone" type="tel" label={PROFILE_FIELD_LABELS.homePhone} autocomplete="tel" />
        <div class="actions">
          <button type="submit" class="button">
            Enregistrer
          </button>
          <a href={paths.mySpace}>Annuler</a>
        </div>
      </PostForm>
    </MySpaceLayout>
  );
}
