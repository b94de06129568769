import { formatShortDay } from '../../shared/localDays.js';
import type { DocumentsService } from '../documents/documentsService.js';
import type { DocumentTypesService } from '../documents/documentTypesService.js';
import type { DemarcheVault } from './demarchesService.js';

/**
 * The document vault as the démarches use it: the commune's types given for the family as a whole,
 * the family's validated document of a type (« Dites-le-nous une fois »), and new files stored as a
 * document of the family, checked by the vault like any other.
 */
export function demarcheVault(documents: DocumentsService, documentTypes: DocumentTypesService): DemarcheVault {
  const familyTypes = async (commune: Parameters<DocumentTypesService['types']>[0]) =>
    (await documentTypes.types(commune)).filter((type) => type.subject === 'family');
  return {
    async familyTypes(commune) {
      return (await familyTypes(commune)).map(({ code, name }) => ({ code, name }));
    },
    async validDocument(commune, familyId, typeCode) {
      const found = await documents.stateOf(commune, familyId, typeCode);
      if (found?.state.state !== 'validated' || !found.documentId) return null;
      const type = (await familyTypes(commune)).find((candidate) => candidate.code === typeCode);
      const until = found.state.validUntil ? ` jusqu’au ${formatShortDay(found.state.validUntil)}` : '';
      return { id: found.documentId, text: `${type?.name ?? typeCode} déjà validée${until}` };
    },
    async store(commune, familyId, author, typeCode, files) {
      const type = (await familyTypes(commune)).find((candidate) => candidate.code === typeCode);
      if (!type) return { ok: false, problem: 'no-file', fileName: '' };
      const outcome = await documents.upload(
        commune,
        familyId,
        {
          citizenId: author.kind === 'citizen' ? author.id : null,
          actor: { kind: author.kind, id: author.id, label: author.label },
        },
        {
          typeId: type.id,
          memberId: null,
          files: files.map(({ name, bytes, truncated }) => ({ name, bytes, truncated })),
        },
      );
      if (outcome.ok) return { ok: true, id: outcome.document.id };
      // The very files of the family's current document: the démarche gives that one.
      if (outcome.reason === 'duplicate') {
        const current = await documents.stateOf(commune, familyId, typeCode);
        if (current?.documentId) return { ok: true, id: current.documentId };
      }
      return { ok: false, problem: outcome.reason, fileName: 'fileName' in outcome ? outcome.fileName : '' };
    },
  };
}
