import { describe, expect, it } from 'vitest';
import type { DeadlineRule } from '../../services/domain/deadlines.js';
import type { CalendarFacts } from '../../services/domain/schoolCalendar.js';
import { planChanges, type CurrentCell, type PlanService, type WantedCell } from './bookingPlan.js';
import { type LateCancelledBooking, placeDelta, rebookLateCancellations } from './lateCancellations.js';

const facts: CalendarFacts = {
  year: { startsOn: '2026-09-01', endsOn: '2027-07-03', rentreeWindowEndsOn: '2026-09-30' },
  periods: [],
};
const rule: DeadlineRule = {
  deadlineDaysBefore: 15,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00',
  rentreeWindow: true,
};
const services = new Map<string, PlanService>([
  [
    'canteen',
    {
      opening: { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true },
      rule,
      majoration: { kind: 'percent', basisPoints: 5000 },
      units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
    },
  ],
  [
    'wednesday',
    {
      opening: { openWeekdays: [3], schoolPeriodsOnly: true },
      rule,
      majoration: { kind: 'percent', basisPoints: 5000 },
      units: [
        { code: 'journee', label: 'Journée', priceCents: 1800 },
        { code: 'matin', label: 'Matin', priceCents: 900 },
      ],
    },
  ],
]);

// DEADLINES.md case 1: Monday 2 November 2026 at noon; the 16th is late (deadline passed), the 17th on time.
const now = new Date('2026-11-02T12:00:00+01:00');
const rebook = (current: CurrentCell[], wanted: WantedCell[], cancelled: LateCancelledBooking[]) =>
  rebookLateCancellations(planChanges({ now, facts, services, current, wanted }).changes, cancelled);
const cancelledLate = (
  day: string,
  serviceId: string,
  unit: string,
  unitPriceCents: number,
  at = '2026-11-02T08:00:00+01:00',
  id = `${serviceId}-${unit}-${at}`,
): LateCancelledBooking => ({
  id,
  day,
  serviceId,
  unit,
  unitPriceCents,
  cancelledAt: new Date(at),
});

describe('rebookLateCancellations', () => {
  it('puts back a day cancelled late, at the price it was booked at, without a new majoration', () => {
    const [change] = rebook(
      [],
      [{ day: '2026-11-16', serviceId: 'canteen', unit: 'jour' }],
      [cancelledLate('2026-11-16', 'canteen', 'jour', 340, undefined, 'b1')],
    );
    expect(change).toMatchObject({
      action: 'book',
      unit: 'jour',
      timing: 'late',
      unitPriceCents: 340,
      majorationRule: null,
      majorationCents: 0,
      billableIfCancelled: false,
      lateCancelled: { bookingId: 'b1', effect: 'restore' },
    });
    expect(placeDelta(change!)).toBe(1);
  });

  it('books anew, with its majoration, a day with no booking cancelled late', () => {
    const [change] = rebook(
      [],
      [{ day: '2026-11-16', serviceId: 'canteen', unit: 'jour' }],
      [cancelledLate('2026-11-19', 'canteen', 'jour', 355)],
    );
    expect(change).toMatchObject({ action: 'book', majorationCents: 178 });
    expect(change!.lateCancelled).toBeUndefined();
  });

  it('books another unit as a change of unit: its own majoration, the unit cancelled late left billable, a place taken', () => {
    const [change] = rebook(
      [],
      [{ day: '2026-11-04', serviceId: 'wednesday', unit: 'matin' }],
      [cancelledLate('2026-11-04', 'wednesday', 'journee', 1800, undefined, 'b2')],
    );
    expect(change).toMatchObject({
      action: 'change-unit',
      unit: 'matin',
      previousUnit: 'journee',
      timing: 'late',
      unitPriceCents: 900,
      majorationCents: 450,
      billableIfCancelled: true,
      lateCancelled: { bookingId: 'b2', effect: 'replace' },
    });
    expect(placeDelta(change!)).toBe(1);
  });

  it('of several cancelled late on a day, restores the one of the unit asked, else replaces the latest', () => {
    const older = cancelledLate('2026-11-04', 'wednesday', 'journee', 1800, '2026-11-01T09:00:00+01:00', 'older');
    const later = cancelledLate('2026-11-04', 'wednesday', 'matin', 900, '2026-11-02T09:00:00+01:00', 'later');
    const [restored] = rebook([], [{ day: '2026-11-04', serviceId: 'wednesday', unit: 'journee' }], [later, older]);
    expect(restored!.lateCancelled).toEqual({ bookingId: 'older', effect: 'restore' });
    const [replaced] = rebook(
      [],
      [{ day: '2026-11-04', serviceId: 'wednesday', unit: 'journee' }],
      [{ ...older, unit: 'apres-midi' }, later],
    );
    expect(replaced).toMatchObject({ previousUnit: 'matin', lateCancelled: { bookingId: 'later', effect: 'replace' } });
  });

  it('restores the unit cancelled late when a live unit is changed back to it: the live one ends as planned, the place stays one', () => {
    const [change] = rebook(
      [{ day: '2026-11-04', serviceId: 'wednesday', unit: 'matin' }],
      [{ day: '2026-11-04', serviceId: 'wednesday', unit: 'journee' }],
      [cancelledLate('2026-11-04', 'wednesday', 'journee', 1800, undefined, 'b3')],
    );
    expect(change).toMatchObject({
      action: 'change-unit',
      previousUnit: 'matin',
      billableIfCancelled: true,
      majorationCents: 0,
      lateCancelled: { bookingId: 'b3', effect: 'restore' },
    });
    expect(placeDelta(change!)).toBe(0);
  });

  it('leaves alone cancellations, changes of a live unit to a unit never cancelled, and cells without a booking cancelled late', () => {
    const cancelled = [cancelledLate('2026-11-04', 'wednesday', 'apres-midi', 900)];
    const changes = rebook(
      [
        { day: '2026-11-04', serviceId: 'wednesday', unit: 'matin' },
        { day: '2026-11-19', serviceId: 'canteen', unit: 'jour' },
      ],
      [
        { day: '2026-11-04', serviceId: 'wednesday', unit: 'journee' },
        { day: '2026-11-19', serviceId: 'canteen', unit: null },
        { day: '2026-11-17', serviceId: 'canteen', unit: 'jour' },
      ],
      cancelled,
    );
    expect(changes.map((c) => [c.day, c.action, c.lateCancelled])).toEqual([
      ['2026-11-04', 'change-unit', undefined],
      ['2026-11-17', 'book', undefined],
      ['2026-11-19', 'cancel', undefined],
    ]);
    expect(changes.map(placeDelta)).toEqual([0, 1, -1]);
  });
});
