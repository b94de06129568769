import { describe, expect, it } from 'vitest';
import { type Answer, answerName, answerText, readAnswers, readDocumentChild } from './answers.js';
import type { DemarcheField } from './demarcheDefinition.js';

const field = (id: string, kind: DemarcheField['kind'], more: Partial<DemarcheField> = {}): DemarcheField => ({
  id,
  label: `Question ${id}`,
  hint: '',
  kind,
  required: true,
  options: [],
  dateRange: 'any',
  ...more,
});

const TODAY = '2026-11-16';
const nature = field('nature', 'choice', { label: 'Nature du changement', options: ['Mariage ou PACS', 'Décès'] });
const when = field('date', 'date', { label: 'Date du changement', dateRange: 'past' });
const custody = field('garde', 'yes-no');
const notes = field('notes', 'long-text', { required: false });

const answersOf = (outcome: ReturnType<typeof readAnswers>): Answer[] => {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.answers;
};

describe('a family’s answers to a démarche', () => {
  it('reads each answer of its kind, in the order of the questions, with the labels the family read', () => {
    const answers = answersOf(
      readAnswers(
        [nature, when, custody, notes],
        { 'q-nature': 'Décès', 'q-date': ' 3/11/2026 ', 'q-garde': 'non', 'q-notes': '' },
        TODAY,
      ),
    );
    expect(answers).toEqual([
      { fieldId: 'nature', label: 'Nature du changement', kind: 'choice', value: 'Décès' },
      { fieldId: 'date', label: 'Date du changement', kind: 'date', value: '2026-11-03' },
      { fieldId: 'garde', label: 'Question garde', kind: 'yes-no', value: 'non' },
      { fieldId: 'notes', label: 'Question notes', kind: 'long-text', value: '' },
    ]);
    expect(answers.map(answerText)).toEqual(['Décès', '03/11/2026', 'Non', 'Sans réponse']);
  });

  it('asks for every required answer left empty, under the form’s name of its question', () => {
    const outcome = readAnswers([nature, when, custody, notes], { 'q-date': '   ' }, TODAY);
    expect(outcome).toEqual({
      ok: false,
      problems: {
        'q-nature': 'Choisissez une réponse à la question « Nature du changement ».',
        'q-date': 'Répondez à la question « Date du changement ».',
        'q-garde': 'Choisissez une réponse à la question « Question garde ».',
      },
    });
  });

  it('refuses a choice that was not offered, and a yes/no that is neither', () => {
    const outcome = readAnswers([nature, custody], { 'q-nature': 'mariage ou pacs', 'q-garde': 'peut-être' }, TODAY);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems).toEqual({
      'q-nature': 'Choisissez une réponse à « Nature du changement » parmi celles proposées.',
      'q-garde': 'Répondez oui ou non à « Question garde ».',
    });
  });

  it('takes a past date up to today, and refuses tomorrow, a day that does not exist and a year out of range', () => {
    expect(readAnswers([when], { 'q-date': '16/11/2026' }, TODAY).ok).toBe(true);
    const problem = (typed: string, f = when) => {
      const outcome = readAnswers([f], { [answerName(f)]: typed }, TODAY);
      return outcome.ok ? null : outcome.problems[answerName(f)];
    };
    expect(problem('17/11/2026')).toBe(
      'Indiquez pour « Date du changement » une date passée, au plus tard le 16/11/2026.',
    );
    expect(problem('31/02/2026')).toBe(
      'Indiquez la date « Date du changement » au format JJ/MM/AAAA, par exemple 14/11/2026.',
    );
    expect(problem('01/01/1899')).toBe(
      'Indiquez pour « Date du changement » une date entre 1900 et 2100 : vérifiez l’année.',
    );
    const future = field('rdv', 'date', { label: 'Date souhaitée', dateRange: 'future' });
    expect(problem('15/11/2026', future)).toBe(
      'Indiquez pour « Date souhaitée » une date à venir, au plus tôt le 16/11/2026.',
    );
    expect(problem('16/11/2026', future)).toBeNull();
    expect(problem('01/01/2101', field('any', 'date'))).toMatch(/entre 1900 et 2100/);
  });

  it('bounds the length of a text at its limit', () => {
    const short = field('s', 'short-text');
    expect(readAnswers([short], { 'q-s': 'a'.repeat(200) }, TODAY).ok).toBe(true);
    expect(readAnswers([short], { 'q-s': 'a'.repeat(201) }, TODAY).ok).toBe(false);
    const long = field('l', 'long-text');
    expect(readAnswers([long], { 'q-l': 'a'.repeat(4000) }, TODAY).ok).toBe(true);
    expect(readAnswers([long], { 'q-l': 'a'.repeat(4001) }, TODAY).ok).toBe(false);
  });

  it('takes a document question as given by the caller, and asks for it when it is required and missing', () => {
    const proof = field('piece', 'document', { label: 'Jugement', documentType: 'jugement' });
    expect(readAnswers([proof], {}, TODAY)).toEqual({
      ok: false,
      problems: { 'q-piece': 'Joignez la pièce demandée : « Jugement ».' },
    });
    // What the form says is not an answer: only the caller knows whether files came or a document is valid.
    expect(readAnswers([proof], { 'q-piece': 'validated' }, TODAY).ok).toBe(false);
    for (const given of ['files', 'validated'] as const)
      expect(answersOf(readAnswers([proof], {}, TODAY, { 'q-piece': given }))).toEqual([
        { fieldId: 'piece', label: 'Jugement', kind: 'document', value: '' },
      ]);
    expect(answersOf(readAnswers([{ ...proof, required: false }], {}, TODAY))).toHaveLength(1);
  });
});

describe('the child a child’s piece is for', () => {
  const piece = { label: 'Carnet de vaccination' };
  const remi = { id: '6f1d1c6e-0000-4000-8000-000000000001', name: 'Rémi Martin' };
  const lea = { id: '6f1d1c6e-0000-4000-8000-000000000002', name: 'Léa Martin' };

  it('is one of the family’s children, chosen by id', () => {
    expect(readDocumentChild(piece, lea.id, [remi, lea])).toEqual({ child: lea });
    expect(readDocumentChild(piece, ` ${remi.id} `, [remi, lea])).toEqual({ child: remi });
  });

  it('must be chosen, even when the family has one child', () => {
    expect(readDocumentChild(piece, undefined, [remi])).toEqual({
      problem: 'Choisissez l’enfant concerné par « Carnet de vaccination ».',
    });
    expect(readDocumentChild(piece, '', [remi, lea])).toEqual({
      problem: 'Choisissez l’enfant concerné par « Carnet de vaccination ».',
    });
  });

  it('is never a child of another family, nor any other id', () => {
    const problem = 'Choisissez pour « Carnet de vaccination » l’un des enfants de votre dossier famille.';
    expect(readDocumentChild(piece, '6f1d1c6e-0000-4000-8000-000000000099', [remi, lea])).toEqual({ problem });
    expect(readDocumentChild(piece, 'Rémi Martin', [remi, lea])).toEqual({ problem });
  });

  it('cannot be given by a family without children', () => {
    expect(readDocumentChild(piece, remi.id, [])).toEqual({
      problem: 'Votre dossier famille ne compte aucun enfant : « Carnet de vaccination » concerne un enfant.',
    });
  });
});
