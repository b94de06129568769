import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { DocumentType, DocumentsRepository } from './documentsRepository.js';
import type { ValidityKind } from './documentsSchema.js';
import { STANDARD_DOCUMENT_TYPES } from './standardDocumentTypes.js';

/** The services of the commune as the catalogue knows them: their id and kind. */
export type ServicesOf = (communeId: string) => Promise<{ id: string; kind: string }[]>;

export interface DocumentTypeSettings {
  name: string;
  description: string;
  validityKind: ValidityKind;
  validityMonths: number | null;
  serviceIds: string[];
  keepExpiredDays: number;
}

/** The administrator's catalogue of document types. */
export class DocumentTypesService {
  constructor(
    private readonly deps: { db: Db; repository: DocumentsRepository; servicesOf: ServicesOf; audit: AuditLog },
  ) {}

  types(commune: Commune): Promise<DocumentType[]> {
    return this.deps.repository.types(commune.id);
  }

  type(commune: Commune, typeId: string): Promise<DocumentType | null> {
    return this.deps.repository.type(commune.id, typeId);
  }

  /** Adds the standard types the commune has not yet, tied to its services of the usual kinds. */
  async addStandardCatalogue(commune: Commune, actor: AuditActor, tx: Db = this.deps.db): Promise<number> {
    const services = await this.deps.servicesOf(commune.id);
    const added = await this.deps.repository.addTypes(
      STANDARD_DOCUMENT_TYPES.map(({ serviceKinds, ...type }, position) => ({
        ...type,
        communeId: commune.id,
        position,
        serviceIds: services.filter((service) => serviceKinds.includes(service.kind)).map((service) => service.id),
      })),
      tx,
    );
    await this.deps.audit.record(
      { communeId: commune.id, actor, action: 'document-types.standard-added', details: { added } },
      tx,
    );
    return added;
  }

  /** Changes a type's settings; services not of the commune are dropped. */
  async update(commune: Commune, actor: AuditActor, typeId: string, settings: DocumentTypeSettings) {
    const known = new Set((await this.deps.servicesOf(commune.id)).map((service) => service.id));
    return inTransaction(this.deps.db, async (tx) => {
      const changed = await this.deps.repository.updateType(
        commune.id,
        typeId,
        { ...settings, serviceIds: settings.serviceIds.filter((id) => known.has(id)) },
        tx,
      );
      if (!changed) return false;
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'document-type.updated',
          subject: { kind: 'document-type', id: typeId },
        },
        tx,
      );
      return true;
    });
  }
}
