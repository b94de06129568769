import { Layout } from '../../../../../platform/views/Layout.js';
import { Breadcrumb } from '../../../../../platform/views/components/Breadcrumb.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import { type Contact, LEAVES_ALONE_MIN_AGE, fieldGroups } from '../../../domain/fieldGroups.js';
import type { FamilyMember } from '../../../familiesRepository.js';
import type { AgendaDay } from '../../../../bookings/agendaService.js';
import { AgendaPreview } from '../../../../bookings/http/citizen/views/agendaParts.js';
import type { PendingChange } from '../../../familyFileService.js';
import type { FileNotice, MemberGroup } from '../../groupEditing.js';
import { ContactList, EditLink, GroupFacts, PendingValue } from '../../fileViewParts.js';
import { FileNoticeBox, fullName } from './fileParts.js';

export interface MemberSection {
  group: MemberGroup;
  values: Record<string, unknown>;
  pending: PendingChange | null;
}

const headings: Record<MemberGroup, string> = {
  identity: 'Identité',
  school: 'École et classe',
  diet: 'Régime alimentaire',
  health: 'Informations de santé',
  contacts: 'Personnes autorisées et contacts d’urgence',
  consents: 'Autorisations',
};

/** A member's page: each group of their file with its « Modifier », the pending values beside the current ones. */
export function MemberPage(props: {
  context: PageContext;
  member: FamilyMember;
  sections: MemberSection[];
  notice: FileNotice | null;
  leavesAloneOffered: boolean;
  upcoming: AgendaDay[];
}) {
  const { context, member, sections, notice } = props;
  const commune = context.commune!;
  const paths = communePaths(commune);
  const name = fullName(member);
  return (
    <Layout context={context} title={name}>
      <Breadcrumb trail={[{ href: communePaths(context.commune!).myFamily, label: 'Ma famille' }]} current={name} />
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>{name}</h1>
      <FileNoticeBox commune={commune} notice={notice} />
      {sections.map((section) => (
        <section key={section.group} class="file-section" aria-labelledby={`rubrique-${section.group}`}>
          <h2 id={`rubrique-${section.group}`}>{headings[section.group]}</h2>
          <SectionBody commune={commune} section={section} leavesAloneOffered={props.leavesAloneOffered} />
          <EditLink href={`${paths.member(member.id)}/modifier/${section.group}`} label={headings[section.group]} />
        </section>
      ))}
      {member.relation === 'enfant' ? (
        <section class="file-section" aria-labelledby="rubrique-agenda">
          <h2 id="rubrique-agenda">Agenda</h2>
          <AgendaPreview commune={commune} member={member} days={props.upcoming} />
        </section>
      ) : null}
    </Layout>
  );
}

function SectionBody({
  commune,
  section,
  leavesAloneOffered,
}: {
  commune: Commune;
  section: MemberSection;
  leavesAloneOffered: boolean;
}) {
  const { group, values, pending } = section;
  if (group === 'contacts') {
    return (
      <>
        {(['pickup', 'emergency'] as const).map((kind) => (
          <div key={kind}>
            <h3>{fieldGroups.contacts.fields[kind]}</h3>
            <ContactList contacts={(values[kind] as Contact[] | undefined) ?? []} />
            <PendingValue requestHref={communePaths(commune).request} pending={pending} field={kind} />
          </div>
        ))}
      </>
    );
  }
  if (group === 'consents' && !leavesAloneOffered) {
    return (
      <>
        <GroupFacts
          requestHref={communePaths(commune).request}
          group={group}
          values={values}
          pending={pending}
          omit={['leavesAloneConsent']}
        />
        <p>Rentrer seul après les activités n’est possible qu’à partir de {LEAVES_ALONE_MIN_AGE} ans.</p>
      </>
    );
  }
  return <GroupFacts requestHref={communePaths(commune).request} group={group} values={values} pending={pending} />;
}
