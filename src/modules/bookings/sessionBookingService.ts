import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { isUuid } from '../../shared/ids.js';
import { localDayOf } from '../../shared/localDays.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { ChangeTiming } from '../services/domain/deadlines.js';
import type { ActivitySession, ServiceCatalogue } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import {
  ageAtSession,
  type BookingRefusal,
  bookingRefusal,
  type CancellationKind,
  cancellation,
  isOpenToAge,
  type SessionPrice,
  sessionPrice,
  sessionTiming,
} from './domain/sessionRules.js';
import type {
  DeskSessionBooking,
  FamilySessionBooking,
  SessionBookingsRepository,
  SessionMember,
} from './sessionBookingsRepository.js';
import { sessionMails } from './sessionMails.js';
import type { WaitingListJob } from './waitingListJob.js';

/** A session as one child of the family can take it now: what it costs, whether they may, where they stand. */
export interface SessionOffer {
  session: ActivitySession;
  service: CatalogueService;
  member: SessionMember;
  age: number;
  timing: ChangeTiming;
  /** The price of a booking made now, with its majoration when late. */
  price: SessionPrice;
  enrolled: boolean;
  /** Why the child cannot book now, or null. */
  refusal: BookingRefusal | null;
  /** The child's live booking of the session, if any. */
  booking: FamilySessionBooking | null;
}

export interface ChildSessions {
  member: SessionMember;
  offers: SessionOffer[];
}

export type BookOutcome =
  | { ok: true; status: 'inscrit' | 'attente' }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'already'; offer: SessionOffer }
  | { ok: false; reason: 'refused'; offer: SessionOffer }
  /** Late, and the parent has not acknowledged the majoration shown before confirming. */
  | { ok: false; reason: 'majoration-not-accepted'; offer: SessionOffer };

export type CancelOutcome =
  | { ok: true; kind: CancellationKind }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'no-booking' | 'refused'; offer: SessionOffer };

export interface DeskSessionView {
  session: ActivitySession;
  /** Places given, oldest first. */
  placed: DeskSessionBooking[];
  /** The waiting list in order. */
  waiting: DeskSessionBooking[];
  cancelled: DeskSessionBooking[];
}

export type DeskOutcome = { ok: true } | { ok: false; reason: 'not-found' | 'full' | 'not-waiting' | 'not-live' };

interface Deps {
  db: Db;
  clock: Clock;
  catalogue: ServiceCatalogue;
  bookings: SessionBookingsRepository;
  waitingList: WaitingListJob;
  audit: AuditLog;
}

/**
 * « Activités vacances »: families book a holiday session for a child, join its waiting list when it
 * is full, and cancel; the guichet unique gives a place from the waiting list or takes one back.
 * The rules are `domain/sessionRules.ts`; every change of a session's places is decided under its
 * row's lock (SECURITY.md « Money and places »).
 */
export class SessionBookingService {
  constructor(private readonly deps: Deps) {}

  /** Each child of the family with the coming sessions open to their age, and the ones they hold. */
  async familySessions(commune: Commune, familyId: string): Promise<ChildSessions[]> {
    const { catalogue, bookings, clock } = this.deps;
    const now = clock.now();
    const today = localDayOf(now);
    const [children, sessions, services, live] = await Promise.all([
      bookings.childrenOf(commune.id, familyId),
      catalogue.sessions(commune.id, { from: today }),
      catalogue.services(commune.id),
      bookings.liveOfFamily(commune.id, familyId),
    ]);
    const vacances = new Map(services.filter((s) => s.kind === 'vacances').map((s) => [s.id, s]));
    return Promise.all(
      children.map(async (member) => {
        const offers = await Promise.all(
          sessions.flatMap((session) => {
            const service = vacances.get(session.serviceId);
            const booking = live.find((b) => b.sessionId === session.id && b.memberId === member.id) ?? null;
            const coming = session.startsOn >= today;
            if (!service || !(booking || (coming && isOpenToAge(session, member.birthDate)))) return [];
            return [this.offer(commune, now, session, service, member, booking)];
          }),
        );
        return { member, offers };
      }),
    );
  }

  /** Whether the commune holds the session: a booking step's address opened again shows the family's page, or 404. */
  async isCommuneSession(commune: Commune, sessionId: string): Promise<boolean> {
    return (await this.deps.catalogue.session(commune.id, sessionId)) !== null;
  }

  /** The step before confirming a booking or a cancellation: the session as this child would take it now. */
  async preview(commune: Commune, familyId: string, sessionId: string, memberId: string): Promise<SessionOffer | null> {
    const found = await this.load(commune, familyId, sessionId, memberId);
    if (!found) return null;
    const booking =
      (await this.deps.bookings.liveOfFamily(commune.id, familyId)).find(
        (b) => b.sessionId === sessionId && b.memberId === memberId,
      ) ?? null;
    return this.offer(commune, this.deps.clock.now(), found.session, found.service, found.member, booking);
  }

  /**
   * Books the session for the child: a place while `booked < places`, else the next waiting-list
   * ticket, decided under the session's lock; the same child twice gets « already ». A late booking
   * needs the parent to have acknowledged its majoration (PRODUCT.md: shown before they confirm).
   */
  async book(
    commune: Commune,
    familyId: string,
    sessionId: string,
    memberId: string,
    options: { acceptsMajoration: boolean },
  ): Promise<BookOutcome> {
    const { bookings, clock } = this.deps;
    // The session, its service, the member and the inscription in one read: a rush's every request makes it.
    const facts = await bookings.bookingFacts(commune.id, familyId, sessionId, memberId);
    if (!facts || facts.service.kind !== 'vacances' || !facts.service.active) return { ok: false, reason: 'not-found' };
    const now = clock.now();
    const offer = this.offerWith(now, facts.session, facts.service, facts.member, null, facts.enrolled);
    if (offer.refusal) return { ok: false, reason: 'refused', offer };
    if (offer.price.late && !options.acceptsMajoration) return { ok: false, reason: 'majoration-not-accepted', offer };
    // A place or the next ticket, decided and written by one statement under the session's lock (ADR 0034).
    const seat = await bookings.bookFirstComeFirstServed({
      communeId: commune.id,
      sessionId,
      familyId,
      memberId,
      ...offer.price,
      createdAt: now,
    });
    if (!seat) return { ok: false, reason: 'not-found' };
    if (seat === 'already')
      return {
        ok: false,
        reason: 'already',
        offer: (await this.preview(commune, familyId, sessionId, memberId)) ?? offer,
      };
    return { ok: true, status: seat.status };
  }

  /**
   * Cancels the child's booking: leaving the waiting list frees nothing; a place given back frees it
   * (`booked` − 1) and queues the promotion job in the same transaction.
   */
  async cancel(commune: Commune, familyId: string, sessionId: string, memberId: string): Promise<CancelOutcome> {
    const { db, bookings, clock, waitingList } = this.deps;
    const found = await this.load(commune, familyId, sessionId, memberId);
    if (!found) return { ok: false, reason: 'not-found' };
    const now = clock.now();
    const timing = sessionTiming(now, found.session, found.service.rule);
    const result = await inTransaction(db, async (tx) => {
      const session = await bookings.lockSession(commune.id, sessionId, tx);
      const live = session ? await bookings.liveOfMember(commune.id, sessionId, memberId, tx) : null;
      if (!session || !live || live.status === 'annule') return { done: false as const, reason: 'no-booking' as const };
      const decision = cancellation(live.status, timing);
      if (!decision.ok) return { done: false as const, reason: 'refused' as const };
      await bookings.cancel(commune.id, live.id, { at: now, late: decision.kind === 'late' }, tx);
      if (live.status === 'inscrit') {
        await bookings.setCounters(
          commune.id,
          sessionId,
          { booked: Math.max(0, session.booked - 1), waitlistNext: session.waitlistNext },
          tx,
        );
        await waitingList.queue(commune, sessionId, tx);
      }
      return { done: true as const, kind: decision.kind };
    });
    if (result.done) return { ok: true, kind: result.kind };
    const offer = await this.preview(commune, familyId, sessionId, memberId);
    return offer ? { ok: false, reason: result.reason, offer } : { ok: false, reason: 'not-found' };
  }

  /** The commune's sessions, soonest first, with how many children wait for each. */
  async deskSessions(commune: Commune): Promise<{ session: ActivitySession; waiting: number }[]> {
    const [sessions, waiting] = await Promise.all([
      this.deps.catalogue.sessions(commune.id),
      this.deps.bookings.waitingCounts(commune.id),
    ]);
    return sessions.map((session) => ({ session, waiting: waiting.get(session.id) ?? 0 }));
  }

  async deskSession(commune: Commune, sessionId: string): Promise<DeskSessionView | null> {
    const session = await this.deps.catalogue.session(commune.id, sessionId);
    if (!session) return null;
    const rows = await this.deps.bookings.ofSession(commune.id, sessionId);
    return {
      session,
      placed: rows.filter((r) => r.status === 'inscrit'),
      waiting: rows.filter((r) => r.status === 'attente').sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
      cancelled: rows.filter((r) => r.status === 'annule'),
    };
  }

  /**
   * An agent gives a place to a child of the waiting list, whatever their ticket, but only while a
   * place is free: the limit holds for the guichet too. Audited and mailed in the same transaction.
   */
  async promoteByHand(
    commune: Commune,
    sessionId: string,
    bookingId: string,
    actor: AuditActor & { id: string },
    reason: string,
    ip: string,
  ): Promise<DeskOutcome> {
    const { db, bookings, clock, catalogue, waitingList, audit } = this.deps;
    if (!isUuid(sessionId)) return { ok: false, reason: 'not-found' };
    return inTransaction(db, async (tx): Promise<DeskOutcome> => {
      const session = await bookings.lockSession(commune.id, sessionId, tx);
      const booking = session ? await bookings.findInSession(commune.id, sessionId, bookingId, tx) : null;
      if (!session || !booking) return { ok: false, reason: 'not-found' };
      if (booking.status !== 'attente') return { ok: false, reason: 'not-waiting' };
      if (session.booked >= session.places) return { ok: false, reason: 'full' };
      const now = clock.now();
      await bookings.promote(commune.id, booking.id, now, tx);
      await bookings.setCounters(
        commune.id,
        sessionId,
        { booked: session.booked + 1, waitlistNext: session.waitlistNext },
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'session-booking.promoted',
          subject: { kind: 'session-booking', id: booking.id },
          ip,
          details: { session: sessionId, member: booking.memberId, reason },
        },
        tx,
      );
      const service = await catalogue.service(commune.id, session.serviceId, tx);
      const timing = service ? sessionTiming(now, session, service.rule) : null;
      const facts = waitingList.facts(commune, session, booking.firstName);
      await waitingList.tellFamily(commune, booking.familyId, tx, (to) =>
        sessionMails.promotedByDesk(
          commune,
          to,
          facts,
          reason,
          timing?.timing === 'on-time' ? timing.onTimeUntil : null,
        ),
      );
      return { ok: true };
    });
  }

  /**
   * An agent takes a place, or a waiting entry, away. The family is not charged for it; a place
   * freed goes to the waiting list through the promotion job. Audited and mailed.
   */
  async removeByHand(
    commune: Commune,
    sessionId: string,
    bookingId: string,
    actor: AuditActor & { id: string },
    reason: string,
    ip: string,
  ): Promise<DeskOutcome> {
    const { db, bookings, clock, waitingList, audit } = this.deps;
    if (!isUuid(sessionId)) return { ok: false, reason: 'not-found' };
    return inTransaction(db, async (tx): Promise<DeskOutcome> => {
      const session = await bookings.lockSession(commune.id, sessionId, tx);
      const booking = session ? await bookings.findInSession(commune.id, sessionId, bookingId, tx) : null;
      if (!session || !booking) return { ok: false, reason: 'not-found' };
      if (booking.status === 'annule') return { ok: false, reason: 'not-live' };
      await bookings.cancel(commune.id, booking.id, { at: clock.now(), late: false }, tx);
      if (booking.status === 'inscrit') {
        await bookings.setCounters(
          commune.id,
          sessionId,
          { booked: Math.max(0, session.booked - 1), waitlistNext: session.waitlistNext },
          tx,
        );
        await waitingList.queue(commune, sessionId, tx);
      }
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'session-booking.removed',
          subject: { kind: 'session-booking', id: booking.id },
          ip,
          details: { session: sessionId, member: booking.memberId, status: booking.status, reason },
        },
        tx,
      );
      const facts = waitingList.facts(commune, session, booking.firstName);
      await waitingList.tellFamily(commune, booking.familyId, tx, (to) =>
        sessionMails.removedByDesk(commune, to, facts, booking.status === 'attente', reason),
      );
      return { ok: true };
    });
  }

  /** The session, its « Activités vacances » service and the family's member, or null for anything not theirs. */
  private async load(commune: Commune, familyId: string, sessionId: string, memberId: string) {
    const { bookings } = this.deps;
    if (!isUuid(sessionId) || !isUuid(memberId)) return null;
    const [found, member] = await Promise.all([
      bookings.sessionWithService(commune.id, sessionId),
      bookings.memberOfFamily(commune.id, familyId, memberId),
    ]);
    if (!found || !member) return null;
    const { session, service } = found;
    if (service.kind !== 'vacances' || !service.active) return null;
    return { session, member, service };
  }

  private async offer(
    commune: Commune,
    now: Date,
    session: ActivitySession,
    service: CatalogueService,
    member: SessionMember,
    booking: FamilySessionBooking | null,
  ): Promise<SessionOffer> {
    const enrolled = await this.deps.catalogue.isEnrolledForSession(commune.id, member.id, session);
    return this.offerWith(now, session, service, member, booking, enrolled);
  }

  private offerWith(
    now: Date,
    session: ActivitySession,
    service: CatalogueService,
    member: SessionMember,
    booking: FamilySessionBooking | null,
    enrolled: boolean,
  ): SessionOffer {
    const timing = sessionTiming(now, session, service.rule);
    return {
      session,
      service,
      member,
      age: ageAtSession(member.birthDate, session),
      timing,
      price: sessionPrice(session, timing.timing, service.majoration),
      enrolled,
      refusal: bookingRefusal({ session, birthDate: member.birthDate, enrolled, timing }),
      booking,
    };
  }
}
