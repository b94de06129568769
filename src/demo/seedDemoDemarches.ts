import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { AuditLog } from '../modules/audit/auditLog.js';
import { DemarchesRepository } from '../modules/demarches/demarchesRepository.js';
import { DocumentTypesService } from '../modules/documents/documentTypesService.js';
import { DocumentsRepository } from '../modules/documents/documentsRepository.js';
import { ServiceCatalogue } from '../modules/services/serviceCatalogue.js';
import type { FieldDefinition } from '../modules/demarches/domain/demarcheDefinition.js';

const question = (label: string, kind: FieldDefinition['kind'], more: Partial<FieldDefinition> = {}) => ({
  id: randomUUID(),
  label,
  hint: '',
  kind,
  required: true,
  options: [],
  dateRange: 'any' as const,
  ...more,
});

/** The « Autres démarches » of the demo, published: what a town hall's guichet unique is commonly asked. */
export const DEMO_DEMARCHES = [
  {
    title: 'Attestation de présence',
    description:
      'Une attestation des jours où votre enfant a fréquenté les services périscolaires, par exemple pour votre employeur ou pour un crédit d’impôt. Le guichet unique la dépose dans vos demandes sous une semaine.',
    fields: () => [
      question('Enfant concerné', 'short-text', { hint: 'Son prénom et son nom.' }),
      question('Période', 'choice', {
        options: ['Année scolaire en cours', 'Année scolaire précédente', 'Année civile précédente'],
      }),
      question('À quoi servira l’attestation ?', 'long-text', { required: false }),
    ],
  },
  {
    title: 'Changement de situation familiale',
    description:
      'Un mariage, un PACS, une séparation, une naissance : dites-le au guichet unique, qui met à jour votre dossier et, si besoin, votre tarif.',
    fields: () => [
      question('Nature du changement', 'choice', {
        options: ['Mariage ou PACS', 'Séparation ou divorce', 'Naissance ou adoption', 'Décès', 'Autre changement'],
      }),
      question('Date du changement', 'date', { dateRange: 'past' as const }),
      question('Le changement modifie-t-il la garde des enfants ?', 'yes-no'),
      question('Précisions', 'long-text', { required: false, hint: 'Ce que le guichet unique doit savoir.' }),
      question('Justificatif', 'document', {
        required: false,
        hint: 'Le jugement, l’acte de mariage ou la convention de PACS, s’il y en a un.',
        documentType: 'jugement',
      }),
    ],
  },
  {
    title: 'Rendez-vous au guichet unique',
    description:
      'Demandez un rendez-vous à la mairie, pour une question que la démarche en ligne ne règle pas. Le guichet unique vous répond avec un créneau.',
    fields: () => [
      question('Objet du rendez-vous', 'short-text'),
      question('Date souhaitée', 'date', { dateRange: 'future' as const }),
      question('Moment de la journée', 'choice', { options: ['Matin', 'Après-midi', 'Peu importe'] }),
    ],
  },
];

/**
 * Each demo commune offers the three démarches, published, and the standard document types its
 * questions (and the services) ask for.
 */
export async function seedDemoDemarches(db: Db, clock: Clock, communes: Commune[]): Promise<void> {
  const catalogue = new ServiceCatalogue(db);
  const documentTypes = new DocumentTypesService({
    db,
    repository: new DocumentsRepository(db),
    servicesOf: (communeId) => catalogue.services(communeId, { includeInactive: true }),
    audit: new AuditLog(db, clock),
  });
  for (const commune of communes) await documentTypes.addStandardCatalogue(commune, { kind: 'system', label: 'Démo' });
  const repository = new DemarchesRepository(db);
  for (const commune of communes)
    for (const demarche of DEMO_DEMARCHES)
      await repository.insert(
        commune.id,
        { title: demarche.title, description: demarche.description, fields: demarche.fields(), published: true },
        clock.now(),
        db,
      );
}
