import { z } from 'zod';
import { type FieldErrors, type FormValues, type Parsed, formValues, textErrors } from '../../platform/http/forms.js';
import { isLocalDay } from '../../shared/localDays.js';
import { parseEuros } from '../../shared/money.js';
import { typedDayText } from '../../shared/typedDay.js';
import {
  type ServiceSettings,
  type SettingsUnit,
  WEEKDAY_NAMES,
  isClockTime,
  storedTime,
  unitField,
} from './domain/serviceSettings.js';

/**
 * The administrator's forms for the calendar, the services and the holiday sessions: each field
 * turned from what was typed into the setting's type (days as AAAA-MM-JJ, times as HH:MM:SS, euros
 * as cents), with a French message that says what to type. Bounds and coherence between fields are
 * the domain's (domain/serviceSettings.ts), checked by the service.
 */

export const DESCRIPTION_MAX = 1000;
/** Room for the domain's ten documents, one per line. */
const MAX_DOCUMENTS_TEXT = 1400;

const requiredText = (message: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Ce champ ne peut pas dépasser ${max} caractères.`);

/** A day typed as JJ/MM/AAAA (or sent as AAAA-MM-JJ by a date picker), as AAAA-MM-JJ. */
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

const wholeNumber = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number);

const clockTime = z
  .string({ error: 'Indiquez une heure au format HH:MM, par exemple 10:00.' })
  .trim()
  .refine(isClockTime, 'Indiquez une heure au format HH:MM, par exemple 10:00.')
  .transform(storedTime);

const euros = (message: string) =>
  z
    .string({ error: message })
    .transform((value) => parseEuros(value))
    .refine((cents) => cents !== null, message)
    .transform((cents) => cents!);

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'oui');

/** Paragraphs: line breaks as `\n`, trimmed. */
const paragraph = (max: number) =>
  z
    .string()
    .optional()
    .default('')
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `Ce texte ne peut pas dépasser ${max} caractères : raccourcissez-le.`));

/**
 * Parses a settings form: `multiline` names the fields that may span lines (descriptions, the list of
 * documents); every other field is one line, as in `parseForm`. The typed values come back on an error.
 */
export function parseSettingsForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  multiline: string[] = [],
): Parsed<z.output<S>> {
  const values = formValues(body);
  delete values._csrf;
  // Line breaks and tabs belong in a paragraph; any other control character (a NUL PostgreSQL refuses) does not (formText.ts).
  const errors: FieldErrors = textErrors(values, multiline);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return { ok: false, errors, values };
}

/** What was typed, to show the form again when the service finds a problem the schema could not see. */
export function typedValues(body: unknown): FormValues {
  const values = formValues(body);
  delete values._csrf;
  return values;
}

export const schoolYearForm = z.object({
  label: requiredText('Indiquez le nom de l’année scolaire, par exemple 2026-2027.', 40),
  startsOn: day('Indiquez le premier jour de l’année scolaire (la rentrée), par exemple 01/09/2026.'),
  endsOn: day('Indiquez le dernier jour de l’année scolaire, par exemple 02/07/2027.'),
  rentreeWindowEndsOn: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    day('').optional(),
  ),
});
export type SchoolYearInput = z.output<typeof schoolYearForm>;
export const schoolYearLabels = {
  label: 'Nom de l’année scolaire',
  startsOn: 'Premier jour (rentrée)',
  endsOn: 'Dernier jour',
  rentreeWindowEndsOn: 'Fin de la fenêtre de rentrée',
};

export const PERIOD_KINDS = { vacances: 'Vacances scolaires', fermeture: 'Fermeture de la commune' } as const;

export const periodForm = z.object({
  kind: z.enum(['vacances', 'fermeture'], {
    error: 'Choisissez le type de période : vacances scolaires ou fermeture.',
  }),
  label: requiredText('Indiquez le nom de la période, par exemple « Vacances de Noël ».', 80),
  startsOn: day('Indiquez le premier jour de la période, par exemple 19/12/2026.'),
  endsOn: day('Indiquez le dernier jour de la période, par exemple 03/01/2027 (il est compris dans la période).'),
});
export type PeriodInput = z.output<typeof periodForm>;
export const periodLabels = {
  kind: 'Type de période',
  label: 'Nom de la période',
  startsOn: 'Premier jour',
  endsOn: 'Dernier jour',
};

/** The checkbox of each weekday: one field each, since a form's field sent twice keeps only its first value. */
export const weekdayField = (weekday: number) => `openWeekdays-${weekday}`;

export const MAJORATION_KINDS = { percent: 'Un pourcentage du prix', fixed: 'Un montant fixe en euros' } as const;

const percent = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/** The majoration typed, as the stored value: basis points (« 12,5 » % → 1250) or cents (« 1,50 » € → 150). */
function majorationOf(kind: 'percent' | 'fixed', typed: string): number | null {
  const compact = typed.replace(/[\s\u00a0\u202f%]/g, '');
  if (kind === 'fixed') return parseEuros(compact);
  const match = percent.exec(compact);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/** The form of one service's settings: its units are edited by their code, fixed by the kind of service. */
export function serviceSettingsForm(units: SettingsUnit[]) {
  const unitFields = Object.fromEntries(
    units.flatMap((unit) => [
      [unitField(unit.code, 'label'), requiredText(`Indiquez le libellé de la formule « ${unit.label} ».`, 60)],
      [
        unitField(unit.code, 'price'),
        euros(`Indiquez le prix de la formule « ${unit.label} » en euros, par exemple 3,55.`),
      ],
    ]),
  );
  const weekdayFields = Object.fromEntries(WEEKDAY_NAMES.map((_, index) => [weekdayField(index + 1), checkbox]));
  const fixed = z.object({
    name: requiredText('Indiquez le nom du service, tel que les familles le liront.', 100),
    description: paragraph(DESCRIPTION_MAX),
    schoolPeriodsOnly: z.enum(['oui', 'non'], {
      error: 'Indiquez si le service ferme pendant les vacances scolaires.',
    }),
    deadlineDaysBefore: wholeNumber('Indiquez le délai de réservation en jours entiers, par exemple 15.'),
    deadlineTime: clockTime,
    cutoffDaysBefore: wholeNumber('Indiquez le délai de fermeture en jours entiers, par exemple 1 pour la veille.'),
    cutoffTime: clockTime,
    rentreeWindow: z.enum(['oui', 'non'], { error: 'Indiquez si la fenêtre de rentrée s’applique à ce service.' }),
    majorationKind: z.enum(['percent', 'fixed'], {
      error: 'Choisissez le type de majoration : un pourcentage ou un montant fixe.',
    }),
    majorationValue: z
      .string({ error: 'Indiquez la majoration, par exemple 50 (pour 50 %) ou 1,50 (pour 1,50 €).' })
      .trim(),
    illnessReportTime: clockTime,
    requiredDocuments: paragraph(MAX_DOCUMENTS_TEXT),
    placesPerDay: z
      .string()
      .trim()
      .optional()
      .default('')
      .refine(
        (value) => value === '' || /^\d{1,6}$/.test(value),
        'Indiquez un nombre de places entier, ou laissez vide s’il n’y a pas de limite.',
      )
      .transform((value) => (value === '' ? null : Number(value))),
    active: z.enum(['oui', 'non'], {
      error: 'Indiquez si le service est ouvert aux inscriptions et aux réservations.',
    }),
  });
  // The weekdays' and the units' fields depend on the service: checked beside the fixed ones, all errors at once.
  const perService = z.object({ ...weekdayFields, ...unitFields });
  return z.intersection(fixed, perService).transform((form, context): ServiceSettings => {
    const fields = form as Record<string, unknown>;
    const value = majorationOf(form.majorationKind, form.majorationValue);
    if (value === null) {
      context.addIssue({
        code: 'custom',
        path: ['majorationValue'],
        message:
          form.majorationKind === 'percent'
            ? 'Indiquez la majoration en pourcentage, par exemple 50 ou 12,5.'
            : 'Indiquez la majoration en euros, par exemple 1,50.',
      });
      return z.NEVER;
    }
    return {
      name: form.name,
      description: form.description,
      openWeekdays: WEEKDAY_NAMES.map((_, index) => index + 1).filter(
        (weekday) => fields[weekdayField(weekday)] === true,
      ),
      schoolPeriodsOnly: form.schoolPeriodsOnly === 'oui',
      deadlineDaysBefore: form.deadlineDaysBefore,
      deadlineTime: form.deadlineTime,
      cutoffDaysBefore: form.cutoffDaysBefore,
      cutoffTime: form.cutoffTime,
      rentreeWindow: form.rentreeWindow === 'oui',
      majoration:
        form.majorationKind === 'percent' ? { kind: 'percent', basisPoints: value } : { kind: 'fixed', cents: value },
      illnessReportTime: form.illnessReportTime,
      requiredDocuments: form.requiredDocuments
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
      placesPerDay: form.placesPerDay,
      units: units.map((unit) => ({
        code: unit.code,
        label: fields[unitField(unit.code, 'label')] as string,
        priceCents: fields[unitField(unit.code, 'price')] as number,
      })),
      active: form.active === 'oui',
    };
  });
}

export const SERVICE_MULTILINE = ['description', 'requiredDocuments'];

export function serviceSettingsLabels(units: SettingsUnit[]): Record<string, string> {
  return {
    name: 'Nom du service',
    description: 'Description',
    openWeekdays: 'Jours d’ouverture',
    schoolPeriodsOnly: 'Pendant les vacances scolaires',
    deadlineDaysBefore: 'Date limite de réservation : jours avant',
    deadlineTime: 'Date limite de réservation : heure',
    cutoffDaysBefore: 'Fermeture définitive : jours avant',
    cutoffTime: 'Fermeture définitive : heure',
    rentreeWindow: 'Fenêtre de rentrée',
    majorationKind: 'Type de majoration',
    majorationValue: 'Majoration',
    illnessReportTime: 'Heure limite de signalement d’une maladie',
    requiredDocuments: 'Pièces justificatives demandées',
    placesPerDay: 'Places par jour',
    units: 'Formules',
    ...Object.fromEntries(
      units.flatMap((unit) => [
        [unitField(unit.code, 'label'), `Libellé de la formule « ${unit.label} »`],
        [unitField(unit.code, 'price'), `Prix de la formule « ${unit.label} »`],
      ]),
    ),
    active: 'État du service',
  };
}

export const sessionForm = z.object({
  serviceId: z
    .string({ error: 'Choisissez le service de la session.' })
    .trim()
    .min(1, 'Choisissez le service de la session.'),
  name: requiredText('Indiquez le nom de la session, par exemple « Stage multisport ».', 100),
  description: paragraph(DESCRIPTION_MAX),
  startsOn: day('Indiquez le premier jour de la session, par exemple 21/12/2026.'),
  endsOn: day('Indiquez le dernier jour de la session, par exemple 24/12/2026.'),
  minAge: wholeNumber('Indiquez l’âge minimum en années, par exemple 6.'),
  maxAge: wholeNumber('Indiquez l’âge maximum en années, par exemple 11.'),
  places: wholeNumber('Indiquez le nombre de places, par exemple 24.'),
  priceCents: euros('Indiquez le prix de la session en euros, par exemple 60 ou 45,50.'),
});
export type SessionInput = z.output<typeof sessionForm>;
export const SESSION_MULTILINE = ['description'];
export const sessionLabels = {
  serviceId: 'Service',
  name: 'Nom de la session',
  description: 'Description',
  startsOn: 'Premier jour',
  endsOn: 'Dernier jour',
  minAge: 'Âge minimum',
  maxAge: 'Âge maximum',
  places: 'Nombre de places',
  priceCents: 'Prix de la session',
};
