import { z } from 'zod';
import { typedDayText } from '../../shared/typedDay.js';
import { emailField, optionalText, phoneField, postcodeField, requiredText } from '../../platform/http/formFields.js';
import { DIETS } from './domain/diets.js';
import type { Contact, FieldGroupKey, GroupValues } from './domain/fieldGroups.js';

/**
 * The family file's forms, one per group of fields, each turning what was typed into the group's
 * stored values. The messages say what to type; the families' and the agents' forms are the same.
 */
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'oui');

const birthDate = z
  .string({ error: 'Indiquez la date de naissance.' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez la date de naissance au format JJ/MM/AAAA, par exemple 14/05/2018.')
  // Date.parse rolls 31/02 over to 03/03: only a date that reads back the same exists.
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value) && value >= '1900-01-01';
  }, 'Cette date de naissance n’existe pas.');

/** A date typed as JJ/MM/AAAA (or sent as AAAA-MM-JJ by a date picker), as AAAA-MM-JJ. */
const frenchDate = z.preprocess((value) => (typeof value === 'string' ? typedDayText(value) : value), birthDate);

const sex = z.enum(['F', 'M', ''], { error: 'Choisissez le sexe : féminin ou masculin.' }).optional().default('');

export const groupForms = {
  address: z.object({
    street: requiredText('Indiquez le numéro et la voie, par exemple 2 rue des Chariots.', 200),
    streetComplement: optionalText(200),
    postcode: postcodeField('Indiquez le code postal.'),
    city: requiredText('Indiquez la commune.'),
  }),
  contact: z.object({
    email: emailField('Indiquez une adresse e-mail.'),
    phone: phoneField,
    homePhone: phoneField,
    workPhone: phoneField,
    preferredContact: z.enum(['email', 'sms', 'telephone', 'courrier'], {
      error: 'Choisissez le moyen de contact que vous préférez.',
    }),
  }),
  identity: z.object({
    firstName: requiredText('Indiquez le prénom.'),
    lastName: requiredText('Indiquez le nom.'),
    birthDate: frenchDate,
    sex,
  }),
  school: z.object({ schoolName: optionalText(100), schoolClass: optionalText(40) }),
  diet: z.object({
    diet: z.enum(DIETS as [string, ...string[]], { error: 'Choisissez un régime alimentaire dans la liste.' }),
  }),
  health: z.object({
    allergies: optionalText(500),
    pai: checkbox,
    doctorName: optionalText(100),
    doctorPhone: phoneField,
  }),
  consents: z.object({ photoConsent: checkbox, leavesAloneConsent: checkbox }),
  'new-member': z.object({
    firstName: requiredText('Indiquez le prénom.'),
    lastName: requiredText('Indiquez le nom.'),
    birthDate: frenchDate,
    sex,
    relation: z.enum(['enfant', 'adulte'], { error: 'Indiquez si c’est un enfant ou un autre adulte du foyer.' }),
  }),
} satisfies Partial<Record<FieldGroupKey, z.ZodType>>;

/** How many rows of each list the contacts form offers (the page works without JavaScript). */
export const CONTACT_ROWS = 4;
export const contactKinds = ['pickup', 'emergency'] as const;

/**
 * The contacts form: rows named `pickup-0-name`, `pickup-0-phone`, `pickup-0-relation`…; a row left
 * empty is dropped, a row half filled is an error on the field that is missing.
 */
export function parseContacts(
  values: Record<string, string>,
): { ok: true; data: GroupValues['contacts'] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const data: GroupValues['contacts'] = { pickup: [], emergency: [] };
  for (const kind of contactKinds) {
    for (let row = 0; row < CONTACT_ROWS; row++) {
      const field = (name: string) => `${kind}-${row}-${name}`;
      const contact: Contact = {
        name: (values[field('name')] ?? '').trim(),
        phone: (values[field('phone')] ?? '').trim(),
        relation: (values[field('relation')] ?? '').trim(),
      };
      if (!contact.name && !contact.phone && !contact.relation) continue;
      if (!contact.name) errors[field('name')] = 'Indiquez le nom et le prénom de la personne.';
      else if (contact.name.length > 100) errors[field('name')] = 'Ce champ ne peut pas dépasser 100 caractères.';
      const phone = phoneField.safeParse(contact.phone);
      if (!contact.phone) errors[field('phone')] = 'Indiquez le téléphone de la personne.';
      else if (!phone.success) errors[field('phone')] = phone.error.issues[0]!.message;
      if (contact.relation.length > 60) errors[field('relation')] = 'Ce champ ne peut pas dépasser 60 caractères.';
      data[kind].push(contact);
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, data };
}
