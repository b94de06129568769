import { describe, expect, it } from 'vitest';
import {
  type FieldDefinition,
  demarcheTextProblems,
  fieldProblems,
  normalisedField,
  optionsOfText,
  publicationProblem,
} from './demarcheDefinition.js';

const definition = (more: Partial<FieldDefinition> = {}): FieldDefinition => ({
  label: 'Date du changement',
  hint: '',
  kind: 'date',
  required: true,
  options: [],
  dateRange: 'past',
  ...more,
});

describe('a démarche’s definition', () => {
  it('needs a title, at most 120 characters, and a description of at most 2000', () => {
    expect(demarcheTextProblems({ title: 'Attestation de présence', description: '' })).toEqual({});
    expect(demarcheTextProblems({ title: '  ', description: '' })).toEqual({
      title: 'Indiquez le titre de la démarche, tel que les familles le liront.',
    });
    expect(Object.keys(demarcheTextProblems({ title: 'a'.repeat(121), description: 'b'.repeat(2001) }))).toEqual([
      'title',
      'description',
    ]);
    expect(demarcheTextProblems({ title: 'a'.repeat(120), description: 'b'.repeat(2000) })).toEqual({});
  });

  it('refuses a question without a label, of an unknown kind, or with a date range not offered', () => {
    expect(fieldProblems(definition())).toEqual({});
    expect(fieldProblems(definition({ label: ' ' }))).toEqual({
      label: 'Indiquez l’intitulé de la question, tel que les familles le liront.',
    });
    expect(Object.keys(fieldProblems(definition({ kind: 'fichier' as never, dateRange: 'hier' as never })))).toEqual([
      'kind',
      'dateRange',
    ]);
  });

  it('needs two to twenty distinct choices for a choice', () => {
    const choice = (options: string[]) => fieldProblems(definition({ kind: 'choice', options }));
    expect(choice(['Matin', 'Après-midi'])).toEqual({});
    expect(choice(['Matin'])).toEqual({ options: 'Indiquez au moins deux choix, un par ligne.' });
    expect(choice(['Matin', 'matin'])).toEqual({ options: 'Chaque choix ne figure qu’une fois dans la liste.' });
    expect(choice(Array.from({ length: 21 }, (_, i) => `Choix ${i}`))).toEqual({
      options: 'Indiquez 20 choix au plus.',
    });
  });

  it('keeps choices only for a choice and a range only for a date', () => {
    expect(optionsOfText(' Matin \r\n\r\nAprès-midi\n')).toEqual(['Matin', 'Après-midi']);
    expect(normalisedField(definition({ kind: 'short-text', options: ['a', 'b'], label: ' Objet ' }))).toEqual({
      label: 'Objet',
      hint: '',
      kind: 'short-text',
      required: true,
      options: [],
      dateRange: 'any',
      documentType: '',
    });
  });

  it('asks a document question for one of the types offered', () => {
    const document = definition({ kind: 'document', documentType: 'jugement', dateRange: 'any' });
    expect(fieldProblems(document, ['domicile', 'jugement'])).toEqual({});
    expect(fieldProblems(document, ['domicile'])).toEqual({
      documentType: 'Choisissez la pièce justificative demandée dans la liste.',
    });
    expect(normalisedField({ ...document, options: ['a'] })).toMatchObject({ options: [], documentType: 'jugement' });
  });

  it('publishes a démarche only with a question', () => {
    expect(publicationProblem([])).toBe('Ajoutez au moins une question avant de publier la démarche.');
    expect(publicationProblem([{ id: 'a', ...definition() }])).toBeNull();
  });
});
