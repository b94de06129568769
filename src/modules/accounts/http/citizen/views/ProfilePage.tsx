import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Citizen } from '../../../citizensRepository.js';
import { greetingOf } from '../../../citizenGreeting.js';
import { type PostalAddress, addressStanding } from '../../../domain/profile.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';

/** The family file's address as the profile shows it beside the account's. */
export interface FileAddress {
  address: PostalAddress;
  /** The commune validates a change of the household's address before it applies. */
  validated: boolean;
  /** A change of it already waits for the guichet unique. */
  pending: boolean;
}

export type ProfileNotice = 'changed' | 'unchanged' | 'copied';

const notices: Record<ProfileNotice, string> = {
  changed: 'Votre profil est enregistré.',
  unchanged: 'Rien n’a changé : votre profil avait déjà ces valeurs.',
  copied: 'L’adresse de votre dossier famille est maintenant aussi celle de votre profil.',
};

function AddressLines({ address }: { address: PostalAddress }) {
  return (
    <>
      {address.street}
      {address.streetComplement ? (
        <>
          <br />
          {address.streetComplement}
        </>
      ) : null}
      <br />
      {address.postcode} {address.city}
    </>
  );
}

/** « Profil »: who the account is, where they live, how to reach them, and which address the commune uses. */
export function ProfilePage({
  context,
  citizen,
  file,
  notice,
}: {
  context: PageContext;
  citizen: Citizen;
  /** Null when the account is not linked to a family file. */
  file: FileAddress | null;
  notice: ProfileNotice | null;
}) {
  const paths = communePaths(context.commune!);
  const standing = addressStanding(citizen, file?.address ?? null);
  return (
    <MySpaceLayout context={context} tab="profil" title="Profil">
      <h2>Profil</h2>
      {notice ? (
        <div class="notice notice--success" role="status">
          <p>{notices[notice]}</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>Nom</dt>
        <dd>
          {greetingOf(citizen)} {citizen.firstName}
        </dd>
        <dt>Adresse de votre profil</dt>
        <dd>
          <AddressLines address={citizen} />
        </dd>
        <dt>Adresse e-mail</dt>
        <dd>
          {citizen.email}
          <br />
          Elle sert aussi à vous connecter : elle se change dans <a href={paths.identifiers}>Identifiants</a>, avec
          votre mot de passe et un lien envoyé à la nouvelle adresse.
        </dd>
        <dt>Téléphones</dt>
        <dd>{[citizen.mobilePhone, citizen.homePhone].filter(Boolean).join(' — ') || 'Aucun téléphone indiqué'}</dd>
      </dl>
      <p>
        <a href={paths.profileEdit} class="button button--secondary">
          Modifier mon adresse et mes téléphones
        </a>
      </p>

      <h2>L’adresse que la commune utilise</h2>
      {!file ? (
        <p>
          Votre espace n’est pas encore relié à un dossier famille : la commune ne connaît que l’adresse de votre
          profil. Pour le relier, saisissez la <a href={paths.childKey}>Clé Enfance</a> remise par le guichet unique.
        </p>
      ) : (
        <>
          <p>
            Les factures, l’attestation fiscale et les courriers du guichet unique portent l’adresse du foyer, celle de
            votre dossier famille. L’adresse de votre profil est celle que vous avez donnée en créant votre espace ;
            elle ne sert à aucun envoi.
          </p>
          <dl class="facts">
            <dt>Adresse du foyer (dossier famille)</dt>
            <dd>{standing === 'file-empty' ? 'Pas encore indiquée' : <AddressLines address={file.address} />}</dd>
          </dl>
          {standing === 'same' ? <p>Elle est la même que celle de votre profil.</p> : null}
          {standing === 'different' ? (
            <>
              <p>Elle diffère de celle de votre profil. Si l’adresse du foyer est la bonne, reprenez-la :</p>
              <PostForm context={context} action={paths.profileFromFile}>
                <button type="submit" class="button button--secondary">
                  Reprendre l’adresse du dossier famille dans mon profil
                </button>
              </PostForm>
            </>
          ) : null}
          {standing !== 'same' ? (
            file.pending ? (
              <p>
                Un changement de l’adresse du foyer attend déjà la validation du guichet unique : suivez-le dans{' '}
                <a href={paths.contactDetails}>Coordonnées</a>.
              </p>
            ) : (
              <>
                <p>
                  Si c’est l’adresse de votre profil qui est la bonne, proposez-la pour le dossier famille
                  {file.validated
                    ? ' : le guichet unique valide ce changement avant qu’il ne s’applique.'
                    : ' : elle s’applique aussitôt.'}
                </p>
                <PostForm context={context} action={`${paths.contactDetails}/modifier/address`}>
                  <input type="hidden" name="street" value={citizen.street} />
                  <input type="hidden" name="streetComplement" value={citizen.streetComplement} />
                  <input type="hidden" name="postcode" value={citizen.postcode} />
                  <input type="hidden" name="city" value={citizen.city} />
                  <button type="submit" class="button button--secondary">
                    Utiliser l’adresse de mon profil pour le dossier famille
                  </button>
                </PostForm>
              </>
            )
          ) : null}
        </>
      )}
    </MySpaceLayout>
  );
}
