import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { personName } from '../../../../../doors/agent/views/deskParts.js';
import type { FamilyFile } from '../../../../families/familiesRepository.js';
import { DECISIONS, type Decision, isOpen, nextStatus } from '../../../domain/requestStatus.js';
import type { RequestView } from '../../../requestsService.js';
import { agentMessageLabels, decisionLabels } from '../../requestForms.js';
import { DetailsTable, MessageField, RequestNotice, StatusTag, Thread, Timeline } from '../../requestParts.js';

export interface DeskNotice {
  kind: 'success' | 'error';
  text: string;
}

/** Which of the page's forms came back with errors, and with what. */
export interface FailedForm {
  form: 'decision' | 'message';
  state: FormState;
}

const decisionChoices: Record<Decision, string> = {
  accepter: 'Accepter',
  refuser: 'Refuser',
  'a-completer': 'Demander un complément (à compléter)',
};

interface Props {
  context: PageContext;
  view: RequestView;
  file: FamilyFile;
  /** The name of the agent the request is assigned to, if any. */
  assignedTo: string | null;
  agentId: string;
  /** The request carries health notes this agent may not read. */
  healthHidden?: boolean;
  failed?: FailedForm;
  notice?: DeskNotice;
}

/**
 * A request at the desk: the family, what is asked beside the file's values, the timeline and the
 * thread; take it on, decide, write. Each action names the version shown here: if the request
 * moved in the meantime, the action is refused and the page shows where it stands now.
 */
export function DeskRequestPage({
  context,
  view,
  file,
  assignedTo,
  agentId,
  healthHidden = false,
  failed,
  notice,
}: Props) {
  const paths = agentPaths(context.commune!);
  const { request } = view;
  const base = paths.request(request.id);
  const open = isOpen(request.status);
  const member = request.memberId ? file.members.find((m) => m.id === request.memberId) : undefined;
  const stateOf = (form: FailedForm['form']) => (failed?.form === form ? failed.state : emptyForm);
  const decisions = (Object.keys(DECISIONS) as Decision[]).filter(
    (decision) => nextStatus(request.status, DECISIONS[decision]) !== null,
  );
  const version = <input type="hidden" name="version" value={String(request.version)} />;
  return (
    <Layout context={context} title={failed ? formTitle(request.summary, failed.state) : request.summary}>
      <h1>{request.summary}</h1>
      {notice ? (
        <RequestNotice kind={notice.kind}>
          <p>{notice.text}</p>
        </RequestNotice>
      ) : null}
      {failed ? (
        <ErrorSummary form={failed.state} labels={failed.form === 'decision' ? decisionLabels : agentMessageLabels} />
      ) : null}
      <dl class="facts">
        <dt>Dossier famille</dt>
        <dd>
          <a href={paths.family(file.family.id)}>{file.family.reference}</a> ({file.adults.map(personName).join(', ')})
        </dd>
        {member ? (
          <>
            <dt>Membre concerné</dt>
            <dd>{personName(member)}</dd>
          </>
        ) : null}
        <dt>Type</dt>
        <dd>{view.typeLabel}</dd>
        <dt>Statut</dt>
        <dd>
          <StatusTag status={request.status} />
        </dd>
        <dt>Déposée le</dt>
        <dd>
          {formatLocalDateTime(request.createdAt)}
          {request.createdByLabel ? `, par ${request.createdByLabel}` : ''}
        </dd>
        <dt>Attribuée à</dt>
        <dd>{assignedTo ?? 'Personne'}</dd>
        {request.decidedAt ? (
          <>
            <dt>Décidée le</dt>
            <dd>{formatLocalDateTime(request.decidedAt)}</dd>
          </>
        ) : null}
      </dl>

      <h2>Ce qui est demandé</h2>
      {healthHidden ? (
        <p>
          Cette demande porte sur des informations de santé : seuls les agents habilités à les consulter peuvent en lire
          le détail.
        </p>
      ) : (
        <DetailsTable
          details={view.details}
          caption="Valeurs lors de la demande et valeurs demandées"
          before="Valeur lors de la demande"
          after="Valeur demandée"
          documentHref={paths.document}
          side="desk"
        />
      )}

      <h2>Traiter la demande</h2>
      {open ? (
        <>
          {request.assignedAgentId !== agentId ? (
            <PostForm context={context} action={`${base}/prendre`} class="inline-form">
              {version}
              <button type="submit" class="button button--secondary">
                Prendre en charge
              </button>
            </PostForm>
          ) : (
            <p>Vous avez cette demande en charge.</p>
          )}
          <h3>Décision</h3>
          <PostForm context={context} action={`${base}/decision`}>
            {version}
            <RadioGroup
              form={stateOf('decision')}
              name="decision"
              legend={decisionLabels.decision}
              options={decisions.map((value) => ({ value, label: decisionChoices[value] }))}
              required
            />
            <MessageField
              form={stateOf('decision')}
              name="explanation"
              label={decisionLabels.explanation}
              hint="Obligatoire pour refuser ou demander un complément ; facultatif pour accepter. La famille le lit sur son espace."
            />
            <button type="submit" class="button">
              Enregistrer la décision
            </button>
          </PostForm>
        </>
      ) : (
        <p>Cette demande est close : aucune décision n’est plus possible.</p>
      )}

      <h2>Historique</h2>
      <Timeline events={view.events} side="desk" />

      <h2>Messages</h2>
      <Thread messages={view.messages} side="desk" documentHref={paths.document} />
      <h3>Écrire à la famille</h3>
      <PostForm context={context} action={`${base}/messages`}>
        <MessageField
          form={stateOf('message')}
          name="message"
          label={agentMessageLabels.message}
          hint="La famille est prévenue par e-mail et lit votre message sur son espace."
          required
        />
        <button type="submit" class="button">
          Envoyer le message
        </button>
      </PostForm>

      <p>
        <a href={paths.requests}>Retour aux demandes</a>
      </p>
    </Layout>
  );
}
