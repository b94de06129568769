import { describe, expect, it } from 'vitest';
import { bracketOf, bracketsProblem, describeBracket, quotientOn, quotientProblems } from './quotient.js';

const brackets = [
  { rank: 1, upperBound: 400 },
  { rank: 2, upperBound: 700 },
  { rank: 3, upperBound: null },
];

describe('the quotient familial', () => {
  it('puts a QF in the first bracket whose bound holds it, the bound itself included', () => {
    expect(bracketOf(0, brackets)).toBe(1);
    expect(bracketOf(400, brackets)).toBe(1);
    expect(bracketOf(401, brackets)).toBe(2);
    expect(bracketOf(700, brackets)).toBe(2);
    expect(bracketOf(701, brackets)).toBe(3);
  });

  it('gives the highest bracket to a family without a QF', () => {
    expect(bracketOf(null, brackets)).toBe(3);
  });

  it('takes the QF valid on the day, the one entered last where two overlap, none outside their dates', () => {
    const older = {
      value: 300,
      source: 'caf' as const,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      enteredAt: new Date('2026-01-05T10:00:00Z'),
    };
    const newer = {
      value: 650,
      source: 'guichet' as const,
      validFrom: '2026-09-01',
      validTo: '2027-08-31',
      enteredAt: new Date('2026-09-02T10:00:00Z'),
    };
    expect(quotientOn('2026-08-31', [older, newer])).toBe(older);
    expect(quotientOn('2026-09-01', [older, newer])).toBe(newer);
    expect(quotientOn('2027-08-31', [older, newer])).toBe(newer);
    expect(quotientOn('2027-09-01', [older, newer])).toBeNull();
    expect(quotientOn('2025-12-31', [older])).toBeNull();
  });

  it('accepts increasing bounds with an open last bracket, nothing else', () => {
    expect(bracketsProblem(brackets)).toBeNull();
    expect(bracketsProblem([])).toBe('none');
    expect(
      bracketsProblem([
        { rank: 1, upperBound: 700 },
        { rank: 2, upperBound: 400 },
        { rank: 3, upperBound: null },
      ]),
    ).toBe('not-increasing');
    expect(
      bracketsProblem([
        { rank: 1, upperBound: 400 },
        { rank: 2, upperBound: 400 },
        { rank: 3, upperBound: null },
      ]),
    ).toBe('not-increasing');
    expect(bracketsProblem([{ rank: 1, upperBound: 400 }])).toBe('last-bounded');
  });

  it('words a bracket as families read it', () => {
    expect(describeBracket(1, brackets)).toBe("Tranche 1 (jusqu'à 400 €)");
    expect(describeBracket(2, brackets)).toBe('Tranche 2 (de 401 € à 700 €)');
    expect(describeBracket(3, brackets)).toBe('Tranche 3 (plus de 700 €)');
  });
});

describe('quotientProblems: a QF as the guichet enters it', () => {
  const entry = { value: 742, validFrom: '2027-01-01', validTo: '2027-12-31' };

  it('takes whole euros from 0 to 100 000, valid over days of the calendar, the last after the first', () => {
    expect(quotientProblems(entry)).toEqual([]);
    expect(quotientProblems({ ...entry, value: 0, validTo: entry.validFrom })).toEqual([]);
    expect(quotientProblems({ ...entry, value: -1 })).toEqual([{ problem: 'value-range' }]);
    expect(quotientProblems({ ...entry, value: 100_001 })).toEqual([{ problem: 'value-range' }]);
    expect(quotientProblems({ ...entry, validTo: '2026-12-31' })).toEqual([{ problem: 'valid-to-before-from' }]);
    expect(quotientProblems({ ...entry, validFrom: '1999-12-31', validTo: '2101-01-01' })).toEqual([
      { problem: 'valid-from-outside-calendar' },
      { problem: 'valid-to-outside-calendar' },
    ]);
  });
});
