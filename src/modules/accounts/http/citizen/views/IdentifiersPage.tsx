import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Citizen } from '../../../citizensRepository.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';

export type IdentifiersForm = 'username' | 'email' | 'password';
export type IdentifiersNotice = 'username-changed' | 'email-sent' | 'password-changed' | null;

const notices: Record<Exclude<IdentifiersNotice, null>, string> = {
  'username-changed': 'Votre identifiant a été changé.',
  'email-sent':
    "Un lien de confirmation a été envoyé à la nouvelle adresse. Elle remplacera l'ancienne quand vous aurez suivi ce lien.",
  'password-changed': 'Votre mot de passe a été changé. Vos autres connexions ont été fermées.',
};

/** « Identifiants »: three small forms; the one that came back with errors shows them. */
export function IdentifiersPage(props: {
  context: PageContext;
  citizen: Citizen;
  failed?: { form: IdentifiersForm; state: FormState };
  notice: IdentifiersNotice;
}) {
  const { context, citizen, failed } = props;
  const paths = communePaths(context.commune!);
  const stateOf = (form: IdentifiersForm) => (failed?.form === form ? failed.state : emptyForm);
  const username = failed?.form === 'username' ? failed.state : { values: { username: citizen.username }, errors: {} };
  return (
    <MySpaceLayout
      context={context}
      tab="identifiants"
      title={failed ? formTitle('Identifiants', failed.state) : 'Identifiants'}
    >
      <h2>Identifiants</h2>
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{notices[props.notice]}</p>
        </div>
      ) : null}
      {failed ? (
        <ErrorSummary
          form={failed.state}
          labels={{
            username: 'Identifiant',
            currentPasswordForUsername: 'Mot de passe actuel',
            email: 'Nouvelle adresse e-mail',
            currentPasswordForEmail: 'Mot de passe actuel',
            currentPassword: 'Mot de passe actuel',
            password: 'Nouveau mot de passe',
            passwordConfirmation: 'Confirmation',
          }}
        />
      ) : null}

      <h3>Changer d'identifiant</h3>
      <PostForm context={context} action={`${paths.identifiers}/identifiant`}>
        <TextField
          form={username}
          name="username"
          label="Identifiant"
          hint="De 3 à 40 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas."
          autocomplete="username"
          spellcheck={false}
          required
        />
        <TextField
          form={username}
          name="currentPasswordForUsername"
          type="password"
          label="Mot de passe actuel"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button">
          Changer d'identifiant
        </button>
      </PostForm>

      <h3>Changer d'adresse e-mail</h3>
      <p>
        Adresse actuelle : {citizen.email}. La nouvelle adresse sera vérifiée par un lien avant de remplacer l'ancienne.
      </p>
      <PostForm context={context} action={`${paths.identifiers}/e-mail`}>
        <TextField
          form={stateOf('email')}
          name="email"
          type="email"
          label="Nouvelle adresse e-mail"
          autocomplete="email"
          spellcheck={false}
          required
        />
        <TextField
          form={stateOf('email')}
          name="currentPasswordForEmail"
          type="password"
          label="Mot de passe actuel"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button">
          Changer d'adresse e-mail
        </button>
      </PostForm>

      <h3>Changer de mot de passe</h3>
      <PostForm context={context} action={`${paths.identifiers}/mot-de-passe`}>
        <TextField
          form={stateOf('password')}
          name="currentPassword"
          type="password"
          label="Mot de passe actuel"
          autocomplete="current-password"
          required
        />
        <TextField
          form={stateOf('password')}
          name="password"
          type="password"
          label="Nouveau mot de passe"
          hint="Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          autocomplete="new-password"
          required
        />
        <TextField
          form={stateOf('password')}
          name="passwordConfirmation"
          type="password"
          label="Confirmation du nouveau mot de passe"
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button">
          Changer de mot de passe
        </button>
      </PostForm>
    </MySpaceLayout>
  );
}
