import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { DocumentsService } from '../../documentsService.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { arrivingFiles, dropUnreadFiles, fieldsBeforeFiles } from '../../../../platform/http/multipartForm.js';
import { queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { citizenOf, communeOf, familyIdOf, requireFamily } from '../../../families/http/citizen/familyRequest.js';
import type { DocumentLine } from '../../documentsService.js';
import { sendStoredFile } from '../fileResponse.js';
import { uploadRefusalText } from '../uploadMessages.js';
import { UploadSlots } from '../uploadSlots.js';
import { DocumentsPage } from './views/DocumentsPage.js';
import { MyDocumentPage } from './views/MyDocumentPage.js';
import { SendDocumentPage } from './views/SendDocumentPage.js';

const BASE = '/mon-tableau-de-bord/pieces-justificatives';

/** « Pièces justificatives » in « Mon tableau de bord »: the states, sending and replacing, reading back. */
export function documentRoutes({
  documents,
  familyFile,
}: {
  documents: DocumentsService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  /** The line the address names (a type, for the family or one of its children), or none: 404. */
  const lineOf = async (request: FastifyRequest, typeId: string, memberId: string | null) => {
    const lines = await documents.overview(communeOf(request), familyIdOf(request));
    return lines?.find((line) => line.type.id === typeId && (line.member?.id ?? null) === memberId) ?? null;
  };

  const showForm = (reply: FastifyReply, line: DocumentLine, error: string | null, status = 200) =>
    reply.page((context) => SendDocumentPage({ context, type: line.type, member: line.member, error }), status);

  // Two uploads checked at once per instance; the others wait up to two minutes, their bytes unread.
  const slots = new UploadSlots(2, 120_000);

  const send = async (request: FastifyRequest, reply: FastifyReply, typeId: string, memberId: string | null) => {
    const line = await lineOf(request, typeId, memberId);
    if (!line) return notFound(reply);
    const answer = await slots.run(() => receiveAndStore(request, reply, line, typeId, memberId));
    return answer.ran ? answer.value : showForm(reply, line, uploadRefusalText('scan-unavailable', ''), 503);
  };

  const receiveAndStore = async (
    request: FastifyRequest,
    reply: FastifyReply,
    line: DocumentLine,
    typeId: string,
    memberId: string | null,
  ) => {
    const citizen = citizenOf(request);
    const commune = communeOf(request);
    // The files are taken in as they arrive: scanned, hashed and (on a server) stored on the way.
    const outcome = await documents.receive(
      commune,
      familyIdOf(request),
      { citizenId: citizen.id, actor: { kind: 'citizen', id: citizen.id, label: citizen.email } },
      { typeId, memberId, files: arrivingFiles(request) },
    );
    if (outcome.ok) return reply.redirect(`${communePaths(commune).documents}?fait=envoye`, 303);
    return answerRefusal(reply, outcome, (refusal) =>
      showForm(
        reply,
        line,
        uploadRefusalText(refusal.reason, 'fileName' in refusal ? refusal.fileName : ''),
        refusal.reason === 'scan-unavailable' ? 503 : refusal.reason === 'duplicate' ? 409 : 400,
      ),
    );
  };

  // Fields first (the door's CSRF check reads `_csrf` before any file), files dropped if unread.
  const upload = { preValidation: fieldsBeforeFiles, onResponse: dropUnreadFiles };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get(BASE, async (request, reply) => {
      const lines = await documents.overview(communeOf(request), familyIdOf(request));
      if (!lines) return notFound(reply);
      const notice = queryOf(request).fait === 'envoye' ? 'envoye' : null;
      return reply.page((context) => DocumentsPage({ context, lines, notice }));
    });

    app.get<{ Params: IdParams<'typeId'> }>(
      `${BASE}/types/:typeId/envoyer`,
      idParams('typeId'),
      async (request, reply) => {
        const line = await lineOf(request, request.params.typeId, null);
        return line ? showForm(reply, line, null) : notFound(reply);
      },
    );
    app.get<{ Params: IdParams<'typeId' | 'memberId'> }>(
      `${BASE}/types/:typeId/enfants/:memberId/envoyer`,
      idParams('typeId', 'memberId'),
      async (request, reply) => {
        const line = await lineOf(request, request.params.typeId, request.params.memberId);
        return line ? showForm(reply, line, null) : notFound(reply);
      },
    );

    app.post<{ Params: IdParams<'typeId'> }>(
      `${BASE}/types/:typeId/envoyer`,
      { ...idParams('typeId'), ...upload },
      (request, reply) => send(request, reply, request.params.typeId, null),
    );
    app.post<{ Params: IdParams<'typeId' | 'memberId'> }>(
      `${BASE}/types/:typeId/enfants/:memberId/envoyer`,
      { ...idParams('typeId', 'memberId'), ...upload },
      (request, reply) => send(request, reply, request.params.typeId, request.params.memberId),
    );

    app.get<{ Params: IdParams<'documentId'> }>(
      `${BASE}/:documentId`,
      idParams('documentId'),
      async (request, reply) => {
        const shown = await documents.forFamily(communeOf(request), familyIdOf(request), request.params.documentId);
        if (!shown) return notFound(reply);
        return reply.page((context) => MyDocumentPage({ context, shown }));
      },
    );

    app.get<{ Params: IdParams<'documentId' | 'fileId'> }>(
      `${BASE}/:documentId/fichiers/:fileId`,
      idParams('documentId', 'fileId'),
      async (request, reply) => {
        const citizen = citizenOf(request);
        const opened = await documents.openFile(
          communeOf(request),
          { kind: 'citizen', id: citizen.id },
          { familyId: familyIdOf(request) },
          request.params.documentId,
          request.params.fileId,
        );
        if (!opened) return notFound(reply);
        return sendStoredFile(reply, opened, { inline: false });
      },
    );
  };
}
