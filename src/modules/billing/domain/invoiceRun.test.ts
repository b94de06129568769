import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/localDays.js';
import { type RunBooking, type RunInput, type RunService, draftInvoices, lineKey } from './invoiceRun.js';
import type { FamilyQuotient, QfBracket } from './quotient.js';
import type { TariffGrid } from './tariffs.js';

/** A small seeded generator: every failure can be replayed from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]) => values[int(0, values.length - 1)]!;
  return { int, pick, chance: (p: number) => next() < p };
}

const SERVICES = ['s-matin', 's-cantine'] as const;
const UNITS = ['jour', 'journee'] as const;

function randomCase(seed: number): RunInput {
  const { int, pick, chance } = generator(seed);
  const bracketCount = int(1, 7);
  const brackets: QfBracket[] = [];
  let bound = 0;
  for (let rank = 1; rank <= bracketCount; rank++) {
    bound += int(1, 600);
    brackets.push({ rank, upperBound: rank === bracketCount ? null : bound });
  }
  const grids: TariffGrid[] = [];
  for (const serviceId of SERVICES)
    for (const unit of UNITS)
      for (let g = int(0, 3); g > 0; g--) {
        const startsOn = addDays('2026-09-01', int(-60, 90));
        // The database keeps two grids of a unit from starting the same day (tariff_grids_start).
        if (grids.some((grid) => grid.serviceId === serviceId && grid.unit === unit && grid.startsOn === startsOn))
          continue;
        grids.push({
          id: `grid-${grids.length}`,
          serviceId,
          unit,
          startsOn,
          nonResidentCents: chance(0.4) ? int(0, 100_000) : null,
          prices: brackets.map((bracket) => {
            const priceCents = int(0, 100_000);
            return { bracketRank: bracket.rank, priceCents, mealCents: chance(0.5) ? int(0, priceCents) : null };
          }),
        });
      }
  const percent = int(0, 10_000);
  const fixed = int(0, 5_000);
  const services = new Map<string, RunService>(
    SERVICES.map((id, index) => [
      id,
      {
        name: id,
        units: UNITS.map((code) => ({ code, label: code })),
        majoration:
          index === 0
            ? {
                amountOf: (cents: number) => Math.floor((cents * percent + 5000) / 10000),
                words: `+${percent / 100} %`,
              }
            : { amountOf: () => fixed, words: `+${fixed} c` },
      },
    ]),
  );
  const families = Array.from({ length: int(1, 6) }, (_, n) => `family-${n}`);
  const quotients = new Map<string, FamilyQuotient[]>();
  for (const family of families) {
    const list: FamilyQuotient[] = [];
    for (let q = int(0, 3); q > 0; q--) {
      const validFrom = addDays('2026-09-01', int(-30, 80));
      list.push({
        value: int(0, bound + 500),
        source: pick(['caf', 'msa', 'avis-imposition', 'guichet'] as const),
        validFrom,
        validTo: addDays(validFrom, int(0, 120)),
        enteredAt: new Date(Date.UTC(2026, 0, 1) + int(0, 1_000_000) * 1000),
      });
    }
    quotients.set(family, list);
  }
  const nonResidents = new Set(families.filter(() => chance(0.3)));
  const bookings: RunBooking[] = [];
  const used = new Set<string>();
  for (let b = int(0, 60); b > 0; b--) {
    const familyId = pick(families);
    const memberId = `${familyId}-child-${int(0, 1)}`;
    const serviceId = pick(SERVICES);
    const day = addDays('2026-09-01', int(0, 120));
    // The database gives the run one booking per child, service and day (billableBookings).
    if (used.has(`${memberId}|${serviceId}|${day}`)) continue;
    used.add(`${memberId}|${serviceId}|${day}`);
    const late = chance(0.3);
    const unitPriceCents = int(0, 100_000);
    bookings.push({
      bookingId: `booking-${b}`,
      familyId,
      memberId,
      memberName: memberId,
      serviceId,
      unit: pick(UNITS),
      day,
      status: chance(0.8) ? 'reserve' : 'annule',
      cancelledLate: chance(0.5),
      source: pick(['famille', 'guichet', 'pointage'] as const),
      late,
      unitPriceCents,
      majorationCents: late && chance(0.8) ? int(1, 5_000) : 0,
      majorationRule: late ? '+50 %' : null,
    });
  }
  const closed = new Set(Array.from({ length: int(0, 10) }, () => addDays('2026-09-01', int(0, 120))));
  return {
    bookings,
    sessionPlaces: [],
    services,
    isOpen: (_serviceId, day) => !closed.has(day),
    brackets,
    grids,
    sessionPrices: new Map(),
    quotients,
    nonResidents,
    minimumCents: int(0, 3_000),
  };
}

/** What a family owes for its days, computed again here in the plainest way, apart from the rules under test. */
function expectedTotals(input: RunInput): Map<string, number> {
  const totals = new Map<string, number>();
  for (const booking of input.bookings) {
    if (!input.isOpen(booking.serviceId, booking.day)) continue;
    if (booking.status === 'annule' && !booking.cancelledLate) continue;
    const covering = (input.quotients.get(booking.familyId) ?? []).filter(
      (quotient) => quotient.validFrom <= booking.day && booking.day <= quotient.validTo,
    );
    covering.sort((a, b) => b.enteredAt.getTime() - a.enteredAt.getTime());
    const qf = covering[0]?.value;
    const bracket =
      qf === undefined
        ? input.brackets.length
        : (input.brackets.find((candidate) => candidate.upperBound === null || qf <= candidate.upperBound)?.rank ??
          input.brackets.length);
    const started = input.grids
      .filter(
        (grid) => grid.serviceId === booking.serviceId && grid.unit === booking.unit && grid.startsOn <= booking.day,
      )
      .sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
    const grid = started[0];
    let amount: number;
    if (!grid) amount = booking.unitPriceCents + (booking.late ? booking.majorationCents : 0);
    else {
      const price =
        input.nonResidents.has(booking.familyId) && grid.nonResidentCents !== null
          ? grid.nonResidentCents
          : grid.prices.find((candidate) => candidate.bracketRank === bracket)!.priceCents;
      const majoration =
        booking.late && booking.majorationCents > 0
          ? input.services.get(booking.serviceId)!.majoration.amountOf(price)
          : 0;
      amount = price + majoration;
    }
    totals.set(booking.familyId, (totals.get(booking.familyId) ?? 0) + amount);
  }
  return totals;
}

describe('the month’s run, over random grids, QFs, days and majorations', () => {
  it('bills each billable day once, and each invoice’s total is the sum of its lines and of its days', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const input = randomCase(seed);
      const drafts = draftInvoices(input);
      const expected = expectedTotals(input);
      const context = `seed ${seed}`;
      expect(new Map(drafts.map((draft) => [draft.familyId, draft.totalCents])), context).toEqual(expected);
      const keys = new Set<string>();
      for (const draft of drafts) {
        let sum = 0;
        for (const line of draft.lines) {
          expect(Number.isSafeInteger(line.amountCents), context).toBe(true);
          expect(line.amountCents, context).toBe(line.quantity * line.unitPriceCents + line.majorationCents);
          expect(line.familyId, context).toBe(draft.familyId);
          expect(keys.has(lineKey(line)), context).toBe(false);
          keys.add(lineKey(line));
          sum += line.amountCents;
        }
        expect(draft.totalCents, context).toBe(sum);
        expect(draft.warnings.includes('below-minimum'), context).toBe(draft.totalCents < input.minimumCents);
      }
    }
  });
});
