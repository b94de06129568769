/**
 * Every piece of code that needs "now" receives a Clock: rules stay pure and tests set the time.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at a chosen instant and then runs at the normal pace.
 * Used in demo mode (`PARVIS_NOW`) so that anyone can replay the worked cases of the deadlines.
 */
export function startingClock(start: Date, base: Clock = systemClock): Clock {
  const offset = start.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** A clock that only moves when told to: for tests. */
export class TestClock implements Clock {
  #current: number;
  constructor(start: Date | string = '2026-11-02T12:00:00+01:00') {
    this.#current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#current);
  }
  set(instant: Date | string): void {
    this.#current = new Date(instant).getTime();
  }
  advance(milliseconds: number): void {
    this.#current += milliseconds;
  }
}
