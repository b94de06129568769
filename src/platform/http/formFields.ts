import { z } from 'zod';
import { isMailableAddress } from '../mail/mailAddress.js';

/** A required one-line field: its message says what to type; the limit keeps absurd input out. */
export const requiredText = (message: string, max = 100) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Ce champ ne peut pas dépasser ${max} caractères.`);

export const EMAIL_MESSAGE =
  "L'adresse e-mail doit être de la forme nom@exemple.fr : sans espace, virgule, guillemet ni chevron, avec un seul @ et un nom de domaine comme exemple.fr.";

/** A required e-mail address that a mail relay would take (platform/mail/mailAddress.ts): every form's. */
export const emailField = (message: string) =>
  requiredText(message, 254).refine((value) => isMailableAddress(value), EMAIL_MESSAGE);

/** An optional one-line field, empty when left blank. */
export const optionalText = (max: number) =>
  z.string().trim().max(max, `Ce champ ne peut pas dépasser ${max} caractères.`).optional().default('');

const phonePattern = /^(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}$/;

/** An optional French phone number, in any of the usual spellings. */
export const phoneField = z
  .string()
  .trim()
  .optional()
  .default('')
  .refine(
    (value) => value === '' || phonePattern.test(value),
    'Le numéro de téléphone comporte 10 chiffres, par exemple 06 12 34 56 78.',
  );

/** A postcode: five digits. */
export const postcodeField = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{5}$/, 'Le code postal comporte 5 chiffres, par exemple 78570.');
