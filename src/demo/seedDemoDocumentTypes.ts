import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { AuditLog } from '../modules/audit/auditLog.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { DocumentsRepository } from '../modules/documents/documentsRepository.js';
import { DocumentTypesService } from '../modules/documents/documentTypesService.js';
import { ServiceCatalogue } from '../modules/services/serviceCatalogue.js';

/** The standard document types in each demo commune, tied to its services (seeded after them). */
export async function seedDemoDocumentTypes(db: Db, clock: Clock, communes: Commune[]): Promise<void> {
  const catalogue = new ServiceCatalogue(db);
  const types = new DocumentTypesService({
    db,
    repository: new DocumentsRepository(db),
    servicesOf: (communeId) => catalogue.services(communeId, { includeInactive: true }, db),
    audit: new AuditLog(db, clock),
  });
  for (const commune of communes) await types.addStandardCatalogue(commune, { kind: 'system', label: 'demo' }, db);
}
