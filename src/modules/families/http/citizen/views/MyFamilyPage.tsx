import { Layout } from '../../../../../platform/views/Layout.js';
import { Card, CardGrid } from '../../../../../platform/views/components/Card.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import { adultRoleLabel } from '../../../adultRoles.js';
import { fieldGroups } from '../../../domain/fieldGroups.js';
import type { FamilyAdult, FamilyFile } from '../../../familiesRepository.js';
import type { FullFile, PendingChange } from '../../../familyFileService.js';
import type { FileNotice } from '../../groupEditing.js';
import { FileNoticeBox, MemberLinks, fullName } from './fileParts.js';

/** What a waiting request is about, as the family reads it in a list. */
export function pendingSummary(file: FamilyFile, pending: PendingChange): string {
  const label = fieldGroups[pending.group].label;
  if (pending.group === 'new-member') {
    const named = (field: string) => pending.changes.find((c) => c.field === field)?.after ?? '';
    return `${label} : ${named('firstName')} ${named('lastName').toLocaleUpperCase('fr-FR')}`;
  }
  const target = pending.target;
  if (target.kind === 'family') return label;
  const person =
    target.kind === 'adult'
      ? file.adults.find((a) => a.id === target.id)
      : file.members.find((m) => m.id === target.id);
  return person ? `${label} — ${fullName(person)}` : label;
}

const representantFirst = (a: FamilyAdult, b: FamilyAdult) =>
  Number(a.role !== 'representant') - Number(b.role !== 'representant');

/** « Ma famille »: the file number, the household, its responsible adults and members, and what waits for validation. */
export function MyFamilyPage({
  context,
  file,
  notice,
}: {
  context: PageContext;
  file: FullFile;
  notice: FileNotice | null;
}) {
  const commune = context.commune!;
  const paths = communePaths(commune);
  const { family, adults, members, pending } = file;
  return (
    <Layout context={context} title="Ma famille">
      <h1>Ma famille</h1>
      <FileNoticeBox
        commune={commune}
        notice={notice}
        requestedText="Votre demande d’ajout d’un membre du foyer a été transmise au guichet unique."
      />
      <p>Dossier famille n° {family.reference}</p>

      <h2>Démarches</h2>
      <CardGrid>
        <Card
          id="carte-reservations"
          level={3}
          icon="calendar"
          title="Modifier les réservations"
          href={paths.reservations}
        >
          <p>Les jours de vos enfants aux services de la commune, mois par mois.</p>
        </Card>
        <Card id="carte-inscription" level={3} icon="list" title="Créer une inscription" href={paths.newInscription}>
          <p>Inscrire un enfant à un service de la commune.</p>
        </Card>
        <Card id="carte-absence" level={3} icon="clock" title="Signaler une absence" href={paths.newAbsence}>
          <p>Prévenir le guichet unique qu’un enfant ne viendra pas.</p>
        </Card>
        <Card id="carte-vacances" level={3} icon="home" title="Activités vacances" href={paths.holidayActivities}>
          <p>Réserver ou annuler une place pendant les vacances scolaires.</p>
        </Card>
        <Card id="carte-demarches" level={3} icon="document" title="Autres démarches" href={paths.demarches}>
          <p>Les autres demandes que la commune traite en ligne.</p>
        </Card>
      </CardGrid>

      <h2>Adresse du foyer</h2>
      <p>
        {family.street ? (
          <>
            {family.street}
            {family.streetComplement ? (
              <>
                <br />
                {family.streetComplement}
              </>
            ) : null}
            <br />
            {family.postcode} {family.city}
          </>
        ) : (
          'Aucune adresse n’est enregistrée.'
        )}
      </p>
      <p>
        <a href={paths.contactDetails}>Coordonnées : adresse, téléphones et e-mail</a>
      </p>

      <h2>Responsables</h2>
      <ul>
        {[...adults].sort(representantFirst).map((adult) => (
          <li key={adult.id}>
            {fullName(adult)} — {adultRoleLabel(adult.role, adult.civility)} —{' '}
            {adult.citizenId ? 'a son espace citoyen' : 'n’a pas encore d’espace citoyen'}
          </li>
        ))}
      </ul>
      <p>
        <a href={paths.entourage}>Entourage : le co-représentant et son espace</a>
      </p>

      <h2>Membres du foyer</h2>
      <MemberLinks commune={commune} members={members} />

      <h2>Modifications en attente de validation</h2>
      {pending.length === 0 ? (
        <p>Aucune modification n’attend la validation du guichet unique.</p>
      ) : (
        <ul>
          {pending.map((p) => (
            <li key={p.requestId}>
              <a href={paths.request(p.requestId)}>{pendingSummary(file, p)}</a> — demandée le {formatLocalDate(p.at)}
            </li>
          ))}
        </ul>
      )}

      <h2>Votre dossier</h2>
      <ul>
        <li>
          <a href={paths.familyHistory}>Historique des modifications</a>
        </li>
        <li>
          <a href={paths.myData}>Télécharger mes données</a>
        </li>
      </ul>
    </Layout>
  );
}
