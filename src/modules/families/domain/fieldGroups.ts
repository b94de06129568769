import { dietLabel } from './diets.js';

/** One field's value before and after a change, as shown to the family and the agents. */
export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/**
 * The family file is changed a group of fields at a time: the commune's administrator decides, per
 * group, whether the family changes it directly or through a request the guichet unique validates
 * (issue « Mon espace, Ma famille »: phones, e-mail, pick-up people and emergency contacts direct;
 * identity, address, new member and health notes through validation).
 */
export const FIELD_GROUPS = [
  'address',
  'contact',
  'identity',
  'school',
  'diet',
  'health',
  'contacts',
  'consents',
  'new-member',
] as const;
export type FieldGroupKey = (typeof FIELD_GROUPS)[number];

/** Where a group's fields live: the household, one responsible adult, or one member. */
export type FieldGroupTarget = 'family' | 'adult' | 'member';

/** A person to call or allowed to pick a child up. */
export interface Contact {
  name: string;
  phone: string;
  relation: string;
}

/** The values of each group as stored; the forms turn what was typed into these. */
export interface GroupValues {
  address: { street: string; streetComplement: string; postcode: string; city: string };
  contact: { email: string; phone: string; homePhone: string; workPhone: string; preferredContact: string };
  identity: { firstName: string; lastName: string; birthDate: string; sex: string };
  school: { schoolName: string; schoolClass: string };
  diet: { diet: string };
  health: { allergies: string; pai: boolean; doctorName: string; doctorPhone: string };
  contacts: { pickup: Contact[]; emergency: Contact[] };
  consents: { photoConsent: boolean; leavesAloneConsent: boolean };
  'new-member': { firstName: string; lastName: string; birthDate: string; sex: string; relation: string };
}

export type AnyGroupValues = GroupValues[FieldGroupKey];

interface FieldGroupDefinition {
  label: string;
  target: FieldGroupTarget;
  needsValidationByDefault: boolean;
  /** Each field's label, in the order they are shown. */
  fields: Record<string, string>;
}

export const fieldGroups: Record<FieldGroupKey, FieldGroupDefinition> = {
  address: {
    label: 'Adresse du foyer',
    target: 'family',
    needsValidationByDefault: true,
    fields: {
      street: 'Numéro et voie',
      streetComplement: "Complément d'adresse",
      postcode: 'Code postal',
      city: 'Commune',
    },
  },
  contact: {
    label: 'Téléphones et e-mail',
    target: 'adult',
    needsValidationByDefault: false,
    fields: {
      email: 'Adresse e-mail',
      phone: 'Téléphone portable',
      homePhone: 'Téléphone fixe',
      workPhone: 'Téléphone professionnel',
      preferredContact: 'Moyen de contact préféré',
    },
  },
  identity: {
    label: 'Identité',
    target: 'member',
    needsValidationByDefault: true,
    fields: { firstName: 'Prénom', lastName: 'Nom', birthDate: 'Date de naissance', sex: 'Sexe' },
  },
  school: {
    label: 'École et classe',
    target: 'member',
    needsValidationByDefault: true,
    fields: { schoolName: 'École', schoolClass: 'Classe' },
  },
  diet: {
    label: 'Régime alimentaire',
    target: 'member',
    needsValidationByDefault: true,
    fields: { diet: 'Régime alimentaire' },
  },
  health: {
    label: 'Informations de santé',
    target: 'member',
    needsValidationByDefault: true,
    fields: {
      allergies: 'Allergies',
      pai: "Projet d'accueil individualisé (PAI)",
      doctorName: 'Médecin traitant',
      doctorPhone: 'Téléphone du médecin',
    },
  },
  contacts: {
    label: 'Personnes autorisées et contacts d’urgence',
    target: 'member',
    needsValidationByDefault: false,
    fields: {
      pickup: 'Personnes autorisées à venir chercher l’enfant',
      emergency: 'Personnes à prévenir en cas d’urgence',
    },
  },
  consents: {
    label: 'Autorisations',
    target: 'member',
    needsValidationByDefault: false,
    fields: { photoConsent: 'Droit à l’image (photos)', leavesAloneConsent: 'Autorisé à rentrer seul' },
  },
  'new-member': {
    label: 'Nouveau membre du foyer',
    target: 'family',
    needsValidationByDefault: true,
    fields: { firstName: 'Prénom', lastName: 'Nom', birthDate: 'Date de naissance', sex: 'Sexe', relation: 'Lien' },
  },
};

export function isFieldGroup(value: string): value is FieldGroupKey {
  return (FIELD_GROUPS as readonly string[]).includes(value);
}

/** The commune's choice for a group, or the default when it has made none. */
export function needsValidation(group: FieldGroupKey, policies: ReadonlyMap<string, boolean>): boolean {
  return policies.get(group) ?? fieldGroups[group].needsValidationByDefault;
}

const preferredContacts: Record<string, string> = {
  email: 'E-mail',
  sms: 'SMS',
  telephone: 'Téléphone',
  courrier: 'Courrier',
};
const sexes: Record<string, string> = { F: 'Féminin', M: 'Masculin' };
const relations: Record<string, string> = { enfant: 'Enfant', adulte: 'Autre adulte du foyer' };

export const preferredContactOptions = Object.entries(preferredContacts).map(([value, label]) => ({ value, label }));
/** « Non précisé » is a choice too: the sex is never required, and a choice made can be taken back. */
export const sexOptions = [
  ...Object.entries(sexes).map(([value, label]) => ({ value, label })),
  { value: '', label: 'Non précisé' },
];
export const relationOptions = Object.entries(relations).map(([value, label]) => ({ value, label }));

function formatBirthDate(value: string): string {
  const [year, month, day] = value.split('-');
  return year && month && day ? `${day}/${month}/${year}` : value;
}

function formatContacts(contacts: Contact[]): string {
  return contacts.map((c) => [c.name, c.relation && `(${c.relation})`, c.phone].filter(Boolean).join(' ')).join(' ; ');
}

/** A stored value as the family and the agents read it; empty is « — ». */
export function describeValue(field: string, value: unknown): string {
  let text: string;
  if (typeof value === 'boolean') text = value ? 'Oui' : 'Non';
  else if (Array.isArray(value)) text = formatContacts(value as Contact[]);
  else if (field === 'diet') text = dietLabel(String(value));
  else if (field === 'preferredContact') text = preferredContacts[String(value)] ?? String(value);
  else if (field === 'sex') text = sexes[String(value)] ?? String(value ?? '');
  else if (field === 'relation') text = relations[String(value)] ?? String(value ?? '');
  else if (field === 'birthDate') text = formatBirthDate(String(value ?? ''));
  else text = String(value ?? '');
  return text === '' ? '—' : text;
}

/** The fields whose value differs, with both values readable: what a request or the history shows. */
export function diffGroup<G extends FieldGroupKey>(
  group: G,
  current: Partial<GroupValues[G]>,
  next: GroupValues[G],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, label] of Object.entries(fieldGroups[group].fields)) {
    const before = (current as Record<string, unknown>)[field];
    const after = (next as Record<string, unknown>)[field];
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
    changes.push({
      field,
      label,
      before: before === undefined ? '—' : describeValue(field, before),
      after: describeValue(field, after),
    });
  }
  return changes;
}

/** Full years between a birth date and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Going home alone is offered from this age on: younger children are always handed over to an adult. */
export const LEAVES_ALONE_MIN_AGE = 8;

const asText = (value: unknown) => (typeof value === 'string' ? value : '');
const asContacts = (value: unknown): Contact[] =>
  Array.isArray(value)
    ? value.map((c: Record<string, unknown>) => ({
        name: asText(c?.name),
        phone: asText(c?.phone),
        relation: asText(c?.relation),
      }))
    : [];

/**
 * Exactly the group's fields, each of its stored type, from values read back from a request's
 * payload: what is applied is never more than the group, whatever the payload holds.
 */
export function pickGroupValues<G extends FieldGroupKey>(group: G, values: Record<string, unknown>): GroupValues[G] {
  const picked: Record<string, unknown> = {};
  for (const field of Object.keys(fieldGroups[group].fields)) {
    const value = values[field];
    if (field === 'pickup' || field === 'emergency') picked[field] = asContacts(value);
    else if (field === 'pai' || field === 'photoConsent' || field === 'leavesAloneConsent')
      picked[field] = value === true;
    else picked[field] = asText(value);
  }
  return picked as unknown as GroupValues[G];
}
