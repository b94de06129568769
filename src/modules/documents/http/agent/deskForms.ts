import { z } from 'zod';
import { isCalendarDay, isLocalDay } from '../../../../shared/localDays.js';
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

/** The vault's type whose validation enters the family's quotient familial (billing). */
export const QUOTIENT_TYPE_CODE = 'quotient-familial';

const QF_MAX = 100_000;
const qfDay = (missing: string, wrong: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? typedDayText(value) : value),
    z
      .string({ error: missing })
      .min(1, missing)
      .refine((value) => isCalendarDay(value), wrong),
  );

/**
 * Validating an attestation de quotient familial: the QF it states, in whole euros, who issued it
 * (CAF or MSA), and the days it holds for — the same bounds billing keeps, so that a form accepted
 * here is one billing takes.
 */
export const quotientForm = z
  .object({
    qfValue: z
      .string({ error: 'Indiquez le quotient familial écrit sur l’attestation, en euros.' })
      .transform((value) => value.replace(/\s/g, ''))
      .pipe(
        z
          .string()
          .min(1, 'Indiquez le quotient familial écrit sur l’attestation, en euros.')
          .regex(/^\d{1,6}$/, 'Indiquez le quotient familial en euros, un nombre entier de 0 à 100 000.')
          .transform(Number)
          .refine(
            (value) => value <= QF_MAX,
            'Indiquez le quotient familial en euros, un nombre entier de 0 à 100 000.',
          ),
      ),
    qfSource: z.enum(['caf', 'msa'], { error: 'Choisissez l’organisme qui a établi l’attestation : CAF ou MSA.' }),
    qfFrom: qfDay(
      'Indiquez le premier jour de validité du quotient.',
      'Indiquez le premier jour de validité du quotient au format JJ/MM/AAAA, entre 2000 et 2100.',
    ),
    qfTo: qfDay(
      'Indiquez le dernier jour de validité du quotient.',
      'Indiquez le dernier jour de validité du quotient au format JJ/MM/AAAA, entre 2000 et 2100.',
    ),
  })
  .refine((form) => form.qfTo >= form.qfFrom, {
    path: ['qfTo'],
    message: 'Le dernier jour de validité du quotient doit être le premier jour ou un jour après.',
  });

export const VALIDATION_LABELS = {
  validFrom: 'Valable à partir du',
  validUntil: 'Valable jusqu’au',
  qfValue: 'Quotient familial (en euros)',
  qfSource: 'Organisme',
  qfFrom: 'Quotient valable à partir du',
  qfTo: 'Quotient valable jusqu’au',
};

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
