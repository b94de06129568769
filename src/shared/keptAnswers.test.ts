import { describe, expect, it } from 'vitest';
import { keptAnswers } from './keptAnswers.js';

describe('keptAnswers', () => {
  it('computes an argument once while it is kept', () => {
    const asked: number[] = [];
    const double = keptAnswers((n: number) => {
      asked.push(n);
      return n * 2;
    }, 3);
    expect([double(1), double(2), double(1), double(2)]).toEqual([2, 4, 2, 4]);
    expect(asked).toEqual([1, 2]);
  });

  it('forgets the oldest argument beyond its bound, and computes it again when asked', () => {
    const asked: string[] = [];
    const upper = keptAnswers((text: string) => {
      asked.push(text);
      return text.toUpperCase();
    }, 2);
    upper('a');
    upper('b');
    upper('c');
    expect(upper('b')).toBe('B');
    expect(upper('a')).toBe('A');
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps nothing for an argument whose computation throws', () => {
    let calls = 0;
    const checked = keptAnswers((text: string) => {
      calls++;
      if (text === 'bad') throw new RangeError(text);
      return text.length;
    }, 4);
    expect(() => checked('bad')).toThrow(RangeError);
    expect(() => checked('bad')).toThrow(RangeError);
    expect(calls).toBe(2);
  });

  it('keeps an answer that is null or undefined', () => {
    let calls = 0;
    const nothing = keptAnswers((_: number) => {
      calls++;
      return null;
    }, 4);
    nothing(1);
    nothing(1);
    expect(calls).toBe(1);
  });
});
