import { z } from 'zod';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import { RequestNotApplicable, type RequestType } from '../requests/requestTypes.js';
import type { EnrolmentsRepository } from './enrolmentsRepository.js';
import type { ServiceCatalogue } from './serviceCatalogue.js';

/**
 * What the family asked, with the names as it read them: the agents see the request as it was made
 * even if a service is renamed later. The ids are what acceptance writes.
 */
export const inscriptionPayload = z.object({
  memberId: z.uuid(),
  memberName: z.string(),
  serviceId: z.uuid(),
  serviceName: z.string(),
  schoolYearId: z.uuid(),
  schoolYearLabel: z.string(),
  /** The service's required documents when the request was made: what the guichet unique checks. */
  requiredDocuments: z.array(z.string()),
  /** The vault's documents the service asks for and their state when the request was made (absent from older requests). */
  documents: z.array(z.object({ name: z.string(), state: z.string(), documentId: z.uuid().nullable() })).optional(),
});
export type InscriptionPayload = z.infer<typeof inscriptionPayload>;

export const INSCRIPTION = 'inscription';

/** « Inscription à un service : Rémi DUPONT — Restauration scolaire (2026-2027) »: the line the lists of requests show. */
export function inscriptionSummary(
  payload: Pick<InscriptionPayload, 'memberName' | 'serviceName' | 'schoolYearLabel'>,
): string {
  return `Inscription à un service : ${payload.memberName} — ${payload.serviceName} (${payload.schoolYearLabel})`;
}

const gone = 'L’enfant ne fait plus partie du dossier famille : refusez la demande en l’expliquant à la famille.';
const noService = 'Ce service ou cette année scolaire n’existe plus : refusez la demande en l’expliquant à la famille.';
const already = (p: InscriptionPayload) =>
  `${p.memberName} a déjà une inscription à « ${p.serviceName} » pour l’année ${p.schoolYearLabel} : refusez cette demande en l’expliquant à la famille.`;

interface Deps {
  families: FamiliesRepository;
  catalogue: ServiceCatalogue;
  enrolments: EnrolmentsRepository;
}

/**
 * « Inscription à un service »: the child may book the service's days of the school year (for
 * « Activités vacances », its sessions) once the guichet unique accepts, having checked the documents.
 */
export function inscriptionRequestType({ families, catalogue, enrolments }: Deps): RequestType<InscriptionPayload> {
  return {
    type: INSCRIPTION,
    label: 'Inscription à un service',
    payload: inscriptionPayload,
    details: (p) => [
      { label: 'Enfant', after: p.memberName },
      { label: 'Service', after: p.serviceName },
      { label: 'Année scolaire', after: p.schoolYearLabel },
      { label: 'Pièces à fournir', after: p.requiredDocuments.length > 0 ? p.requiredDocuments.join(' ; ') : 'Aucune' },
      ...(p.documents ?? []).map((document) => ({
        label: `Pièce : ${document.name}`,
        after: `${document.state} (à la demande)`,
        ...(document.documentId ? { documentId: document.documentId } : {}),
      })),
    ],
    async apply({ tx, communeId, request, at }, p) {
      // The family's lock: the same order as a submission, so that a member's removal and this acceptance do not cross.
      const family = await families.lockFamily(communeId, request.familyId, tx);
      const file = family && (await families.file(communeId, request.familyId, tx));
      if (!file?.members.some((member) => member.id === p.memberId)) throw new RequestNotApplicable(gone);
      const service = await catalogue.service(communeId, p.serviceId, tx);
      const years = await enrolments.schoolYears(communeId, tx);
      if (!service || !years.some((year) => year.id === p.schoolYearId)) throw new RequestNotApplicable(noService);
      const key = { memberId: p.memberId, serviceId: p.serviceId, schoolYearId: p.schoolYearId };
      const existing = await enrolments.find(communeId, key, tx);
      if (existing?.status === 'active') throw new RequestNotApplicable(already(p));
      // An inscription ended earlier (the child left the service) is the same row, made active again.
      const written = existing
        ? await enrolments.reactivate(communeId, existing.id, request.id, tx)
        : (await enrolments.insert(
            { communeId, familyId: request.familyId, ...key, requestId: request.id, createdAt: at },
            tx,
          )) !== null;
      if (!written) throw new RequestNotApplicable(already(p));
    },
  };
}
