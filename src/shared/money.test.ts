import { describe, expect, it } from 'vitest';
import { centsToEuroInput, formatEuros, parseEuros, percentOf } from './money.js';

const nbsp = '\u00a0';
const narrowNbsp = '\u202f';

describe('money', () => {
  it('formats cents as euros the way Intl writes French', () => {
    expect(formatEuros(345)).toBe(`3,45${nbsp}€`);
    expect(formatEuros(0)).toBe(`0,00${nbsp}€`);
    expect(formatEuros(150)).toBe(`1,50${nbsp}€`);
    expect(formatEuros(123450)).toBe(`1${narrowNbsp}234,50${nbsp}€`);
    expect(formatEuros(-200)).toBe(`-2,00${nbsp}€`);
    expect(() => formatEuros(3.5)).toThrow(RangeError);
  });

  it('takes a percentage in basis points, rounded half up to the cent', () => {
    expect(percentOf(355, 5000)).toBe(178); // 177.5 → 178
    expect(percentOf(354, 5000)).toBe(177);
    expect(percentOf(1000, 5000)).toBe(500);
    expect(percentOf(333, 1000)).toBe(33); // 33.3
    expect(percentOf(335, 1000)).toBe(34); // 33.5
    expect(percentOf(1, 4999)).toBe(0); // 0.4999
    expect(percentOf(0, 5000)).toBe(0);
    expect(percentOf(355, 0)).toBe(0);
    expect(percentOf(-355, 5000)).toBe(-178);
    expect(() => percentOf(355, -1)).toThrow(RangeError);
    expect(() => percentOf(355, 12.5)).toThrow(RangeError);
  });

  it('reads amounts typed in euros', () => {
    expect(parseEuros('3,45')).toBe(345);
    expect(parseEuros('3.45')).toBe(345);
    expect(parseEuros('3,5')).toBe(350);
    expect(parseEuros(' 12 € ')).toBe(1200);
    expect(parseEuros(`1${narrowNbsp}234,50${nbsp}€`)).toBe(123450);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros('3,456')).toBeNull();
    expect(parseEuros('-3')).toBeNull();
    expect(parseEuros('trois')).toBeNull();
    expect(parseEuros('')).toBeNull();
    expect(centsToEuroInput(345)).toBe('3,45');
    expect(centsToEuroInput(5)).toBe('0,05');
    expect(parseEuros(centsToEuroInput(123456))).toBe(123456);
  });
});
