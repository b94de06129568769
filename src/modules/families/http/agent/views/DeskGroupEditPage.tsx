import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  Checkbox,
  ErrorSummary,
  type FormState,
  PostForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { LEAVES_ALONE_MIN_AGE, fieldGroups } from '../../../domain/fieldGroups.js';
import type { EditableGroup, PendingChange } from '../../../familyFileService.js';
import { GroupFields, NewMemberFields, groupLabels } from '../../citizen/views/groupFields.js';

interface Link {
  href: string;
  label: string;
}

export interface DeskGroupEditProps {
  context: PageContext;
  group: EditableGroup;
  /** Whom the group is about: « DUPONT Rémi », « le foyer ». */
  about: string;
  reference: string;
  action: string;
  back: Link;
  form: FormState;
  /** A change of this group asked by the family and not decided yet. */
  pending: PendingChange | null;
  leavesAloneOffered: boolean;
}

/** The consents as the desk records them: the family's answer, not the agent's. */
function DeskConsentFields({ form, leavesAloneOffered }: { form: FormState; leavesAloneOffered: boolean }) {
  return (
    <>
      <Checkbox
        form={form}
        name="photoConsent"
        label="La famille autorise les photos de l’enfant pendant les activités (droit à l’image)"
      />
      {leavesAloneOffered ? (
        <Checkbox
          form={form}
          name="leavesAloneConsent"
          label="La famille autorise l’enfant à rentrer seul après les activités"
        />
      ) : (
        <p>
          Rentrer seul après les activités n’est possible qu’à partir de {LEAVES_ALONE_MIN_AGE} ans : d’ici là, l’enfant
          est toujours confié à un adulte.
        </p>
      )}
    </>
  );
}

/**
 * An agent's edit of one group of a family file: written at once and recorded in the family's
 * history and the audit log. A change the family asked for and still waits is pointed out, so that
 * the agent decides it rather than crossing it.
 */
export function DeskGroupEditPage({
  context,
  group,
  about,
  reference,
  action,
  back,
  form,
  pending,
  leavesAloneOffered,
}: DeskGroupEditProps) {
  const title = `Modifier : ${fieldGroups[group].label}`;
  return (
    <Layout context={context} title={formTitle(`${title} — ${about} — dossier ${reference}`, form)}>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>
        {title} <span class="meta">— {about}</span>
      </h1>
      <ErrorSummary form={form} labels={groupLabels(group)} />
      {pending ? (
        <div class="notice">
          <p>
            La famille a demandé le {formatLocalDateTime(pending.at)} une modification de ces informations, qui attend
            une décision. Enregistrer ici ne la décide pas :{' '}
            <a href={agentPaths(context.commune!).request(pending.requestId)}>voir la demande</a>.
          </p>
        </div>
      ) : null}
      <p>
        La modification est enregistrée immédiatement dans le dossier famille, avec votre nom, dans l’historique que la
        famille peut lire.
      </p>
      <PostForm context={context} action={action}>
        {group === 'consents' ? (
          <DeskConsentFields form={form} leavesAloneOffered={leavesAloneOffered} />
        ) : (
          <GroupFields group={group} form={form} leavesAloneOffered={leavesAloneOffered} />
        )}
        <div class="actions">
          <button type="submit" class="button">
            Enregistrer
          </button>
          <a href={back.href}>Annuler</a>
        </div>
      </PostForm>
    </Layout>
  );
}

/** « Ajouter un membre du foyer » at the desk: the member is added at once. */
export function DeskNewMemberPage({
  context,
  reference,
  action,
  back,
  form,
}: {
  context: PageContext;
  reference: string;
  action: string;
  back: Link;
  form: FormState;
}) {
  const title = `Ajouter un membre du foyer — dossier ${reference}`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>Ajouter un membre du foyer</h1>
      <ErrorSummary form={form} labels={groupLabels('new-member')} />
      <p>Le membre est ajouté immédiatement au dossier famille {reference}.</p>
      <PostForm context={context} action={action}>
        <NewMemberFields form={form} />
        <div class="actions">
          <button type="submit" class="button">
            Ajouter
          </button>
          <a href={back.href}>Annuler</a>
        </div>
      </PostForm>
    </Layout>
  );
}
