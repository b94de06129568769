import { describe, expect, it } from 'vitest';
import { TestClock } from './clock.js';
import { KeptCopies } from './keptCopies.js';

const start = '2026-11-02T12:00:00Z';

describe('KeptCopies', () => {
  it('keeps a copy for keepMs of the injected clock, not one millisecond more', () => {
    const clock = new TestClock(start);
    const copies = new KeptCopies<string>(clock, 10_000, 10);
    copies.set('a', 'A');
    clock.advance(9_999);
    expect(copies.get('a')).toBe('A');
    clock.advance(1);
    expect(copies.get('a')).toBeUndefined();
  });

  it('counts from the instant the reading started', () => {
    const clock = new TestClock(start);
    const copies = new KeptCopies<string>(clock, 10_000, 10);
    const since = clock.now();
    clock.advance(4_000);
    copies.set('a', 'A', since);
    clock.advance(5_999);
    expect(copies.get('a')).toBe('A');
    clock.advance(1);
    expect(copies.get('a')).toBeUndefined();
  });

  it('trusts no copy when the clock is set back before its reading', () => {
    const clock = new TestClock(start);
    const copies = new KeptCopies<string>(clock, 10_000, 10);
    copies.set('a', 'A');
    clock.advance(-1);
    expect(copies.get('a')).toBeUndefined();
  });

  it('makes room for a new key by dropping the stale copies first, then every copy', () => {
    const clock = new TestClock(start);
    const copies = new KeptCopies<string>(clock, 10_000, 2);
    copies.set('old', 'O');
    clock.advance(10_000);
    copies.set('fresh', 'F');
    copies.set('new', 'N');
    expect([copies.get('old'), copies.get('fresh'), copies.get('new')]).toEqual([undefined, 'F', 'N']);
    copies.set('fresh', 'F2');
    expect(copies.get('new')).toBe('N');
    copies.set('third', 'T');
    expect([copies.get('fresh'), copies.get('new'), copies.get('third')]).toEqual([undefined, undefined, 'T']);
  });

  it('shares one reading between callers, and forgets a reading that failed', async () => {
    const clock = new TestClock(start);
    const copies = new KeptCopies<Promise<number>>(clock, 10_000, 10);
    let readings = 0;
    const failing = () => {
      readings++;
      return Promise.reject(new Error('database away'));
    };
    const first = copies.promised('a', failing);
    const second = copies.promised('a', failing);
    await expect(first).rejects.toThrow('database away');
    await expect(second).rejects.toThrow('database away');
    expect(readings).toBe(1);
    expect(await copies.promised('a', async () => ++readings)).toBe(2);
    expect(await copies.promised('a', async () => ++readings)).toBe(2);
  });
});
