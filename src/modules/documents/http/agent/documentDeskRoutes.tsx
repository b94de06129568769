import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { DocumentsService } from '../../documentsService.js';
import type { QuotientsService } from '../../../billing/quotientsService.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { formValues, parseForm, textErrors } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { sendStoredFile } from '../fileResponse.js';
import { QUOTIENT_TYPE_CODE, quotientForm, refusalForm, validationForm } from './deskForms.js';
import { DeskDocumentPage } from './views/DeskDocumentPage.js';
import { DocumentQueuePage, isQueueNotice } from './views/DocumentQueuePage.js';

const access = { config: { agentAccess: 'documents' as const } };

const dayText = (day: string | null) => (day ? `${day.slice(8)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '');

/** The desk's documents: the queue, one document read (audited), validated with its dates or refused. */
export function documentDeskRoutes({
  documents,
  familyFile,
  quotients,
}: {
  documents: DocumentsService;
  familyFile: FamilyFileService;
  /** Billing's QFs: validating an attestation de quotient familial enters the family's. */
  quotients: QuotientsService;
}): FastifyPluginAsync {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    documentId: string,
    forms: { validation?: FormState; refusal?: FormState } = {},
    status = 200,
  ) => {
    const commune = communeOf(request);
    const shown = await documents.forAgent(commune, agentActor(agentOf(request)), documentId);
    if (!shown) return notFound(reply);
    const references = await familyFile.references(commune.id, [shown.document.familyId]);
    const validation = forms.validation ?? {
      values: {
        validFrom: dayText(shown.suggested.validFrom),
        validUntil: dayText(shown.suggested.validUntil),
        qfFrom: dayText(shown.suggested.validFrom),
        qfTo: dayText(shown.suggested.validUntil),
        qfSource: 'caf',
      },
      errors: {},
    };
    return reply.page(
      (context) =>
        DeskDocumentPage({
          context,
          shown,
          reference: references.get(shown.document.familyId) ?? '',
          validation,
          asksQuotient: shown.type.code === QUOTIENT_TYPE_CODE,
          refusal: forms.refusal ?? emptyForm,
        }),
      status,
    );
  };

  const decider = (request: FastifyRequest) => {
    const agent = agentOf(request);
    return { id: agent.id, actor: agentActor(agent) };
  };

  return async (app) => {
    app.get('/pieces', access, async (request, reply) => {
      const commune = communeOf(request);
      const queue = await documents.queue(commune);
      const references = await familyFile.references(
        commune.id,
        queue.map((line) => line.document.familyId),
      );
      const fait = queryOf(request).fait ?? '';
      return reply.page((context) =>
        DocumentQueuePage({ context, queue, references, notice: isQueueNotice(fait) ? fait : null }),
      );
    });

    app.get<{ Params: IdParams<'documentId'> }>(
      '/pieces/:documentId',
      { ...idParams('documentId'), ...access },
      (request, reply) => show(request, reply, request.params.documentId),
    );

    app.get<{ Params: IdParams<'documentId' | 'fileId'> }>(
      '/pieces/:documentId/fichiers/:fileId',
      { ...idParams('documentId', 'fileId'), ...access },
      async (request, reply) => {
        const agent = agentOf(request);
        const opened = await documents.openFile(
          communeOf(request),
          { kind: 'agent', id: agent.id, actor: agentActor(agent) },
          { familyId: null },
          request.params.documentId,
          request.params.fileId,
        );
        if (!opened) return notFound(reply);
        return sendStoredFile(reply, opened, { inline: queryOf(request).telecharger !== '1' });
      },
    );

    app.post<{ Params: IdParams<'documentId'> }>(
      '/pieces/:documentId/valider',
      { ...idParams('documentId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { documentId } = request.params;
        const parsed = parseForm(validationForm, request.body);
        // An attestation de quotient familial states the family's QF: it is entered with the validation.
        const asksQuotient = (await documents.typeCodeOf(commune, documentId)) === QUOTIENT_TYPE_CODE;
        const quotient = asksQuotient ? parseForm(quotientForm, request.body) : null;
        if (!parsed.ok || (quotient && !quotient.ok)) {
          const errors = { ...(parsed.ok ? {} : parsed.errors), ...(quotient && !quotient.ok ? quotient.errors : {}) };
          const values = formValues(request.body);
          return show(request, reply, documentId, { validation: { values, errors } }, 400);
        }
        const outcome = await documents.validate(commune, decider(request), documentId, {
          validFrom: parsed.data.validFrom,
          validUntil: parsed.data.validUntil || null,
        });
        if (outcome.ok && quotient?.ok) {
          // After the validation: a document another agent decided meanwhile enters no QF twice.
          const entered = await quotients.enter(
            commune,
            outcome.document.familyId,
            {
              value: quotient.data.qfValue,
              source: quotient.data.qfSource,
              validFrom: quotient.data.qfFrom,
              validTo: quotient.data.qfTo,
            },
            { actor: decider(request).actor, ip: request.ip },
          );
          // The form checks what billing checks: only a family gone meanwhile can refuse it.
          if (!entered.ok) return notFound(reply);
        }
        if (outcome.ok) return reply.redirect(`${agentPaths(commune).documents}?fait=valide`, 303);
        return answerRefusal(reply, outcome, (refusal) =>
          refusal.reason === 'invalid-dates'
            ? show(
                request,
                reply,
                request.params.documentId,
                {
                  validation: {
                    values: formValues(request.body),
                    errors: { validUntil: 'Le dernier jour de validité doit être le premier jour ou un jour après.' },
                  },
                },
                400,
              )
            : show(request, reply, request.params.documentId, {}, 409),
        );
      },
    );

    app.post<{ Params: IdParams<'documentId'> }>(
      '/pieces/:documentId/refuser',
      { ...idParams('documentId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const values = formValues(request.body);
        delete values._csrf;
        const problems = textErrors(values, ['reason']);
        const parsed = refusalForm.safeParse(values);
        if (Object.keys(problems).length > 0 || !parsed.success) {
          const errors = { ...problems };
          if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
          return show(request, reply, request.params.documentId, { refusal: { values, errors } }, 400);
        }
        const outcome = await documents.refuse(
          commune,
          decider(request),
          request.params.documentId,
          parsed.data.reason,
        );
        if (outcome.ok) return reply.redirect(`${agentPaths(commune).documents}?fait=refuse`, 303);
        return answerRefusal(reply, outcome, () => show(request, reply, request.params.documentId, {}, 409));
      },
    );
  };
}
