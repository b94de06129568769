import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { textProblem } from './formText.js';
import { queryOf } from './query.js';

/** A form's fields as typed, kept to show them again after an error (passwords are never echoed). */
export type FormValues = Record<string, string>;
/** The first error of each field, by field name, in the order of the form. */
export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * Parses a posted form with its schema. The schema's messages are the French sentences the user
 * reads; on an error the typed values come back so that nothing but the passwords is lost.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const values = formValues(body);
  // Every field of the portal is one line: a control character (a line break in a name that would
  // forge a paragraph in a mail, a NUL that PostgreSQL refuses) is an error the user can fix, and so
  // is an invisible character in a name (formText.ts).
  const errors = textErrors(values);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values: withoutSecrets(values) };
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: withoutSecrets(values) };
}

/** The problems of each typed field (`multiline` names the fields that may span lines), by field name. */
export function textErrors(values: FormValues, multiline: readonly string[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === '_csrf') continue;
    const problem = textProblem(key, value, { multiline: multiline.includes(key) });
    if (problem) errors[key] = problem;
  }
  return errors;
}

/**
 * The body as plain strings: a field sent twice keeps its first value, anything else is dropped.
 * Text is stored in NFC, the form keyboards type: « é » typed as « e » and a combining accent is the
 * same name, found by the same search. Secrets are left as typed: a password is compared with the
 * hash of what was typed when it was chosen.
 */
export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[key] = SECRET_FIELD.test(key) ? first : first.normalize('NFC');
  }
  return values;
}

// Passwords, one-time codes and link tokens are never written back into a page.
const SECRET_FIELD = /password|token|jeton|^_csrf$|^code$|^recoveryCode$/i;

export function withoutSecrets(values: FormValues): FormValues {
  const kept: FormValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (!SECRET_FIELD.test(key)) kept[key] = value;
  }
  return kept;
}

/** The token of a mailed link: in the query when the link is opened, in the form when its button is pressed. */
export function linkToken(request: FastifyRequest): string {
  const token = queryOf(request).jeton ?? formValues(request.body).jeton ?? '';
  return token.length <= 100 ? token : '';
}
