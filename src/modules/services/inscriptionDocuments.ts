import type { Commune } from '../communes/domain/commune.js';
import type { DocumentsService } from '../documents/documentsService.js';
import { stateText } from '../documents/domain/stateText.js';

/** A document a service asks for, for the family or one child, with where it stands today. */
export interface RequiredDocument {
  typeId: string;
  typeName: string;
  /** The services whose inscriptions ask for it. */
  serviceIds: string[];
  /** The child it is for; null for the family as a whole. */
  memberId: string | null;
  /** « À fournir », « Validée jusqu’au … »: the vault's words. */
  stateText: string;
  /** Validated and still valid: the guichet reuses it for the inscription. */
  usable: boolean;
  /** The document sent for it, if any. */
  documentId: string | null;
}

/** What inscriptions ask of the document vault. */
export interface InscriptionDocuments {
  required(commune: Commune, familyId: string): Promise<RequiredDocument[]>;
}

/**
 * The vault's « Pièces justificatives » as inscriptions read them: only the types a service asks for,
 * each for the family or each child, with its state (« Dites-le-nous une fois »: a validated one
 * serves every inscription while it is valid).
 */
export function inscriptionDocuments(documents: DocumentsService): InscriptionDocuments {
  return {
    async required(commune, familyId) {
      const lines = (await documents.overview(commune, familyId)) ?? [];
      return lines
        .filter((line) => line.type.serviceIds.length > 0)
        .map((line) => ({
          typeId: line.type.id,
          typeName: line.type.name,
          serviceIds: line.type.serviceIds,
          memberId: line.member?.id ?? null,
          stateText: stateText(line.state),
          usable: line.state.state === 'validated',
          documentId: line.latest?.document.id ?? null,
        }));
    },
  };
}
