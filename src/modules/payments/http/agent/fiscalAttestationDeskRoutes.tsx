import type { FastifyPluginAsync } from 'fastify';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { personName } from '../../../../doors/agent/views/deskParts.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { FiscalAttestationService } from '../../fiscalAttestationService.js';
import { yearParam } from '../fiscalAttestationPaths.js';
import { DeskFiscalAttestationsPage } from './views/DeskFiscalAttestationsPage.js';

type FamilyParams = { Params: { familyId: string } };
type PdfParams = { Params: { familyId: string; year: string; memberId: string } };

const access = { config: { agentAccess: 'payments' as const } };

/** The desk produces a family's attestation fiscale, from the family's payments section; each PDF is audited. */
export function fiscalAttestationDeskRoutes(deps: {
  attestations: FiscalAttestationService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  const { attestations, familyFile } = deps;
  return async (app) => {
    app.get<FamilyParams>(
      '/familles/:familyId/paiements/attestations-fiscales',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const file = await familyFile.file(commune.id, familyId);
        const years = file ? await attestations.years(commune, familyId) : null;
        if (!file || !years) return notFound(reply);
        const representative = file.adults.find((adult) => adult.role === 'representant') ?? file.adults[0];
        const familyName = representative
          ? `${personName(representative)} (${file.family.reference})`
          : file.family.reference;
        return reply.page((context) => DeskFiscalAttestationsPage({ context, familyId, familyName, years }));
      },
    );

    app.get<PdfParams>(
      '/familles/:familyId/paiements/attestations-fiscales/:year/:memberId/attestation.pdf',
      { ...idParams('familyId', 'memberId'), ...access },
      async (request, reply) => {
        const year = yearParam(request.params.year);
        if (year === null) return notFound(reply);
        const agent = agentOf(request);
        const found = await attestations.attestation(
          communeOf(request),
          request.params.familyId,
          year,
          request.params.memberId,
          {
            kind: 'agent',
            actor: { kind: 'agent', id: agent.id, label: agent.email },
            ip: request.ip,
          },
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
