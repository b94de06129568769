import { type LocalDay, formatShortDay } from '../../../shared/localDays.js';
import { parseTypedDay } from '../../../shared/typedDay.js';
import type { DemarcheField, FieldKind, Problems } from './demarcheDefinition.js';

/**
 * A family's answers to a démarche's questions, checked against its definition: every required
 * question answered, each answer of its kind (a day that exists and lies in the range the question
 * takes, a choice among those offered, oui or non). The answers keep each question's label as the
 * family read it, so that the guichet reads the request as it was made even if the form changes.
 */

export interface Answer {
  fieldId: string;
  label: string;
  kind: FieldKind;
  /**
   * Text as typed (trimmed), a day as AAAA-MM-JJ, the choice's text, « oui » or « non »; for a
   * document, the names of its files; '' when left empty.
   */
  value: string;
  /** The vault's document given for a `document` question. */
  documentId?: string;
  /** For a child's document: the child it is for, and the name the family chose it by. */
  memberId?: string;
  child?: string;
}

/** How a family answers a `document` question: files sent with the form, or a document the guichet already validated. */
export type DocumentGiven = 'files' | 'validated';

export const SHORT_ANSWER_MAX = 200;
export const LONG_ANSWER_MAX = 4000;
/** A person's dates (a birth, a wedding) reach back further than the booking calendar's. */
export const FIRST_ANSWER_DAY: LocalDay = '1900-01-01';
export const LAST_ANSWER_DAY: LocalDay = '2100-12-31';

/** The form's name for a question's answer: its id, which no other field of the portal's forms bears. */
export const answerName = (field: Pick<DemarcheField, 'id'>) => `q-${field.id}`;

/** The questions whose answer may span lines. */
export const multilineAnswers = (fields: readonly DemarcheField[]) =>
  fields.filter((field) => field.kind === 'long-text').map(answerName);

export type AnswersOutcome = { ok: true; answers: Answer[] } | { ok: false; problems: Problems };

/** The form's name of the choice between a validated document and a new one, for a `document` question. */
export const documentChoiceName = (field: Pick<DemarcheField, 'id'>) => `${answerName(field)}-piece`;

/** The form's name of the child a `document` question's piece is for, when its type is a child's. */
export const documentChildName = (field: Pick<DemarcheField, 'id'>) => `${answerName(field)}-enfant`;

/** One of the family's children, as the form offers them. */
export interface FamilyChild {
  id: string;
  name: string;
}

/**
 * The child a child's piece is for: the family chooses one of its own children (the form sends the
 * child's id). Nothing chosen, or an id that is not one of the family's children, is a problem; the
 * piece is never filed against a child of another family.
 */
export function readDocumentChild(
  field: Pick<DemarcheField, 'label'>,
  posted: string | undefined,
  children: readonly FamilyChild[],
): { child: FamilyChild } | { problem: string } {
  const label = `« ${field.label} »`;
  if (children.length === 0)
    return { problem: `Votre dossier famille ne compte aucun enfant : ${label} concerne un enfant.` };
  const chosen = (posted ?? '').trim();
  if (chosen === '') return { problem: `Choisissez l’enfant concerné par ${label}.` };
  const child = children.find((candidate) => candidate.id === chosen);
  return child ? { child } : { problem: `Choisissez pour ${label} l’un des enfants de votre dossier famille.` };
}

/**
 * Reads and checks the answers posted (by form name) against the questions, on the day `today`. A
 * `document` question is answered by `documents` (by form name): its value is left for the caller,
 * who stores the files or names the validated document once every answer is right.
 */
export function readAnswers(
  fields: readonly DemarcheField[],
  posted: Record<string, string>,
  today: LocalDay,
  documents: Record<string, DocumentGiven | undefined> = {},
): AnswersOutcome {
  const problems: Problems = {};
  const answers: Answer[] = [];
  for (const field of fields) {
    const name = answerName(field);
    const typed = field.kind === 'document' ? (documents[name] ?? '') : (posted[name] ?? '').trim();
    const read = readAnswer(field, typed, today);
    if ('problem' in read) problems[name] = read.problem;
    else answers.push({ fieldId: field.id, label: field.label, kind: field.kind, value: read.value });
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, answers };
}

function readAnswer(field: DemarcheField, typed: string, today: LocalDay): { value: string } | { problem: string } {
  const label = `« ${field.label} »`;
  if (typed === '') {
    if (!field.required) return { value: '' };
    if (field.kind === 'document') return { problem: `Joignez la pièce demandée : ${label}.` };
    return {
      problem:
        field.kind === 'choice' || field.kind === 'yes-no'
          ? `Choisissez une réponse à la question ${label}.`
          : `Répondez à la question ${label}.`,
    };
  }
  switch (field.kind) {
    case 'short-text':
      return typed.length > SHORT_ANSWER_MAX
        ? { problem: `La réponse à ${label} tient en ${SHORT_ANSWER_MAX} caractères au plus.` }
        : { value: typed };
    case 'long-text':
      return typed.length > LONG_ANSWER_MAX
        ? { problem: `La réponse à ${label} tient en ${LONG_ANSWER_MAX} caractères au plus.` }
        : { value: typed };
    case 'date':
      return readDay(field, typed, today);
    case 'choice':
      return field.options.includes(typed)
        ? { value: typed }
        : { problem: `Choisissez une réponse à ${label} parmi celles proposées.` };
    case 'yes-no':
      return typed === 'oui' || typed === 'non' ? { value: typed } : { problem: `Répondez oui ou non à ${label}.` };
    case 'document':
      // Given: the caller fills the value in with the document it stores or reuses.
      return { value: '' };
  }
}

function readDay(field: DemarcheField, typed: string, today: LocalDay): { value: string } | { problem: string } {
  const label = `« ${field.label} »`;
  const day = parseTypedDay(typed);
  if (!day) return { problem: `Indiquez la date ${label} au format JJ/MM/AAAA, par exemple 14/11/2026.` };
  if (day < FIRST_ANSWER_DAY || day > LAST_ANSWER_DAY)
    return { problem: `Indiquez pour ${label} une date entre 1900 et 2100 : vérifiez l’année.` };
  if (field.dateRange === 'past' && day > today)
    return { problem: `Indiquez pour ${label} une date passée, au plus tard le ${formatShortDay(today)}.` };
  if (field.dateRange === 'future' && day < today)
    return { problem: `Indiquez pour ${label} une date à venir, au plus tôt le ${formatShortDay(today)}.` };
  return { value: day };
}

/** An answer as a person reads it: « 14/11/2026 », « Oui », or « Sans réponse ». */
export function answerText(answer: Pick<Answer, 'kind' | 'value'>): string {
  if (answer.value === '') return 'Sans réponse';
  if (answer.kind === 'date') return formatShortDay(answer.value);
  if (answer.kind === 'yes-no') return answer.value === 'oui' ? 'Oui' : 'Non';
  return answer.value;
}
