import { describe, expect, it } from 'vitest';
import { invoiceStatus, leftToPay } from './invoiceStatus.js';

describe('an invoice’s status', () => {
  const invoice = { totalCents: 4260, paidCents: 0, creditedCents: 0, cancelled: false, dueOn: '2026-11-30' };

  it('is « à payer » until the due date included, « en retard » the day after', () => {
    expect(invoiceStatus(invoice, '2026-11-30')).toBe('a-payer');
    expect(invoiceStatus(invoice, '2026-12-01')).toBe('en-retard');
  });

  it('is « payée » when payments and credit notes cover it, even late; « annulée » above all', () => {
    expect(invoiceStatus({ ...invoice, paidCents: 4260 }, '2027-01-10')).toBe('payee');
    expect(invoiceStatus({ ...invoice, paidCents: 4000, creditedCents: 260 }, '2026-11-01')).toBe('payee');
    expect(invoiceStatus({ ...invoice, paidCents: 4259 }, '2026-11-01')).toBe('a-payer');
    expect(invoiceStatus({ ...invoice, cancelled: true }, '2026-12-10')).toBe('annulee');
  });

  it('leaves never less than nothing to pay', () => {
    expect(leftToPay({ totalCents: 1000, paidCents: 600, creditedCents: 0 })).toBe(400);
    expect(leftToPay({ totalCents: 1000, paidCents: 600, creditedCents: 700 })).toBe(0);
  });
});
