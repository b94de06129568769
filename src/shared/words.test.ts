import { describe, expect, it } from 'vitest';
import { agreed, born as bornWord, countOf, genderOf, plural } from './words.js';

const born = { masculine: 'né', feminine: 'née', unknown: 'né(e)' };

describe('words that agree with a person', () => {
  it('reads the gender from a child’s sex or an adult’s civility', () => {
    expect([genderOf('F'), genderOf('madame'), genderOf('M'), genderOf('monsieur')]).toEqual([
      'feminine',
      'feminine',
      'masculine',
      'masculine',
    ]);
    expect([genderOf(''), genderOf(null), genderOf(undefined), genderOf('autre')]).toEqual([null, null, null, null]);
  });

  it('says « née » for her, « né » for him, and the written-out form when the file does not say', () => {
    expect(agreed('F', born)).toBe('née');
    expect(agreed('M', born)).toBe('né');
    expect(agreed('', born)).toBe('né(e)');
    expect(agreed('madame', { masculine: 'Représentant', feminine: 'Représentante' })).toBe('Représentante');
    expect(agreed(null, { masculine: 'inscrit', feminine: 'inscrite' }), 'the masculine by default').toBe('inscrit');
  });

  it('writes « né(e) » out only when the child’s sex is not known', () => {
    expect([bornWord('F'), bornWord('M'), bornWord(''), bornWord(null)]).toEqual(['née', 'né', 'né(e)', 'né(e)']);
  });
});

describe('words that agree with a count', () => {
  it('keeps 0 and 1 in the singular, as French does, and 2 and more in the plural', () => {
    expect([0, 1, 2, 10].map((n) => countOf(n, 'enfant'))).toEqual(['0 enfant', '1 enfant', '2 enfants', '10 enfants']);
    expect(countOf(3, 'code de secours', 'codes de secours')).toBe('3 codes de secours');
    expect(countOf(1, 'code de secours', 'codes de secours')).toBe('1 code de secours');
    expect(plural(2, 'signalée')).toBe('signalées');
    expect(plural(1, 'jour férié', 'jours fériés')).toBe('jour férié');
  });
});
