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
import { communePaths } from '../../../../../platform/views/paths.js';
import { signUpLabels } from '../citizenForms.js';

/** « Créer mon espace »: identity, address, contact means, login, and optionally the Clé Enfance. */
export function SignUpPage({ context, form }: { context: PageContext; form: FormState }) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Créer mon espace', form)}>
      <h1>Créer mon espace</h1>
      <p>
        Votre adresse e-mail est obligatoire : un lien d'activation vous y sera envoyé. Remplissez le plus de champs
        possible, ils seront repris dans vos démarches. Les champs marqués « obligatoire » doivent être remplis.
      </p>
      <p>
        Vous avez déjà un espace ? <a href={paths.login}>Connectez-vous</a>.
      </p>
      <ErrorSummary form={form} labels={signUpLabels} />
      <PostForm context={context} action={paths.signUp}>
        <h2>Votre identité</h2>
        <RadioGroup
          form={form}
          name="civility"
          legend="Civilité"
          required
          options={[
            { value: 'madame', label: 'Madame' },
            { value: 'monsieur', label: 'Monsieur' },
          ]}
        />
        <TextField form={form} name="firstName" label="Prénom" autocomplete="given-name" required />
        <TextField form={form} name="lastName" label="Nom" autocomplete="family-name" required />

        <h2>Votre adresse</h2>
        <TextField
          form={form}
          name="street"
          label="Numéro et voie"
          hint="Par exemple : 2 rue des Chariots"
          autocomplete="address-line1"
          required
        />
        <TextField
          form={form}
          name="streetComplement"
          label="Complément d'adresse"
          hint="Bâtiment, étage, lieu-dit…"
          autocomplete="address-line2"
        />
        <TextField
          form={form}
          name="postcode"
          label="Code postal"
          hint="5 chiffres"
          autocomplete="postal-code"
          inputMode="numeric"
          short
          required
        />
        <TextField form={form} name="city" label="Commune" autocomplete="address-level2" required />

        <h2>Vous contacter</h2>
        <TextField
          form={form}
          name="email"
          type="email"
          label="Adresse e-mail"
          hint="Format attendu : nom@exemple.fr"
          autocomplete="email"
          spellcheck={false}
          required
        />
        <TextField
          form={form}
          name="mobilePhone"
          type="tel"
          label="Téléphone portable"
          hint="Par exemple : 06 12 34 56 78"
          autocomplete="tel"
        />
        <TextField form={form} name="homePhone" type="tel" label="Téléphone fixe" autocomplete="tel" />

        <h2>Vos identifiants</h2>
        <TextField
          form={form}
          name="username"
          label="Identifiant"
          hint="De 3 à 40 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas. Vous pourrez aussi vous connecter avec votre adresse e-mail."
          autocomplete="username"
          spellcheck={false}
          required
        />
        <TextField
          form={form}
          name="password"
          type="password"
          label="Mot de passe"
          hint="Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner. Le copier-coller est permis."
          autocomplete="new-password"
          required
        />
        <TextField
          form={form}
          name="passwordConfirmation"
          type="password"
          label="Confirmation du mot de passe"
          autocomplete="new-password"
          required
        />

        <h2>Votre dossier famille</h2>
        <TextField
          form={form}
          name="childKey"
          label="Clé Enfance (facultatif)"
          hint="La clé remise par le guichet unique, par exemple ABCD-EFGH-JKMN-PQRS. Elle relie votre espace à votre dossier famille. Vous pourrez aussi la saisir plus tard, depuis Mon espace."
          autocomplete="off"
          spellcheck={false}
        />

        <Checkbox
          form={form}
          name="terms"
          label="J'ai lu et j'accepte les conditions générales d'utilisation (obligatoire)"
        >
          <p class="hint">
            <a href={paths.terms}>Lire les conditions générales d'utilisation</a>
          </p>
        </Checkbox>
        <button type="submit" class="button">
          Créer mon espace
        </button>
      </PostForm>
    </Layout>
  );
}
