import { z } from 'zod';
import { type FieldErrors, type FormValues, formValues, textErrors } from '../../../platform/http/forms.js';
import {
  type DATE_RANGES,
  type DemarcheText,
  type FIELD_KINDS,
  type FieldDefinition,
  optionsOfText,
} from '../domain/demarcheDefinition.js';

/**
 * The administrators' forms of a démarche. The schemas only give the posted text its shape (a field
 * left out is empty); what is wrong with the values is the domain's to say (`demarcheDefinition.ts`),
 * in the words the administrator reads beside the field.
 */

export type FormRead<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

const text = z.string().default('');

/** The posted values, each text checked for what no field of the portal may hold (formText.ts). */
function read<S extends z.ZodType>(schema: S, body: unknown, multiline: string[]): FormRead<z.output<S>> {
  const values = formValues(body);
  delete values._csrf;
  const errors = textErrors(values, multiline);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: schema.parse(values), values };
}

const textForm = z.object({ title: text, description: text });

export function readDemarcheText(body: unknown): FormRead<DemarcheText> {
  return read(textForm, body, ['description']);
}

const fieldForm = z.object({
  label: text,
  hint: text,
  // An unknown kind or range is kept as typed: the domain says it is not in the list.
  kind: text,
  required: text,
  options: text,
  dateRange: z.string().default('any'),
  documentType: text,
});

export function readFieldDefinition(body: unknown): FormRead<FieldDefinition> {
  const typed = read(fieldForm, body, ['options']);
  if (!typed.ok) return typed;
  const { label, hint, kind, required, options, dateRange, documentType } = typed.data;
  return {
    ok: true,
    values: typed.values,
    data: {
      label,
      hint,
      kind: kind as (typeof FIELD_KINDS)[number],
      required: required === 'oui',
      options: optionsOfText(options),
      dateRange: (dateRange || 'any') as (typeof DATE_RANGES)[number],
      documentType,
    },
  };
}

/** The labels of the démarche's form, in its order, for the error summary. */
export const demarcheTextLabels = { title: 'Titre', description: 'Description', published: 'Publication' };
export const fieldLabels = {
  label: 'Intitulé de la question',
  hint: 'Aide',
  kind: 'Type de réponse',
  options: 'Choix proposés',
  dateRange: 'Dates acceptées',
  documentType: 'Pièce justificative demandée',
  fields: 'Questions',
};
