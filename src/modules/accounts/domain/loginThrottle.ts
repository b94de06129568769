/**
 * Brute force on one account, as the CNIL asks (délibération 2022-100, passwords): after 5 failures
 * a growing delay, and at most 25 failures per 24 hours. While locked, even the right password is
 * refused (SECURITY.md), so the service checks `isLocked` before checking the password.
 */
export const FREE_FAILURES = 5;
export const DAILY_CEILING = 25;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FIRST_DELAY = 2 * MINUTE;
const MAX_DELAY = 60 * MINUTE;

export interface ThrottleState {
  consecutiveFailures: number;
  /** ISO instants of the failures in the last 24 h, oldest first. */
  failures: string[];
  lockedUntil: string | null;
}

export const freshThrottle: ThrottleState = { consecutiveFailures: 0, failures: [], lockedUntil: null };

/** The instant until which the account is locked, or null when it may try again. */
export function isLocked(state: ThrottleState, now: Date): Date | null {
  if (state.lockedUntil === null) return null;
  const until = Date.parse(state.lockedUntil);
  return until > now.getTime() ? new Date(until) : null;
}

export function recordFailure(state: ThrottleState, now: Date): ThrottleState {
  const at = now.getTime();
  const failures = [...state.failures.map(Date.parse).filter((t) => at - t < DAY), at].sort((a, b) => a - b);
  const consecutiveFailures = state.consecutiveFailures + 1;
  // Never shorten a lock already given.
  let until = state.lockedUntil === null ? 0 : Date.parse(state.lockedUntil);
  if (consecutiveFailures >= FREE_FAILURES) {
    const delay = Math.min(FIRST_DELAY * 2 ** (consecutiveFailures - FREE_FAILURES), MAX_DELAY);
    until = Math.max(until, at + delay);
  }
  if (failures.length >= DAILY_CEILING) {
    // Locked until fewer than 25 failures remain in the window: with exactly 25 kept, that is
    // 24 h after the oldest one.
    until = Math.max(until, failures[failures.length - DAILY_CEILING]! + DAY);
  }
  return {
    consecutiveFailures,
    failures: failures.map((t) => new Date(t).toISOString()),
    lockedUntil: until > at ? new Date(until).toISOString() : null,
  };
}

/** A success ends the growing delay; the day's failures still count towards the ceiling. */
export function recordSuccess(state: ThrottleState): ThrottleState {
  return { ...state, consecutiveFailures: 0, lockedUntil: null };
}

/**
 * A try is counted as a failure before its password is checked, so that tries sent at the same
 * instant cannot pass the limit (SECURITY.md); when the password was right, that one failure is
 * taken back and the success recorded. Only one failure of that instant goes: another try of the
 * same millisecond may have been wrong.
 */
export function takeBackTry(state: ThrottleState, countedAt: Date): ThrottleState {
  const failures = [...state.failures];
  const index = failures.lastIndexOf(countedAt.toISOString());
  if (index >= 0) failures.splice(index, 1);
  return recordSuccess({ ...state, failures });
}
