import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INVISIBLE_MESSAGE, LINE_MESSAGE, PARAGRAPH_MESSAGE, textProblem } from './formText.js';
import { formValues, parseForm } from './forms.js';

/** The characters that make a name read differently from what is stored, or look like another. */
const INVISIBLES: Record<string, string> = {
  'LRE U+202A': '\u202A',
  'RLE U+202B': '\u202B',
  'PDF U+202C': '\u202C',
  'LRO U+202D': '\u202D',
  'RLO U+202E': '\u202E',
  'LRI U+2066': '\u2066',
  'RLI U+2067': '\u2067',
  'FSI U+2068': '\u2068',
  'PDI U+2069': '\u2069',
  'ZWSP U+200B': '\u200B',
  'ZWNJ U+200C': '\u200C',
  'ZWJ U+200D': '\u200D',
  'LRM U+200E': '\u200E',
  'RLM U+200F': '\u200F',
  'BOM U+FEFF': '\uFEFF',
  'WORD JOINER U+2060': '\u2060',
  'SOFT HYPHEN U+00AD': '\u00AD',
  'ALM U+061C': '\u061C',
  'LINE SEPARATOR U+2028': '\u2028',
  'HANGUL FILLER U+3164': '\u3164',
  'BRAILLE BLANK U+2800': '\u2800',
  'VARIATION SELECTOR U+FE0F': '\uFE0F',
  'TAG U+E0041': '\u{E0041}',
  'PRIVATE USE U+E000': '\uE000',
  'LONE SURROGATE': '\uD800',
};

describe('textProblem', () => {
  it('refuses every invisible character in a field that names a person or an account', () => {
    for (const field of [
      'firstName',
      'lastName',
      'username',
      'identifier',
      'email',
      'name',
      'pickup-0-name',
      'doctorName',
    ]) {
      for (const [label, character] of Object.entries(INVISIBLES)) {
        expect(textProblem(field, `Mar${character}tin`), `${field} with ${label}`).toBe(INVISIBLE_MESSAGE);
      }
    }
  });

  it('refuses the bidirectional controls in every field, and keeps the joiners of emoji outside names', () => {
    expect(textProblem('message', 'Merci \u202Eevol')).toBe(INVISIBLE_MESSAGE);
    expect(textProblem('street', '12 rue \u2066des Lilas')).toBe(INVISIBLE_MESSAGE);
    expect(textProblem('message', 'Merci 👨\u200D👩\u200D👧')).toBeNull();
  });

  it('refuses control characters, except line breaks and tabs in a paragraph', () => {
    expect(textProblem('lastName', 'Martin\nDupont')).toBe(LINE_MESSAGE);
    expect(textProblem('city', 'Eve\u0000')).toBe(LINE_MESSAGE);
    expect(textProblem('description', 'Un\n\tdeux', { multiline: true })).toBeNull();
    expect(textProblem('description', 'Un\u0000', { multiline: true })).toBe(PARAGRAPH_MESSAGE);
  });

  it('takes the names people have: accents, apostrophes, hyphens, spaces, other scripts', () => {
    for (const name of [
      'Éloïse',
      'N’Diaye',
      "O'Brien",
      'Jean-Édouard de La Tour',
      'Łukasz',
      'Nguyễn',
      'Ζωή',
      'محمد',
      '李',
    ])
      expect(textProblem('firstName', name), name).toBeNull();
  });
});

describe('parseForm and formValues', () => {
  it('stores text in NFC, and leaves a password as it was typed', () => {
    const decomposed = 'Ame\u0301lie';
    expect(formValues({ firstName: decomposed, password: decomposed })).toEqual({
      firstName: 'Amélie',
      password: decomposed,
    });
    const parsed = parseForm(z.object({ firstName: z.string() }), { firstName: decomposed });
    expect(parsed).toEqual({ ok: true, data: { firstName: 'Amélie' } });
  });

  it('refuses a name with a right-to-left override with the French message, keeping what was typed', () => {
    const parsed = parseForm(z.object({ lastName: z.string(), city: z.string() }), {
      lastName: 'ni\u202Etram',
      city: 'Évry',
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ lastName: INVISIBLE_MESSAGE });
    expect(parsed.values.city).toBe('Évry');
  });
});
