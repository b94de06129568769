/**
 * The month's run (BILLING.md, « the month's run gathers the family's unbilled lines »): every billable
 * day priced and frozen into a line, the lines gathered into one draft per family, with the warnings the
 * review shows. Pure: what the database holds comes in, the drafts go out.
 */
import type { LocalDay } from '../../../shared/localDays.js';
import { type BookingFacts, billableKind, billableSession } from './billable.js';
import { type InvoiceLineKindCode, totalOf } from './invoiceLines.js';
import {
  type BookedPrice,
  type Majoration,
  type PricedDay,
  type PricingContext,
  priceDay,
  priceSession,
} from './pricing.js';
import type { FamilyQuotient, QfBracket } from './quotient.js';
import type { GridPrice, TariffGrid } from './tariffs.js';

export interface RunBooking extends BookingFacts, BookedPrice {
  bookingId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  unit: string;
  day: LocalDay;
}

export interface RunSessionPlace extends BookedPrice {
  sessionBookingId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  sessionId: string;
  sessionName: string;
  startsOn: LocalDay;
  status: 'inscrit' | 'annule';
  cancelledLate: boolean;
}

export interface RunService {
  name: string;
  units: { code: string; label: string }[];
  majoration: Majoration;
}

export interface RunInput {
  bookings: readonly RunBooking[];
  sessionPlaces: readonly RunSessionPlace[];
  services: ReadonlyMap<string, RunService>;
  /** Whether the service opened that day (a closure added after the booking makes it free). */
  isOpen: (serviceId: string, day: LocalDay) => boolean;
  brackets: readonly QfBracket[];
  grids: readonly TariffGrid[];
  sessionPrices: ReadonlyMap<string, readonly GridPrice[]>;
  quotients: ReadonlyMap<string, readonly FamilyQuotient[]>;
  nonResidents: ReadonlySet<string>;
  minimumCents: number;
}

export interface RunLine extends PricedDay {
  familyId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  serviceName: string;
  unit: string;
  unitLabel: string;
  day: LocalDay;
  kind: InvoiceLineKindCode;
  bookingId: string | null;
  sessionBookingId: string | null;
  sessionName: string | null;
  quantity: number;
}

export type RunWarning = 'qf-missing' | 'below-minimum';

export interface RunDraft {
  familyId: string;
  lines: RunLine[];
  totalCents: number;
  warnings: RunWarning[];
}

/** The drafts of a run, one per family with at least one billable line, in family order. */
export function draftInvoices(input: RunInput): RunDraft[] {
  const byFamily = new Map<string, RunLine[]>();
  const add = (line: RunLine) => {
    const lines = byFamily.get(line.familyId);
    if (lines) lines.push(line);
    else byFamily.set(line.familyId, [line]);
  };
  const contexts = new Map<string, PricingContext>();
  const contextOf = (familyId: string): PricingContext => {
    let context = contexts.get(familyId);
    if (!context) {
      context = {
        brackets: input.brackets,
        quotients: input.quotients.get(familyId) ?? [],
        nonResident: input.nonResidents.has(familyId),
      };
      contexts.set(familyId, context);
    }
    return context;
  };
  for (const booking of input.bookings) {
    const service = input.services.get(booking.serviceId);
    if (!service) continue;
    const kind = billableKind(booking, {
      justifiedAbsence: false,
      serviceOpen: input.isOpen(booking.serviceId, booking.day),
    });
    if (!kind) continue;
    const priced = priceDay({
      day: booking.day,
      serviceId: booking.serviceId,
      unit: booking.unit,
      booked: booking,
      grids: input.grids,
      majoration: service.majoration,
      context: contextOf(booking.familyId),
    });
    add(
      runLine(priced, {
        familyId: booking.familyId,
        memberId: booking.memberId,
        memberName: booking.memberName,
        serviceId: booking.serviceId,
        serviceName: service.name,
        unit: booking.unit,
        unitLabel: service.units.find((unit) => unit.code === booking.unit)?.label ?? booking.unit,
        day: booking.day,
        kind,
        bookingId: booking.bookingId,
        sessionBookingId: null,
        sessionName: null,
      }),
    );
  }
  for (const place of input.sessionPlaces) {
    const service = input.services.get(place.serviceId);
    if (!service || !billableSession(place)) continue;
    const priced = priceSession({
      startsOn: place.startsOn,
      booked: place,
      prices: input.sessionPrices.get(place.sessionId) ?? [],
      majoration: service.majoration,
      context: contextOf(place.familyId),
    });
    add(
      runLine(priced, {
        familyId: place.familyId,
        memberId: place.memberId,
        memberName: place.memberName,
        serviceId: place.serviceId,
        serviceName: service.name,
        unit: 'session',
        unitLabel: place.sessionName,
        day: place.startsOn,
        kind: place.status === 'annule' ? 'annulation-tardive' : 'session',
        bookingId: null,
        sessionBookingId: place.sessionBookingId,
        sessionName: place.sessionName,
      }),
    );
  }
  const drafts: RunDraft[] = [];
  for (const [familyId, lines] of [...byFamily.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const totalCents = totalOf(lines);
    const warnings: RunWarning[] = [];
    if (lines.some(pricedWithoutQf)) warnings.push('qf-missing');
    if (totalCents < input.minimumCents) warnings.push('below-minimum');
    drafts.push({ familyId, lines, totalCents, warnings });
  }
  return drafts;
}

/**
 * A line: what it bills and how it was priced, one unit. Written out property by property, in one shape
 * for every line: a month holds hundreds of thousands of them, and an object spread into a wide literal
 * costs several times the memory and time.
 */
function runLine(priced: PricedDay, what: Omit<RunLine, keyof PricedDay | 'quantity'>): RunLine {
  return {
    familyId: what.familyId,
    memberId: what.memberId,
    memberName: what.memberName,
    serviceId: what.serviceId,
    serviceName: what.serviceName,
    unit: what.unit,
    unitLabel: what.unitLabel,
    day: what.day,
    kind: what.kind,
    bookingId: what.bookingId,
    sessionBookingId: what.sessionBookingId,
    sessionName: what.sessionName,
    quantity: 1,
    gridId: priced.gridId,
    bracketRank: priced.bracketRank,
    qfValue: priced.qfValue,
    qfSource: priced.qfSource,
    nonResident: priced.nonResident,
    unitPriceCents: priced.unitPriceCents,
    mealCents: priced.mealCents,
    majorationCents: priced.majorationCents,
    majorationRule: priced.majorationRule,
    amountCents: priced.amountCents,
  };
}

/** A line priced at the highest bracket for want of a QF valid that day. */
export function pricedWithoutQf(line: { bracketRank: number | null; qfValue: number | null }): boolean {
  return line.bracketRank !== null && line.qfValue === null;
}

/** A line's identity: the child's day of a service, or the session place. */
export function lineKey(line: {
  memberId: string;
  serviceId: string;
  day: LocalDay;
  sessionBookingId: string | null;
}): string {
  return line.sessionBookingId ? `session:${line.sessionBookingId}` : `${line.memberId}|${line.serviceId}|${line.day}`;
}

/**
 * The families whose days changed since their drafts were made (attendance corrected, a day cancelled,
 * an absence justified): their draft's lines differ from what a new pricing gives.
 */
export function changedFamilies(
  drafted: readonly {
    familyId: string;
    memberId: string;
    serviceId: string;
    day: LocalDay;
    sessionBookingId: string | null;
    amountCents: number;
  }[],
  fresh: readonly RunDraft[],
): Set<string> {
  const signature = (
    lines: readonly {
      memberId: string;
      serviceId: string;
      day: LocalDay;
      sessionBookingId: string | null;
      amountCents: number;
    }[],
  ) =>
    lines
      .map((line) => `${lineKey(line)}=${line.amountCents}`)
      .sort()
      .join(',');
  const before = new Map<string, (typeof drafted)[number][]>();
  for (const line of drafted) before.set(line.familyId, [...(before.get(line.familyId) ?? []), line]);
  const changed = new Set<string>();
  const after = new Map(fresh.map((draft) => [draft.familyId, draft.lines]));
  for (const familyId of new Set([...before.keys(), ...after.keys()]))
    if (signature(before.get(familyId) ?? []) !== signature(after.get(familyId) ?? [])) changed.add(familyId);
  return changed;
}
