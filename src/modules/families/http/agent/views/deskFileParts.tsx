import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { personName } from '../../../../../doors/agent/views/deskParts.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import { fieldGroups, isFieldGroup } from '../../../domain/fieldGroups.js';
import type { FamilyChange } from '../../../familiesRepository.js';
import type { FieldChange } from '../../../domain/fieldGroups.js';
import type { FullFile, PendingChange } from '../../../familyFileService.js';
import { changeText } from '../../citizen/views/fileParts.js';

/**
 * The desk's pieces of a family file. Health values are shown only on the member's health page,
 * whose every view is in the audit log: elsewhere a change of the health notes says which fields
 * changed, never their values.
 */

/** A field's change, its values hidden when they are health notes and the page is not the audited one. */
export function deskChangeText(group: string, change: FieldChange, showHealth: boolean): string {
  return group === 'health' && !showHealth ? `${change.label} : modifié` : changeText(change);
}

/** Whom a change is about: « — DUPONT Rémi », or nothing for the household. */
function targetName(file: FullFile, target: PendingChange['target']): string {
  if (target.kind === 'family') return '';
  const person =
    target.kind === 'adult'
      ? file.adults.find((a) => a.id === target.id)
      : file.members.find((m) => m.id === target.id);
  return person ? ` — ${personName(person)}` : '';
}

const groupLabel = (group: string) => (isFieldGroup(group) ? fieldGroups[group].label : group);

/** The changes the family asked for and the guichet has not decided yet, each with its request. */
export function PendingList({
  commune,
  file,
  pending,
  showHealth = false,
}: {
  commune: Commune;
  file: FullFile;
  pending: PendingChange[];
  showHealth?: boolean;
}) {
  if (pending.length === 0) return <p>Aucune modification en attente de validation.</p>;
  const paths = agentPaths(commune);
  return (
    <ul>
      {pending.map((change) => (
        <li key={change.requestId}>
          <strong>
            {groupLabel(change.group)}
            {targetName(file, change.target)}
          </strong>{' '}
          (demandée le {formatLocalDateTime(change.at)}) :{' '}
          {change.changes.map((c) => deskChangeText(change.group, c, showHealth)).join(' ; ')}.{' '}
          <a href={paths.request(change.requestId)}>
            Voir la demande<span class="visually-hidden"> : {groupLabel(change.group)}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const actorKinds: Record<string, string> = { citizen: 'famille', agent: 'guichet unique', system: 'système' };

/** Who changed what in the file and when, newest first. */
export function HistoryTable({
  commune,
  file,
  history,
  caption,
  showHealth = false,
}: {
  commune: Commune;
  file: FullFile;
  history: FamilyChange[];
  caption: string;
  showHealth?: boolean;
}) {
  if (history.length === 0) return <p>Aucune modification n’est enregistrée.</p>;
  const paths = agentPaths(commune);
  const memberName = (id: string | null) => {
    const member = id ? file.members.find((m) => m.id === id) : undefined;
    return member ? ` — ${personName(member)}` : '';
  };
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table class="data">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Par</th>
            <th scope="col">Informations</th>
            <th scope="col">Modifications</th>
          </tr>
        </thead>
        <tbody>
          {history.map((change) => (
            <tr key={change.id}>
              <td>{formatLocalDateTime(change.at)}</td>
              <td>
                {change.actorLabel || '—'} ({actorKinds[change.actorKind] ?? change.actorKind})
              </td>
              <td>
                {groupLabel(change.fieldGroup)}
                {memberName(change.memberId)}
                {change.requestId ? (
                  <>
                    {' '}
                    (<a href={paths.request(change.requestId)}>demande</a>)
                  </>
                ) : null}
              </td>
              <td>
                <ul class="plain">
                  {change.changes.map((c) => (
                    <li key={c.field}>{deskChangeText(change.fieldGroup, c, showHealth)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
