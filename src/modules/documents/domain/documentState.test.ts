import { describe, expect, it } from 'vitest';
import { defaultValidUntil, purgeDayOf, schoolYearEnd, stateOn } from './documentState.js';

describe('validity', () => {
  it('of some months ends the day before the same date', () => {
    expect(defaultValidUntil({ validityKind: 'months', validityMonths: 3 }, '2026-11-10')).toBe('2027-02-09');
    // No 31 February: the month's last day, then the day before.
    expect(defaultValidUntil({ validityKind: 'months', validityMonths: 1 }, '2027-01-31')).toBe('2027-02-27');
  });
  it('of the school year ends on 31 August', () => {
    expect(schoolYearEnd('2026-09-01')).toBe('2027-08-31');
    expect(schoolYearEnd('2027-08-31')).toBe('2027-08-31');
    expect(defaultValidUntil({ validityKind: 'school-year', validityMonths: null }, '2027-03-02')).toBe('2027-08-31');
  });
  it('for good has no end', () => {
    expect(defaultValidUntil({ validityKind: 'unlimited', validityMonths: null }, '2027-03-02')).toBeNull();
  });
});

describe('the state a family reads', () => {
  const validated = { status: 'validated' as const, validUntil: '2027-02-09', refusalReason: '' };
  it('is « à fournir » with nothing sent, or only a replaced one', () => {
    expect(stateOn(null, '2026-11-10')).toEqual({ state: 'to-provide' });
    expect(stateOn({ ...validated, status: 'replaced' }, '2026-11-10')).toEqual({ state: 'to-provide' });
  });
  it('is validated through its last day, expired the day after', () => {
    expect(stateOn(validated, '2027-02-09')).toEqual({ state: 'validated', validUntil: '2027-02-09' });
    expect(stateOn(validated, '2027-02-10')).toEqual({ state: 'expired', validUntil: '2027-02-09' });
    expect(stateOn({ ...validated, validUntil: null }, '2099-01-01').state).toBe('validated');
  });
  it('says the refusal and its reason', () => {
    expect(stateOn({ status: 'refused', validUntil: null, refusalReason: 'Illisible' }, '2026-11-10')).toEqual({
      state: 'refused',
      reason: 'Illisible',
    });
  });
});

describe('retention', () => {
  const base = { validUntil: null, decidedOn: null, replacedOn: null };
  it('keeps refused and replaced files 30 days', () => {
    expect(purgeDayOf({ ...base, status: 'refused', decidedOn: '2026-11-10' }, 90)).toBe('2026-12-10');
    expect(purgeDayOf({ ...base, status: 'replaced', replacedOn: '2026-11-10' }, 90)).toBe('2026-12-10');
  });
  it('keeps an expired one the days the commune set after its last valid day', () => {
    expect(purgeDayOf({ ...base, status: 'validated', validUntil: '2026-11-10' }, 30)).toBe('2026-12-11');
  });
  it('keeps a pending one or one valid for good', () => {
    expect(purgeDayOf({ ...base, status: 'pending' }, 30)).toBeNull();
    expect(purgeDayOf({ ...base, status: 'validated' }, 30)).toBeNull();
  });
});
