import type { ServiceKind, ServiceUnit } from './domain/catalogueService.js';

/**
 * What a commune starts from: the services of PRODUCT.md with their default rules, the school year
 * 2026-2027 and the zone's holidays. The administrator changes any of it in « Paramètres ».
 */
export interface StandardService {
  kind: ServiceKind;
  name: string;
  description: string;
  openWeekdays: number[];
  schoolPeriodsOnly: boolean;
  deadlineDaysBefore: number;
  rentreeWindow: boolean;
  requiredDocuments: string[];
  placesPerDay: number | null;
  units: ServiceUnit[];
}

const SCHOOL_DAYS = [1, 2, 4, 5];
const INSURANCE = 'Attestation d’assurance extrascolaire';
const VACCINATION = 'Carnet de vaccination';

export const STANDARD_SERVICES: StandardService[] = [
  {
    kind: 'matin',
    name: 'Accueil du matin',
    description: 'Accueil périscolaire de 7h30 à l’ouverture de l’école.',
    openWeekdays: SCHOOL_DAYS,
    schoolPeriodsOnly: true,
    deadlineDaysBefore: 15,
    rentreeWindow: true,
    requiredDocuments: [INSURANCE],
    placesPerDay: null,
    units: [{ code: 'jour', label: 'Matin', priceCents: 180 }],
  },
  {
    kind: 'soir',
    name: 'Accueil du soir',
    description: 'Accueil périscolaire de la sortie de l’école à 18h30, goûter compris.',
    openWeekdays: SCHOOL_DAYS,
    schoolPeriodsOnly: true,
    deadlineDaysBefore: 15,
    rentreeWindow: true,
    requiredDocuments: [INSURANCE],
    placesPerDay: null,
    units: [{ code: 'jour', label: 'Soir', priceCents: 290 }],
  },
  {
    kind: 'restauration',
    name: 'Restauration scolaire',
    description: 'Le déjeuner des jours d’école, selon le régime alimentaire du dossier.',
    openWeekdays: SCHOOL_DAYS,
    schoolPeriodsOnly: true,
    deadlineDaysBefore: 15,
    rentreeWindow: true,
    requiredDocuments: [],
    placesPerDay: null,
    units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
  },
  {
    kind: 'mercredi',
    name: 'Accueil de loisirs du mercredi',
    description: 'Le mercredi en période scolaire, à la journée ou à la demi-journée, avec ou sans repas.',
    openWeekdays: [3],
    schoolPeriodsOnly: true,
    deadlineDaysBefore: 15,
    rentreeWindow: true,
    requiredDocuments: [VACCINATION, INSURANCE],
    placesPerDay: 80,
    units: [
      { code: 'journee', label: 'Journée', priceCents: 1240 },
      { code: 'matin-repas', label: 'Matin avec repas', priceCents: 890 },
      { code: 'matin', label: 'Matin sans repas', priceCents: 535 },
      { code: 'apres-midi-repas', label: 'Après-midi avec repas', priceCents: 890 },
      { code: 'apres-midi', label: 'Après-midi sans repas', priceCents: 535 },
    ],
  },
  {
    kind: 'vacances',
    name: 'Activités vacances',
    description: 'Des sessions de sport et de loisirs pendant les vacances scolaires, places limitées.',
    openWeekdays: [1, 2, 3, 4, 5],
    schoolPeriodsOnly: false,
    deadlineDaysBefore: 28,
    rentreeWindow: false,
    requiredDocuments: [VACCINATION, INSURANCE],
    placesPerDay: null,
    units: [{ code: 'session', label: 'Session', priceCents: 0 }],
  },
];

export interface StandardPeriod {
  kind: 'vacances' | 'fermeture';
  label: string;
  startsOn: string;
  endsOn: string;
}

/**
 * The school year 2026-2027 of zone C (académies de Créteil, Paris, Versailles, Montpellier, Toulouse), as the
 * Ministry published it: a holiday runs from the Saturday after the last class to the day before classes resume.
 */
export const SCHOOL_YEAR_2026 = {
  label: '2026-2027',
  startsOn: '2026-09-01',
  endsOn: '2027-07-02',
  rentreeWindowEndsOn: '2026-09-30',
  periods: [
    { kind: 'vacances', label: 'Vacances de la Toussaint', startsOn: '2026-10-17', endsOn: '2026-11-01' },
    { kind: 'vacances', label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
    { kind: 'vacances', label: 'Vacances d’hiver', startsOn: '2027-02-06', endsOn: '2027-02-21' },
    { kind: 'vacances', label: 'Vacances de printemps', startsOn: '2027-04-03', endsOn: '2027-04-18' },
    { kind: 'vacances', label: 'Pont de l’Ascension', startsOn: '2027-05-06', endsOn: '2027-05-09' },
  ] satisfies StandardPeriod[],
};
