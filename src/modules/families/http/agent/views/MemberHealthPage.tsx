import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { FamilyFileTrail, personName } from '../../../../../doors/agent/views/deskParts.js';
import { fieldGroups } from '../../../domain/fieldGroups.js';
import type { FamilyChange, FamilyMember } from '../../../familiesRepository.js';
import type { FullFile } from '../../../familyFileService.js';
import { pendingOf } from '../../groupEditing.js';
import { deskFilePaths } from '../deskFile.js';
import { EditLink, GroupFacts } from '../../fileViewParts.js';
import { HistoryTable, PendingList } from './deskFileParts.js';

/**
 * A member's health notes: allergies, PAI, treating doctor, the change the family asked for, and
 * the past changes with their values. Reaching this page is what the audit log records.
 */
export function MemberHealthPage(props: {
  context: PageContext;
  file: FullFile;
  member: FamilyMember;
  history: FamilyChange[];
  mayEdit: boolean;
}) {
  const { context, file, member, history, mayEdit } = props;
  const commune = context.commune!;
  const paths = agentPaths(commune);
  const name = personName(member);
  const pending = pendingOf(file, 'health', { kind: 'member', id: member.id });
  const label = fieldGroups.health.label;
  return (
    <Layout context={context} title={`${label} — ${name} — dossier famille ${file.family.reference}`}>
      <FamilyFileTrail
        commune={commune}
        familyId={file.family.id}
        file={file.family.reference}
        between={[{ href: paths.familyMember(file.family.id, member.id), label: name }]}
        current={label}
      />
      <h1>
        {label} <span class="meta">— {name}</span>
      </h1>
      <p class="meta">Votre consultation de cette page est enregistrée dans le journal.</p>
      <GroupFacts
        requestHref={agentPaths(commune).request}
        group="health"
        values={member as unknown as Record<string, unknown>}
        pending={pending}
      />
      {mayEdit ? (
        <EditLink href={deskFilePaths(commune).edit(file.family.id, 'health', member.id)} label={label} />
      ) : null}
      <h2>Modification en attente</h2>
      <PendingList commune={commune} file={file} pending={pending ? [pending] : []} showHealth />
      <h2>Historique des informations de santé</h2>
      <HistoryTable
        commune={commune}
        file={file}
        history={history}
        caption={`Historique des informations de santé de ${name}`}
        showHealth
      />
    </Layout>
  );
}
