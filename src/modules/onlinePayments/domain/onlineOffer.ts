import { compareDays, type LocalDay } from '../../../shared/localDays.js';
import { type AttemptState, blocksNewAttempt } from './attemptState.js';

/** PayFiP takes €1 at least, €100,000 at most. */
export const MIN_ONLINE_CENTS = 100;
export const MAX_ONLINE_CENTS = 10_000_000;

/** Whether « Payer en ligne » is offered on an invoice, or why not. */
export type OnlineOffer =
  'available' | 'disabled' | 'closed' | 'too-small' | 'too-large' | 'past-deadline' | 'in-progress';

export function onlineOffer(
  invoice: { cancelled: boolean; leftToPayCents: number; onlinePaymentUntil: LocalDay | null },
  enabled: boolean,
  attempts: readonly { state: AttemptState; createdAt: Date }[],
  today: LocalDay,
  now: Date,
): OnlineOffer {
  if (!enabled) return 'disabled';
  if (invoice.cancelled || invoice.leftToPayCents === 0) return 'closed';
  if (invoice.leftToPayCents < MIN_ONLINE_CENTS) return 'too-small';
  if (invoice.leftToPayCents > MAX_ONLINE_CENTS) return 'too-large';
  if (!invoice.onlinePaymentUntil || compareDays(today, invoice.onlinePaymentUntil) > 0) return 'past-deadline';
  if (attempts.some((attempt) => blocksNewAttempt(attempt, now))) return 'in-progress';
  return 'available';
}
