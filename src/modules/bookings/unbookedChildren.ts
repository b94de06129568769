import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { LocalDay } from '../../shared/localDays.js';
import { agentActor } from '../accounts/agentsPolicy.js';
import type { Agent } from '../accounts/agentsRepository.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { describeMajoration, majorationAmount } from '../services/domain/majoration.js';
import type { ServiceCatalogue } from '../services/serviceCatalogue.js';
import { schoolYearOf } from '../services/domain/schoolCalendar.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import type { AttendanceRepository, ChildOnList } from './attendanceRepository.js';

export type PointageRefusal = 'futur' | 'passe' | 'ferme' | 'session' | 'non-inscrit' | 'not-found' | 'vide';

/**
 * What a pointage's write came to. A child added is `booked` (a new billable day, or a day cancelled on time
 * booked again), `restored` (a day cancelled late, already billable, put back as it was) or `already` (booked
 * meanwhile: only marked present).
 */
export type PointageOutcome =
  | { ok: true; added?: 'booked' | 'restored' | 'already'; firstName?: string }
  | { ok: false; reason: PointageRefusal; label?: string; firstName?: string };

interface Deps {
  db: Db;
  clock: Clock;
  repository: AttendanceRepository;
  catalogue: ServiceCatalogue;
  audit: AuditLog;
}

/** How many times a transaction reads the day again when another writer changed the child's booking under it. */
const ATTEMPTS = 3;

/**
 * A child present at the pointage without a live booking. The day is billed once at most: the partial
 * unique index keeps one live booking per child, service and day, so the child's cancelled booking of the
 * day comes back rather than a second row. Cancelled late, it was billable all along and returns as it was,
 * without a new majoration; cancelled on time, it was not, and becomes the pointage's booking like a new one:
 * the service's first unit, late, with the service's majoration (the commune's rule for an unbooked child).
 */
export class UnbookedChildren {
  constructor(private readonly deps: Deps) {}

  /** The day must already be one the pointage can add to (today, the service open): the caller checks. */
  async add(
    commune: Commune,
    agent: Agent,
    day: LocalDay,
    service: CatalogueService,
    memberId: string,
    ip: string,
  ): Promise<PointageOutcome> {
    const { repository, catalogue } = this.deps;
    const child = await repository.childOfCommune(commune.id, memberId);
    const unit = service.units[0];
    if (!child || !unit) return { ok: false, reason: 'not-found' };
    // A booking needs an accepted inscription (PRODUCT.md): the pointage is no way around it.
    if (!(await catalogue.isEnrolled(commune.id, child.memberId, service.id, day))) {
      const year = schoolYearOf(await catalogue.calendar(commune.id), day);
      return { ok: false, reason: 'non-inscrit', firstName: child.firstName, ...(year ? { label: year.label } : {}) };
    }
    const write = { commune, agent, day, service, child, ip, unit };
    try {
      const added = await inTransaction(this.deps.db, (tx) => this.present(write, tx));
      return { ok: true, added, firstName: child.firstName };
    } catch (error) {
      // Two tablets added the same child at once: the index kept one live booking; this one marks it.
      if (!isUniqueViolation(error)) throw error;
      const marked = await inTransaction(this.deps.db, (tx) => this.markLive(write, tx));
      if (!marked) throw error;
      return { ok: true, added: 'already', firstName: child.firstName };
    }
  }

  /** Marks the child present on their live booking of the day, if they hold one. */
  private async markLive(write: Write, tx: Db): Promise<boolean> {
    const live = await this.deps.repository.liveBooking(
      write.commune.id,
      write.child.memberId,
      write.service.id,
      write.day,
      tx,
    );
    if (!live) return false;
    await this.mark(write, live.id, tx);
    return true;
  }

  private mark(write: Write, bookingId: string, tx: Db): Promise<void> {
    const { commune, service, day, child, agent } = write;
    return this.deps.repository.saveMarks(
      [
        {
          communeId: commune.id,
          serviceId: service.id,
          day,
          memberId: child.memberId,
          present: true,
          bookingId,
          markedAt: this.deps.clock.now(),
          markedById: agent.id,
        },
      ],
      tx,
    );
  }

  /**
   * In one transaction: the live booking marked; else the cancelled one put back; else a new one. Each read
   * is its own statement, so when a restore finds the row changed by another writer, the next round sees what
   * that writer committed.
   */
  private async present(write: Write, tx: Db): Promise<'booked' | 'restored' | 'already'> {
    const { repository } = this.deps;
    const { commune, service, day, child, agent, unit } = write;
    const now = this.deps.clock.now();
    const majorationCents = majorationAmount(unit.priceCents, service.majoration);
    const asPointage = {
      unit: unit.code,
      late: true,
      unitPriceCents: unit.priceCents,
      majorationRule: describeMajoration(service.majoration),
      majorationCents,
      bookedAt: now,
      bookedByKind: 'agent' as const,
      bookedById: agent.id,
      source: 'pointage' as const,
    };
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (await this.markLive(write, tx)) return 'already';
      const cancelled = await repository.cancelledBooking(commune.id, child.memberId, service.id, day, tx);
      let bookingId: string;
      if (cancelled) {
        if (!(await repository.restoreBooking(commune.id, cancelled.id, cancelled.cancelledLate ? {} : asPointage, tx)))
          continue;
        bookingId = cancelled.id;
      } else {
        bookingId = (
          await repository.insertBooking(
            {
              communeId: commune.id,
              familyId: child.familyId,
              memberId: child.memberId,
              serviceId: service.id,
              day,
              status: 'reserve',
              ...asPointage,
            },
            tx,
          )
        ).id;
      }
      // The cancellation gave its place back: the child takes one again (never refused, the child is there).
      if (service.placesPerDay !== null) await repository.takePlace(commune.id, service.id, day, tx);
      await this.mark(write, bookingId, tx);
      const restored = cancelled ? (cancelled.cancelledLate ? 'annulee-hors-delai' : 'annulee-dans-les-delais') : null;
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agentActor(agent),
          action: 'attendance.unbooked-child',
          subject: { kind: 'member', id: child.memberId },
          ip: write.ip,
          details: {
            service: service.id,
            day,
            booking: bookingId,
            majorationCents: cancelled?.cancelledLate ? 0 : majorationCents,
            restored,
          },
        },
        tx,
      );
      return cancelled?.cancelledLate ? 'restored' : 'booked';
    }
    throw new Error('the child’s booking of the day kept changing while the pointage wrote it');
  }
}

interface Write {
  commune: Commune;
  agent: Agent;
  day: LocalDay;
  service: CatalogueService;
  child: ChildOnList;
  ip: string;
  unit: CatalogueService['units'][number];
}
