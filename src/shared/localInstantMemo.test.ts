import { describe, expect, it } from 'vitest';
import { localInstant } from './localDays.js';

// localInstant keeps what it computed per (day, time): asked again, it must answer the same, never a shared object.
describe('localInstant, asked again', () => {
  it('gives the same instant as the first time, across both changes of time', () => {
    for (const [day, time, utc] of [
      ['2026-11-02', '23:59:59', '2026-11-02T22:59:59.000Z'],
      ['2027-03-28', '02:30', '2027-03-28T01:00:00.000Z'],
      ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ] as const) {
      expect(localInstant(day, time).toISOString()).toBe(utc);
      expect(localInstant(day, time).toISOString()).toBe(utc);
    }
  });

  it('gives a new Date each time: changing one changes nothing for the next caller', () => {
    const first = localInstant('2026-11-17', '10:00');
    first.setTime(0);
    expect(localInstant('2026-11-17', '10:00').toISOString()).toBe('2026-11-17T09:00:00.000Z');
  });

  it('still refuses what is not a day or a time', () => {
    expect(() => localInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => localInstant('2026-11-17', '24:00')).toThrow(RangeError);
    expect(() => localInstant('2026-11-17', '24:00')).toThrow(RangeError);
    // A day and a time run together are neither, however they are split.
    expect(() => localInstant('2026-11-17 10:00', '')).toThrow(RangeError);
    expect(() => localInstant('2026-11-17|10:00', '')).toThrow(RangeError);
    expect(() => localInstant('2026-11-17', '10:00|')).toThrow(RangeError);
  });
});
