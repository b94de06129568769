import { z } from 'zod';

/** A required one-line field: its message says what to type; the limit keeps absurd input out. */
export const requiredText = (message: string, max = 100) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Ce champ ne peut pas dépasser ${max} caractères.`);

/** A required e-mail address, with the form it must have. */
export const emailField = (message: string) =>
  requiredText(message, 254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "L'adresse e-mail doit être de la forme nom@exemple.fr.");
