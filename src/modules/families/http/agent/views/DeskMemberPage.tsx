import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { FamilyFileTrail, Notice, personName } from '../../../../../doors/agent/views/deskParts.js';
import { type Contact, LEAVES_ALONE_MIN_AGE, fieldGroups } from '../../../domain/fieldGroups.js';
import type { FamilyMember } from '../../../familiesRepository.js';
import type { FullFile } from '../../../familyFileService.js';
import { groupsOfMember, pendingOf } from '../../groupEditing.js';
import { deskFilePaths } from '../deskFile.js';
import { ContactList, EditLink, GroupFacts } from '../../fileViewParts.js';

export interface DeskMemberProps {
  context: PageContext;
  file: FullFile;
  member: FamilyMember;
  may: { edit: boolean; health: boolean };
  notice: string | null;
  leavesAloneOffered: boolean;
}

/**
 * A member's file at the desk: identity, school, meal, pick-up people, consents. The health notes
 * are not on it: they open on their own page, whose every view is in the audit log; the meal and
 * the existence of a PAI, which the canteen needs, are here.
 */
export function DeskMemberPage({ context, file, member, may, notice, leavesAloneOffered }: DeskMemberProps) {
  const commune = context.commune!;
  const paths = agentPaths(commune);
  const edit = deskFilePaths(commune);
  const target = { kind: 'member', id: member.id } as const;
  const values = member as unknown as Record<string, unknown>;
  const groups = groupsOfMember(member);
  const name = personName(member);
  const section = (group: (typeof groups)[number], body: ComponentChildren) => (
    <section key={group} class="file-section" aria-labelledby={`rubrique-${group}`}>
      <h2 id={`rubrique-${group}`}>{fieldGroups[group].label}</h2>
      {body}
      {may.edit ? (
        <EditLink href={edit.edit(file.family.id, group, member.id)} label={fieldGroups[group].label} />
      ) : null}
    </section>
  );
  const healthPending = pendingOf(file, 'health', target);
  return (
    <Layout context={context} title={`${name} — dossier famille ${file.family.reference}`}>
      <FamilyFileTrail
        commune={context.commune!}
        familyId={file.family.id}
        file={file.family.reference}
        current={name}
      />
      <h1>{name}</h1>
      {notice ? (
        <Notice>
          <p>{notice}</p>
        </Notice>
      ) : null}
      {groups.map((group) => {
        const pending = pendingOf(file, group, target);
        switch (group) {
          case 'health':
            return (
              <section key={group} class="file-section" aria-labelledby="rubrique-health">
                <h2 id="rubrique-health">{fieldGroups.health.label}</h2>
                <p>
                  Les allergies et le médecin traitant s’affichent sur une page à part : chaque consultation est
                  enregistrée dans le journal.
                </p>
                {healthPending ? (
                  <p>
                    Une modification des informations de santé demandée par la famille attend une décision :{' '}
                    <a href={paths.request(healthPending.requestId)}>voir la demande</a>.
                  </p>
                ) : null}
                {may.health ? (
                  <p>
                    <a class="button button--secondary" href={paths.familyMemberHealth(file.family.id, member.id)}>
                      Voir les informations de santé
                    </a>
                  </p>
                ) : null}
              </section>
            );
          case 'contacts':
            return section(
              group,
              (['pickup', 'emergency'] as const).map((kind) => {
                const waiting = pending?.changes.find((c) => c.field === kind);
                return (
                  <div key={kind}>
                    <h3>{fieldGroups.contacts.fields[kind]}</h3>
                    <ContactList
                      contacts={file.contacts.filter((c) => c.memberId === member.id && c.kind === kind) as Contact[]}
                    />
                    {waiting ? <p class="pending">En attente de validation : {waiting.after}</p> : null}
                  </div>
                );
              }),
            );
          case 'diet':
            return section(
              group,
              <>
                <GroupFacts requestHref={agentPaths(commune).request} group={group} values={values} pending={pending} />
                <p>
                  Projet d’accueil individualisé (PAI) : <strong>{member.pai ? 'Oui' : 'Non'}</strong>
                </p>
              </>,
            );
          case 'consents':
            return section(
              group,
              leavesAloneOffered ? (
                <GroupFacts requestHref={agentPaths(commune).request} group={group} values={values} pending={pending} />
              ) : (
                <>
                  <GroupFacts
                    requestHref={agentPaths(commune).request}
                    group={group}
                    values={values}
                    pending={pending}
                    omit={['leavesAloneConsent']}
                  />
                  <p>Rentrer seul après les activités n’est possible qu’à partir de {LEAVES_ALONE_MIN_AGE} ans.</p>
                </>
              ),
            );
          default:
            return section(
              group,
              <GroupFacts requestHref={agentPaths(commune).request} group={group} values={values} pending={pending} />,
            );
        }
      })}
    </Layout>
  );
}
