import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../../platform/http/routeParams.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { formValues } from '../../../../platform/http/forms.js';
import { dropUnreadFiles, fieldsBeforeFiles, receivedFiles } from '../../../../platform/http/multipartForm.js';
import { type QueryParams, choiceQuery, noticeNamed, queryOf, queryParams } from '../../../../platform/http/query.js';
import { z } from 'zod';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import {
  citizenAuthor,
  citizenOf,
  communeOf,
  familyIdOf,
  requireFamily,
} from '../../../families/http/citizen/familyRequest.js';
import { REQUEST_STATUSES, isOpen } from '../../domain/requestStatus.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { DocumentLine, DocumentsService } from '../../../documents/documentsService.js';
import { MAX_FILES } from '../../../documents/domain/uploadRules.js';
import { uploadRefusalText } from '../../../documents/http/uploadMessages.js';
import type { RequestsService } from '../../requestsService.js';
import { familyMessageForm, parseMultiline } from '../requestForms.js';
import { CancelRequestPage } from './views/CancelRequestPage.js';
import { DASHBOARD_REQUESTS, DashboardPage } from './views/DashboardPage.js';
import { MyRequestPage, type PageNotice } from './views/MyRequestPage.js';
import { MyRequestsPage } from './views/MyRequestsPage.js';
import type { PieceChoice } from './views/ReplyAttachment.js';

type IdParams = { Params: { id: string } };

/** What the request page says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  envoyee: 'Votre demande est envoyée au guichet unique. Vous recevez un courriel à chaque étape.',
  message: 'Votre message est envoyé au guichet unique.',
  annulee: 'Votre demande est annulée.',
};

const closedForMessages =
  'Cette demande est close : vous ne pouvez plus y répondre. Pour toute question, contactez le guichet unique.';
const notCancellable =
  'Cette demande ne peut plus être annulée : le guichet unique a commencé à la traiter. Écrivez-lui un message si vous n’en avez plus besoin.';

/** « Dernières demandes » filtered by a status: a choice in a list, an unknown value shows every request rather than an error. */
const listQuery = z.object({ statut: choiceQuery(REQUEST_STATUSES) });

/** Mon tableau de bord and « Dernières demandes »: the family's requests, their timeline and thread. */
export function requestRoutes({
  requests,
  familyFile,
  documents,
}: {
  requests: RequestsService;
  familyFile: FamilyFileService;
  documents: DocumentsService;
}): FastifyPluginAsync {
  /** The family's own request named in the address; anything else (another family's, not a uuid) is not found. */
  const viewOf = (request: FastifyRequest<IdParams>) =>
    requests.viewForFamily(communeOf(request), familyIdOf(request), request.params.id);

  /** The request's page again, with what went wrong: the form's errors, or why the action was refused. */
  const again = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    status: number,
    extra: { form?: FormState; notice?: PageNotice },
  ) => {
    const found = await viewOf(request);
    if (!found.ok) return notFound(reply);
    const { view } = found;
    const pieces = await piecesOf(request);
    return reply.page((context) => MyRequestPage({ context, view, pieces, ...extra }), status);
  };

  /** The family's lines of « Pièces justificatives » (a type, for the family or one child): what a reply may carry. */
  const linesOf = async (request: FastifyRequest) =>
    (await documents.overview(communeOf(request), familyIdOf(request))) ?? [];
  const pieceValue = (line: DocumentLine) => (line.member ? `${line.type.id}.${line.member.id}` : line.type.id);
  const piecesOf = async (request: FastifyRequest): Promise<PieceChoice[]> =>
    (await linesOf(request)).map((line) => ({
      value: pieceValue(line),
      label: line.member ? `${line.type.name} de ${line.member.firstName}` : line.type.name,
    }));

  /**
   * The files sent with a reply, stored in the vault as a document of the piece the family chose
   * (checked, encrypted, waiting for the guichet's validation): its id, or the form's error.
   */
  const storeReplyFiles = async (
    request: FastifyRequest<IdParams>,
    piece: string,
  ): Promise<
    { ok: true; documentId: string | null } | { ok: false; status: number; errors: Record<string, string> }
  > => {
    const line = piece === '' ? null : (await linesOf(request)).find((candidate) => pieceValue(candidate) === piece);
    if (piece !== '' && !line)
      return { ok: false, status: 400, errors: { piece: 'Choisissez la pièce jointe dans la liste.' } };
    const received = await receivedFiles(request, MAX_FILES);
    if (!received.ok) {
      const text = uploadRefusalText(received.reason === 'too-many-files' ? 'too-many-files' : 'no-file', '');
      return { ok: false, status: 400, errors: { fichiers: text } };
    }
    if (!line && received.files.length > 0)
      return {
        ok: false,
        status: 400,
        errors: { piece: 'Dites de quelle pièce il s’agit : choisissez-la dans la liste.' },
      };
    if (!line) return { ok: true, documentId: null };
    if (received.files.length === 0)
      return { ok: false, status: 400, errors: { fichiers: 'Choisissez le ou les fichiers de la pièce à joindre.' } };
    const citizen = citizenOf(request);
    const outcome = await documents.upload(
      communeOf(request),
      familyIdOf(request),
      { citizenId: citizen.id, actor: { kind: 'citizen', id: citizen.id, label: citizen.email } },
      { typeId: line.type.id, memberId: line.member?.id ?? null, files: received.files },
    );
    if (outcome.ok) return { ok: true, documentId: outcome.document.id };
    // The very files of the piece waiting for validation: the reply points at that one.
    if (outcome.reason === 'duplicate' && line.latest) return { ok: true, documentId: line.latest.document.id };
    if (outcome.reason === 'not-found')
      return { ok: false, status: 400, errors: { piece: 'Choisissez la pièce jointe dans la liste.' } };
    const fileName = 'fileName' in outcome ? outcome.fileName : '';
    return {
      ok: false,
      status: outcome.reason === 'scan-unavailable' ? 503 : 400,
      errors: { fichiers: uploadRefusalText(outcome.reason, fileName) },
    };
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/mon-tableau-de-bord', async (request, reply) => {
      const all = await requests.ofFamily(communeOf(request), familyIdOf(request));
      return reply.page((context) =>
        DashboardPage({ context, latest: all.slice(0, DASHBOARD_REQUESTS), total: all.length }),
      );
    });

    app.get<{ Querystring: QueryParams<typeof listQuery> }>(
      '/mon-tableau-de-bord/demandes',
      queryParams(listQuery),
      async (request, reply) => {
        const status = request.query.statut ?? null;
        const list = await requests.ofFamily(communeOf(request), familyIdOf(request), status ?? undefined);
        return reply.page((context) => MyRequestsPage({ context, requests: list, status }));
      },
    );

    app.get<IdParams>('/mon-tableau-de-bord/demandes/:id', idParams('id'), async (request, reply) => {
      const found = await viewOf(request);
      if (!found.ok) return notFound(reply);
      const { view } = found;
      const text = noticeNamed(done, queryOf(request).fait);
      const pieces = await piecesOf(request);
      return reply.page((context) =>
        MyRequestPage({ context, view, pieces, notice: text ? { kind: 'success', text } : undefined }),
      );
    });

    // A reply may carry files: its fields first (the door's CSRF check reads `_csrf` before any file), files dropped if unread.
    const withFiles = { ...idParams('id'), preValidation: fieldsBeforeFiles, onResponse: dropUnreadFiles };

    app.post<IdParams>('/mon-tableau-de-bord/demandes/:id/messages', withFiles, async (request, reply) => {
      const { id } = request.params;
      const parsed = parseMultiline(familyMessageForm, request.body);
      if (!parsed.ok) return again(request, reply, 400, { form: parsed });
      const commune = communeOf(request);
      const values = formValues(request.body);
      delete values._csrf;
      // Nothing is stored for a request that no longer takes replies.
      const found = await viewOf(request);
      if (!found.ok) return notFound(reply);
      if (!isOpen(found.view.request.status))
        return again(request, reply, 409, { notice: { kind: 'error', text: closedForMessages } });
      const stored = await storeReplyFiles(request, parsed.data.piece);
      if (!stored.ok) return again(request, reply, stored.status, { form: { values, errors: stored.errors } });
      const outcome = await requests.familyMessage(
        commune,
        familyIdOf(request),
        id,
        citizenAuthor(citizenOf(request)),
        parsed.data.message,
        stored.documentId,
      );
      if (outcome.ok) return reply.redirect(`${communePaths(commune).request(id)}?fait=message`, 303);
      // Closed meanwhile: decided by the guichet unique, or cancelled from the other parent's account.
      return answerRefusal(reply, outcome, () =>
        again(request, reply, 409, { notice: { kind: 'error', text: closedForMessages } }),
      );
    });

    app.post<IdParams>('/mon-tableau-de-bord/demandes/:id/annuler', idParams('id'), async (request, reply) => {
      const { id } = request.params;
      const commune = communeOf(request);
      if (formValues(request.body).confirmation !== 'oui') {
        const found = await viewOf(request);
        if (!found.ok) return notFound(reply);
        const { view } = found;
        if (view.request.status !== 'deposee')
          return again(request, reply, 409, { notice: { kind: 'error', text: notCancellable } });
        return reply.page((context) => CancelRequestPage({ context, request: view.request }));
      }
      const outcome = await requests.cancel(commune, familyIdOf(request), id, citizenAuthor(citizenOf(request)));
      if (outcome.ok) return reply.redirect(`${communePaths(commune).request(id)}?fait=annulee`, 303);
      return answerRefusal(reply, outcome, () =>
        again(request, reply, 409, { notice: { kind: 'error', text: notCancellable } }),
      );
    });
  };
}
