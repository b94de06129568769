import { describe, expect, it } from 'vitest';
import { describeMajoration, majorationAmount, majorationRule } from './majoration.js';

const nbsp = '\u00a0';

describe('majoration', () => {
  it('takes a percentage of the unit price, rounded half up to the cent', () => {
    expect(majorationAmount(355, { kind: 'percent', basisPoints: 5000 })).toBe(178);
    expect(majorationAmount(354, { kind: 'percent', basisPoints: 5000 })).toBe(177);
    expect(majorationAmount(1250, { kind: 'percent', basisPoints: 1250 })).toBe(156); // 156.25
    expect(majorationAmount(0, { kind: 'percent', basisPoints: 5000 })).toBe(0);
  });

  it('adds a fixed amount whatever the price', () => {
    expect(majorationAmount(355, { kind: 'fixed', cents: 150 })).toBe(150);
    expect(majorationAmount(1200, { kind: 'fixed', cents: 150 })).toBe(150);
  });

  it('reads the rule from the service’s columns', () => {
    expect(majorationRule('percent', 5000)).toEqual({ kind: 'percent', basisPoints: 5000 });
    expect(majorationRule('fixed', 150)).toEqual({ kind: 'fixed', cents: 150 });
  });

  it('says the rule in French', () => {
    expect(describeMajoration({ kind: 'percent', basisPoints: 5000 })).toBe(`+50${nbsp}%`);
    expect(describeMajoration({ kind: 'percent', basisPoints: 1250 })).toBe(`+12,5${nbsp}%`);
    expect(describeMajoration({ kind: 'percent', basisPoints: 10000 })).toBe(`+100${nbsp}%`);
    expect(describeMajoration({ kind: 'fixed', cents: 150 })).toBe(`+1,50${nbsp}€`);
  });
});
