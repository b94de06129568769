import { describe, expect, it } from 'vitest';
import { likeEscaped, phoneDigitsOf } from './familySearch.js';

describe('the family search’s reading of a phone number', () => {
  it('reads a French number the same however it is written', () => {
    for (const typed of [
      '06 12 34 56 78',
      '0612345678',
      '06.12.34.56.78',
      '+33 6 12 34 56 78',
      '+33612345678',
      '0033 6 12 34 56 78',
    ])
      expect(phoneDigitsOf(typed), typed).toBe('0612345678');
  });

  it('reads a part of a number, and nothing in a name or too short a number', () => {
    expect(phoneDigitsOf('56 78')).toBe('5678');
    expect(phoneDigitsOf('Rémi')).toBeNull();
    expect(phoneDigitsOf('F-1234')).toBeNull();
    expect(phoneDigitsOf('06')).toBeNull();
  });

  it('escapes the wildcards of a pattern', () => {
    expect(likeEscaped(' 50%_a\\b ')).toBe('50\\%\\_a\\\\b');
  });
});
