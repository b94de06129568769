import { Layout } from '../../../../../platform/views/Layout.js';
import { Breadcrumb } from '../../../../../platform/views/components/Breadcrumb.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  PostForm,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { isOpen } from '../../../domain/requestStatus.js';
import type { RequestView } from '../../../requestsService.js';
import { familyMessageLabels } from '../../requestForms.js';
import { DetailsTable, MessageField, RequestNotice, StatusTag, Thread, Timeline } from '../../requestParts.js';
import { type PieceChoice, ReplyAttachment } from './ReplyAttachment.js';

export interface PageNotice {
  kind: 'success' | 'error';
  text: string;
}

/**
 * A request of the family: what it asks, where it stands, its timeline and its thread; the family
 * answers while it is open, and cancels it while nobody has started on it.
 */
export function MyRequestPage({
  context,
  view,
  form = emptyForm,
  notice,
  pieces,
}: {
  context: PageContext;
  view: RequestView;
  /** The pieces of the vault a reply may carry. */
  pieces: PieceChoice[];
  form?: FormState;
  notice?: PageNotice;
}) {
  const paths = communePaths(context.commune!);
  const { request } = view;
  const base = paths.request(request.id);
  const open = isOpen(request.status);
  return (
    <Layout context={context} title={formTitle(request.summary, form)}>
      <Breadcrumb
        trail={[
          { href: communePaths(context.commune!).dashboard, label: 'Mon tableau de bord' },
          { href: communePaths(context.commune!).requests, label: 'Dernières demandes' },
        ]}
        current={request.summary}
      />
      <h1>{request.summary}</h1>
      {notice ? (
        <RequestNotice kind={notice.kind}>
          <p>{notice.text}</p>
        </RequestNotice>
      ) : null}
      <ErrorSummary form={form} labels={familyMessageLabels} />
      <dl class="facts">
        <dt>Statut</dt>
        <dd>
          <StatusTag status={request.status} />
        </dd>
        <dt>Type de demande</dt>
        <dd>{view.typeLabel}</dd>
        <dt>Déposée le</dt>
        <dd>
          {formatLocalDateTime(request.createdAt)}
          {request.createdByKind === 'citizen' && request.createdByLabel ? `, par ${request.createdByLabel}` : ''}
        </dd>
      </dl>

      <h2>Ce qui est demandé</h2>
      <DetailsTable
        details={view.details}
        caption="Ce qui est demandé"
        before="Avant"
        after="Après"
        documentHref={paths.document}
        side="family"
      />

      <h2>Historique</h2>
      <Timeline events={view.events} side="family" />

      <h2>Messages</h2>
      <Thread messages={view.messages} side="family" documentHref={paths.document} />
      {open ? (
        <>
          <h3>Écrire au guichet unique</h3>
          {request.status === 'a-completer' ? (
            <p>
              Le guichet unique attend un complément de votre part : votre réponse lui renvoie la demande. Ce que la
              demande contient ne peut plus être changé ; si une information doit être corrigée, dites-le dans votre
              message.
            </p>
          ) : null}
          <form method="post" action={`${base}/messages`} class="form" encType="multipart/form-data" noValidate>
            <CsrfField context={context} />
            <MessageField form={form} name="message" label={familyMessageLabels.message} required />
            <ReplyAttachment form={form} pieces={pieces} />
            <button type="submit" class="button">
              Envoyer mon message
            </button>
          </form>
        </>
      ) : (
        <p>
          Cette demande est close : vous ne pouvez plus y répondre. Pour toute question,{' '}
          <a href={paths.contacts}>contactez le guichet unique</a>.
        </p>
      )}

      {request.status === 'deposee' ? (
        <>
          <h2>Annuler ma demande</h2>
          <p>Tant que le guichet unique n’a pas commencé à la traiter, vous pouvez annuler cette demande.</p>
          <PostForm context={context} action={`${base}/annuler`}>
            <button type="submit" class="button button--secondary">
              Annuler ma demande
            </button>
          </PostForm>
        </>
      ) : null}

      <p>
        <a href={paths.requests}>Retour à mes demandes</a>
      </p>
    </Layout>
  );
}
