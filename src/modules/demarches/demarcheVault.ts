import { formatShortDay } from '../../shared/localDays.js';
import type { DocumentsService } from '../documents/documentsService.js';
import type { DocumentTypesService } from '../documents/documentTypesService.js';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import type { DemarcheVault } from './demarchesService.js';

/**
 * The document vault as the démarches use it: the commune's types (for the family or for a child),
 * the family's children, the validated document of a type (« Dites-le-nous une fois »), and new
 * files checked by the vault like any other, then stored in the démarche's transaction as a document
 * of the family or of one of its children (the vault also refuses a child that is not the family's).
 */
export function demarcheVault(
  documents: DocumentsService,
  documentTypes: DocumentTypesService,
  families: Pick<FamiliesRepository, 'file'>,
): DemarcheVault {
  const typeOf = async (commune: Parameters<DocumentTypesService['types']>[0], code: string) =>
    (await documentTypes.types(commune)).find((candidate) => candidate.code === code);
  return {
    async types(commune) {
      return (await documentTypes.types(commune)).map(({ code, name, subject }) => ({
        code,
        name,
        forChild: subject === 'child',
      }));
    },
    async children(commune, familyId) {
      const file = await families.file(commune.id, familyId);
      return (file?.members ?? [])
        .filter((member) => member.relation === 'enfant')
        .map((child) => ({ id: child.id, name: `${child.firstName} ${child.lastName}` }));
    },
    async validDocument(commune, familyId, typeCode, memberId) {
      const found = await documents.stateOf(commune, familyId, typeCode, memberId);
      if (found?.state.state !== 'validated' || !found.documentId) return null;
      const type = await typeOf(commune, typeCode);
      const until = found.state.validUntil ? ` jusqu’au ${formatShortDay(found.state.validUntil)}` : '';
      return { id: found.documentId, text: `${type?.name ?? typeCode} déjà validée${until}` };
    },
    async check(commune, { typeCode, memberId }, files) {
      const type = await typeOf(commune, typeCode);
      if (!type || (type.subject === 'child') !== (memberId !== null))
        return { ok: false, problem: 'no-file', fileName: '' };
      const intake = await documents.checkFiles(
        files.map(({ name, bytes, truncated }) => ({ name, bytes, truncated })),
      );
      return intake.ok
        ? { ok: true, checked: intake }
        : { ok: false, problem: intake.reason, fileName: intake.fileName };
    },
    async store(commune, familyId, author, { typeCode, memberId }, checked, tx) {
      const outcome = await documents.storeChecked(
        commune,
        familyId,
        {
          citizenId: author.kind === 'citizen' ? author.id : null,
          actor: { kind: author.kind, id: author.id, label: author.label },
        },
        { typeCode, memberId, checked },
        tx,
      );
      if (outcome.ok) return { ok: true, id: outcome.document.id };
      // The very files of the family's current document: the démarche gives that one.
      if (outcome.reason === 'duplicate') {
        const current = await documents.stateOf(commune, familyId, typeCode, memberId, tx);
        if (current?.documentId) return { ok: true, id: current.documentId };
      }
      return { ok: false, problem: outcome.reason, fileName: 'fileName' in outcome ? outcome.fileName : '' };
    },
  };
}
