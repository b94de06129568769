import { describe, expect, it } from 'vitest';
import { TestClock, startingClock } from './clock.js';

describe('clocks', () => {
  it('a starting clock begins at the chosen instant and runs on', () => {
    const base = new TestClock('2030-01-01T00:00:00Z');
    const clock = startingClock(new Date('2026-11-02T11:00:00Z'), base);
    expect(clock.now().toISOString()).toBe('2026-11-02T11:00:00.000Z');
    base.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-02T11:01:30.000Z');
  });
});
