import { z } from 'zod';
import { isLocalDay } from '../../../../shared/localDays.js';
import { typedDayText } from '../../../../shared/typedDay.js';

export const REFUSAL_MAX = 500;

const day = (missing: string, wrong: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? typedDayText(value) : value),
    z
      .string({ error: missing })
      .min(1, missing)
      .refine((value) => isLocalDay(value), wrong),
  );

/** « Valider »: from which day, until which day (left empty: for good). */
export const validationForm = z
  .object({
    validFrom: day(
      'Indiquez le premier jour de validité.',
      'Indiquez le premier jour au format JJ/MM/AAAA, par exemple 10/11/2026.',
    ),
    validUntil: z.preprocess(
      (value) => (typeof value === 'string' ? typedDayText(value) : value),
      z
        .string()
        .optional()
        .default('')
        .refine(
          (value) => value === '' || isLocalDay(value),
          'Indiquez le dernier jour au format JJ/MM/AAAA, ou laissez vide pour une pièce valable sans limite.',
        ),
    ),
  })
  .refine((form) => form.validUntil === '' || form.validUntil >= form.validFrom, {
    path: ['validUntil'],
    message: 'Le dernier jour de validité doit être le premier jour ou un jour après.',
  });

export const VALIDATION_LABELS = { validFrom: 'Valable à partir du', validUntil: 'Valable jusqu’au' };

/** « Refuser »: the reason the family reads. */
export const refusalForm = z.object({
  reason: z
    .string({ error: 'Indiquez le motif du refus : la famille le lit dans le courriel.' })
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1, 'Indiquez le motif du refus : la famille le lit dans le courriel.')
        .max(REFUSAL_MAX, `Le motif ne peut pas dépasser ${REFUSAL_MAX} caractères.`),
    ),
});

export const REFUSAL_LABELS = { reason: 'Motif du refus' };
