import { describe, expect, it } from 'vitest';
import { hashChildKey, KEY_ALPHABET, newChildKey, normalizeChildKey } from './childKey.js';

describe('KEY_ALPHABET', () => {
  it('has 32 distinct characters, none of 0, 1, I, O', () => {
    expect(new Set(KEY_ALPHABET).size).toBe(32);
    expect(KEY_ALPHABET).toMatch(/^[2-9A-HJ-NP-Z]{32}$/);
  });
});

describe('newChildKey', () => {
  it('is 16 characters of the alphabet in 4 groups: 16 × 5 = 80 bits', () => {
    const key = newChildKey();
    expect(key).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(key.replace(/-/g, '').length * Math.log2(KEY_ALPHABET.length)).toBe(80);
  });

  it('uses the whole alphabet and differs every time', () => {
    const keys = Array.from({ length: 500 }, newChildKey);
    expect(new Set(keys).size).toBe(500);
    expect(new Set(keys.join('').replace(/-/g, '')).size).toBe(32);
  });

  it('round-trips through normalisation', () => {
    const key = newChildKey();
    expect(normalizeChildKey(key)).toBe(key);
    expect(normalizeChildKey(key.toLowerCase().replace(/-/g, ' '))).toBe(key);
  });
});

describe('normalizeChildKey', () => {
  it('accepts any case, spaces and hyphens', () => {
    expect(normalizeChildKey(' k7qz 3m9d-xr2f8wht ')).toBe('K7QZ-3M9D-XR2F-8WHT');
    expect(normalizeChildKey('K7QZ3M9DXR2F8WHT')).toBe('K7QZ-3M9D-XR2F-8WHT');
  });

  it('refuses 15 or 17 characters', () => {
    expect(normalizeChildKey('K7QZ-3M9D-XR2F-8WH')).toBeNull();
    expect(normalizeChildKey('K7QZ-3M9D-XR2F-8WHTA')).toBeNull();
    expect(normalizeChildKey('')).toBeNull();
  });

  it('refuses the look-alikes and anything outside the alphabet', () => {
    for (const bad of ['0', '1', 'I', 'O', 'o', 'i', 'é', '_', '.']) {
      expect(normalizeChildKey(`K7QZ-3M9D-XR2F-8WH${bad}`), bad).toBeNull();
    }
  });
});

describe('hashChildKey', () => {
  it('hashes the canonical form, whatever was typed', () => {
    expect(hashChildKey(' k7qz 3m9d-xr2f8wht ')).toBe(hashChildKey('K7QZ-3M9D-XR2F-8WHT'));
    expect(hashChildKey('K7QZ-3M9D-XR2F-8WHT')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashChildKey('K7QZ-3M9D-XR2F-8WHT')).not.toBe(hashChildKey('K7QZ-3M9D-XR2F-8WHV'));
  });

  it('refuses what is not a key', () => {
    expect(() => hashChildKey('nope')).toThrow(TypeError);
  });
});
