import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { compareDays, type LocalDay, localDayOf } from '../../shared/localDays.js';
import { agentActor } from '../accounts/agentsPolicy.js';
import type { Agent } from '../accounts/agentsRepository.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { type DayOpening, dayOpening } from '../services/domain/schoolCalendar.js';
import type { CommuneCalendar, ServiceCatalogue } from '../services/serviceCatalogue.js';
import { factsFor } from '../services/domain/schoolCalendar.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import type { AttendanceRepository, ExpectedRow, FoundChild } from './attendanceRepository.js';
import { absenceStands, type DayCounts, dayCounts } from './domain/dayCounts.js';
import { sessionDayOpening } from './domain/sessionDays.js';
import { type PointageOutcome, UnbookedChildren } from './unbookedChildren.js';

export type { PointageOutcome, PointageRefusal } from './unbookedChildren.js';
export type { DayCounts } from './domain/dayCounts.js';

/** A child on a day list or the pointage sheet. */
export interface ExpectedChild extends ExpectedRow {
  unitLabel: string | null;
  /**
   * An absence standing for the day (its report waits or was accepted; a refused one is not there): only
   * whether it is justified, never its reason (a health fact).
   */
  absence: { justified: boolean } | null;
  /** The pointage once taken: present (true) or absent (false). */
  mark: boolean | null;
}

/** One service on one day: whether it opens, and who is expected. */
export interface ServiceDay {
  service: CatalogueService;
  day: LocalDay;
  opening: DayOpening;
  children: ExpectedChild[];
  counts: DayCounts;
}

/** A child found by name to add to the pointage, with whether they are enrolled in the service for that day. */
export interface ChildToAdd extends FoundChild {
  enrolled: boolean;
}

/**
 * Whether the service opens that day, by the calendar's rules. A holiday service opens on the days one of
 * its sessions runs: the service's weekdays, except public holidays and closures; the others follow the
 * school year, closures, public and school holidays and their weekdays.
 */
function openingOf(
  calendar: CommuneCalendar,
  service: CatalogueService,
  day: LocalDay,
  sessionsRunning: boolean,
): DayOpening {
  if (service.kind === 'vacances') {
    const opening = sessionDayOpening(day, calendar.periods, service.opening);
    if (!opening.open) return opening;
    return sessionsRunning ? opening : { open: false, reason: 'jour-sans-accueil', label: 'Aucune session ce jour-là' };
  }
  const facts = factsFor(calendar, day);
  return facts
    ? dayOpening(day, facts, service.opening)
    : { open: false, reason: 'hors-annee', label: 'Hors année scolaire' };
}

interface Deps {
  db: Db;
  clock: Clock;
  repository: AttendanceRepository;
  catalogue: ServiceCatalogue;
  audit: AuditLog;
}

/** The desk's day lists and the staff's pointage, with a child who came without booking. */
export class AttendanceService {
  private readonly unbooked: UnbookedChildren;

  constructor(private readonly deps: Deps) {
    this.unbooked = new UnbookedChildren(deps);
  }

  today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  /** The commune's services the lists offer. */
  services(communeId: string): Promise<CatalogueService[]> {
    return this.deps.catalogue.services(communeId);
  }

  service(communeId: string, serviceId: string): Promise<CatalogueService | null> {
    return this.deps.catalogue.service(communeId, serviceId);
  }

  schools(communeId: string): Promise<string[]> {
    return this.deps.repository.schools(communeId);
  }

  /**
   * Who is expected at the service that day (only the children of that school when given), with absences and
   * the pointage. Nobody is expected on a day the service is closed, whatever bookings are left on it.
   */
  async serviceDay(
    communeId: string,
    service: CatalogueService,
    day: LocalDay,
    school: string | null = null,
    calendar?: CommuneCalendar,
  ): Promise<ServiceDay> {
    const { repository } = this.deps;
    const [rows, known] = await Promise.all([
      service.kind === 'vacances'
        ? repository.expectedAtSessions(communeId, service.id, day)
        : repository.expectedBookings(communeId, service.id, day),
      calendar ?? this.deps.catalogue.calendar(communeId),
    ]);
    const opening = openingOf(known, service, day, rows.length > 0);
    const open = opening.open ? rows : [];
    const shown = school ? open.filter((row) => row.schoolName === school) : open;
    const [absences, marks] = await Promise.all([
      repository.absencesOn(
        communeId,
        day,
        shown.map((row) => row.memberId),
      ),
      repository.marksOn(communeId, service.id, day),
    ]);
    const marked = new Map(marks.map((mark) => [mark.memberId, mark.present]));
    const children = shown.map((row): ExpectedChild => {
      const absence = absences.find(
        (a) =>
          a.memberId === row.memberId &&
          (a.serviceIds.length === 0 || a.serviceIds.includes(service.id)) &&
          absenceStands(a.requestStatus),
      );
      return {
        ...row,
        unitLabel:
          service.units.length > 1 && row.unit
            ? (service.units.find((u) => u.code === row.unit)?.label ?? row.unit)
            : null,
        absence: absence ? { justified: absence.justified } : null,
        mark: marked.get(row.memberId) ?? null,
      };
    });
    return { service, day, opening, children, counts: dayCounts(children) };
  }

  /** The lists of a day: one service, or every service of the commune. */
  async dayLists(
    communeId: string,
    day: LocalDay,
    services: CatalogueService[],
    school: string | null,
  ): Promise<ServiceDay[]> {
    const calendar = await this.deps.catalogue.calendar(communeId);
    return Promise.all(services.map((service) => this.serviceDay(communeId, service, day, school, calendar)));
  }

  /**
   * The pointage is taken on the day itself, by the staff on site: a day to come cannot be seen yet, and
   * a day gone by is closed (what was marked then is what billing reads). Null for today.
   */
  dayRefusal(day: LocalDay): 'futur' | 'passe' | null {
    const order = compareDays(day, this.today());
    return order > 0 ? 'futur' : order < 0 ? 'passe' : null;
  }

  /**
   * An agent saw PAI or allergy flags on a list or a pointage sheet: one audit line per page shown (SECURITY.md,
   * agents' views of health data), with the service (null: every service), the day and how many children the
   * page listed. Nothing is recorded for a page without such a flag.
   */
  async recordFlagsViewed(
    commune: Commune,
    agent: Agent,
    ip: string,
    view: { serviceId: string | null; day: LocalDay; lists: ServiceDay[] },
  ): Promise<void> {
    const shown = view.lists.flatMap((list) => list.children);
    const flagged = shown.filter((child) => child.pai || child.hasAllergies).length;
    if (flagged === 0) return;
    await this.deps.audit.record({
      communeId: commune.id,
      actor: agentActor(agent),
      action: 'day-list.viewed',
      ...(view.serviceId ? { subject: { kind: 'service', id: view.serviceId } } : {}),
      ip,
      details: { service: view.serviceId, day: view.day, count: shown.length, flagged },
    });
  }

  /**
   * Saves today's sheet in one transaction with its audit line (who, service, day, how many present and
   * absent); a child not expected that day is ignored (nothing a form says widens the list).
   */
  async save(
    commune: Commune,
    agent: Agent,
    day: LocalDay,
    service: CatalogueService,
    marks: Map<string, boolean>,
    ip: string,
  ): Promise<PointageOutcome> {
    const refused = this.dayRefusal(day);
    if (refused) return { ok: false, reason: refused };
    const sheet = await this.serviceDay(commune.id, service, day);
    const now = this.deps.clock.now();
    const rows = sheet.children
      .filter((c) => marks.has(c.memberId))
      .map((c) => ({
        communeId: commune.id,
        serviceId: service.id,
        day,
        memberId: c.memberId,
        present: marks.get(c.memberId)!,
        bookingId: c.bookingId,
        markedAt: now,
        markedById: agent.id,
      }));
    if (rows.length === 0) return { ok: false, reason: 'vide' };
    const present = rows.filter((row) => row.present).length;
    await inTransaction(this.deps.db, async (tx) => {
      await this.deps.repository.saveMarks(rows, tx);
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agentActor(agent),
          action: 'attendance.saved',
          subject: { kind: 'service', id: service.id },
          ip,
          details: { service: service.id, day, present, absent: rows.length - present },
        },
        tx,
      );
    });
    return { ok: true };
  }

  /** The commune's children whose name holds the text, each with whether the service's pointage may take them that day. */
  async searchChildren(
    communeId: string,
    service: CatalogueService,
    day: LocalDay,
    text: string,
  ): Promise<ChildToAdd[]> {
    const found = await this.deps.repository.searchChildren(communeId, text);
    return Promise.all(
      found.map(async (child) => ({
        ...child,
        enrolled: await this.deps.catalogue.isEnrolled(communeId, child.memberId, service.id, day),
      })),
    );
  }

  /** Why no child can be added to the service's pointage that day, or null when one can. */
  async addRefusal(
    communeId: string,
    service: CatalogueService,
    day: LocalDay,
  ): Promise<(PointageOutcome & { ok: false }) | null> {
    const refused = this.dayRefusal(day);
    if (refused) return { ok: false, reason: refused };
    if (service.kind === 'vacances') return { ok: false, reason: 'session' };
    const opening = openingOf(await this.deps.catalogue.calendar(communeId), service, day, false);
    return opening.open ? null : { ok: false, reason: 'ferme', label: opening.label };
  }

  /** The service a pointage opens on when none is chosen: the first one open that day, or the first one. */
  async defaultService(
    communeId: string,
    services: CatalogueService[],
    day: LocalDay,
  ): Promise<CatalogueService | null> {
    const calendar = await this.deps.catalogue.calendar(communeId);
    for (const service of services) {
      if ((await this.serviceDay(communeId, service, day, null, calendar)).opening.open) return service;
    }
    return services[0] ?? null;
  }

  /**
   * A child who came without booking, marked present with a billable booking (see `UnbookedChildren`).
   * Refused on another day than today, on a day the service is closed, for a holiday session (booked whole
   * at the guichet unique) and for a child without an inscription to the service for the day's school year.
   */
  async addUnbooked(
    commune: Commune,
    agent: Agent,
    day: LocalDay,
    service: CatalogueService,
    memberId: string,
    ip: string,
  ): Promise<PointageOutcome> {
    const refused = await this.addRefusal(commune.id, service, day);
    if (refused) return refused;
    return this.unbooked.add(commune, agent, day, service, memberId, ip);
  }
}
