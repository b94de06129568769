/**
 * The dates an issued invoice shows (BILLING.md, « Two dates per invoice »): the issue day, the last day
 * to pay online, then the due date, after which the commune issues a titre de recettes.
 */
import { type LocalDay, addDays } from '../../../shared/localDays.js';

export interface InvoiceDateSettings {
  dueDays: number;
  onlinePaymentDays: number;
}

export function invoiceDates(issuedOn: LocalDay, settings: InvoiceDateSettings) {
  return {
    issuedOn,
    onlinePaymentUntil: addDays(issuedOn, Math.min(settings.onlinePaymentDays, settings.dueDays)),
    dueOn: addDays(issuedOn, settings.dueDays),
  };
}
