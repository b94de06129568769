import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { AbsencesRepository } from './absencesRepository.js';
import { MEDICAL_CERTIFICATE, certificateJustifies } from './domain/absenceRules.js';

/** What the vault tells of a validated document (`DocumentsService.onValidated`), as far as absences care. */
export interface ValidatedDocument {
  commune: { id: string };
  document: { id: string; memberId: string | null; validFrom: LocalDay | null; validUntil: LocalDay | null };
  type: { code: string };
  tx: Db;
}

/**
 * A child's medical certificate validated by the guichet unique justifies the illnesses it covers:
 * their days are no longer billed. Run inside the validation's transaction, so that the certificate's
 * validation and the absences it justifies land together, with one audit line per absence.
 */
export function justifyIllnessesOnCertificate(absences: AbsencesRepository, audit: AuditLog) {
  return async ({ commune, document, type, tx }: ValidatedDocument): Promise<void> => {
    if (type.code !== MEDICAL_CERTIFICATE || !document.memberId || !document.validFrom) return;
    const certificate = { validFrom: document.validFrom, validUntil: document.validUntil };
    const candidates = await absences.unjustifiedIllnessesFrom(commune.id, document.memberId, document.validFrom, tx);
    for (const absence of candidates.filter((candidate) => certificateJustifies(candidate, certificate))) {
      await absences.markJustified(commune.id, absence.id, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'system', label: 'Certificat médical validé' },
          action: 'absence.justified',
          subject: { kind: 'absence', id: absence.id },
          details: { documentId: document.id },
        },
        tx,
      );
    }
  };
}
