/**
 * A démarche as the commune's administrator defines it: a title, a description for the families, and
 * the questions of its form, in order. The rules here say what a definition may hold; the families'
 * answers are checked against it in `answers.ts`.
 */

export const FIELD_KINDS = ['short-text', 'long-text', 'date', 'choice', 'yes-no', 'document'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  'short-text': 'Texte court (une ligne)',
  'long-text': 'Texte long (plusieurs lignes)',
  date: 'Date',
  choice: 'Choix dans une liste',
  'yes-no': 'Oui ou non',
  document: 'Une pièce justificative',
};

/** Which days a date question takes, besides the calendar's bounds: a change that happened, a day to come. */
export const DATE_RANGES = ['any', 'past', 'future'] as const;
export type DateRange = (typeof DATE_RANGES)[number];

export const DATE_RANGE_LABELS: Record<DateRange, string> = {
  any: 'N’importe quelle date',
  past: 'Aujourd’hui ou avant (un événement passé)',
  future: 'Aujourd’hui ou après (une date à venir)',
};

/** One question of a démarche's form. */
export interface DemarcheField {
  id: string;
  label: string;
  /** A sentence under the label: what to write, an example. */
  hint: string;
  kind: FieldKind;
  required: boolean;
  /** The choices offered, for a `choice` question; empty otherwise. */
  options: string[];
  /** For a `date` question; `any` otherwise. */
  dateRange: DateRange;
  /**
   * For a `document` question, the code of the vault's document type asked (« jugement »); '' otherwise.
   * Absent from the questions saved before documents could be asked.
   */
  documentType?: string;
}

export type FieldDefinition = Omit<DemarcheField, 'id'>;

export interface DemarcheText {
  title: string;
  description: string;
}

export type Problems = Record<string, string>;

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 2000;
export const LABEL_MAX = 200;
export const HINT_MAX = 300;
export const OPTION_MAX = 100;
export const OPTIONS_MAX = 20;
export const FIELDS_MAX = 30;

/** What is wrong with a démarche's title and description; empty when they can be saved. */
export function demarcheTextProblems(text: DemarcheText): Problems {
  const problems: Problems = {};
  if (text.title.trim() === '') problems.title = 'Indiquez le titre de la démarche, tel que les familles le liront.';
  else if (text.title.length > TITLE_MAX) problems.title = `Le titre tient en ${TITLE_MAX} caractères au plus.`;
  if (text.description.length > DESCRIPTION_MAX)
    problems.description = `La description tient en ${DESCRIPTION_MAX} caractères au plus.`;
  return problems;
}

/** The choices as the administrator typed them, one a line: trimmed, blank lines left out. */
export function optionsOfText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * What is wrong with a question's definition; empty when it can be saved. `documentTypes` are the
 * codes of the document types a démarche may ask (the commune's, for the family as a whole).
 */
export function fieldProblems(field: FieldDefinition, documentTypes: readonly string[] = []): Problems {
  const problems: Problems = {};
  if (field.label.trim() === '') problems.label = 'Indiquez l’intitulé de la question, tel que les familles le liront.';
  else if (field.label.length > LABEL_MAX) problems.label = `L’intitulé tient en ${LABEL_MAX} caractères au plus.`;
  if (field.hint.length > HINT_MAX) problems.hint = `L’aide tient en ${HINT_MAX} caractères au plus.`;
  if (!FIELD_KINDS.includes(field.kind)) problems.kind = 'Choisissez le type de réponse dans la liste.';
  if (!DATE_RANGES.includes(field.dateRange)) problems.dateRange = 'Choisissez les dates acceptées dans la liste.';
  if (field.kind === 'document' && !documentTypes.includes(field.documentType ?? ''))
    problems.documentType = 'Choisissez la pièce justificative demandée dans la liste.';
  if (field.kind === 'choice') {
    const seen = new Set(field.options.map((option) => option.toLocaleLowerCase('fr-FR')));
    if (field.options.length < 2) problems.options = 'Indiquez au moins deux choix, un par ligne.';
    else if (field.options.length > OPTIONS_MAX) problems.options = `Indiquez ${OPTIONS_MAX} choix au plus.`;
    else if (field.options.some((option) => option.length > OPTION_MAX))
      problems.options = `Chaque choix tient en ${OPTION_MAX} caractères au plus.`;
    else if (seen.size !== field.options.length) problems.options = 'Chaque choix ne figure qu’une fois dans la liste.';
  }
  return problems;
}

/** A question as it is kept: choices only for a choice, a range only for a date. */
export function normalisedField(field: FieldDefinition): FieldDefinition {
  return {
    label: field.label.trim(),
    hint: field.hint.trim(),
    kind: field.kind,
    required: field.required,
    options: field.kind === 'choice' ? field.options : [],
    dateRange: field.kind === 'date' ? field.dateRange : 'any',
    documentType: field.kind === 'document' ? (field.documentType ?? '') : '',
  };
}

/** Why a démarche cannot be offered to the families as it stands, or null. */
export function publicationProblem(fields: readonly DemarcheField[]): string | null {
  return fields.length === 0 ? 'Ajoutez au moins une question avant de publier la démarche.' : null;
}
