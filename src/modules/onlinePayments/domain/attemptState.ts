/**
 * The life of a PayFiP attempt (ADR 0017). PayFiP's answer is the only truth: the notification is a
 * trigger, never a result. An idOp can be opened for 15 minutes; until a result exists the lookup
 * answers « P5 », and after the nightly purge an abandoned idOp answers « P1 » for ever.
 */

/** `pending` until PayFiP knows; `test` is a test-mode result in production mode, never a payment. */
export type AttemptState = 'pending' | 'paid' | 'refused' | 'abandoned' | 'expired' | 'test';

/** `resultrans`: card, direct debit, card refused, direct debit refused, abandoned. */
export type PaymentResult = 'P' | 'V' | 'R' | 'Z' | 'A';

/** `saisie`: test, activation, production. */
export type Saisie = 'T' | 'X' | 'W';

/** How long an attempt without a result is waited for, and blocks a new one on the same invoice. */
export const PENDING_WINDOW_MS = 20 * 60 * 1000;

/** What the lookup of an idOp said. */
export type Lookup =
  | { kind: 'result'; result: PaymentResult; saisie: Saisie; amountCents: number }
  | { kind: 'no-result-yet' }
  | { kind: 'unknown' };

export type Settlement =
  | { kind: 'wait' }
  | { kind: 'close'; state: 'refused' | 'abandoned' | 'expired' | 'test'; result: PaymentResult | null }
  | { kind: 'record'; result: 'P' | 'V'; amountCents: number };

/**
 * What a pending attempt becomes after a lookup. A test result is a payment only where the deployment
 * itself is a demo (`acceptTests`); in production it is closed as a test.
 */
export function settle(lookup: Lookup, attempt: { createdAt: Date }, now: Date, acceptTests: boolean): Settlement {
  if (lookup.kind === 'unknown') return { kind: 'close', state: 'expired', result: null };
  if (lookup.kind === 'no-result-yet')
    return now.getTime() - attempt.createdAt.getTime() < PENDING_WINDOW_MS
      ? { kind: 'wait' }
      : { kind: 'close', state: 'expired', result: null };
  const { result, saisie, amountCents } = lookup;
  if (result === 'P' || result === 'V') {
    if (saisie === 'T' && !acceptTests) return { kind: 'close', state: 'test', result };
    return { kind: 'record', result, amountCents };
  }
  return { kind: 'close', state: result === 'A' ? 'abandoned' : 'refused', result };
}

/** Whether an attempt still blocks a new one on its invoice: pending and less than 20 minutes old. */
export function blocksNewAttempt(attempt: { state: AttemptState; createdAt: Date }, now: Date): boolean {
  return attempt.state === 'pending' && now.getTime() - attempt.createdAt.getTime() < PENDING_WINDOW_MS;
}
