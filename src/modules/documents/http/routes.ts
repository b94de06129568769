import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { documentDeskRoutes } from './agent/documentDeskRoutes.js';
import { documentTypesRoutes } from './agent/documentTypesRoutes.js';
import { documentRoutes } from './citizen/documentRoutes.js';

/** Behind the citizen door: « Pièces justificatives ». */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return documentRoutes({ documents: container.documents, familyFile: container.familyFile });
}

/** Behind the agent door: the documents to validate, each read (audited), validated or refused; the catalogue of types. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(
      documentDeskRoutes({
        documents: container.documents,
        familyFile: container.familyFile,
        quotients: container.quotients,
      }),
    );
    await app.register(documentTypesRoutes({ documentTypes: container.documentTypes, catalogue: container.catalogue }));
  };
}
