/**
 * What of a child's booked days is billed (PRODUCT.md, BILLING.md « au constaté »): a day booked and not
 * cancelled in time, a late cancellation, a day attended without booking (the pointage books it), a
 * holiday session's place. Never a day a justified absence covers, nor a day the service was closed.
 */
import type { InvoiceLineKindCode } from './invoiceLines.js';

export interface BookingFacts {
  status: 'reserve' | 'annule';
  cancelledLate: boolean;
  source: 'famille' | 'guichet' | 'pointage';
}

/** The kind of line a booked day makes, or null when it is not billed. */
export function billableKind(
  booking: BookingFacts,
  day: { justifiedAbsence: boolean; serviceOpen: boolean },
): InvoiceLineKindCode | null {
  if (day.justifiedAbsence || !day.serviceOpen) return null;
  if (booking.status === 'annule') return booking.cancelledLate ? 'annulation-tardive' : null;
  return booking.source === 'pointage' ? 'sans-reservation' : 'jour';
}

/** A session place is billed when held, or given back late; never while waiting. */
export function billableSession(booking: {
  status: 'inscrit' | 'attente' | 'annule';
  cancelledLate: boolean;
}): boolean {
  return booking.status === 'inscrit' || (booking.status === 'annule' && booking.cancelledLate);
}
