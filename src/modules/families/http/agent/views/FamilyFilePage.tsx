import { Fragment } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import type { FamilyAdult, FamilyChange } from '../../../familiesRepository.js';
import type { FullFile } from '../../../familyFileService.js';
import { describeValue, fieldGroups } from '../../../domain/fieldGroups.js';
import { pendingOf } from '../../groupEditing.js';
import { deskFilePaths } from '../deskFile.js';
import { HistoryTable, PendingList } from './deskFileParts.js';
import { EditLink, GroupFacts } from '../../fileViewParts.js';
import type { ChildKey } from '../../../../accounts/childKeysRepository.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, formatDay, personName, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { adultRoleLabel } from '../../../adultRoles.js';
import type { FamilyActivity } from '../familyActivity.js';
import { FamilyActivitySection } from './FamilyActivityParts.js';

const relations: Record<string, string> = { enfant: 'Enfant', adulte: 'Adulte' };

/** Where a key stands: what the agent reads out to a family at the desk. */
function keyState(key: ChildKey | undefined): string {
  if (!key) return 'Aucune clé remise.';
  if (key.usedAt)
    return `Utilisée le ${formatLocalDateTime(key.usedAt)} (émise le ${formatLocalDateTime(key.issuedAt)}).`;
  if (key.revokedAt)
    return `Révoquée le ${formatLocalDateTime(key.revokedAt)} (émise le ${formatLocalDateTime(key.issuedAt)}).`;
  return `Émise le ${formatLocalDateTime(key.issuedAt)}, pas encore utilisée.`;
}

interface FamilyFileProps {
  context: PageContext;
  file: FullFile;
  keys: ChildKey[];
  revokedFor?: FamilyAdult;
  /** Who changed what, newest first. */
  history: FamilyChange[];
  /** `billing`: the QF's page is linked; `payments`: the family's invoices and payments. */
  may: { edit: boolean; billing?: boolean; payments?: boolean };
  /** What the last edit did, after its redirect. */
  notice: string | null;
  /** What the family does (inscriptions, bookings, absences, requests, invoices, documents); absent in view tests of the file alone. */
  activity?: FamilyActivity;
}

/**
 * A family file as the guichet sees it: the household's address, the adults with their contact
 * details, accounts and keys, the members, what the family asked to change and the file's history.
 */
export function FamilyFilePage({ context, file, keys, revokedFor, history, may, notice, activity }: FamilyFileProps) {
  const commune = context.commune!;
  const paths = agentPaths(commune);
  const edit = deskFilePaths(commune);
  const { family, adults, members } = file;
  const familyValues = family as unknown as Record<string, unknown>;
  return (
    <Layout context={context} title={`Dossier famille ${family.reference}`}>
      <p class="no-print">
        <a href={paths.families}>Retour à la recherche</a>
      </p>
      <h1>Dossier famille {family.reference}</h1>
      {notice ? (
        <Notice>
          <p>{notice}</p>
        </Notice>
      ) : null}
      {revokedFor ? (
        <Notice>
          <p>La Clé Enfance de {personName(revokedFor)} est révoquée : elle ne peut plus être utilisée.</p>
        </Notice>
      ) : null}
      {may.billing ? (
        <p class="no-print">
          <a href={paths.familyQuotient(family.id)}>Quotient familial et tarif de la famille</a>
        </p>
      ) : null}
      <h2>Adresse du foyer</h2>
      <GroupFacts
        requestHref={paths.request}
        group="address"
        values={familyValues}
        pending={pendingOf(file, 'address', { kind: 'family' })}
      />
      {may.edit ? <EditLink href={edit.edit(family.id, 'address')} label={fieldGroups.address.label} /> : null}
      <h2>Responsables</h2>
      {adults.length === 0 ? <p>Aucun responsable n'est enregistré dans ce dossier.</p> : null}
      {adults.map((adult) => {
        // Newest first: the first is the key that counts now.
        const adultKeys = keys.filter((key) => key.adultId === adult.id);
        const current = adultKeys[0];
        const usable = current && !current.usedAt && !current.revokedAt;
        const contactPending = pendingOf(file, 'contact', { kind: 'adult', id: adult.id });
        return (
          <section key={adult.id} class="card adult-card" aria-labelledby={`adulte-${adult.id}`}>
            <h3 id={`adulte-${adult.id}`}>{personName(adult)}</h3>
            <dl class="facts">
              <dt>Rôle</dt>
              <dd>{adultRoleLabel(adult.role, adult.civility)}</dd>
              {Object.entries(fieldGroups.contact.fields).map(([field, label]) => {
                const waiting = contactPending?.changes.find((c) => c.field === field);
                return (
                  <Fragment key={field}>
                    <dt>{label}</dt>
                    <dd>
                      {describeValue(field, (adult as unknown as Record<string, unknown>)[field])}
                      {waiting ? <span class="pending">En attente de validation : {waiting.after}</span> : null}
                    </dd>
                  </Fragment>
                );
              })}
              <dt>Espace citoyen relié</dt>
              <dd>{adult.citizenId ? 'Oui' : 'Non'}</dd>
              <dt>Clé Enfance</dt>
              <dd>{keyState(current)}</dd>
            </dl>
            {may.edit ? (
              <p>
                <a href={edit.edit(family.id, 'contact', adult.id)} class="button button--secondary">
                  Modifier les coordonnées<span class="visually-hidden"> de {personName(adult)}</span>
                </a>
              </p>
            ) : null}
            {adult.citizenId ? (
              <p>Son espace est relié au dossier : aucune clé n'est nécessaire.</p>
            ) : (
              <div class="actions">
                <PostForm context={context} action={paths.childKey(family.id, adult.id)} class="inline-form">
                  <button type="submit" class="button">
                    {current
                      ? `Émettre une nouvelle clé pour ${adult.firstName}`
                      : `Émettre une Clé Enfance pour ${adult.firstName}`}
                  </button>
                </PostForm>
                {usable ? (
                  <PostForm context={context} action={paths.revokeChildKey(family.id, adult.id)} class="inline-form">
                    <button type="submit" class="button button--secondary">
                      Révoquer la clé de {adult.firstName}
                    </button>
                  </PostForm>
                ) : null}
              </div>
            )}
            {usable ? <p class="meta">Émettre une nouvelle clé révoque celle qui n'a pas encore servi.</p> : null}
            {adultKeys.length > 1 ? (
              <details>
                <summary>Historique des clés ({adultKeys.length})</summary>
                <ul>
                  {adultKeys.map((key) => (
                    <li key={key.id}>{keyState(key)}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        );
      })}
      <h2>Membres du foyer</h2>
      {members.length === 0 ? (
        <p>Aucun membre du foyer n'est enregistré dans ce dossier.</p>
      ) : (
        <TableBox label="Membres du foyer">
          <table class="data">
            <caption class="visually-hidden">Membres du foyer du dossier {family.reference}</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Date de naissance</th>
                <th scope="col">Lien</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <td>
                    <a href={paths.familyMember(family.id, member.id)}>{personName(member)}</a>
                  </td>
                  <td>{formatDay(member.birthDate)}</td>
                  <td>{relations[member.relation] ?? member.relation}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {may.edit ? (
        <p>
          <a href={edit.newMember(family.id)} class="button button--secondary">
            Ajouter un membre du foyer
          </a>
        </p>
      ) : null}
      {may.payments ? (
        <>
          <h2>Factures et paiements</h2>
          <p>
            <a href={agentPaths(context.commune!).familyPayments(family.id)}>
              Voir les factures et enregistrer un paiement
            </a>
          </p>
        </>
      ) : null}
      {activity ? (
        <FamilyActivitySection context={context} familyId={family.id} members={members} activity={activity} />
      ) : null}
      <h2>Modifications en attente de validation</h2>
      <PendingList commune={commune} file={file} pending={file.pending} />
      <h2>Historique du dossier</h2>
      <HistoryTable
        commune={commune}
        file={file}
        history={history}
        caption={`Historique du dossier famille ${family.reference}`}
      />
    </Layout>
  );
}
