import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recoveryCodes.js';

const CODE = /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/;

describe('newRecoveryCodes', () => {
  it('gives 10 distinct codes by default, each XXXXX-XXXXX: 10 × 5 = 50 bits', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it('gives as many as asked', () => {
    expect(newRecoveryCodes(3)).toHaveLength(3);
    expect(newRecoveryCodes(0)).toEqual([]);
  });
});

describe('normalizeRecoveryCode', () => {
  it('accepts any case, spaces and hyphens', () => {
    expect(normalizeRecoveryCode(' k7qz3 m9dxr ')).toBe('K7QZ3-M9DXR');
    expect(normalizeRecoveryCode('K7QZ3M9DXR')).toBe('K7QZ3-M9DXR');
    const [code] = newRecoveryCodes(1);
    expect(normalizeRecoveryCode(code!)).toBe(code);
  });

  it('refuses 9 or 11 characters, and characters outside the alphabet', () => {
    expect(normalizeRecoveryCode('K7QZ3-M9DX')).toBeNull();
    expect(normalizeRecoveryCode('K7QZ3-M9DXRA')).toBeNull();
    for (const bad of ['0', '1', 'I', 'O']) expect(normalizeRecoveryCode(`K7QZ3-M9DX${bad}`), bad).toBeNull();
  });
});

describe('hashRecoveryCode', () => {
  it('hashes the canonical form, whatever was typed', () => {
    expect(hashRecoveryCode('k7qz3 m9dxr')).toBe(hashRecoveryCode('K7QZ3-M9DXR'));
    expect(hashRecoveryCode('K7QZ3-M9DXR')).toMatch(/^[0-9a-f]{64}$/);
    expect(() => hashRecoveryCode('nope')).toThrow(TypeError);
  });
});
