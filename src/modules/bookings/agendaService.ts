import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { isUuid } from '../../shared/ids.js';
import {
  addDays,
  daysFrom,
  daysOfMonth,
  type LocalDay,
  type LocalMonth,
  localDayOf,
  monthOf,
} from '../../shared/localDays.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { CalendarFacts } from '../services/domain/schoolCalendar.js';
import type { ServiceCatalogue } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import type {
  AgendaAbsence,
  AgendaAttendance,
  AgendaBooking,
  AgendaMember,
  AgendaRepository,
  AgendaSessionBooking,
} from './agendaRepository.js';
import type { CalendarFeedsRepository, LiveFeed } from './calendarFeedsRepository.js';
import { cellKey } from './domain/cells.js';
import { type IcsEvent, renderCalendar } from './domain/ics.js';
import { sessionDayOpening } from './domain/sessionDays.js';

/** What the child does at a service on a day, as the agenda shows it. */
export interface AgendaEntry {
  /** The booking's id (the calendar feed's UID is made from it). */
  id: string;
  kind: 'reservation' | 'session';
  day: LocalDay;
  serviceId: string;
  serviceName: string;
  /** The unit's label when the service has several (the Wednesday centre); null otherwise. */
  unitLabel: string | null;
  sessionName: string | null;
  /** « annule-facture »: cancelled after the deadline, so still billed. */
  state: 'reserve' | 'annule-facture' | 'inscrit' | 'attente';
  late: boolean;
  majorationRule: string | null;
  waitingPosition: number | null;
  /** An absence reported for that day and service. */
  absence: { id: string; reason: 'maladie' | 'autre'; justified: boolean } | null;
  attendance: 'present' | 'absent' | null;
}

/** An absence as a day of the agenda tells it, with the services it is about. */
export interface AgendaDayAbsence {
  id: string;
  reason: 'maladie' | 'autre';
  justified: boolean;
  serviceNames: string[];
}

export interface AgendaDay {
  day: LocalDay;
  entries: AgendaEntry[];
  absences: AgendaDayAbsence[];
}

export interface AgendaMonth {
  member: AgendaMember;
  month: LocalMonth;
  days: AgendaDay[];
  feed: LiveFeed | null;
}

/** The days a feed holds: the past three months and the coming year. */
const FEED_PAST_DAYS = 92;
const FEED_COMING_DAYS = 366;
/** 256 random bits, written in base64url: 43 characters. */
const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The days from `from` to `to`, each with what the child does there: the bookings (cancelled late
 * ones included, since they are billed), the sessions on the days they run (the service's weekdays,
 * without public holidays and the commune's closures: `periods`), the absences reported and the
 * pointage once taken. Pure: the rows come in, the days come out.
 */
export function assembleAgenda(input: {
  from: LocalDay;
  to: LocalDay;
  services: ReadonlyMap<string, Pick<CatalogueService, 'name' | 'units' | 'opening'>>;
  bookings: AgendaBooking[];
  sessions: AgendaSessionBooking[];
  absences: AgendaAbsence[];
  attendance: AgendaAttendance[];
  periods: CalendarFacts['periods'];
}): AgendaDay[] {
  const { services } = input;
  const seen = new Map(input.attendance.map((row) => [cellKey(row), row.present]));
  const absenceOn = (day: LocalDay, serviceId: string) =>
    input.absences.find(
      (a) => a.firstDay <= day && day <= a.lastDay && (a.serviceIds.length === 0 || a.serviceIds.includes(serviceId)),
    ) ?? null;
  const common = (day: LocalDay, serviceId: string) => {
    const absence = absenceOn(day, serviceId);
    const present = seen.get(cellKey({ day, serviceId }));
    return {
      day,
      serviceId,
      serviceName: services.get(serviceId)?.name ?? 'Service',
      absence: absence ? { id: absence.id, reason: absence.reason, justified: absence.justified } : null,
      attendance: present === undefined ? null : present ? ('present' as const) : ('absent' as const),
    };
  };
  const byDay = new Map<LocalDay, AgendaEntry[]>(daysFrom(input.from, input.to).map((day) => [day, []]));
  for (const booking of input.bookings) {
    const units = services.get(booking.serviceId)?.units ?? [];
    byDay.get(booking.day)?.push({
      ...common(booking.day, booking.serviceId),
      id: booking.id,
      kind: 'reservation',
      unitLabel: units.length > 1 ? (units.find((u) => u.code === booking.unit)?.label ?? booking.unit) : null,
      sessionName: null,
      state: booking.status === 'reserve' ? 'reserve' : 'annule-facture',
      late: booking.late,
      majorationRule: booking.majorationRule,
      waitingPosition: null,
    });
  }
  for (const session of input.sessions) {
    // A service no longer in the catalogue keeps its sessions on every day but the closed ones.
    const opening = services.get(session.serviceId)?.opening ?? { openWeekdays: [1, 2, 3, 4, 5, 6, 7] };
    const first = session.startsOn > input.from ? session.startsOn : input.from;
    const last = session.endsOn < input.to ? session.endsOn : input.to;
    for (const day of daysFrom(first, last)) {
      if (!sessionDayOpening(day, input.periods, opening).open) continue;
      byDay.get(day)?.push({
        ...common(day, session.serviceId),
        id: session.id,
        kind: 'session',
        unitLabel: null,
        sessionName: session.sessionName,
        state: session.status,
        late: session.late,
        majorationRule: null,
        waitingPosition: session.waitingRank,
      });
    }
  }
  return [...byDay].map(([day, entries]) => ({
    day,
    entries,
    absences: input.absences
      .filter((a) => a.firstDay <= day && day <= a.lastDay)
      .map((a) => ({
        id: a.id,
        reason: a.reason,
        justified: a.justified,
        serviceNames: a.serviceIds.map((id) => services.get(id)?.name ?? 'Service'),
      })),
  }));
}

/** The event of an agenda entry in the feed: the first name, the service and the day, nothing more (the link may leak). */
function feedEvent(firstName: string, entry: AgendaEntry): IcsEvent {
  const what = [
    entry.serviceName,
    entry.unitLabel ? `(${entry.unitLabel})` : '',
    entry.sessionName ? `: ${entry.sessionName}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const note = entry.state === 'attente' ? ' (liste d’attente)' : entry.absence ? ' (absence signalée)' : '';
  return {
    // A booking is one day; a session's booking spans several, one event each.
    uid: entry.kind === 'session' ? `session-${entry.id}-${entry.day}@parvis` : `reservation-${entry.id}@parvis`,
    firstDay: entry.day,
    summary: `${firstName} : ${what}${note}`,
    status: entry.state === 'attente' ? 'TENTATIVE' : 'CONFIRMED',
  };
}

interface Deps {
  db: Db;
  clock: Clock;
  agenda: AgendaRepository;
  feeds: CalendarFeedsRepository;
  catalogue: ServiceCatalogue;
  audit: AuditLog;
}

/** A member's agenda (by month, as a list, the next days) and its private calendar feed. */
export class AgendaService {
  constructor(private readonly deps: Deps) {}

  today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  /** The member of this family; null for an id that is not one of its members. */
  member(communeId: string, familyId: string, memberId: string): Promise<AgendaMember | null> {
    if (!isUuid(memberId)) return Promise.resolve(null);
    return this.deps.agenda.memberOfFamily(communeId, familyId, memberId);
  }

  async days(communeId: string, memberId: string, from: LocalDay, to: LocalDay): Promise<AgendaDay[]> {
    const { agenda, catalogue } = this.deps;
    const [services, calendar, bookings, sessions, absences, attendance] = await Promise.all([
      catalogue.services(communeId, { includeInactive: true }),
      catalogue.calendar(communeId),
      agenda.bookings(communeId, memberId, from, to),
      agenda.sessionBookings(communeId, memberId, from, to),
      agenda.absences(communeId, memberId, from, to),
      agenda.attendance(communeId, memberId, from, to),
    ]);
    const periods = calendar.periods.map(({ kind, label, startsOn, endsOn }) => ({ kind, label, startsOn, endsOn }));
    return assembleAgenda({
      from,
      to,
      services: new Map(services.map((s) => [s.id, s])),
      bookings,
      sessions,
      absences,
      attendance,
      periods,
    });
  }

  /** A month of the member's agenda and their live feed link; null when the member is not the family's. */
  async month(communeId: string, familyId: string, memberId: string, month: LocalMonth): Promise<AgendaMonth | null> {
    const member = await this.member(communeId, familyId, memberId);
    if (!member) return null;
    const all = daysOfMonth(month);
    const [days, feed] = await Promise.all([
      this.days(communeId, member.id, all[0]!, all.at(-1)!),
      this.deps.feeds.activeOf(communeId, familyId, member.id),
    ]);
    return { member, month, days, feed };
  }

  /** The member's coming days (today first) that hold something: the member's page shows them. */
  async upcoming(communeId: string, memberId: string, count = 7): Promise<AgendaDay[]> {
    const today = this.today();
    const days = await this.days(communeId, memberId, today, addDays(today, count - 1));
    return days.filter((day) => day.entries.length > 0 || day.absences.length > 0);
  }

  /** This month, for an agenda opened without one. */
  currentMonth(): LocalMonth {
    return monthOf(this.today());
  }

  /**
   * A new subscription link for the member: a 256-bit secret whose SHA-256 alone is stored, so the
   * link is shown this once. The link before it, if any, stops working in the same transaction.
   */
  async createFeed(
    commune: Commune,
    familyId: string,
    memberId: string,
    actor: AuditActor,
    ip: string,
  ): Promise<{ token: string } | null> {
    const member = await this.member(commune.id, familyId, memberId);
    if (!member) return null;
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    await inTransaction(this.deps.db, async (tx) => {
      const feed = await this.deps.feeds.create(
        { communeId: commune.id, familyId, memberId: member.id, tokenHash: hashFeedToken(token), now },
        tx,
      );
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'calendar-feed.created',
          subject: { kind: 'member', id: member.id },
          ip,
          details: { feed: feed.id },
        },
        tx,
      );
    });
    return { token };
  }

  /** Ends the member's link at once; null when the member is not the family's, else whether a link was live. */
  async revokeFeed(
    commune: Commune,
    familyId: string,
    memberId: string,
    actor: AuditActor,
    ip: string,
  ): Promise<boolean | null> {
    const member = await this.member(commune.id, familyId, memberId);
    if (!member) return null;
    return inTransaction(this.deps.db, async (tx) => {
      const revoked = await this.deps.feeds.revoke(commune.id, familyId, member.id, this.deps.clock.now(), tx);
      if (revoked > 0)
        await this.deps.audit.record(
          {
            communeId: commune.id,
            actor,
            action: 'calendar-feed.revoked',
            subject: { kind: 'member', id: member.id },
            ip,
          },
          tx,
        );
      return revoked > 0;
    });
  }

  /** The feed's iCalendar text for a live link of this commune; null for any other token. */
  async feed(commune: Commune, token: string): Promise<string | null> {
    if (!FEED_TOKEN.test(token)) return null;
    const feed = await this.deps.feeds.findLive(commune.id, hashFeedToken(token));
    const member = feed ? await this.deps.agenda.memberOfFamily(commune.id, feed.familyId, feed.memberId) : null;
    if (!member) return null;
    const today = this.today();
    const days = await this.days(
      commune.id,
      member.id,
      addDays(today, -FEED_PAST_DAYS),
      addDays(today, FEED_COMING_DAYS),
    );
    // The child goes: live bookings and sessions (a waiting list as tentative); a day cancelled late is billed, not attended.
    const events = days.flatMap((day) =>
      day.entries
        .filter((entry) => entry.state !== 'annule-facture')
        .map((entry) => feedEvent(member.firstName, entry)),
    );
    return renderCalendar({
      prodId: '-//Parvis//Agenda//FR',
      name: `Agenda de ${member.firstName}`,
      stamp: this.deps.clock.now(),
      refresh: 'PT6H',
      events,
    });
  }
}
