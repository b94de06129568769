import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { perAddress } from '../../../../platform/http/rateLimit.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import type { FamilyExportService } from '../../familyExportService.js';
import type { FamilyFileService } from '../../familyFileService.js';
import type { RequestsService } from '../../../requests/requestsService.js';
import type { ServiceCatalogue } from '../../../services/serviceCatalogue.js';
import { citizenOf, communeOf, familyIdOf, requireFamily } from './familyRequest.js';
import { MyDataPage } from './views/MyDataPage.js';

// Each export reads every table of the family: a few a quarter of an hour is plenty for a family.
const limited = { config: { rateLimit: perAddress(10, 15) } };

/** « Télécharger mes données »: everything the portal holds about the family, as a page and as JSON. */
export function myDataRoutes({
  familyExports,
  familyFile,
  requests,
  catalogue,
}: {
  familyExports: FamilyExportService;
  familyFile: FamilyFileService;
  requests: RequestsService;
  catalogue: ServiceCatalogue;
}): FastifyPluginAsync {
  /** The family's data, once the export is in the audit log; null when the 404 page is sent. */
  const exported = async (request: FastifyRequest, reply: FastifyReply, format: 'page' | 'json') => {
    const outcome = await familyExports.export(
      communeOf(request),
      familyIdOf(request),
      citizenOf(request),
      format,
      request.ip,
    );
    if (outcome.ok) return outcome.data;
    notFound(reply);
    return null;
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/ma-famille/mes-donnees', limited, async (request, reply) => {
      const data = await exported(request, reply, 'page');
      if (!data) return reply;
      const types = requests.types;
      const commune = communeOf(request);
      const [services, sessions] = await Promise.all([
        catalogue.services(commune.id, { includeInactive: true }),
        catalogue.sessions(commune.id),
      ]);
      const names = {
        service: (id: unknown) => services.find((s) => s.id === id)?.name ?? '—',
        session: (id: unknown) => sessions.find((s) => s.id === id)?.name ?? '—',
      };
      return reply.page((context) => MyDataPage({ context, data, typeLabel: (type) => types.label(type), names }));
    });

    app.get('/ma-famille/mes-donnees.json', limited, async (request, reply) => {
      const data = await exported(request, reply, 'json');
      if (!data) return reply;
      const reference = data.families[0]!.reference.replace(/[^A-Za-z0-9_-]/g, '_');
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="mes-donnees-${reference}.json"`)
        .header('cache-control', 'no-store')
        .send(JSON.stringify(data, null, 2));
    });
  };
}
