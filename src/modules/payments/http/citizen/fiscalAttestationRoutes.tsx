import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { communeOf, familyIdOf } from '../../../families/http/citizen/familyRequest.js';
import type { FiscalAttestationService } from '../../fiscalAttestationService.js';
import { yearParam } from '../fiscalAttestationPaths.js';
import { FiscalAttestationsPage } from './views/FiscalAttestationsPage.js';

type PdfParams = { Params: { year: string; memberId: string } };

/**
 * « Attestation fiscale » in « Mes factures »: the years and the PDF of a child's year. The family is the
 * account's; another family's child, a child not eligible or a year with nothing paid is not found.
 */
export function fiscalAttestationRoutes(deps: {
  attestations: FiscalAttestationService;
  requireFamily: preHandlerAsyncHookHandler;
}): FastifyPluginAsync {
  const { attestations } = deps;
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', deps.requireFamily);
    app.get('/ma-famille/factures/attestations-fiscales', async (request, reply) => {
      const years = await attestations.years(communeOf(request), familyIdOf(request));
      if (!years) return notFound(reply);
      return reply.page((context) => FiscalAttestationsPage({ context, years }));
    });

    app.get<PdfParams>(
      '/ma-famille/factures/attestations-fiscales/:year/:memberId/attestation.pdf',
      idParams('memberId'),
      async (request, reply) => {
        const year = yearParam(request.params.year);
        if (year === null) return notFound(reply);
        const found = await attestations.attestation(
          communeOf(request),
          familyIdOf(request),
          year,
          request.params.memberId,
          { kind: 'family' },
        );
        if (!found.ok) return notFound(reply);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="attestation-fiscale-${year}.pdf"`)
          .header('cache-control', 'no-store')
          .send(found.pdf);
      },
    );
  };
}
