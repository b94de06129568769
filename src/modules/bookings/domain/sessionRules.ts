/**
 * The rules of a holiday session (« Activités vacances », PRODUCT.md): who may book it, when, at
 * what price, and how its places read. Who gets a place — first come, first served: a place while
 * `booked < places`, else the next waiting-list ticket — is decided by the statement that locks the
 * session and writes the booking (`SessionBookingsRepository.bookFirstComeFirstServed`, ADR 0034),
 * so that the lock is never held across a round trip; its boundaries are tested there.
 */
import { ageOnDay, type LocalDay } from '../../../shared/localDays.js';
import { changeTiming, type ChangeTiming, type DeadlineRule } from '../../services/domain/deadlines.js';
import { describeMajoration, majorationAmount, type MajorationRule } from '../../services/domain/majoration.js';

export interface SessionFacts {
  startsOn: LocalDay;
  endsOn: LocalDay;
  minAge: number;
  maxAge: number;
  places: number;
  priceCents: number;
  booked: number;
  waitlistNext: number;
}

/** Ages are whole years on the session's first day (the schema's `min_age`/`max_age`, inclusive). */
export function ageAtSession(birthDate: LocalDay, session: Pick<SessionFacts, 'startsOn'>): number {
  return ageOnDay(birthDate, session.startsOn);
}

export function isOpenToAge(
  session: Pick<SessionFacts, 'startsOn' | 'minAge' | 'maxAge'>,
  birthDate: LocalDay,
): boolean {
  const age = ageAtSession(birthDate, session);
  return session.minAge <= age && age <= session.maxAge;
}

export function placesLeft(session: Pick<SessionFacts, 'places' | 'booked'>): number {
  return Math.max(0, session.places - session.booked);
}

/** « 3 places restantes », « 1 place restante », « Complet ». */
export function describePlacesLeft(session: Pick<SessionFacts, 'places' | 'booked'>): string {
  const left = placesLeft(session);
  if (left === 0) return 'Complet';
  return left === 1 ? '1 place restante' : `${left} places restantes`;
}

/**
 * When a booking or a cancellation of the session can be made: the deadline engine with the session's
 * first day as the day (reference/DEADLINES.md: 28 days before, no rentrée window, cut-off the day
 * before at 10:00).
 */
export function sessionTiming(now: Date, session: Pick<SessionFacts, 'startsOn'>, rule: DeadlineRule): ChangeTiming {
  // The rentrée window never applies to sessions, whatever the service's flag says.
  return changeTiming({ now, day: session.startsOn, rule: { ...rule, rentreeWindow: false } });
}

export interface SessionPrice {
  priceCents: number;
  late: boolean;
  /** The rule as written on the booking (« +50 % »), or null when on time. */
  majorationRule: string | null;
  majorationCents: number;
}

/** What a booking made at this timing costs: the session's price, plus the majoration when late. */
export function sessionPrice(
  session: Pick<SessionFacts, 'priceCents'>,
  timing: ChangeTiming['timing'],
  majoration: MajorationRule,
): SessionPrice {
  if (timing !== 'late')
    return { priceCents: session.priceCents, late: false, majorationRule: null, majorationCents: 0 };
  return {
    priceCents: session.priceCents,
    late: true,
    majorationRule: describeMajoration(majoration),
    majorationCents: majorationAmount(session.priceCents, majoration),
  };
}

export type BookingRefusal = 'age' | 'not-enrolled' | 'cut-off' | 'passe';

/** Whether a child may book the session now; the enrolment is looked up by the service. */
export function bookingRefusal(input: {
  session: SessionFacts;
  birthDate: LocalDay;
  enrolled: boolean;
  timing: ChangeTiming;
}): BookingRefusal | null {
  if (input.timing.timing === 'refused') return input.timing.refusal ?? 'cut-off';
  if (!isOpenToAge(input.session, input.birthDate)) return 'age';
  if (!input.enrolled) return 'not-enrolled';
  return null;
}

/** The position a family reads: the rank of its ticket among the tickets still waiting (1 = next). */
export function waitingRank(waitingTickets: readonly number[], ticket: number): number {
  return waitingTickets.filter((other) => other <= ticket).length;
}

export type CancellationKind = 'leave-waiting-list' | 'on-time' | 'late';

/**
 * What cancelling a live booking does: leaving the waiting list costs nothing and frees nothing; a
 * place given back on time costs nothing; after the deadline it stays billable (PRODUCT.md). After
 * the cut-off only the guichet unique can act on a place.
 */
export function cancellation(
  status: 'inscrit' | 'attente',
  timing: ChangeTiming,
): { ok: true; kind: CancellationKind } | { ok: false; refusal: 'cut-off' | 'passe' } {
  if (status === 'attente') return { ok: true, kind: 'leave-waiting-list' };
  if (timing.timing === 'refused') return { ok: false, refusal: timing.refusal ?? 'cut-off' };
  return { ok: true, kind: timing.timing === 'late' ? 'late' : 'on-time' };
}

/**
 * The waiting entries that get the free places, lowest ticket first: what the promotion job does
 * under the session's lock. `waiting` may come in any order.
 */
export function promotions<T extends { position: number | null }>(
  session: Pick<SessionFacts, 'places' | 'booked'>,
  waiting: readonly T[],
): T[] {
  const free = placesLeft(session);
  if (free === 0) return [];
  return [...waiting]
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER))
    .slice(0, free);
}

/** A waiting list is promoted until the session is over: a child can still join a session under way. */
export function promotesOn(today: LocalDay, session: Pick<SessionFacts, 'endsOn'>): boolean {
  return today <= session.endsOn;
}
