import type { Db } from '../../platform/db/database.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { type NotFound, notFound } from '../../shared/outcome.js';
import { type FamilyExport, familyExport } from './familyExport.js';

/**
 * « Télécharger mes données »: everything the portal holds about a family, for one of its own
 * accounts, and the export's line in the audit log (SECURITY.md: exports are audited).
 */
export class FamilyExportService {
  constructor(private readonly deps: { db: Db; audit: AuditLog }) {}

  /** The family's data, once the export is in the audit log; a family the account is not linked to is not found. */
  async export(
    commune: Commune,
    familyId: string,
    citizen: { id: string; username: string },
    format: 'page' | 'json',
    ip: string,
  ): Promise<{ ok: true; data: FamilyExport } | NotFound> {
    const data = await familyExport(this.deps.db, commune.id, familyId, citizen.id);
    if (!data) return notFound;
    await this.deps.audit.record({
      communeId: commune.id,
      actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
      action: 'family.exported',
      subject: { kind: 'family', id: familyId },
      ip,
      details: { format },
    });
    return { ok: true, data };
  }
}
