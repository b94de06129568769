import { z } from 'zod';
import { type Parsed, parseForm } from '../../../platform/http/forms.js';
import { isCalendarMonth, isLocalDay } from '../../../shared/localDays.js';
import { parseEuros } from '../../../shared/money.js';
import { typedDayText } from '../../../shared/typedDay.js';
import type { GridPrice } from '../domain/tariffs.js';
import type { QfBracket } from '../domain/quotient.js';

/**
 * The billing forms: each field from what was typed into its type (euros as cents, days as
 * AAAA-MM-JJ), with the French sentence that says what to type. Bounds and coherence are the
 * services' (a grid's start day, a price's range), which answer with the same kind of sentences.
 */

export const DATE_HINT = 'Au format JJ/MM/AAAA, par exemple 01/09/2026.';

const day = (missing: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? typedDayText(value) : value),
    z
      .string({ error: missing })
      .min(1, missing)
      .refine(
        (value) => isLocalDay(value),
        'Indiquez une date qui existe, au format JJ/MM/AAAA, par exemple 01/09/2026.',
      ),
  );

/** An amount in euros, as cents; `optional` lets an empty field mean « none ». */
const euros = (message: string) =>
  z
    .string({ error: message })
    .transform((value) => parseEuros(value))
    .refine((cents) => cents !== null, message)
    .transform((cents) => cents!);

const wholeNumber = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .refine((value) => value <= max, message);

/** Fields read as themselves when the form comes back with errors. */
export const settingsLabels = {
  dueDays: 'Délai de paiement (jours après l’émission)',
  onlinePaymentDays: 'Fin du paiement en ligne (jours après l’émission)',
  minimum: 'Montant minimum d’une facture',
};

export const settingsForm = z.object({
  dueDays: wholeNumber('Indiquez un délai de paiement en jours, de 1 à 120.', 120),
  onlinePaymentDays: wholeNumber('Indiquez le nombre de jours de paiement en ligne, de 0 à 120.', 120),
  minimum: euros('Indiquez un montant en euros, par exemple 15 ou 15,00 (0 pour aucun minimum).'),
});

export const bracketsLabels = { bounds: 'Plafonds des tranches, en euros' };

/** « 400 ; 600 ; 800 » or one per line: the upper bounds of every bracket but the last. */
export const bracketsForm = z.object({
  bounds: z
    .string({ error: 'Indiquez au moins un plafond, en euros.' })
    .trim()
    .min(1, 'Indiquez au moins un plafond, en euros.')
    .refine(
      (value) => value.split(/[\s;]+/).every((bound) => /^\d{1,6}$/.test(bound)),
      'Indiquez les plafonds en euros entiers, séparés par des points-virgules, par exemple 400 ; 700 ; 1000.',
    )
    .transform((value) => value.split(/[\s;]+/).map(Number)),
});

/** The price fields of a bracket, by rank. */
export const priceField = (rank: number) => `price${rank}`;
export const mealField = (rank: number) => `meal${rank}`;

export function gridLabels(brackets: readonly QfBracket[]): Record<string, string> {
  return {
    serviceUnit: 'Service et unité',
    startsOn: 'Premier jour d’application',
    decision: 'Délibération',
    ...Object.fromEntries(
      brackets.flatMap((bracket) => [
        [priceField(bracket.rank), `Prix, tranche ${bracket.rank}`],
        [mealField(bracket.rank), `Part repas, tranche ${bracket.rank}`],
      ]),
    ),
    nonResident: 'Prix hors commune',
  };
}

const priceMessage = (rank: number) => `Indiquez le prix de la tranche ${rank} en euros, par exemple 3,45.`;

/** Reads a grid form: service and unit (« serviceId:unit »), first day, decision, a price (and an optional repas part) per bracket. */
export function parseGridForm(
  body: unknown,
  brackets: readonly QfBracket[],
): Parsed<{
  serviceId: string;
  unit: string;
  startsOn: string;
  decision: string;
  nonResidentCents: number | null;
  prices: GridPrice[];
}> {
  const shape: Record<string, z.ZodType> = {
    serviceUnit: z
      .string({ error: 'Choisissez un service et son unité dans la liste.' })
      .regex(/^[0-9a-f-]{36}:[a-z0-9-]{1,40}$/, 'Choisissez un service et son unité dans la liste.'),
    startsOn: day('Indiquez le premier jour où la grille s’applique, par exemple 01/09/2026.'),
    decision: z
      .string()
      .optional()
      .default('')
      .transform((value) => value.trim())
      .pipe(z.string().max(200, 'La délibération tient en 200 caractères.')),
    nonResident: optionalEurosField(
      'Indiquez le prix hors commune en euros, par exemple 7,87, ou laissez le champ vide.',
    ),
  };
  for (const bracket of brackets) {
    shape[priceField(bracket.rank)] = euros(priceMessage(bracket.rank));
    shape[mealField(bracket.rank)] = optionalEurosField(
      `Indiquez la part repas de la tranche ${bracket.rank} en euros, ou laissez le champ vide.`,
    );
  }
  const parsed = parseForm(z.object(shape), body);
  if (!parsed.ok) return parsed;
  const data = parsed.data as Record<string, unknown>;
  const [serviceId, unit] = String(data.serviceUnit).split(':') as [string, string];
  return {
    ok: true,
    data: {
      serviceId,
      unit,
      startsOn: String(data.startsOn),
      decision: String(data.decision),
      nonResidentCents: data.nonResident as number | null,
      prices: brackets.map((bracket) => ({
        bracketRank: bracket.rank,
        priceCents: data[priceField(bracket.rank)] as number,
        mealCents: data[mealField(bracket.rank)] as number | null,
      })),
    },
  };
}

/** An optional amount in euros: empty is none. */
function optionalEurosField(message: string) {
  return z
    .string()
    .optional()
    .default('')
    .refine((value) => value.trim() === '' || parseEuros(value) !== null, message)
    .transform((value) => (value.trim() === '' ? null : parseEuros(value)));
}

/** A session's prices per bracket: all empty (the session's own price) or all set. */
export function parseSessionPricesForm(body: unknown, brackets: readonly QfBracket[]): Parsed<GridPrice[]> {
  const shape: Record<string, z.ZodType> = {};
  for (const bracket of brackets)
    shape[priceField(bracket.rank)] = optionalEurosField(
      `${priceMessage(bracket.rank)} Laissez toutes les tranches vides pour garder le prix de la session.`,
    );
  const parsed = parseForm(z.object(shape), body);
  if (!parsed.ok) return parsed;
  const data = parsed.data as Record<string, number | null>;
  const prices = brackets
    .filter((bracket) => data[priceField(bracket.rank)] !== null)
    .map((bracket) => ({ bracketRank: bracket.rank, priceCents: data[priceField(bracket.rank)]!, mealCents: null }));
  return { ok: true, data: prices };
}

export const QUOTIENT_SOURCES = {
  caf: 'Attestation CAF',
  msa: 'Attestation MSA',
  'avis-imposition': 'Avis d’imposition',
  guichet: 'Calculé par le guichet unique',
} as const;

export const quotientLabels = {
  value: 'Quotient familial, en euros',
  source: 'Justificatif',
  validFrom: 'Valable à partir du',
  validTo: 'Valable jusqu’au',
};

export const quotientForm = z.object({
  value: z
    .string({ error: 'Indiquez le quotient familial en euros, un nombre entier, par exemple 742.' })
    .trim()
    .regex(/^-?\d{1,6}$/, 'Indiquez le quotient familial en euros, un nombre entier, par exemple 742.')
    .transform(Number)
    .refine((value) => value >= 0, 'Un quotient familial n’est jamais négatif : vérifiez le justificatif.')
    .refine((value) => value <= 100_000, 'Indiquez un quotient familial de 0 à 100 000 €.'),
  source: z.enum(['caf', 'msa', 'avis-imposition', 'guichet'], { error: 'Choisissez le justificatif présenté.' }),
  validFrom: day('Indiquez le premier jour de validité, par exemple 01/01/2027.'),
  validTo: day('Indiquez le dernier jour de validité, par exemple 31/12/2027.'),
});

export const reasonLabels = { reason: 'Motif' };

export const reasonForm = z.object({
  reason: z
    .string({ error: 'Indiquez le motif, tel qu’il sera conservé avec la facture.' })
    .trim()
    .min(3, 'Indiquez le motif, tel qu’il sera conservé avec la facture.')
    .max(500, 'Le motif tient en 500 caractères.'),
});

export const creditNoteForm = z.object({
  creditReason: z
    .string({ error: 'Indiquez le motif de l’avoir, tel qu’il sera conservé avec la facture.' })
    .trim()
    .min(3, 'Indiquez le motif de l’avoir, tel qu’il sera conservé avec la facture.')
    .max(500, 'Le motif tient en 500 caractères.'),
});

/** The invoice lines ticked on the credit-note form (`ligne-<id>`). */
export function tickedLines(values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([key, value]) => key.startsWith('ligne-') && value === 'oui')
    .map(([key]) => key.slice('ligne-'.length));
}

export const monthForm = z.object({
  mois: z
    .string({ error: 'Choisissez le mois à facturer.' })
    .refine((value) => isCalendarMonth(value), 'Choisissez le mois à facturer, au format AAAA-MM.'),
});
