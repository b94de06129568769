import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { requestStatusLabel } from '../../../../requests/domain/requestStatus.js';
import { adultRoleLabel } from '../../../adultRoles.js';
import type { FieldChange } from '../../../domain/fieldGroups.js';
import type { FamilyExport } from '../../../familyExport.js';
import { fieldGroups, isFieldGroup } from '../../../domain/fieldGroups.js';
import { DataSection, Facts, type Field, Rows, actionLabel, actorName, fileValue, plain } from './MyDataParts.js';
import { MyReservationsData, type ReservationNames } from './MyReservationsData.js';
import { MyDocumentsData } from './MyDocumentsData.js';

type RowOf<K extends keyof FamilyExport> = FamilyExport[K][number];

const name = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName.toLocaleUpperCase('fr-FR')}`;
const civilities: Record<string, string> = { madame: 'Madame', monsieur: 'Monsieur' };
const contactKinds: Record<string, string> = {
  pickup: 'Personne autorisée à venir chercher l’enfant',
  emergency: 'Personne à prévenir en cas d’urgence',
};
const accountStates: Record<string, string> = { active: 'Actif', pending: 'En attente d’activation' };
const linkPurposes: Record<string, string> = {
  activation: 'Activation de l’espace',
  reset: 'Nouveau mot de passe',
  'email-change': 'Nouvelle adresse e-mail',
};
const eventKinds: Record<string, string> = {
  submitted: 'Demande déposée',
  status: 'Changement de statut',
  assigned: 'Prise en charge',
  message: 'Message',
};

const groupLabel = (group: unknown) =>
  typeof group === 'string' && isFieldGroup(group) ? fieldGroups[group].label : plain(group);
const changesText = (value: unknown) =>
  (value as FieldChange[]).map((c) => `${c.label} : ${c.before} → ${c.after}`).join(' ; ') || '—';

const familyFields: Field<RowOf<'families'>>[] = [
  ['reference', 'Numéro de dossier'],
  ['street', 'Numéro et voie'],
  ['streetComplement', 'Complément d’adresse'],
  ['postcode', 'Code postal'],
  ['city', 'Commune'],
  ['createdAt', 'Dossier créé le'],
];

const adultFields: Field<RowOf<'family_adults'>>[] = [
  ['role', 'Rôle', (v) => adultRoleLabel(String(v))],
  ['civility', 'Civilité', (v) => civilities[String(v)] ?? plain(v)],
  ['firstName', 'Prénom'],
  ['lastName', 'Nom'],
  ['email', 'Adresse e-mail'],
  ['phone', 'Téléphone portable'],
  ['homePhone', 'Téléphone fixe'],
  ['workPhone', 'Téléphone professionnel'],
  ['preferredContact', 'Moyen de contact préféré', fileValue('preferredContact')],
  ['citizenId', 'Espace citoyen relié', (v) => (v ? 'Oui' : 'Non')],
];

const memberFields: Field<RowOf<'family_members'>>[] = [
  ['firstName', 'Prénom'],
  ['lastName', 'Nom'],
  ['birthDate', 'Date de naissance', fileValue('birthDate')],
  ['sex', 'Sexe', fileValue('sex')],
  ['relation', 'Lien', fileValue('relation')],
  ['schoolName', 'École'],
  ['schoolClass', 'Classe'],
  ['diet', 'Régime alimentaire', fileValue('diet')],
  ['allergies', 'Allergies'],
  ['pai', 'Projet d’accueil individualisé (PAI)'],
  ['doctorName', 'Médecin traitant'],
  ['doctorPhone', 'Téléphone du médecin'],
  ['photoConsent', 'Droit à l’image (photos)'],
  ['leavesAloneConsent', 'Autorisé à rentrer seul'],
];

const citizenFields: Field<RowOf<'citizens'>>[] = [
  ['username', 'Identifiant'],
  ['email', 'Adresse e-mail'],
  ['civility', 'Civilité', (v) => civilities[String(v)] ?? plain(v)],
  ['firstName', 'Prénom'],
  ['lastName', 'Nom'],
  ['street', 'Numéro et voie'],
  ['streetComplement', 'Complément d’adresse'],
  ['postcode', 'Code postal'],
  ['city', 'Commune'],
  ['mobilePhone', 'Téléphone portable'],
  ['homePhone', 'Téléphone fixe'],
  ['status', 'État du compte', (v) => accountStates[String(v)] ?? plain(v)],
  ['termsAcceptedAt', 'Conditions d’utilisation acceptées le'],
  ['createdAt', 'Espace créé le'],
  ['activatedAt', 'Espace activé le'],
  ['lastLoginAt', 'Dernière connexion'],
  ['previousLoginAt', 'Connexion précédente'],
  ['keyFailures', 'Clés Enfance erronées saisies ces dernières 24 heures', (v) => String((v as unknown[]).length)],
];

const requestFields: Field<RowOf<'requests'>>[] = [
  ['status', 'Statut', (v) => requestStatusLabel(String(v))],
  ['createdAt', 'Déposée le'],
  ['createdByLabel', 'Par'],
  ['updatedAt', 'Dernière modification'],
  ['decidedAt', 'Décidée le'],
];

/**
 * « Mes données »: every piece of data the portal holds about the family, grouped by kind, each
 * with a heading, as the JSON download holds it (RGPD right of access).
 */
export function MyDataPage({
  context,
  data,
  typeLabel,
  names,
}: {
  context: PageContext;
  data: FamilyExport;
  typeLabel: (type: string) => string;
  names: ReservationNames;
}) {
  const paths = communePaths(context.commune!);
  const family = data.families[0]!;
  const memberName = (id: unknown) => {
    const member = data.family_members.find((m) => m.id === id);
    return member ? name(member) : '—';
  };
  const adultName = (id: unknown) => {
    const adult = data.family_adults.find((a) => a.id === id);
    return adult ? name(adult) : '—';
  };
  const citizenName = (id: unknown) => data.citizens.find((c) => c.id === id)?.username ?? '—';
  return (
    <Layout context={context} title="Mes données">
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Mes données</h1>
      <p>
        Voici toutes les données que l’espace citoyens conserve sur votre famille (dossier n° {family.reference}) : le
        dossier famille, vos demandes, vos comptes et le journal de sécurité qui les concerne. Les mots de passe, les
        clés et les liens envoyés par e-mail n’apparaissent jamais : seules leurs dates sont conservées ici.
      </p>
      <p>
        <a class="button" href={paths.myDataJson} download>
          Télécharger (JSON)
        </a>
      </p>

      <DataSection title="Le dossier famille">
        <Facts row={family} fields={familyFields} />
      </DataSection>

      <DataSection title="Les responsables">
        {data.family_adults.map((adult) => (
          <section key={adult.id}>
            <h3>{name(adult)}</h3>
            <Facts row={adult} fields={adultFields} />
          </section>
        ))}
      </DataSection>

      <DataSection title="Les membres du foyer">
        {data.family_members.length === 0 ? <p>Aucune donnée.</p> : null}
        {data.family_members.map((member) => (
          <section key={member.id}>
            <h3>{name(member)}</h3>
            <Facts row={member} fields={memberFields} />
          </section>
        ))}
      </DataSection>

      <DataSection title="Les personnes autorisées et les contacts d’urgence">
        <Rows
          caption="Les personnes autorisées et les contacts d’urgence"
          rows={data.member_contacts}
          fields={[
            ['memberId', 'Membre', memberName],
            ['kind', 'Rôle', (v) => contactKinds[String(v)] ?? plain(v)],
            ['name', 'Nom'],
            ['phone', 'Téléphone'],
            ['relation', 'Lien'],
          ]}
        />
      </DataSection>

      <DataSection title="L’historique du dossier" about="Qui a modifié quoi dans le dossier famille, et quand.">
        <Rows
          caption="L’historique du dossier"
          rows={data.family_changes}
          fields={[
            ['at', 'Date'],
            ['actorLabel', 'Par', (v, row) => actorName(row.actorKind, String(v))],
            ['fieldGroup', 'Informations', groupLabel],
            ['memberId', 'Membre', (v) => (v ? memberName(v) : '—')],
            ['changes', 'Modifications', changesText],
          ]}
        />
      </DataSection>

      <DataSection title="Les demandes">
        {data.requests.length === 0 ? <p>Aucune donnée.</p> : null}
        {data.requests.map((request) => {
          const events = data.request_events.filter((e) => e.requestId === request.id);
          const messages = data.request_messages.filter((m) => m.requestId === request.id);
          return (
            <section key={request.id}>
              <h3>
                {request.summary.startsWith(typeLabel(request.type))
                  ? request.summary
                  : `${typeLabel(request.type)} : ${request.summary}`}
              </h3>
              <Facts row={request} fields={requestFields} />
              <h4>Étapes</h4>
              <ul>
                {events.map((event) => (
                  <li key={event.id}>
                    {plain(event.at)} — {eventKinds[event.kind] ?? event.kind}
                    {event.toStatus ? ` : ${requestStatusLabel(event.toStatus)}` : ''} —{' '}
                    {actorName(event.actorKind, event.actorLabel)}
                  </li>
                ))}
              </ul>
              <h4>Messages</h4>
              {messages.length === 0 ? <p>Aucun message.</p> : null}
              <ul class="thread">
                {messages.map((message) => (
                  <li key={message.id} class={message.authorKind === 'agent' ? 'message message--agent' : 'message'}>
                    <p class="meta">
                      {plain(message.at)} — {actorName(message.authorKind, message.authorLabel)}
                    </p>
                    {message.body}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </DataSection>

      <MyReservationsData data={data} memberName={memberName} names={names} />

      <MyDocumentsData commune={context.commune!} data={data} memberName={memberName} />

      <DataSection
        title="Les comptes de l’espace citoyens"
        about="Les espaces reliés au dossier famille par une Clé Enfance."
      >
        {data.citizens.length === 0 ? <p>Aucune donnée.</p> : null}
        {data.citizens.map((citizen) => (
          <section key={citizen.id}>
            <h3>
              Espace de {name(citizen)} ({citizen.username})
            </h3>
            <Facts row={citizen} fields={citizenFields} />
          </section>
        ))}
      </DataSection>

      <DataSection
        title="Les Clés Enfance"
        about="Les clés remises aux responsables : leurs dates seulement, jamais la clé."
      >
        <Rows
          caption="Les Clés Enfance"
          rows={data.child_keys}
          fields={[
            ['adultId', 'Responsable', adultName],
            ['issuedAt', 'Émise le'],
            ['usedAt', 'Utilisée le'],
            ['usedByCitizenId', 'Utilisée par l’espace', (v) => (v ? citizenName(v) : '—')],
            ['revokedAt', 'Révoquée le'],
          ]}
        />
      </DataSection>

      <DataSection
        title="Les liens envoyés par e-mail"
        about="Liens d’activation, de nouveau mot de passe ou de nouvelle adresse : leurs dates seulement, jamais le lien."
      >
        <Rows
          caption="Les liens envoyés par e-mail"
          rows={data.account_tokens}
          fields={[
            ['subjectId', 'Espace', citizenName],
            ['purpose', 'Objet', (v) => linkPurposes[String(v)] ?? plain(v)],
            ['newEmail', 'Nouvelle adresse'],
            ['createdAt', 'Envoyé le'],
            ['expiresAt', 'Valable jusqu’au'],
            ['usedAt', 'Utilisé le'],
          ]}
        />
      </DataSection>

      <DataSection
        title="Le journal de sécurité"
        about="Les connexions, les changements et les consultations qui concernent votre famille ou vos espaces."
      >
        <Rows
          caption="Le journal de sécurité"
          rows={data.audit_events}
          fields={[
            ['at', 'Date'],
            ['action', 'Action', (v) => actionLabel(String(v))],
            ['actorLabel', 'Par', (v, row) => actorName(row.actorKind, String(v))],
            ['ip', 'Adresse IP'],
          ]}
        />
      </DataSection>

      <DataSection
        title="Les e-mails en attente d’envoi"
        about="Les e-mails adressés à vos espaces qui n’ont pas encore quitté l’espace citoyens."
      >
        <Rows
          caption="Les e-mails en attente d’envoi"
          rows={data.mailbox}
          fields={[
            ['createdAt', 'Date'],
            ['to', 'Destinataire'],
            ['subject', 'Objet'],
          ]}
        />
      </DataSection>
    </Layout>
  );
}
