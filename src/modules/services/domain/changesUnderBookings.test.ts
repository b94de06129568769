import { describe, expect, it } from 'vitest';
import { daysOverLimit, sessionTermsChanged } from './changesUnderBookings.js';

describe('places per day', () => {
  const days = [
    { day: '2026-11-20', booked: 3 },
    { day: '2026-11-16', booked: 5 },
    { day: '2026-11-19', booked: 2 },
    { day: '2026-11-23', booked: 1 },
  ];

  it('finds the days from today on with more bookings than places, in day order; the past and the full-but-not-over days are not', () => {
    expect(daysOverLimit(days, 2, '2026-11-17')).toEqual([{ day: '2026-11-20', booked: 3 }]);
    expect(daysOverLimit(days, 1, '2026-11-16')).toEqual([
      { day: '2026-11-16', booked: 5 },
      { day: '2026-11-19', booked: 2 },
      { day: '2026-11-20', booked: 3 },
    ]);
    expect(daysOverLimit(days, 5, '2026-11-16')).toEqual([]);
    expect(daysOverLimit(days, null, '2026-11-16')).toEqual([]);
  });
});

describe('a session changed under its bookings', () => {
  it('names the terms children were booked under that changed, in a fixed order', () => {
    expect(sessionTermsChanged(['places', 'priceCents', 'name', 'description'])).toEqual([]);
    expect(sessionTermsChanged(['endsOn'])).toEqual(['dates']);
    expect(sessionTermsChanged(['maxAge', 'serviceId', 'startsOn', 'minAge'])).toEqual(['dates', 'ages', 'service']);
  });
});
