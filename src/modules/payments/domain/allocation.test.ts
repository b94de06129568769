import { describe, expect, it } from 'vitest';
import { MAX_PAYMENT_CENTS, allocateOldestFirst, balanceOf, checkAllocations, type OpenInvoice } from './allocation.js';

const september: OpenInvoice = { id: 'sep', issuedOn: '2026-10-05', number: '2026-000012', leftToPayCents: 4260 };
const october: OpenInvoice = { id: 'oct', issuedOn: '2026-11-05', number: '2026-000031', leftToPayCents: 3550 };
const octoberBis: OpenInvoice = { id: 'oct-bis', issuedOn: '2026-11-05', number: '2026-000030', leftToPayCents: 710 };
const november: OpenInvoice = { id: 'nov', issuedOn: '2026-12-04', number: '2026-000050', leftToPayCents: 5000 };

describe('a payment allocated oldest first', () => {
  it('pays the oldest invoice first, then the next, invoices of one day by number, whatever order they come in', () => {
    expect(allocateOldestFirst(6000, [november, october, september, octoberBis])).toEqual({
      ok: true,
      allocations: [
        { invoiceId: 'sep', amountCents: 4260 },
        { invoiceId: 'oct-bis', amountCents: 710 },
        { invoiceId: 'oct', amountCents: 1030 },
      ],
    });
  });

  it('takes exactly the balance, and refuses one cent more, saying the balance', () => {
    const all = [september, october, november];
    expect(balanceOf(all)).toBe(12810);
    const exact = allocateOldestFirst(12810, all);
    expect(exact.ok && exact.allocations.map((a) => a.amountCents)).toEqual([4260, 3550, 5000]);
    expect(allocateOldestFirst(12811, all)).toEqual({ ok: false, reason: 'over-balance', balanceCents: 12810 });
    expect(allocateOldestFirst(1, [])).toEqual({ ok: false, reason: 'over-balance', balanceCents: 0 });
  });

  it('refuses a zero, negative, fractional or absurd amount', () => {
    for (const amount of [0, -100, 12.5, Number.NaN]) {
      expect(allocateOldestFirst(amount, [september])).toEqual({ ok: false, reason: 'amount-not-positive' });
    }
    const huge = { ...september, leftToPayCents: MAX_PAYMENT_CENTS + 1 };
    expect(allocateOldestFirst(MAX_PAYMENT_CENTS + 1, [huge])).toEqual({ ok: false, reason: 'amount-too-large' });
    expect(allocateOldestFirst(MAX_PAYMENT_CENTS, [huge]).ok).toBe(true);
  });

  it('skips an invoice with nothing left to pay', () => {
    const paid = { ...september, leftToPayCents: 0 };
    expect(allocateOldestFirst(100, [paid, october])).toEqual({
      ok: true,
      allocations: [{ invoiceId: 'oct', amountCents: 100 }],
    });
  });
});

describe('a payment split by the agent', () => {
  const open = [september, october, november];

  it('keeps the shares as asked, oldest first, dropping the zero ones', () => {
    expect(
      checkAllocations(
        5000,
        [
          { invoiceId: 'nov', amountCents: 5000 },
          { invoiceId: 'sep', amountCents: 0 },
        ],
        open,
      ),
    ).toEqual({ ok: true, allocations: [{ invoiceId: 'nov', amountCents: 5000 }] });
  });

  it('takes a share equal to what is left to pay, refuses one cent more', () => {
    expect(checkAllocations(3550, [{ invoiceId: 'oct', amountCents: 3550 }], open).ok).toBe(true);
    expect(checkAllocations(3551, [{ invoiceId: 'oct', amountCents: 3551 }], open)).toEqual({
      ok: false,
      reason: 'over-left-to-pay',
      invoiceId: 'oct',
      leftToPayCents: 3550,
    });
  });

  it('refuses shares that do not add up to the payment, another family’s invoice, an invoice twice, a negative share', () => {
    expect(checkAllocations(5000, [{ invoiceId: 'sep', amountCents: 4000 }], open)).toEqual({
      ok: false,
      reason: 'allocations-do-not-add-up',
      allocatedCents: 4000,
    });
    expect(checkAllocations(100, [{ invoiceId: 'elsewhere', amountCents: 100 }], open)).toMatchObject({
      reason: 'unknown-invoice',
    });
    expect(
      checkAllocations(
        200,
        [
          { invoiceId: 'sep', amountCents: 100 },
          { invoiceId: 'sep', amountCents: 100 },
        ],
        open,
      ),
    ).toMatchObject({ reason: 'unknown-invoice' });
    expect(
      checkAllocations(
        100,
        [
          { invoiceId: 'sep', amountCents: 200 },
          { invoiceId: 'oct', amountCents: -100 },
        ],
        open,
      ),
    ).toEqual({ ok: false, reason: 'amount-not-positive' });
  });
});

describe('a payment whose remainder is the family’s credit', () => {
  const open = [september, october];

  it('pays every open invoice oldest first and leaves the rest unallocated, even with no invoice at all', () => {
    expect(allocateOldestFirst(9000, open, true)).toEqual({
      ok: true,
      allocations: [
        { invoiceId: 'sep', amountCents: 4260 },
        { invoiceId: 'oct', amountCents: 3550 },
      ],
    });
    expect(allocateOldestFirst(500, [], true)).toEqual({ ok: true, allocations: [] });
  });

  it('takes shares adding up to less than the payment, never to more, and still no share over its invoice', () => {
    expect(checkAllocations(5000, [{ invoiceId: 'sep', amountCents: 4000 }], open, true)).toEqual({
      ok: true,
      allocations: [{ invoiceId: 'sep', amountCents: 4000 }],
    });
    expect(checkAllocations(3000, [{ invoiceId: 'sep', amountCents: 4000 }], open, true)).toEqual({
      ok: false,
      reason: 'allocations-do-not-add-up',
      allocatedCents: 4000,
    });
    expect(checkAllocations(9000, [{ invoiceId: 'oct', amountCents: 3551 }], open, true)).toMatchObject({
      reason: 'over-left-to-pay',
    });
  });
});
