import { describe, expect, it } from 'vitest';
import type { CatalogueService } from '../../services/domain/catalogueService.js';
import { cellKey } from './cells.js';
import {
  type ChildContext,
  type HeldBooking,
  evaluate,
  isFull,
  placesMoved,
  placesWanted,
  summarize,
  withPlaces,
} from './reservationPlan.js';

const rule = {
  deadlineDaysBefore: 15,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00',
  rentreeWindow: true,
};
const service = (id: string, placesPerDay: number | null): CatalogueService => ({
  id,
  kind: 'restauration',
  name: id,
  description: '',
  opening: { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true },
  rule,
  majoration: { kind: 'percent', basisPoints: 5000 },
  illnessReportTime: '09:00',
  requiredDocuments: [],
  placesPerDay,
  units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
  active: true,
});
const year = {
  id: 'y2026',
  communeId: 'c',
  label: '2026-2027',
  startsOn: '2026-09-01',
  endsOn: '2027-07-03',
  rentreeWindowEndsOn: '2026-09-30',
};
const context: ChildContext = {
  communeId: 'c',
  member: { id: 'm', familyId: 'f', firstName: 'Léa', lastName: 'Martin', relation: 'enfant', birthDate: '2018-05-14' },
  calendar: { years: [year], periods: [] },
  services: new Map([
    ['canteen', service('canteen', 2)],
    ['evening', service('evening', null)],
  ]),
  enrolled: new Map([['y2026', new Set(['canteen', 'evening'])]]),
};
// Case 1 of DEADLINES.md: Monday 2 November 2026 at noon; the days below are on time.
const now = new Date('2026-11-02T12:00:00+01:00');
const held = (day: string, serviceId: string): HeldBooking => ({
  id: `${serviceId}-${day}`,
  day,
  serviceId,
  unit: 'jour',
  status: 'reserve',
  unitPriceCents: 355,
  cancelledAt: null,
});

describe('isFull', () => {
  const taken = new Map([[cellKey({ serviceId: 'canteen', day: '2026-11-19' }), 2]]);

  it('is full when every place of a limited day is taken, not before', () => {
    expect(isFull(2, taken, { serviceId: 'canteen', day: '2026-11-19' })).toBe(true);
    expect(isFull(3, taken, { serviceId: 'canteen', day: '2026-11-19' })).toBe(false);
  });

  it('is never full for a day never counted, nor for a service with no limit', () => {
    expect(isFull(1, taken, { serviceId: 'canteen', day: '2026-11-20' })).toBe(false);
    expect(isFull(null, taken, { serviceId: 'canteen', day: '2026-11-19' })).toBe(false);
  });
});

describe('the places of a plan', () => {
  const wanted = [
    { day: '2026-11-19', serviceId: 'canteen', unit: 'jour' },
    { day: '2026-11-20', serviceId: 'canteen', unit: null },
    { day: '2026-11-23', serviceId: 'canteen', unit: 'jour' },
    { day: '2026-11-19', serviceId: 'evening', unit: 'jour' },
  ];
  const plan = evaluate(context, wanted, [held('2026-11-20', 'canteen')], now);

  it('locks the limited days whose counter moves, taken or given back, and no unlimited day', () => {
    expect(placesMoved(context, plan)).toEqual([
      { serviceId: 'canteen', day: '2026-11-19' },
      { serviceId: 'canteen', day: '2026-11-20' },
      { serviceId: 'canteen', day: '2026-11-23' },
    ]);
  });

  it('counts, without a lock, the limited services of the days taken and their span', () => {
    expect(placesWanted(context, plan)).toEqual({ serviceIds: ['canteen'], from: '2026-11-19', to: '2026-11-23' });
  });

  it('refuses as « complet » a day taken with no place left, and keeps the rest of the plan', () => {
    const placed = withPlaces(context, plan, new Map([[cellKey({ serviceId: 'canteen', day: '2026-11-23' }), 2]]));
    expect(placed.refusals).toMatchObject([{ day: '2026-11-23', serviceId: 'canteen', code: 'complet' }]);
    expect(placed.changes.map(({ day, serviceId, action }) => [day, serviceId, action])).toEqual([
      ['2026-11-19', 'canteen', 'book'],
      ['2026-11-19', 'evening', 'book'],
      ['2026-11-20', 'canteen', 'cancel'],
    ]);
  });
});

describe('the fingerprint of a summary', () => {
  const wanted = [{ day: '2026-11-19', serviceId: 'canteen', unit: 'jour' }];
  const fingerprint = (taken: Map<string, number>, at = now) =>
    summarize(context, withPlaces(context, evaluate(context, wanted, [], at), taken), wanted).fingerprint;

  it('is the same for the same plan', () => {
    expect(fingerprint(new Map())).toBe(fingerprint(new Map()));
  });

  it('changes when a change becomes a refusal, or late (another price)', () => {
    const before = fingerprint(new Map());
    expect(fingerprint(new Map([[cellKey({ serviceId: 'canteen', day: '2026-11-19' }), 2]]))).not.toBe(before);
    expect(fingerprint(new Map(), new Date('2026-11-10T12:00:00+01:00'))).not.toBe(before);
  });
});
