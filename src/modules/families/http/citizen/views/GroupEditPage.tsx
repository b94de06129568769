import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { fieldGroups } from '../../../domain/fieldGroups.js';
import type { EditableGroup, PendingChange } from '../../../familyFileService.js';
import { ErrorNotice } from './fileParts.js';
import { GroupFields, groupLabels } from './groupFields.js';

export interface GroupEditProps {
  context: PageContext;
  group: EditableGroup;
  /** Whom the group is about: « Rémi DUPONT », « votre foyer ». */
  about: string;
  /** Where the form posts and where « Annuler » goes back to. */
  action: string;
  back: { href: string; label: string };
  form: FormState;
  /** The commune has this group go through the guichet unique's validation. */
  validated: boolean;
  /** A change of this group already waits: no second one until it is decided. */
  pending: PendingChange | null;
  /** The family just tried to send a second change while the first waits. */
  refusedAsPending?: boolean;
  leavesAloneOffered?: boolean;
}

/**
 * The edit page of one group of the file. It says before saving whether the change is written at
 * once or goes to the guichet unique; while a change of the group waits, it says so instead.
 */
export function GroupEditPage(props: GroupEditProps) {
  const { context, group, about, action, back, form, validated, pending } = props;
  const label = fieldGroups[group].label;
  const title = `Modifier : ${label}`;
  return (
    <Layout context={context} title={formTitle(`${title} — ${about}`, form)}>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>
        {title} <span class="meta">— {about}</span>
      </h1>
      {pending ? (
        <PendingRefusal context={context} pending={pending} refused={props.refusedAsPending ?? false} back={back} />
      ) : (
        <>
          <ErrorSummary form={form} labels={groupLabels(group)} />
          <div class="notice">
            <p>
              {validated
                ? 'Cette modification sera transmise au guichet unique, qui la validera. Les valeurs actuelles restent en place jusqu’à sa décision ; vous serez prévenu par e-mail.'
                : 'Cette modification sera enregistrée immédiatement dans votre dossier famille.'}
            </p>
          </div>
          <PostForm context={context} action={action}>
            <GroupFields group={group} form={form} leavesAloneOffered={props.leavesAloneOffered ?? false} />
            <div class="actions">
              <button type="submit" class="button">
                {validated ? 'Envoyer la demande de modification' : 'Enregistrer'}
              </button>
              <a href={back.href}>Annuler</a>
            </div>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

function PendingRefusal({
  context,
  pending,
  refused,
  back,
}: {
  context: PageContext;
  pending: PendingChange;
  refused: boolean;
  back: { href: string; label: string };
}) {
  const link = communePaths(context.commune!).request(pending.requestId);
  const text = `Une demande de modification de cette rubrique, déposée le ${formatLocalDateTime(pending.at)}, attend la validation du guichet unique. Vous pourrez la modifier à nouveau quand elle aura été traitée, ou annuler la demande depuis sa page.`;
  const content = (
    <>
      <p>
        {refused ? 'Votre modification n’a pas été enregistrée. ' : ''}
        {text}
      </p>
      <p>
        <a href={link}>Voir la demande en attente</a>
      </p>
    </>
  );
  return (
    <>
      {refused ? <ErrorNotice>{content}</ErrorNotice> : <div class="notice">{content}</div>}
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    </>
  );
}
