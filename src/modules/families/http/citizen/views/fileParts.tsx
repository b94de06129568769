import { born } from '../../../../../shared/words.js';
import type { ComponentChildren } from 'preact';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import { describeValue } from '../../../domain/fieldGroups.js';
import type { FieldChange } from '../../../domain/fieldGroups.js';
import type { FileNotice } from '../../groupEditing.js';

/** « Rémi DUPONT »: first name, then the surname in capitals. */
export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName.toLocaleUpperCase('fr-FR')}`;
}

const noticeTexts: Record<FileNotice['kind'], string> = {
  applied: 'Modification enregistrée.',
  requested:
    'Votre demande de modification a été transmise au guichet unique. La nouvelle valeur s’affiche « en attente de validation » jusqu’à sa décision.',
  unchanged: 'Aucune modification : les valeurs saisies sont celles du dossier.',
  added: 'Le membre du foyer est ajouté au dossier famille.',
};

/** What just happened to the file, read out politely. */
export function FileNoticeBox({
  commune,
  notice,
  requestedText,
}: {
  commune: Commune;
  notice: FileNotice | null;
  requestedText?: string;
}) {
  if (!notice) return null;
  const text = notice.kind === 'requested' && requestedText ? requestedText : noticeTexts[notice.kind];
  return (
    <div class={notice.kind === 'unchanged' ? 'notice' : 'notice notice--success'} role="status">
      <p>{text}</p>
      {notice.requestId ? (
        <p>
          <a href={communePaths(commune).request(notice.requestId)}>Suivre la demande</a>
        </p>
      ) : null}
    </div>
  );
}

/** A message that something went wrong, read out at once. */
export function ErrorNotice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice notice--error" role="alert">
      {children}
    </div>
  );
}

/** One field's change as the history and the lists of requests say it. */
export function changeText(change: FieldChange): string {
  return change.before === ''
    ? `${change.label} : ${change.after}`
    : `${change.label} : ${change.before} → ${change.after}`;
}

/** The household's members, each a link to their page, and the way to add one. */
export function MemberLinks({
  commune,
  members,
}: {
  commune: Commune;
  members: { id: string; firstName: string; lastName: string; birthDate: string; sex: string }[];
}) {
  const paths = communePaths(commune);
  return (
    <>
      {members.length === 0 ? (
        <p>Aucun membre du foyer n’est enregistré.</p>
      ) : (
        <ul>
          {members.map((member) => (
            <li key={member.id}>
              <a href={paths.member(member.id)}>
                {fullName(member)}, {born(member.sex)} le {describeValue('birthDate', member.birthDate)}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={paths.newMember}>Ajouter un membre du foyer</a>
      </p>
    </>
  );
}
