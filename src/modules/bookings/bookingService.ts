import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { KeptCopies } from '../../platform/keptCopies.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { daysFrom, isoWeekday, localDayOf, type LocalDay, type LocalMonth } from '../../shared/localDays.js';
import { dayOpening, factsFor, schoolYearOf } from '../services/domain/schoolCalendar.js';
import type { CommuneCalendar, SchoolYear, ServiceCatalogue } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import type { Booking, BookingsRepository } from './bookingsRepository.js';
import type { WantedCell } from './domain/bookingPlan.js';
import type { ReservationChange } from './domain/lateCancellations.js';
import { expandWeekPattern } from './domain/weekPattern.js';
import { type MonthView, monthFrame, monthView } from './domain/reservationMonth.js';
import {
  type BookingMember,
  type ChildContext,
  type ReservationSummary,
  evaluate,
  placesMoved,
  placesWanted,
  summarize,
  withPlaces,
} from './domain/reservationPlan.js';
import { type BookingAuthor, writeChanges, writeConfirmed } from './reservationWriter.js';

export type { CellState, MonthView } from './domain/reservationMonth.js';
export type { ReservationSummary, SummaryRefusal } from './domain/reservationPlan.js';
export type { BookingAuthor } from './reservationWriter.js';

export interface ChildBookings {
  member: BookingMember;
  /** The services the child may book, for a school year not over yet. */
  services: CatalogueService[];
}

/** A « semaine type » as its form sends it: the period and, by ISO weekday, the unit of each service ticked. */
export interface WeekPatternInput {
  from: LocalDay;
  to: LocalDay;
  pattern: Map<number, Map<string, string>>;
}

export type WeekPatternOutcome =
  | { ok: true; summary: ReservationSummary; skipped: { day: LocalDay; serviceId: string; label: string }[] }
  | { ok: false; reason: 'period'; years: SchoolYear[] };

/** A child's « semaine type »: what its form offers, and the summary of a pattern sent. */
export interface WeekPatternForm {
  offer: { member: BookingMember; services: CatalogueService[]; years: SchoolYear[] };
  preview(input: WeekPatternInput): Promise<WeekPatternOutcome>;
}

/** What one confirmation wrote for a child: the bookings it made and those it cancelled. */
export interface WrittenAt {
  booked: Booking[];
  cancelled: Booking[];
}

export type ApplyOutcome =
  | { ok: true; at: Date; applied: ReservationChange[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'changed'; summary: ReservationSummary };

interface Deps {
  db: Db;
  clock: Clock;
  catalogue: ServiceCatalogue;
  bookings: BookingsRepository;
}

/** How long an instance keeps a commune's calendar and services: as long as its settings (ADR 0003). */
const SET_UP_MS = 10_000;
const MAX_SET_UPS = 2000;
/** Holiday sessions are booked on their own pages, not day by day. */
const bookable = (service: CatalogueService) => service.kind !== 'vacances';

/** Already as wanted (the same confirmation sent twice): nothing to write, and nothing was priced. */
const isDone = (summary: ReservationSummary) => summary.changes.length === 0 && summary.refusals.length === 0;

/** Thrown inside the confirmation's transaction to roll it back: the plan is not the one the parent saw. */
class PlanChanged extends Error {
  constructor(readonly summary: ReservationSummary) {
    super('the plan changed since the summary');
  }
}

/**
 * « Modifier les réservations »: the month calendar of a child (`domain/reservationMonth.ts`), the
 * summary of the changes asked (`domain/reservationPlan.ts`), and their confirmation, which writes only the plan the
 * parent saw (`reservationWriter.ts`, ADR 0007).
 */
export class BookingService {
  /** By commune: its calendar and services. */
  private readonly setUps: KeptCopies<Promise<[CommuneCalendar, CatalogueService[]]>>;

  constructor(private readonly deps: Deps) {
    this.setUps = new KeptCopies(deps.clock, SET_UP_MS, MAX_SET_UPS);
  }

  /** The family's children and what each may book. */
  async children(communeId: string, familyId: string): Promise<ChildBookings[]> {
    const { bookings, catalogue } = this.deps;
    const [members, [calendar, services]] = await Promise.all([
      bookings.membersOf(communeId, familyId),
      this.setUpOf(communeId),
    ]);
    const today = localDayOf(this.deps.clock.now());
    const current = new Set(calendar.years.filter((year) => year.endsOn >= today).map((year) => year.id));
    const result: ChildBookings[] = [];
    for (const member of members) {
      const enrolments = await catalogue.enrolmentsOf(communeId, member.id);
      const ids = new Set(enrolments.filter((e) => current.has(e.schoolYearId)).map((e) => e.serviceId));
      const offered = services.filter((service) => bookable(service) && ids.has(service.id));
      if (member.relation === 'enfant' || offered.length > 0) result.push({ member, services: offered });
    }
    return result;
  }

  /**
   * The calendar of one month for one of the family's members, and what the confirmation made at
   * `writtenAt` wrote for them (the list the calendar shows after it); null for anyone else's member.
   */
  async monthView(
    communeId: string,
    familyId: string,
    memberId: string,
    month: LocalMonth,
    writtenAt?: Date,
  ): Promise<{ view: MonthView; written: WrittenAt | null } | null> {
    const context = await this.load(communeId, familyId, memberId);
    if (!context) return null;
    const { days, columns } = monthFrame(context, month);
    const [first, last] = [days[0]!, days[days.length - 1]!];
    const limited = columns.filter((service) => service.placesPerDay !== null).map((service) => service.id);
    const [held, taken, written] = await Promise.all([
      this.deps.bookings.heldBetween(communeId, memberId, first, last),
      this.deps.bookings.placesTaken(communeId, limited, first, last),
      writtenAt ? this.#writtenAt(communeId, memberId, writtenAt) : null,
    ]);
    return { view: monthView(context, month, held, taken, this.deps.clock.now()), written };
  }

  /**
   * The « semaine type » of one of the family's members (null for anyone else's): the services its form
   * offers, those the child is enrolled in for a year not over yet, and the summary of a pattern sent,
   * made from the same reading of the child.
   */
  async weekPattern(communeId: string, familyId: string, memberId: string): Promise<WeekPatternForm | null> {
    const context = await this.load(communeId, familyId, memberId);
    if (!context) return null;
    const today = localDayOf(this.deps.clock.now());
    const years = context.calendar.years.filter(
      (year) => year.endsOn >= today && (context.enrolled.get(year.id)?.size ?? 0) > 0,
    );
    const ids = new Set(years.flatMap((year) => [...context.enrolled.get(year.id)!]));
    return {
      offer: {
        member: context.member,
        services: [...context.services.values()].filter((service) => ids.has(service.id)),
        years,
      },
      preview: (input) => this.#previewWeekPattern(context, input),
    };
  }

  /** The summary of saving these cells: nothing is written. Null for another family's member. */
  async preview(
    communeId: string,
    familyId: string,
    memberId: string,
    wanted: WantedCell[],
  ): Promise<ReservationSummary | null> {
    const context = await this.load(communeId, familyId, memberId);
    if (!context) return null;
    return this.summaryOf(context, wanted);
  }

  /**
   * The summary of a « semaine type »: every open day of the period, for the services and units of
   * each weekday; the days a service is closed come back as skipped, with the reason.
   */
  async #previewWeekPattern(context: ChildContext<SchoolYear>, input: WeekPatternInput): Promise<WeekPatternOutcome> {
    const year = schoolYearOf(context.calendar, input.from);
    if (!year || input.to > year.endsOn) return { ok: false, reason: 'period', years: context.calendar.years };
    const facts = factsFor(context.calendar, input.from)!;
    const enrolled = context.enrolled.get(year.id) ?? new Set<string>();
    const services = new Map([...context.services].filter(([id]) => enrolled.has(id)));
    const wanted = expandWeekPattern({ from: input.from, to: input.to, pattern: input.pattern, facts, services });
    const skipped: { day: LocalDay; serviceId: string; label: string }[] = [];
    for (const day of daysFrom(input.from, input.to)) {
      for (const serviceId of input.pattern.get(isoWeekday(day))?.keys() ?? []) {
        const service = services.get(serviceId);
        const opening = service ? dayOpening(day, facts, service.opening) : null;
        // A weekday the service never opens is not offered by the form: only real closures are listed.
        if (opening && !opening.open && opening.reason !== 'jour-sans-accueil')
          skipped.push({ day, serviceId, label: opening.label });
      }
    }
    return { ok: true, summary: await this.summaryOf(context, wanted), skipped };
  }

  /**
   * Confirms the changes: the plan is made again from the bookings as they are and, when it moves the
   * places of limited days, with those places counted under their locks; if it is not the plan the
   * parent saw (`seen`: a deadline passed, a day filled up), nothing is written and the new summary
   * comes back. The writes are one transaction, or one statement alone when the plan only books or
   * only cancels (`writeConfirmed`).
   */
  async applyChanges(input: {
    communeId: string;
    familyId: string;
    memberId: string;
    wanted: WantedCell[];
    seen: string;
    author: BookingAuthor;
  }): Promise<ApplyOutcome> {
    const now = this.deps.clock.now();
    const context = await this.load(input.communeId, input.familyId, input.memberId);
    if (!context) return { ok: false, reason: 'not-found' };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.confirm(context, input, now);
      } catch (error) {
        if (error instanceof PlanChanged) return { ok: false, reason: 'changed', summary: error.summary };
        // A day put back while another request booked it: read the bookings again, and the plan says what is left to do.
        if (attempt === 1 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  /** What the confirmation made at `at` wrote for the member (of the family: `monthView` found them). */
  async #writtenAt(communeId: string, memberId: string, at: Date): Promise<WrittenAt> {
    const rows = await this.deps.bookings.writtenAt(communeId, memberId, at);
    return {
      booked: rows.filter((row) => row.bookedAt.getTime() === at.getTime()),
      cancelled: rows.filter((row) => row.cancelledAt?.getTime() === at.getTime()),
    };
  }

  /**
   * The bookings are read outside the transaction, as they would be inside it (no lock is taken on
   * them: every write is conditional); the places of limited days are counted under their locks.
   */
  private async confirm(
    context: ChildContext<SchoolYear>,
    input: { familyId: string; wanted: WantedCell[]; seen: string; author: BookingAuthor },
    now: Date,
  ): Promise<ApplyOutcome> {
    const { communeId, member } = context;
    const { bookings, db } = this.deps;
    const held = await bookings.heldOn(communeId, member.id, input.wanted);
    const draft = evaluate(context, input.wanted, held, now);
    const locked = placesMoved(context, draft);
    const write = {
      communeId,
      familyId: input.familyId,
      memberId: member.id,
      author: input.author,
      now,
      limited: (id: string) => context.services.get(id)?.placesPerDay != null,
    };
    if (locked.length === 0) {
      const summary = summarize(context, draft, input.wanted);
      if (isDone(summary)) return { ok: true, at: now, applied: [] };
      if (summary.fingerprint !== input.seen) return { ok: false, reason: 'changed', summary };
      return { ok: true, at: now, applied: await writeConfirmed(db, bookings, { ...write, changes: summary.changes }) };
    }
    return inTransaction(db, async (tx): Promise<ApplyOutcome> => {
      const summary = summarize(
        context,
        withPlaces(context, draft, await bookings.lockPlaces(communeId, locked, tx)),
        input.wanted,
      );
      if (isDone(summary)) return { ok: true, at: now, applied: [] };
      if (summary.fingerprint !== input.seen) throw new PlanChanged(summary);
      return { ok: true, at: now, applied: await writeChanges(bookings, { ...write, changes: summary.changes }, tx) };
    });
  }

  private async summaryOf(context: ChildContext<SchoolYear>, wanted: WantedCell[]): Promise<ReservationSummary> {
    const held = await this.deps.bookings.heldOn(context.communeId, context.member.id, wanted);
    const draft = evaluate(context, wanted, held, this.deps.clock.now());
    // Read without a lock: the confirmation counts again under the lock.
    const counted = placesWanted(context, draft);
    const taken = counted
      ? await this.deps.bookings.placesTaken(context.communeId, counted.serviceIds, counted.from, counted.to)
      : new Map<string, number>();
    return summarize(context, withPlaces(context, draft, taken), wanted);
  }

  /**
   * The commune's calendar and services, kept SET_UP_MS per instance as the commune's own settings are
   * (ADR 0003): three statements fewer on every page and confirmation. Read outside any transaction
   * (they take no lock). A change of the set-up shows within that delay; a confirmation priced on the
   * old rules against a summary priced on the new ones (or the reverse) differs, so it is shown again.
   */
  private setUpOf(communeId: string): Promise<[CommuneCalendar, CatalogueService[]]> {
    return this.setUps.promised(communeId, () =>
      Promise.all([this.deps.catalogue.calendar(communeId), this.deps.catalogue.services(communeId)]),
    );
  }

  /** The member (of this family only) and their inscriptions, with the commune's set-up: read outside any transaction. */
  private async load(communeId: string, familyId: string, memberId: string): Promise<ChildContext<SchoolYear> | null> {
    const [child, [calendar, services]] = await Promise.all([
      this.deps.bookings.childOf(communeId, familyId, memberId),
      this.setUpOf(communeId),
    ]);
    if (!child) return null;
    const offered = new Map(services.filter(bookable).map((service) => [service.id, service]));
    const enrolled = new Map<string, Set<string>>();
    for (const enrolment of child.enrolments) {
      const kept = offered.get(enrolment.serviceId);
      if (!kept) continue;
      // What the set-up kept may be a few seconds old: whether the service is offered and its limit are read now.
      if (!enrolment.active) {
        offered.delete(enrolment.serviceId);
        continue;
      }
      if (kept.placesPerDay !== enrolment.placesPerDay)
        offered.set(kept.id, { ...kept, placesPerDay: enrolment.placesPerDay });
      if (!enrolled.has(enrolment.schoolYearId)) enrolled.set(enrolment.schoolYearId, new Set());
      enrolled.get(enrolment.schoolYearId)!.add(enrolment.serviceId);
    }
    return { communeId, member: child.member, calendar, services: offered, enrolled };
  }
}
