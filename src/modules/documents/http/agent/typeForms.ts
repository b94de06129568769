import { z } from 'zod';
import {
  MAX_KEEP_EXPIRED_DAYS,
  MAX_TYPE_DESCRIPTION,
  MAX_TYPE_NAME,
  MAX_VALIDITY_MONTHS,
} from '../../domain/typeSettings.js';

const wholeNumber = (missing: string, range: string, max: number) =>
  z
    .string()
    .optional()
    .default('')
    .transform((value) => value.trim())
    .refine((value) => value !== '', missing)
    .refine((value) => /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= max, range)
    .transform(Number);

/** A document type's settings, as the administrator types them; the services ticked are read apart. */
export const typeSettingsForm = z
  .object({
    name: z
      .string({ error: 'Indiquez le nom de la pièce.' })
      .trim()
      .min(1, 'Indiquez le nom de la pièce.')
      .max(MAX_TYPE_NAME, `Le nom ne peut pas dépasser ${MAX_TYPE_NAME} caractères.`),
    description: z
      .string()
      .optional()
      .default('')
      .transform((value) => value.trim())
      .pipe(
        z.string().max(MAX_TYPE_DESCRIPTION, `La description ne peut pas dépasser ${MAX_TYPE_DESCRIPTION} caractères.`),
      ),
    validityKind: z.enum(['months', 'school-year', 'unlimited'], {
      error: 'Choisissez combien de temps la pièce reste valable.',
    }),
    validityMonths: z.string().optional().default(''),
    keepExpiredDays: wholeNumber(
      'Indiquez combien de jours garder les fichiers d’une pièce expirée.',
      `Indiquez un nombre de jours entre 1 et ${MAX_KEEP_EXPIRED_DAYS}.`,
      MAX_KEEP_EXPIRED_DAYS,
    ),
  })
  .transform((form, context) => {
    if (form.validityKind !== 'months') return { ...form, validityMonths: null };
    const months = form.validityMonths.trim();
    if (!/^\d{1,3}$/.test(months) || Number(months) < 1 || Number(months) > MAX_VALIDITY_MONTHS) {
      context.addIssue({
        code: 'custom',
        path: ['validityMonths'],
        message: `Indiquez un nombre de mois entre 1 et ${MAX_VALIDITY_MONTHS}.`,
      });
      return z.NEVER;
    }
    return { ...form, validityMonths: Number(months) };
  });

export const TYPE_LABELS = {
  name: 'Nom de la pièce',
  description: 'Ce que la famille doit envoyer',
  validityKind: 'Durée de validité',
  validityMonths: 'Nombre de mois',
  keepExpiredDays: 'Conservation des fichiers après expiration, en jours',
};

/** The checkbox of a service: one field per service. */
export const serviceField = (serviceId: string) => `service-${serviceId}`;
