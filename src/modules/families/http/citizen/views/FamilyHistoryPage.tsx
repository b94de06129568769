import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { fieldGroups, isFieldGroup } from '../../../domain/fieldGroups.js';
import type { FamilyChange, FamilyMember } from '../../../familiesRepository.js';
import { changeText, fullName } from './fileParts.js';

/**
 * Who made a change, as both parents read it: a parent by name; an agent as « Guichet unique », as
 * in the requests' timeline — the desk answers as one, and its agents' names stay the commune's.
 */
export function authorOf(change: Pick<FamilyChange, 'actorKind' | 'actorLabel'>): string {
  if (change.actorKind === 'agent') return 'Guichet unique';
  if (change.actorKind === 'system') return 'Espace citoyens';
  return change.actorLabel || 'Un responsable de la famille';
}

/** « Historique des modifications »: who changed what in the family file, and when, newest first. */
export function FamilyHistoryPage({
  context,
  changes,
  members,
}: {
  context: PageContext;
  changes: FamilyChange[];
  members: FamilyMember[];
}) {
  const paths = communePaths(context.commune!);
  const memberName = (id: string | null) => {
    const member = id ? members.find((m) => m.id === id) : undefined;
    return member ? ` — ${fullName(member)}` : '';
  };
  return (
    <Layout context={context} title="Historique des modifications">
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Historique des modifications</h1>
      <p>
        Les modifications de votre dossier famille, par vous, par l’autre responsable de la famille ou par le guichet
        unique. Les plus récentes d’abord.
      </p>
      {changes.length === 0 ? (
        <p>Aucune modification n’a encore été enregistrée.</p>
      ) : (
        <ol class="timeline">
          {changes.map((change) => (
            <li key={change.id}>
              <p>
                <strong>{formatLocalDateTime(change.at)}</strong> — {authorOf(change)}
                <br />
                {isFieldGroup(change.fieldGroup) ? fieldGroups[change.fieldGroup].label : change.fieldGroup}
                {memberName(change.memberId)}
                {change.requestId ? (
                  <>
                    {' '}
                    (<a href={paths.request(change.requestId)}>demande acceptée</a>)
                  </>
                ) : null}
              </p>
              <ul>
                {change.changes.map((field) => (
                  <li key={field.field}>{changeText(field)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
