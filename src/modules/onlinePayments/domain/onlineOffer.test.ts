import { describe, expect, it } from 'vitest';
import { onlineOffer } from './onlineOffer.js';

const now = new Date('2026-11-20T10:00:00Z');
const invoice = { cancelled: false, leftToPayCents: 4200, onlinePaymentUntil: '2026-11-30' };

describe('onlineOffer', () => {
  it('offers an open invoice of at least 1 € until its online deadline, included', () => {
    expect(onlineOffer(invoice, true, [], '2026-11-30', now)).toBe('available');
    expect(onlineOffer({ ...invoice, leftToPayCents: 100 }, true, [], '2026-11-20', now)).toBe('available');
  });

  it('says why not', () => {
    expect(onlineOffer(invoice, false, [], '2026-11-20', now)).toBe('disabled');
    expect(onlineOffer({ ...invoice, leftToPayCents: 0 }, true, [], '2026-11-20', now)).toBe('closed');
    expect(onlineOffer({ ...invoice, leftToPayCents: 99 }, true, [], '2026-11-20', now)).toBe('too-small');
    expect(onlineOffer(invoice, true, [], '2026-12-01', now)).toBe('past-deadline');
    const recent = { state: 'pending' as const, createdAt: new Date(now.getTime() - 60_000) };
    expect(onlineOffer(invoice, true, [recent], '2026-11-20', now)).toBe('in-progress');
  });
});
