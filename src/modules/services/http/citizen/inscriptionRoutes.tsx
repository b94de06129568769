import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import type { InscriptionsService } from '../../inscriptionsService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { type QueryParams, choiceQuery, queryParams } from '../../../../platform/http/query.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import {
  citizenAuthor,
  citizenOf,
  communeOf,
  familyIdOf,
  requireFamily,
} from '../../../families/http/citizen/familyRequest.js';
import { inscriptionFieldErrors } from './inscriptionMessages.js';
import { NewInscriptionPage } from './views/NewInscriptionPage.js';

const choice = (message: string) => z.string({ error: message }).trim().min(1, message).max(100, message);

/** Which child, which service, which year: the ids the page offered; the service checks they are the family's and open. */
const inscriptionForm = z.object({
  memberId: choice('Choisissez l’enfant à inscrire.'),
  serviceId: choice('Choisissez le service auquel inscrire l’enfant.'),
  schoolYearId: choice('Choisissez l’année scolaire.'),
});

/**
 * The page's address: after a request, `fait=demande`; a link may name the service (« Pièces à
 * fournir » of that one shown first). Anything else is ignored.
 */
const pageQuery = z.object({
  fait: choiceQuery(['demande']),
  service: z.string().max(100).optional().catch(undefined),
});

/** « Créer une inscription »: the family asks, the guichet unique decides (an « inscription » request). */
export function inscriptionRoutes({
  inscriptions,
  familyFile,
}: {
  inscriptions: InscriptionsService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  const show = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, sent = false) => {
    const overview = await inscriptions.overview(communeOf(request), familyIdOf(request));
    if (!overview.ok) return notFound(reply);
    return reply.page((context) => NewInscriptionPage({ context, overview, form, sent }), status);
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get<{ Querystring: QueryParams<typeof pageQuery> }>(
      '/ma-famille/inscriptions/nouvelle',
      queryParams(pageQuery),
      (request, reply) => {
        const { service, fait } = request.query;
        const form = service ? { values: { serviceId: service }, errors: {} } : emptyForm;
        return show(request, reply, form, 200, fait === 'demande');
      },
    );

    app.post('/ma-famille/inscriptions/nouvelle', async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(inscriptionForm, request.body);
      if (!parsed.ok) return show(request, reply, parsed, 400);
      const outcome = await inscriptions.submit(
        commune,
        familyIdOf(request),
        parsed.data,
        citizenAuthor(citizenOf(request)),
      );
      if (outcome.ok) return reply.redirect(`${communePaths(commune).newInscription}?fait=demande`, 303);
      return answerRefusal(reply, outcome, (refusal) =>
        show(request, reply, { values: parsed.data, errors: inscriptionFieldErrors(refusal) }, 400),
      );
    });
  };
}
