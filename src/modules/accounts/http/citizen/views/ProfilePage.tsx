import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Citizen } from '../../../citizensRepository.js';
import { greetingOf } from '../../../citizenGreeting.js';
import {
  type Phones,
  type PostalAddress,
  addressStanding,
  type PhonesStanding,
  phonesStanding,
} from '../../../domain/profile.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';

/** The family file's address as the profile shows it beside the account's. */
export interface FileAddress {
  address: PostalAddress;
  /** The commune validates a change of the household's address before it applies. */
  validated: boolean;
  /** A change of it already waits for the guichet unique. */
  pending: boolean;
}

/** The parent's own phones in the family file, the ones the guichet unique calls and finds the family by. */
export interface FilePhones {
  phones: Phones;
  /** Their whole « Téléphones et e-mail » entry: proposing the profile's phones keeps the rest as it is. */
  contact: { email: string; phone: string; homePhone: string; workPhone: string; preferredContact: string };
  /** The commune validates a change of them before it applies. */
  validated: boolean;
  /** A change of them already waits for the guichet unique. */
  pending: boolean;
}

export type ProfileNotice = 'changed' | 'unchanged' | 'copied' | 'phones-copied';

const notices: Record<ProfileNotice, string> = {
  changed: 'Votre profil est enregistré.',
  unchanged: 'Rien n’a changé : votre profil avait déjà ces valeurs.',
  copied: 'L’adresse de votre dossier famille est maintenant aussi celle de votre profil.',
  'phones-copied': 'Les téléphones de votre dossier famille sont maintenant aussi ceux de votre profil.',
};

const phonesText = (phones: Phones) =>
  [phones.mobilePhone, phones.homePhone].filter((phone) => phone.trim()).join(' — ') || 'Aucun téléphone indiqué';

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
  filePhones,
  notice,
}: {
  context: PageContext;
  citizen: Citizen;
  /** Null when the account is not linked to a family file. */
  file: FileAddress | null;
  /** Null when the account is not linked to a family file. */
  filePhones: FilePhones | null;
  notice: ProfileNotice | null;
}) {
  const paths = communePaths(context.commune!);
  const standing = addressStanding(citizen, file?.address ?? null);
  const phones = phonesStanding(citizen, filePhones?.phones ?? null);
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
        <dd>{phonesText(citizen)}</dd>
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
      {filePhones ? <PhonesUsed context={context} citizen={citizen} file={filePhones} standing={phones} /> : null}
    </MySpaceLayout>
  );
}

/** Which phones the guichet unique uses (the file's), how they stand beside the profile's, and the copy each way. */
function PhonesUsed({
  context,
  citizen,
  file,
  standing,
}: {
  context: PageContext;
  citizen: Citizen;
  file: FilePhones;
  standing: PhonesStanding;
}) {
  const paths = communePaths(context.commune!);
  return (
    <>
      <h2>Les téléphones que la commune utilise</h2>
      <p>
        Le guichet unique vous appelle aux téléphones de votre fiche dans le dossier famille, et retrouve votre dossier
        par eux. Ceux de votre profil ne servent à aucun appel.
      </p>
      <dl class="facts">
        <dt>Vos numéros dans le dossier famille</dt>
        <dd>{phonesText(file.phones)}</dd>
      </dl>
      {standing === 'same' ? <p>Ce sont les mêmes que ceux de votre profil.</p> : null}
      {standing === 'different' || standing === 'profile-empty' ? (
        <>
          <p>
            {standing === 'different'
              ? 'Ils diffèrent de ceux de votre profil. Si ceux du dossier famille sont les bons, reprenez-les :'
              : 'Votre profil n’en a pas. Pour y mettre ceux du dossier famille :'}
          </p>
          <PostForm context={context} action={paths.profilePhonesFromFile}>
            <button type="submit" class="button button--secondary">
              Reprendre les téléphones du dossier famille dans mon profil
            </button>
          </PostForm>
        </>
      ) : null}
      {standing === 'different' || standing === 'file-empty' ? (
        file.pending ? (
          <p>
            Un changement de vos téléphones attend déjà la validation du guichet unique : suivez-le dans{' '}
            <a href={paths.contactDetails}>Coordonnées</a>.
          </p>
        ) : (
          <>
            <p>
              Si ce sont ceux de votre profil qui sont les bons, proposez-les pour le dossier famille
              {file.validated
                ? ' : le guichet unique valide ce changement avant qu’il ne s’applique.'
                : ' : ils s’appliquent aussitôt.'}
            </p>
            <PostForm context={context} action={`${paths.contactDetails}/modifier/contact`}>
              {/* The rest of the entry is sent as it is: only the two phones change. */}
              <input type="hidden" name="email" value={file.contact.email} />
              <input type="hidden" name="phone" value={citizen.mobilePhone} />
              <input type="hidden" name="homePhone" value={citizen.homePhone} />
              <input type="hidden" name="workPhone" value={file.contact.workPhone} />
              <input type="hidden" name="preferredContact" value={file.contact.preferredContact} />
              <button type="submit" class="button button--secondary">
                Utiliser les téléphones de mon profil pour le dossier famille
              </button>
            </PostForm>
          </>
        )
      ) : null}
    </>
  );
}
