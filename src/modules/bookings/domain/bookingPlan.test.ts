import { describe, expect, it } from 'vitest';
import type { DeadlineRule } from '../../services/domain/deadlines.js';
import type { CalendarFacts } from '../../services/domain/schoolCalendar.js';
import { planChanges, type CurrentCell, type PlanService, type WantedCell } from './bookingPlan.js';

const nbsp = '\u00a0';
const facts: CalendarFacts = {
  year: { startsOn: '2026-09-01', endsOn: '2027-07-03', rentreeWindowEndsOn: '2026-09-30' },
  periods: [
    { kind: 'vacances', label: 'Vacances de la Toussaint', startsOn: '2026-10-17', endsOn: '2026-11-01' },
    { kind: 'vacances', label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
    { kind: 'fermeture', label: 'Fermeture exceptionnelle', startsOn: '2026-11-12', endsOn: '2026-11-13' },
  ],
};
const rule: DeadlineRule = {
  deadlineDaysBefore: 15,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00',
  rentreeWindow: true,
};
const schoolDays = { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true };
const services = new Map<string, PlanService>([
  [
    'canteen',
    {
      opening: schoolDays,
      rule,
      majoration: { kind: 'percent', basisPoints: 5000 },
      units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
    },
  ],
  [
    'evening',
    {
      opening: schoolDays,
      rule,
      majoration: { kind: 'fixed', cents: 150 },
      units: [{ code: 'jour', label: 'Soir', priceCents: 250 }],
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

// Case 1 of DEADLINES.md: Monday 2 November 2026 at noon.
const monday = new Date('2026-11-02T12:00:00+01:00');
const plan = (current: CurrentCell[], wanted: WantedCell[], now = monday) =>
  planChanges({ now, facts, services, current, wanted });

describe('planChanges', () => {
  it('books a day on time, at the unit price, without majoration', () => {
    const { changes, refusals } = plan([], [{ day: '2026-11-17', serviceId: 'canteen', unit: 'jour' }]);
    expect(refusals).toEqual([]);
    expect(changes).toEqual([
      {
        day: '2026-11-17',
        serviceId: 'canteen',
        action: 'book',
        unit: 'jour',
        timing: 'on-time',
        unitPriceCents: 355,
        majorationRule: null,
        majorationCents: 0,
        billableIfCancelled: false,
        onTimeUntil: new Date('2026-11-02T22:59:59Z'),
        cutoff: new Date('2026-11-16T09:00:00Z'),
      },
    ]);
  });

  it('books a late day with the majoration of its rule, as it is now', () => {
    const { changes } = plan(
      [],
      [
        { day: '2026-11-16', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-11-16', serviceId: 'evening', unit: 'jour' },
      ],
    );
    expect(changes).toMatchObject([
      {
        serviceId: 'canteen',
        action: 'book',
        timing: 'late',
        unitPriceCents: 355,
        majorationRule: `+50${nbsp}%`,
        majorationCents: 178,
      },
      {
        serviceId: 'evening',
        action: 'book',
        timing: 'late',
        unitPriceCents: 250,
        majorationRule: `+1,50${nbsp}€`,
        majorationCents: 150,
      },
    ]);
  });

  it('cancels on time without charge, and late while keeping the booking billable', () => {
    const { changes } = plan(
      [
        { day: '2026-11-10', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-11-19', serviceId: 'canteen', unit: 'jour' },
      ],
      [
        { day: '2026-11-10', serviceId: 'canteen', unit: null },
        { day: '2026-11-19', serviceId: 'canteen', unit: null },
      ],
    );
    expect(changes).toMatchObject([
      {
        day: '2026-11-10',
        action: 'cancel',
        unit: 'jour',
        timing: 'late',
        majorationCents: 0,
        majorationRule: null,
        billableIfCancelled: true,
      },
      {
        day: '2026-11-19',
        action: 'cancel',
        unit: 'jour',
        timing: 'on-time',
        majorationCents: 0,
        billableIfCancelled: false,
      },
    ]);
  });

  it('changes the unit of a day: on time freely, late with the new unit’s majoration and the old one billable', () => {
    const { changes } = plan(
      [
        { day: '2026-11-04', serviceId: 'wednesday', unit: 'journee' },
        { day: '2026-11-25', serviceId: 'wednesday', unit: 'journee' },
      ],
      [
        { day: '2026-11-04', serviceId: 'wednesday', unit: 'matin' },
        { day: '2026-11-25', serviceId: 'wednesday', unit: 'matin' },
      ],
    );
    expect(changes).toMatchObject([
      {
        day: '2026-11-04',
        action: 'change-unit',
        unit: 'matin',
        previousUnit: 'journee',
        timing: 'late',
        unitPriceCents: 900,
        majorationCents: 450,
        billableIfCancelled: true,
      },
      {
        day: '2026-11-25',
        action: 'change-unit',
        unit: 'matin',
        previousUnit: 'journee',
        timing: 'on-time',
        unitPriceCents: 900,
        majorationCents: 0,
        billableIfCancelled: false,
      },
    ]);
  });

  it('refuses a change after the cut-off and on a past day, saying where to turn', () => {
    const { changes, refusals } = plan(
      [{ day: '2026-11-03', serviceId: 'evening', unit: 'jour' }],
      [
        { day: '2026-11-03', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-11-03', serviceId: 'evening', unit: null },
        { day: '2026-09-15', serviceId: 'canteen', unit: 'jour' },
      ],
    );
    expect(changes).toEqual([]);
    expect(refusals).toEqual([
      {
        day: '2026-09-15',
        serviceId: 'canteen',
        code: 'passe',
        reason: 'Ce jour est passé : il ne peut plus être modifié.',
      },
      {
        day: '2026-11-03',
        serviceId: 'canteen',
        code: 'cut-off',
        reason: "Modifiable en ligne jusqu'au 02/11/2026 à 10:00 : contactez le guichet unique.",
      },
      {
        day: '2026-11-03',
        serviceId: 'evening',
        code: 'cut-off',
        reason: "Modifiable en ligne jusqu'au 02/11/2026 à 10:00 : contactez le guichet unique.",
      },
    ]);
  });

  it('refuses a closed day with its reason, whatever the time', () => {
    const { changes, refusals } = plan(
      [{ day: '2026-11-12', serviceId: 'canteen', unit: 'jour' }],
      [
        { day: '2026-11-11', serviceId: 'wednesday', unit: 'journee' },
        { day: '2026-11-12', serviceId: 'canteen', unit: null },
        { day: '2026-11-18', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-12-21', serviceId: 'canteen', unit: 'jour' },
        { day: '2027-07-06', serviceId: 'canteen', unit: 'jour' },
      ],
    );
    expect(changes).toEqual([]);
    expect(refusals).toEqual([
      { day: '2026-11-11', serviceId: 'wednesday', code: 'ferie', reason: 'Fermé : Armistice 1918 (jour férié).' },
      { day: '2026-11-12', serviceId: 'canteen', code: 'fermeture', reason: 'Fermé : Fermeture exceptionnelle.' },
      {
        day: '2026-11-18',
        serviceId: 'canteen',
        code: 'jour-sans-accueil',
        reason: "Fermé : Pas d'accueil ce jour-là.",
      },
      { day: '2026-12-21', serviceId: 'canteen', code: 'vacances', reason: 'Fermé : Vacances de Noël.' },
      { day: '2027-07-06', serviceId: 'canteen', code: 'hors-annee', reason: 'Fermé : Hors année scolaire.' },
    ]);
  });

  it('refuses a service the child is not enrolled in and a unit the service does not have', () => {
    const { refusals } = plan(
      [],
      [
        { day: '2026-11-17', serviceId: 'morning', unit: 'jour' },
        { day: '2026-11-25', serviceId: 'wednesday', unit: 'soiree' },
      ],
    );
    expect(refusals).toMatchObject([
      { day: '2026-11-17', serviceId: 'morning', code: 'non-inscrit' },
      { day: '2026-11-25', serviceId: 'wednesday', code: 'formule-inconnue' },
    ]);
  });

  it('produces nothing for unchanged cells, even on past, closed or frozen days', () => {
    const { changes, refusals } = plan(
      [
        { day: '2026-11-17', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-10-06', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-11-03', serviceId: 'canteen', unit: 'jour' },
      ],
      [
        { day: '2026-11-17', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-10-06', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-11-03', serviceId: 'canteen', unit: 'jour' },
        { day: '2026-10-08', serviceId: 'canteen', unit: null },
        { day: '2026-11-11', serviceId: 'canteen', unit: null },
        { day: '2026-11-19', serviceId: 'evening', unit: null },
      ],
    );
    expect(changes).toEqual([]);
    expect(refusals).toEqual([]);
  });

  it('leaves bookings of cells not listed alone, and takes the last of a cell listed twice', () => {
    const { changes } = plan(
      [{ day: '2026-11-19', serviceId: 'canteen', unit: 'jour' }],
      [
        { day: '2026-11-20', serviceId: 'canteen', unit: null },
        { day: '2026-11-20', serviceId: 'canteen', unit: 'jour' },
      ],
    );
    expect(changes).toMatchObject([{ day: '2026-11-20', action: 'book' }]);
  });

  it('applies the rentrée window of the school year to its days', () => {
    const { changes } = plan(
      [],
      [{ day: '2026-10-02', serviceId: 'evening', unit: 'jour' }],
      new Date('2026-09-28T15:00:00+02:00'),
    );
    expect(changes).toMatchObject([
      { action: 'book', timing: 'on-time', majorationCents: 0, onTimeUntil: new Date('2026-09-30T21:59:59Z') },
    ]);
    const afterWindow = plan(
      [],
      [{ day: '2026-10-02', serviceId: 'evening', unit: 'jour' }],
      new Date('2026-10-01T00:00:01+02:00'),
    );
    expect(afterWindow.changes).toMatchObject([{ action: 'book', timing: 'late', majorationCents: 150 }]);
  });
});
