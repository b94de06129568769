import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';
import { DeskContact } from '../../../../communes/http/views/DeskContact.js';
import { adultRoleLabel } from '../../../adultRoles.js';
import { INVITATIONS_PER_DAY } from '../../../coRepresentativeInvitation.js';
import type { FamilyAdult, FamilyMember } from '../../../familiesRepository.js';
import { ErrorNotice, MemberLinks, fullName } from './fileParts.js';

export interface EntourageProps {
  context: PageContext;
  /** The file's other responsible adults: the co-représentant, seen from the représentant. */
  others: FamilyAdult[];
  /** The one of them the invitation form is for: the first without an account. */
  invitee: FamilyAdult | null;
  members: FamilyMember[];
  form: FormState;
  sent: boolean;
  tooMany: boolean;
}

/** « Entourage » of Mon espace: the co-représentant (and the invitation to their own account) and the members of the household. */
export function EntouragePage({ context, others, invitee, members, form, sent, tooMany }: EntourageProps) {
  const commune = context.commune!;
  const paths = communePaths(commune);
  return (
    <MySpaceLayout context={context} tab="entourage" title={formTitle('Entourage', form)}>
      <h2>Entourage</h2>
      {sent ? (
        <div class="notice notice--success" role="status">
          <p>
            L’invitation est envoyée. Elle contient une Clé Enfance personnelle, qui relie au dossier famille l’espace à
            créer (ou un espace déjà créé).
          </p>
        </div>
      ) : null}
      {tooMany ? (
        <ErrorNotice>
          <p>
            L’invitation n’a pas été envoyée : {INVITATIONS_PER_DAY} invitations ont déjà été envoyées pour votre
            famille ces dernières 24 heures. Réessayez demain, ou adressez-vous au guichet unique.
          </p>
        </ErrorNotice>
      ) : null}

      {/* Seen from the co-représentant's own account, the other adult is the représentant. */}
      <h3>{others.length === 1 ? adultRoleLabel(others[0]!.role, others[0]!.civility) : 'Co-représentant'}</h3>
      {others.length === 0 ? (
        <>
          <p>
            Aucun autre responsable n’est inscrit dans votre dossier famille. C’est le guichet unique qui l’ajoute, sur
            présentation des justificatifs :
          </p>
          <DeskContact desk={commune.desk} />
        </>
      ) : (
        <ul>
          {others.map((adult) => (
            <li key={adult.id}>
              {fullName(adult)} — {adultRoleLabel(adult.role, adult.civility)} —{' '}
              {adult.citizenId
                ? 'a son propre espace citoyen, relié au dossier famille'
                : 'n’a pas encore d’espace citoyen relié au dossier famille'}
            </li>
          ))}
        </ul>
      )}
      {invitee ? (
        <>
          <h4>Inviter {fullName(invitee)}</h4>
          <p>
            Une invitation par e-mail contient une Clé Enfance personnelle et le lien pour créer un espace : avec son
            propre identifiant, {fullName(invitee)} suivra les mêmes démarches que vous et verra les mêmes informations.
            Une nouvelle invitation remplace la clé d’une invitation précédente ; une clé remise par le guichet unique
            reste valable.
          </p>
          <ErrorSummary form={form} labels={{ email: 'Son adresse e-mail' }} />
          <PostForm context={context} action={paths.inviteCoRepresentative}>
            <input type="hidden" name="adultId" value={invitee.id} />
            {invitee.email ? (
              <p>L’invitation sera envoyée à l’adresse e-mail enregistrée au dossier famille : {invitee.email}.</p>
            ) : (
              <TextField
                form={form}
                name="email"
                type="email"
                label="Son adresse e-mail"
                hint="Format attendu : nom@exemple.fr"
                autocomplete="off"
                spellcheck={false}
                required
              />
            )}
            <button type="submit" class="button">
              Envoyer l’invitation
            </button>
          </PostForm>
        </>
      ) : null}

      <h3>Membres du foyer</h3>
      <MemberLinks commune={commune} members={members} />
    </MySpaceLayout>
  );
}
