import { z } from 'zod';
import { type FieldErrors, type Parsed, formValues } from '../../../platform/http/forms.js';
import { DECISIONS, type Decision } from '../domain/requestStatus.js';

/** A message of the thread is plain text: long enough for a few paragraphs, short enough to be read. */
export const MESSAGE_MAX = 2000;

// A message may hold line breaks and tabs (it is a paragraph, not a one-line field); any other
// control character (a NUL PostgreSQL refuses, an escape sequence) is refused.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A message's text as kept: line breaks as `\n`, trimmed, within the limit, nothing invisible. */
const cleanText = () =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(MESSAGE_MAX, `Votre message ne peut pas dépasser ${MESSAGE_MAX} caractères : raccourcissez-le.`)
        .refine(
          (value) => !INVISIBLE.test(value),
          'Votre message contient un caractère invisible : retapez-le sans le coller, ou retirez ce caractère.',
        ),
    );

/** A required message; `missing` is the French sentence shown when it is empty. */
const messageText = (missing: string) =>
  z
    .string({ error: missing })
    .pipe(cleanText())
    .refine((value) => value.length > 0, missing);

export const familyMessageForm = z.object({
  message: messageText('Écrivez votre message au guichet unique.'),
  /** The piece of the vault the files are, `typeId` or `typeId.memberId`; checked against the family's own. */
  piece: z.string().optional().default(''),
});
export const familyMessageLabels = {
  message: 'Votre message',
  piece: 'De quelle pièce s’agit-il ?',
  fichiers: 'Fichiers de la pièce',
};

export const agentMessageForm = z.object({ message: messageText('Écrivez votre message à la famille.') });
export const agentMessageLabels = { message: 'Votre message à la famille' };

const decisions = Object.keys(DECISIONS) as [Decision, ...Decision[]];

/** Accepting may go without a word; a refusal or a request for more must tell the family why or what. */
export const decisionForm = z
  .object({
    decision: z.enum(decisions, { error: 'Choisissez une décision : accepter, refuser ou demander un complément.' }),
    explanation: z.string().optional().default('').pipe(cleanText()),
  })
  .superRefine((form, context) => {
    if (form.explanation !== '') return;
    if (form.decision === 'refuser')
      context.addIssue({
        code: 'custom',
        path: ['explanation'],
        message: 'Expliquez à la famille pourquoi la demande est refusée.',
      });
    if (form.decision === 'a-completer')
      context.addIssue({
        code: 'custom',
        path: ['explanation'],
        message: 'Dites à la famille ce qu’elle doit compléter.',
      });
  });
export const decisionLabels = { decision: 'Décision', explanation: 'Message à la famille' };

/**
 * Parses a form whose text may span lines. The typed values come back on an error, so that a long
 * message is never lost to a mistake.
 */
export function parseMultiline<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const values = formValues(body);
  delete values._csrf;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}

/**
 * The version of the request the agent's page showed, sent back with an action. Anything but a
 * plain number cannot be the version of any request: the action then finds the request changed.
 */
export function seenVersion(body: unknown): number {
  const raw = formValues(body).version ?? '';
  return /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}
