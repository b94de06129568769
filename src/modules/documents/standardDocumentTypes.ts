import type { DocumentSubject, ValidityKind } from './documentsSchema.js';

export interface StandardDocumentType {
  code: string;
  name: string;
  description: string;
  subject: DocumentSubject;
  validityKind: ValidityKind;
  validityMonths: number | null;
  /** The standard services' kinds whose inscriptions ask for it (`standardCatalogue.ts`). */
  serviceKinds: string[];
}

/** The proofs communes usually ask for (reference: DOCUMENTS.md), which a commune then adjusts. */
export const STANDARD_DOCUMENT_TYPES: StandardDocumentType[] = [
  {
    code: 'domicile',
    name: 'Justificatif de domicile',
    description: 'Facture d’énergie, de téléphone ou quittance de loyer de moins de 3 mois.',
    subject: 'family',
    validityKind: 'months',
    validityMonths: 3,
    serviceKinds: ['matin', 'soir', 'restauration', 'mercredi', 'vacances'],
  },
  {
    code: 'quotient-familial',
    name: 'Attestation de quotient familial',
    description: 'Attestation de la CAF ou de la MSA de moins de 3 mois, ou dernier avis d’imposition.',
    subject: 'family',
    validityKind: 'months',
    validityMonths: 3,
    serviceKinds: [],
  },
  {
    code: 'assurance',
    name: 'Attestation d’assurance',
    description: 'Responsabilité civile et assurance extrascolaire pour l’année scolaire.',
    subject: 'child',
    validityKind: 'school-year',
    validityMonths: null,
    serviceKinds: ['matin', 'soir', 'mercredi', 'vacances'],
  },
  {
    code: 'vaccinations',
    name: 'Carnet de vaccination',
    description: 'Les pages des vaccins obligatoires, avec le nom de l’enfant.',
    subject: 'child',
    validityKind: 'school-year',
    validityMonths: null,
    serviceKinds: ['mercredi', 'vacances'],
  },
  {
    code: 'pai',
    name: 'Projet d’accueil individualisé (PAI)',
    description: 'Seulement si votre enfant a un PAI signé par le médecin scolaire.',
    subject: 'child',
    validityKind: 'school-year',
    validityMonths: null,
    serviceKinds: [],
  },
  {
    code: 'jugement',
    name: 'Jugement fixant la résidence ou l’autorité parentale',
    description: 'Seulement en cas de séparation ou de décision du juge aux affaires familiales.',
    subject: 'family',
    validityKind: 'unlimited',
    validityMonths: null,
    serviceKinds: [],
  },
  {
    code: 'certificat-medical',
    name: 'Certificat médical',
    description: 'Pour justifier une absence pour maladie.',
    subject: 'child',
    validityKind: 'months',
    validityMonths: 1,
    serviceKinds: [],
  },
];
