/**
 * What saving a child's reservations would change: from the bookings the child holds and the state
 * wanted for each (day, service) cell, the changes to make, each with its timing and price, and the
 * refusals, each with its reason in French. Nothing is dropped silently: a cell that cannot change
 * comes back as a refusal. Places are not counted here; the service checks them under the row lock.
 */
import { formatLocalDateTime } from '../../../shared/dates.js';
import type { LocalDay } from '../../../shared/localDays.js';
import { changeTiming, rentreeWindowFor, type DeadlineRule } from '../../services/domain/deadlines.js';
import { describeMajoration, majorationAmount, type MajorationRule } from '../../services/domain/majoration.js';
import {
  dayOpening,
  type CalendarFacts,
  type ClosedReason,
  type ServiceOpening,
} from '../../services/domain/schoolCalendar.js';
import { byCell, cellKey } from './cells.js';

export interface PlanUnit {
  code: string;
  label: string;
  priceCents: number;
}

/** A service the child is enrolled in, with the rules the plan applies. */
export interface PlanService {
  opening: ServiceOpening;
  rule: DeadlineRule;
  majoration: MajorationRule;
  units: PlanUnit[];
}

/** A live booking of the child ('reserve'). */
export interface CurrentCell {
  day: LocalDay;
  serviceId: string;
  unit: string;
}

/** The state wanted for a cell: a unit's code, or null for « not booked ». */
export interface WantedCell {
  day: LocalDay;
  serviceId: string;
  unit: string | null;
}

export interface BookingPlanInput {
  now: Date;
  /** The school year of the days planned, with the commune's days off. */
  facts: CalendarFacts;
  /** The services the child is enrolled in for that year, by id. */
  services: ReadonlyMap<string, PlanService>;
  current: readonly CurrentCell[];
  /** Only these cells are considered; when a cell is listed twice, the last one counts. */
  wanted: readonly WantedCell[];
}

export type PlanAction = 'book' | 'cancel' | 'change-unit';

export interface PlannedChange {
  day: LocalDay;
  serviceId: string;
  action: PlanAction;
  /** The unit booked after the change; for a cancellation, the unit cancelled. */
  unit: string;
  /** For a change of unit: the unit it replaces. */
  previousUnit?: string;
  timing: 'on-time' | 'late';
  /** Price of the unit booked (0 for a cancellation). */
  unitPriceCents: number;
  /** The majoration's wording kept with a late booking (« +50 % »); null when none. */
  majorationRule: string | null;
  /** The majoration of a late booking or change of unit; 0 otherwise. */
  majorationCents: number;
  /**
   * Whether the booking this change ends (a cancellation, or the unit a change replaces) stays
   * billable: a late cancellation does (DEADLINES.md), unless an absence is justified later.
   */
  billableIfCancelled: boolean;
  /** Until when this cell can be changed on time, and at all online. */
  onTimeUntil: Date;
  cutoff: Date;
}

export type PlanRefusalCode = ClosedReason | 'passe' | 'cut-off' | 'non-inscrit' | 'formule-inconnue';

export interface PlanRefusal {
  day: LocalDay;
  serviceId: string;
  code: PlanRefusalCode;
  /** In French, for the family. */
  reason: string;
}

export interface BookingPlan {
  changes: PlannedChange[];
  refusals: PlanRefusal[];
}

/** Why a change on a past day or after the cut-off is refused, in French, with where to turn. */
function timingRefusal(code: 'passe' | 'cut-off', cutoff: Date): string {
  return code === 'passe'
    ? 'Ce jour est passé : il ne peut plus être modifié.'
    : `Modifiable en ligne jusqu'au ${formatLocalDateTime(cutoff)} : contactez le guichet unique.`;
}

/** The changes and refusals of saving `wanted` over `current` at `now`. */
export function planChanges(input: BookingPlanInput): BookingPlan {
  const booked = new Map(input.current.map((cell) => [cellKey(cell), cell.unit]));
  const wanted = new Map(input.wanted.map((cell) => [cellKey(cell), cell]));
  const changes: PlannedChange[] = [];
  const refusals: PlanRefusal[] = [];

  for (const { day, serviceId, unit } of wanted.values()) {
    const held = booked.get(cellKey({ day, serviceId })) ?? null;
    if (held === unit) continue;
    const refuse = (code: PlanRefusalCode, reason: string) => refusals.push({ day, serviceId, code, reason });

    const service = input.services.get(serviceId);
    if (!service) {
      refuse('non-inscrit', "L'enfant n'a pas d'inscription acceptée à ce service pour cette année scolaire.");
      continue;
    }
    const newUnit = unit === null ? null : service.units.find((candidate) => candidate.code === unit);
    if (newUnit === undefined) {
      refuse('formule-inconnue', "Cette formule n'existe pas pour ce service.");
      continue;
    }
    const opening = dayOpening(day, input.facts, service.opening);
    if (!opening.open) {
      refuse(opening.reason, `Fermé : ${opening.label}.`);
      continue;
    }
    const timing = changeTiming({
      now: input.now,
      day,
      rule: service.rule,
      rentreeWindowEndsOn: rentreeWindowFor(day, input.facts.year),
    });
    if (timing.timing === 'refused') {
      const code = timing.refusal ?? 'cut-off';
      refuse(code, timingRefusal(code, timing.cutoff));
      continue;
    }

    const late = timing.timing === 'late';
    const dates = { onTimeUntil: timing.onTimeUntil, cutoff: timing.cutoff };
    if (newUnit === null) {
      if (held === null) continue;
      changes.push({
        day,
        serviceId,
        action: 'cancel',
        unit: held,
        timing: timing.timing,
        unitPriceCents: 0,
        majorationRule: null,
        majorationCents: 0,
        billableIfCancelled: late,
        ...dates,
      });
      continue;
    }
    changes.push({
      day,
      serviceId,
      action: held === null ? 'book' : 'change-unit',
      unit: newUnit.code,
      ...(held === null ? {} : { previousUnit: held }),
      timing: timing.timing,
      unitPriceCents: newUnit.priceCents,
      majorationRule: late ? describeMajoration(service.majoration) : null,
      majorationCents: late ? majorationAmount(newUnit.priceCents, service.majoration) : 0,
      billableIfCancelled: held !== null && late,
      ...dates,
    });
  }

  return { changes: changes.sort(byCell), refusals: refusals.sort(byCell) };
}
