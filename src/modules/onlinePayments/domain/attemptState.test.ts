import { describe, expect, it } from 'vitest';
import { PENDING_WINDOW_MS, blocksNewAttempt, settle } from './attemptState.js';

const createdAt = new Date('2026-11-20T10:00:00Z');
const at = (ms: number) => new Date(createdAt.getTime() + ms);

describe('settle', () => {
  it('waits for a result until 20 minutes, then expires', () => {
    expect(settle({ kind: 'no-result-yet' }, { createdAt }, at(PENDING_WINDOW_MS - 1000), false)).toEqual({
      kind: 'wait',
    });
    expect(settle({ kind: 'no-result-yet' }, { createdAt }, at(PENDING_WINDOW_MS), false)).toEqual({
      kind: 'close',
      state: 'expired',
      result: null,
    });
  });

  it('expires an idOp PayFiP no longer knows', () => {
    expect(settle({ kind: 'unknown' }, { createdAt }, at(1000), false)).toMatchObject({ state: 'expired' });
  });

  it('records card and direct debit with the amount PayFiP took', () => {
    for (const result of ['P', 'V'] as const)
      expect(settle({ kind: 'result', result, saisie: 'W', amountCents: 4210 }, { createdAt }, at(1), false)).toEqual({
        kind: 'record',
        result,
        amountCents: 4210,
      });
  });

  it('never records a test result in production, records it in a demo', () => {
    const test = { kind: 'result', result: 'P', saisie: 'T', amountCents: 100 } as const;
    expect(settle(test, { createdAt }, at(1), false)).toEqual({ kind: 'close', state: 'test', result: 'P' });
    expect(settle(test, { createdAt }, at(1), true)).toMatchObject({ kind: 'record' });
  });

  it('closes refused and abandoned with their result', () => {
    const of = (result: 'R' | 'Z' | 'A') =>
      settle({ kind: 'result', result, saisie: 'W', amountCents: 100 }, { createdAt }, at(1), false);
    expect(of('R')).toEqual({ kind: 'close', state: 'refused', result: 'R' });
    expect(of('Z')).toEqual({ kind: 'close', state: 'refused', result: 'Z' });
    expect(of('A')).toEqual({ kind: 'close', state: 'abandoned', result: 'A' });
  });
});

describe('blocksNewAttempt', () => {
  it('blocks while pending and under 20 minutes', () => {
    expect(blocksNewAttempt({ state: 'pending', createdAt }, at(PENDING_WINDOW_MS - 1))).toBe(true);
    expect(blocksNewAttempt({ state: 'pending', createdAt }, at(PENDING_WINDOW_MS))).toBe(false);
    expect(blocksNewAttempt({ state: 'abandoned', createdAt }, at(1))).toBe(false);
  });
});
