import { describe, expect, it } from 'vitest';
import {
  DAILY_CEILING,
  FREE_FAILURES,
  freshThrottle,
  isLocked,
  recordFailure,
  recordSuccess,
  takeBackTry,
  type ThrottleState,
} from './loginThrottle.js';

const T0 = new Date('2026-11-02T08:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `count` failures, `gap` ms apart from `start`; a success after each one when `reset`. */
function failures(state: ThrottleState, count: number, start: number, gap: number, reset = false): ThrottleState {
  for (let i = 0; i < count; i++) {
    state = recordFailure(state, at(start + i * gap));
    if (reset) state = recordSuccess(state);
  }
  return state;
}

describe('loginThrottle: growing delay', () => {
  it('lets 4 failures go without a delay', () => {
    const state = failures(freshThrottle, FREE_FAILURES - 1, 0, 1000);
    expect(state.consecutiveFailures).toBe(4);
    expect(state.lockedUntil).toBeNull();
    expect(isLocked(state, at(3000))).toBeNull();
  });

  it('locks exactly 2 minutes at the 5th failure', () => {
    const state = failures(freshThrottle, 5, 0, 0);
    expect(isLocked(state, at(0))).toEqual(at(2 * MINUTE));
    expect(isLocked(state, at(2 * MINUTE - 1))).toEqual(at(2 * MINUTE));
    expect(isLocked(state, at(2 * MINUTE))).toBeNull();
  });

  it('doubles at each further failure, up to 60 minutes', () => {
    let state = failures(freshThrottle, 5, 0, 0);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const now = Date.parse(state.lockedUntil!) - T0.getTime();
      state = recordFailure(state, at(now));
      delays.push((Date.parse(state.lockedUntil!) - T0.getTime() - now) / MINUTE);
    }
    expect(delays).toEqual([4, 8, 16, 32, 60, 60]);
  });

  it('starts again after a success, but keeps the failures of the day', () => {
    const locked = failures(freshThrottle, 5, 0, 0);
    const state = recordSuccess(locked);
    expect(state).toEqual({ consecutiveFailures: 0, failures: locked.failures, lockedUntil: null });
    expect(isLocked(state, at(0))).toBeNull();
    expect(recordFailure(state, at(1000)).lockedUntil).toBeNull();
  });
});

describe('loginThrottle: 25 failures per 24 hours', () => {
  it('locks until 24 h after the oldest failure, even with long gaps between them', () => {
    // 50 minutes apart, each followed by a success: no growing delay, only the ceiling.
    const state = failures(freshThrottle, DAILY_CEILING - 1, 0, 50 * MINUTE, true);
    expect(state.lockedUntil).toBeNull();
    const last = recordFailure(state, at(24 * 50 * MINUTE)); // the 25th, 20 h after the first
    expect(last.failures).toHaveLength(25);
    expect(isLocked(last, at(24 * HOUR - 1))).toEqual(at(24 * HOUR));
    expect(isLocked(last, at(24 * HOUR))).toBeNull();
  });

  it('keeps the window rolling: the next failure locks until the new oldest + 24 h', () => {
    const state = recordSuccess(failures(freshThrottle, DAILY_CEILING, 0, 50 * MINUTE, true));
    const next = recordFailure(state, at(24 * HOUR));
    expect(next.failures).toHaveLength(25);
    expect(next.lockedUntil).toBe(at(24 * HOUR + 50 * MINUTE).toISOString());
  });

  it('takes the later of the two locks', () => {
    // 25 failures in a row, the first 23 h 59 ago: the ceiling ends in 1 minute, the delay later.
    const early = failures(freshThrottle, 20, 0, 0, true);
    const state = failures(early, 5, 24 * HOUR - MINUTE, 0);
    expect(state.lockedUntil).toBe(at(24 * HOUR - MINUTE + 2 * MINUTE).toISOString());
    // Spread over the day, the ceiling ends later than the 2 minutes of the 5th failure.
    const spread = failures(failures(freshThrottle, 20, 0, HOUR, true), 5, 20 * HOUR, 0);
    expect(spread.lockedUntil).toBe(at(24 * HOUR).toISOString());
  });
});

describe('loginThrottle: failures recorded while locked', () => {
  it('never shortens a lock already given', () => {
    const state: ThrottleState = { consecutiveFailures: 4, failures: [], lockedUntil: at(HOUR).toISOString() };
    expect(recordFailure(state, at(0)).lockedUntil).toBe(at(HOUR).toISOString());
  });

  it('with more than 25 on record, locks until fewer than 25 remain', () => {
    const on = (n: number) => at(n * MINUTE).toISOString();
    const failures = Array.from({ length: 29 }, (_, i) => on(i));
    const state: ThrottleState = { consecutiveFailures: 0, failures, lockedUntil: null };
    // 30 in the window: the lock ends when the 6th oldest leaves it, leaving 24.
    expect(recordFailure(state, at(29 * MINUTE)).lockedUntil).toBe(at(5 * MINUTE + 24 * HOUR).toISOString());
  });
});

describe('loginThrottle: forgetting', () => {
  it('drops failures 24 h old or more, keeps younger ones', () => {
    const state = recordSuccess(failures(freshThrottle, 2, 0, 1));
    const next = recordFailure(state, at(24 * HOUR));
    expect(next.failures).toEqual([at(1).toISOString(), at(24 * HOUR).toISOString()]);
  });

  it('no longer counts old failures towards the ceiling', () => {
    const yesterday = failures(freshThrottle, 24, 0, MINUTE, true);
    const today = failures(yesterday, 4, 25 * HOUR, MINUTE, true);
    expect(today.failures).toHaveLength(4);
    expect(today.lockedUntil).toBeNull();
  });
});

describe('loginThrottle: a right try counted in advance', () => {
  it('takes back the failure counted for it and records the success', () => {
    const before = failures(freshThrottle, 4, 0, MINUTE);
    const counted = recordFailure(before, at(10 * MINUTE));
    expect(counted.lockedUntil).not.toBeNull();
    expect(takeBackTry(counted, at(10 * MINUTE))).toEqual({
      consecutiveFailures: 0,
      failures: before.failures,
      lockedUntil: null,
    });
  });

  it('keeps another failure of the same millisecond', () => {
    const twice = recordFailure(recordFailure(freshThrottle, at(0)), at(0));
    expect(takeBackTry(twice, at(0)).failures).toEqual([at(0).toISOString()]);
  });

  it('only records the success when its failure is no longer there', () => {
    const state = failures(freshThrottle, 2, 0, MINUTE);
    expect(takeBackTry(state, at(HOUR))).toEqual(recordSuccess(state));
  });
});
