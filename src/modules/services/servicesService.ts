import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type LocalDay, localDayOf } from '../../shared/localDays.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { Commune } from '../communes/domain/commune.js';
import {
  type DayBookings,
  type SessionTerm,
  daysOverLimit,
  sessionTermsChanged,
} from './domain/changesUnderBookings.js';
import { describeMajoration } from './domain/majoration.js';
import {
  type PeriodSettings,
  type Problems,
  type ServiceSettings,
  defaultRentreeWindowEnd,
  holidaysHolding,
  periodProblems,
  schoolYearProblems,
  serviceSettingsProblems,
  sessionProblems,
} from './domain/serviceSettings.js';
import { type ServiceCatalogue, toCatalogueService } from './serviceCatalogue.js';
import type { PeriodInput, SchoolYearInput, SessionInput } from './servicesForms.js';
import type { ServiceValues, ServicesRepository, SessionValues } from './servicesRepository.js';
import { SCHOOL_YEAR_2026, STANDARD_SERVICES } from './standardCatalogue.js';

/** Who changes the set-up, as the audit log names them, and from where. */
export interface SetUpAuthor {
  actor: AuditActor;
  ip: string;
}

export type SetUpOutcome =
  /** `changed` lists the settings written (empty: the form held the values already there). */
  | { ok: true; id: string; changed: string[] }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'invalid'; problems: Problems };

/**
 * A service saved says which days to come now hold more bookings than its new places per day: the
 * bookings stay, and the administrator is told.
 */
export type ServiceOutcome =
  { ok: true; id: string; changed: string[]; overLimit: DayBookings[] } | Exclude<SetUpOutcome, { ok: true }>;

/**
 * A session saved says whether it lies outside the calendar's school holidays (allowed, and worth a
 * warning), and which of the terms children are already booked or waiting under were changed: their
 * bookings stay as they are, and the administrator is told to check them with the families.
 */
export type SessionOutcome =
  | { ok: true; id: string; changed: string[]; outsideHolidays: boolean; bookedTermsChanged: SessionTerm[] }
  | Exclude<SetUpOutcome, { ok: true }>;

/** What the set-up asks of the bookings: the day counters of limited services (ADR 0007). */
export interface SetUpDayPlaces {
  rebuildDayPlaces(communeId: string, serviceId: string, tx: Db): Promise<DayBookings[]>;
  placesTaken(
    communeId: string,
    serviceIds: readonly string[],
    from: LocalDay,
    to: LocalDay,
  ): Promise<Map<string, number>>;
}

/** The waiting list's promotion job, queued in the transaction that gave places. */
export interface SetUpWaitingList {
  queue(commune: Pick<Commune, 'id' | 'slug'>, sessionId: string, tx: Db): Promise<void>;
}

type Details = Record<string, string | number | boolean | null>;

/** The names of the settings whose values differ; the values are ids, dates, numbers and labels, never personal data. */
function changedKeys(before: Details, after: Details): string[] {
  return Object.keys(after).filter((key) => before[key] !== after[key]);
}

function pick(values: Details, keys: string[]): Details {
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? null]));
}

/** A service's settings flattened for comparison and for the audit log. */
function serviceDigest(settings: ServiceSettings): Details {
  return {
    name: settings.name,
    description: settings.description,
    openWeekdays: settings.openWeekdays.join(','),
    schoolPeriodsOnly: settings.schoolPeriodsOnly,
    deadlineDaysBefore: settings.deadlineDaysBefore,
    deadlineTime: settings.deadlineTime,
    cutoffDaysBefore: settings.cutoffDaysBefore,
    cutoffTime: settings.cutoffTime,
    rentreeWindow: settings.rentreeWindow,
    majoration: describeMajoration(settings.majoration),
    illnessReportTime: settings.illnessReportTime,
    requiredDocuments: settings.requiredDocuments.join(' | '),
    placesPerDay: settings.placesPerDay,
    units: settings.units.map((unit) => `${unit.code}=${unit.label}:${unit.priceCents}`).join(' | '),
    active: settings.active,
  };
}

function serviceValues(settings: ServiceSettings): ServiceValues {
  const { majoration, ...rest } = settings;
  return {
    ...rest,
    majorationKind: majoration.kind,
    majorationValue: majoration.kind === 'percent' ? majoration.basisPoints : majoration.cents,
  };
}

/** A session's settings, and nothing else of its row (not its counters): what the form sets and the audit log records. */
function sessionFields(session: SessionValues): SessionValues {
  const { serviceId, name, description, startsOn, endsOn, minAge, maxAge, places, priceCents } = session;
  return { serviceId, name, description, startsOn, endsOn, minAge, maxAge, places, priceCents };
}

const sessionDigest = (session: SessionValues): Details => ({ ...sessionFields(session) });

/**
 * The administrator's set-up of the commune (PRODUCT.md, « Commune administrator »): school years,
 * days off, each service's rules, holiday sessions, and the standard catalogue a new commune starts
 * from. Each use case loads what it changes under its lock, checks it against the domain's rules,
 * writes, and records who changed which setting in the audit log, in one transaction.
 */
export class ServicesService {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      repository: ServicesRepository;
      catalogue: ServiceCatalogue;
      audit: AuditLog;
      dayPlaces: SetUpDayPlaces;
      waitingList: SetUpWaitingList;
    },
  ) {}

  private record(
    commune: Commune,
    author: SetUpAuthor,
    action: AuditAction,
    subject: { kind: string; id: string },
    details: Details,
    tx: Db,
  ) {
    return this.deps.audit.record(
      { communeId: commune.id, actor: author.actor, action, subject, ip: author.ip, details },
      tx,
    );
  }

  /** Whether the commune has neither a school year nor a service: then it is offered the standard catalogue. */
  async isEmpty(communeId: string): Promise<boolean> {
    const counts = await this.deps.repository.setUpCounts(communeId);
    return counts.schoolYears === 0 && counts.services === 0;
  }

  /**
   * The services of PRODUCT.md and the school year 2026-2027 with zone C's holidays, in one go: a new
   * commune starts in one click. Refused once the commune has a year or a service, so that a second
   * click (or a second administrator) adds nothing twice.
   */
  async installStandardCatalogue(
    commune: Commune,
    author: SetUpAuthor,
  ): Promise<{ ok: true } | { ok: false; reason: 'not-empty' }> {
    const { repository } = this.deps;
    return inTransaction(this.deps.db, async (tx) => {
      await repository.lockSetUp(commune.id, tx);
      const counts = await repository.setUpCounts(commune.id, tx);
      if (counts.schoolYears > 0 || counts.services > 0) return { ok: false, reason: 'not-empty' } as const;
      const { periods, ...year } = SCHOOL_YEAR_2026;
      const schoolYear = await repository.insertSchoolYear(commune.id, year, tx);
      await repository.insertPeriods(commune.id, periods, tx);
      const rows = await repository.insertServices(commune.id, STANDARD_SERVICES, tx);
      await this.record(
        commune,
        author,
        'services.standard-catalogue',
        { kind: 'school-year', id: schoolYear.id },
        { schoolYear: year.label, periods: periods.length, services: rows.length },
        tx,
      );
      return { ok: true } as const;
    });
  }

  async createSchoolYear(commune: Commune, input: SchoolYearInput, author: SetUpAuthor): Promise<SetUpOutcome> {
    return this.saveSchoolYear(commune, null, input, author);
  }

  async updateSchoolYear(
    commune: Commune,
    id: string,
    input: SchoolYearInput,
    author: SetUpAuthor,
  ): Promise<SetUpOutcome> {
    return this.saveSchoolYear(commune, id, input, author);
  }

  private saveSchoolYear(
    commune: Commune,
    id: string | null,
    input: SchoolYearInput,
    author: SetUpAuthor,
  ): Promise<SetUpOutcome> {
    const { repository } = this.deps;
    const values = {
      ...input,
      rentreeWindowEndsOn: input.rentreeWindowEndsOn ?? defaultRentreeWindowEnd(input.startsOn),
    };
    return inTransaction(this.deps.db, async (tx): Promise<SetUpOutcome> => {
      await repository.lockSetUp(commune.id, tx);
      const current = id === null ? null : await repository.schoolYear(commune.id, id, tx);
      if (id !== null && !current) return { ok: false, reason: 'not-found' };
      const problems = schoolYearProblems(values, await repository.otherSchoolYears(commune.id, id, tx));
      if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
      if (!current) {
        const row = await repository.insertSchoolYear(commune.id, values, tx);
        await this.record(
          commune,
          author,
          'school-year.created',
          { kind: 'school-year', id: row.id },
          { ...values },
          tx,
        );
        return { ok: true, id: row.id, changed: Object.keys(values) };
      }
      const before = {
        label: current.label,
        startsOn: current.startsOn,
        endsOn: current.endsOn,
        rentreeWindowEndsOn: current.rentreeWindowEndsOn,
      };
      const changed = changedKeys(before, values);
      if (changed.length === 0) return { ok: true, id: current.id, changed };
      await repository.updateSchoolYear(commune.id, current.id, values, tx);
      await this.record(
        commune,
        author,
        'school-year.changed',
        { kind: 'school-year', id: current.id },
        { changed: changed.join(','), ...pick(values, changed) },
        tx,
      );
      return { ok: true, id: current.id, changed };
    });
  }

  async addPeriod(commune: Commune, input: PeriodInput, author: SetUpAuthor): Promise<SetUpOutcome> {
    return this.savePeriod(commune, null, input, author);
  }

  async updatePeriod(commune: Commune, id: string, input: PeriodInput, author: SetUpAuthor): Promise<SetUpOutcome> {
    return this.savePeriod(commune, id, input, author);
  }

  private savePeriod(
    commune: Commune,
    id: string | null,
    values: PeriodSettings,
    author: SetUpAuthor,
  ): Promise<SetUpOutcome> {
    const { repository } = this.deps;
    return inTransaction(this.deps.db, async (tx): Promise<SetUpOutcome> => {
      await repository.lockSetUp(commune.id, tx);
      const current = id === null ? null : await repository.period(commune.id, id, tx);
      if (id !== null && !current) return { ok: false, reason: 'not-found' };
      const problems = periodProblems(values);
      if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
      const fields = { kind: values.kind, label: values.label, startsOn: values.startsOn, endsOn: values.endsOn };
      if (!current) {
        const [row] = await repository.insertPeriods(commune.id, [fields], tx);
        await this.record(
          commune,
          author,
          'calendar-period.added',
          { kind: 'calendar-period', id: row!.id },
          fields,
          tx,
        );
        return { ok: true, id: row!.id, changed: Object.keys(fields) };
      }
      const changed = changedKeys(
        { kind: current.kind, label: current.label, startsOn: current.startsOn, endsOn: current.endsOn },
        fields,
      );
      if (changed.length === 0) return { ok: true, id: current.id, changed };
      await repository.updatePeriod(commune.id, current.id, fields, tx);
      await this.record(
        commune,
        author,
        'calendar-period.changed',
        { kind: 'calendar-period', id: current.id },
        { changed: changed.join(','), ...pick(fields, changed) },
        tx,
      );
      return { ok: true, id: current.id, changed };
    });
  }

  /** Removes a day off; what it was stays in the audit log. */
  async removePeriod(commune: Commune, id: string, author: SetUpAuthor): Promise<SetUpOutcome> {
    return inTransaction(this.deps.db, async (tx): Promise<SetUpOutcome> => {
      await this.deps.repository.lockSetUp(commune.id, tx);
      const removed = await this.deps.repository.deletePeriod(commune.id, id, tx);
      if (!removed) return { ok: false, reason: 'not-found' };
      const { kind, label, startsOn, endsOn } = removed;
      await this.record(
        commune,
        author,
        'calendar-period.removed',
        { kind: 'calendar-period', id: removed.id },
        { kind, label, startsOn, endsOn },
        tx,
      );
      return { ok: true, id: removed.id, changed: [] };
    });
  }

  /**
   * A service's new settings. Its units keep their codes (the bookings name them): only their labels
   * and prices change, and a form that names other units is not this service's.
   *
   * The day counters of a service are kept only while it has a limit (bookings of an unlimited service
   * do not count): a limit set, set again or changed counts them again from the live bookings, in the
   * same transaction, so that the first booking under the limit meets the places really taken.
   */
  async updateService(
    commune: Commune,
    id: string,
    settings: ServiceSettings,
    author: SetUpAuthor,
  ): Promise<ServiceOutcome> {
    const { repository, dayPlaces } = this.deps;
    const today = localDayOf(this.deps.clock.now());
    return inTransaction(this.deps.db, async (tx): Promise<ServiceOutcome> => {
      const row = await repository.lockService(commune.id, id, tx);
      if (!row) return { ok: false, reason: 'not-found' };
      const current = toCatalogueService(row);
      const codes = (units: { code: string }[]) => units.map((unit) => unit.code).join('|');
      if (codes(current.units) !== codes(settings.units)) return { ok: false, reason: 'not-found' };
      const problems = serviceSettingsProblems(settings);
      if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
      const before = serviceDigest({ ...current, ...current.opening, ...current.rule });
      const after = serviceDigest(settings);
      const changed = changedKeys(before, after);
      if (changed.length === 0) return { ok: true, id, changed, overLimit: [] };
      await repository.updateService(commune.id, id, serviceValues(settings), tx);
      const limitSet = settings.placesPerDay !== null && settings.placesPerDay !== current.placesPerDay;
      const overLimit = limitSet
        ? daysOverLimit(await dayPlaces.rebuildDayPlaces(commune.id, id, tx), settings.placesPerDay, today)
        : [];
      const details = {
        service: settings.name,
        changed: changed.join(','),
        ...pick(after, changed),
        ...(limitSet ? { daysOverLimit: overLimit.length } : {}),
      };
      await this.record(commune, author, 'service.settings-changed', { kind: 'service', id }, details, tx);
      return { ok: true, id, changed, overLimit };
    });
  }

  /**
   * The days to come that hold more bookings than the service's places per day, as its counters
   * say (exact since the limit was set): what the service's page warns of.
   */
  async daysOverLimit(communeId: string, service: { id: string; placesPerDay: number | null }): Promise<DayBookings[]> {
    if (service.placesPerDay === null) return [];
    const today = localDayOf(this.deps.clock.now());
    const taken = await this.deps.dayPlaces.placesTaken(communeId, [service.id], today, '9999-12-31');
    // One service asked: each key is `service|day`.
    const days = [...taken].map(([key, booked]) => ({ day: key.slice(service.id.length + 1), booked }));
    return daysOverLimit(days, service.placesPerDay, today);
  }

  async createSession(commune: Commune, input: SessionInput, author: SetUpAuthor): Promise<SessionOutcome> {
    return this.saveSession(commune, null, input, author);
  }

  async updateSession(commune: Commune, id: string, input: SessionInput, author: SetUpAuthor): Promise<SessionOutcome> {
    return this.saveSession(commune, id, input, author);
  }

  /**
   * A holiday session. Its places never go below the places already booked: the check reads the
   * counter under the session's lock, the same lock every booking takes. Places added go to the
   * waiting list through the promotion job, queued in the same transaction as a cancellation queues
   * it. A session outside the school holidays of the calendar is allowed (a commune may run one on a
   * bridge day) and reported.
   */
  private async saveSession(
    commune: Commune,
    id: string | null,
    values: SessionValues,
    author: SetUpAuthor,
  ): Promise<SessionOutcome> {
    const { repository, catalogue, waitingList } = this.deps;
    type Saved =
      | { ok: true; id: string; changed: string[]; bookedTermsChanged: SessionTerm[] }
      | Exclude<SetUpOutcome, { ok: true }>;
    const saved = await inTransaction(this.deps.db, async (tx): Promise<Saved> => {
      const current = id === null ? null : await repository.lockSession(commune.id, id, tx);
      if (id !== null && !current) return { ok: false, reason: 'not-found' };
      const service = await catalogue.service(commune.id, values.serviceId, tx);
      const problems = sessionProblems(values, current?.booked ?? 0);
      if (!service || service.kind !== 'vacances')
        problems.serviceId = 'Choisissez un service d’activités vacances de la commune.';
      if (Object.keys(problems).length > 0) return { ok: false, reason: 'invalid', problems };
      const fields = sessionFields(values);
      if (!current) {
        const row = await repository.insertSession(commune.id, fields, tx);
        await this.record(
          commune,
          author,
          'session.created',
          { kind: 'session', id: row.id },
          sessionDigest(fields),
          tx,
        );
        return { ok: true, id: row.id, changed: Object.keys(fields), bookedTermsChanged: [] };
      }
      const changed = changedKeys(sessionDigest(current), sessionDigest(fields));
      if (changed.length === 0) return { ok: true, id: current.id, changed, bookedTermsChanged: [] };
      await repository.updateSession(commune.id, current.id, fields, tx);
      // The job decides under the session's lock, once this commits: it gives each new place once, or nothing.
      if (fields.places > current.places) await waitingList.queue(commune, current.id, tx);
      const terms = sessionTermsChanged(changed);
      const bookedTermsChanged =
        terms.length > 0 && (await repository.liveSessionBookings(commune.id, current.id, tx)) > 0 ? terms : [];
      await this.record(
        commune,
        author,
        'session.changed',
        { kind: 'session', id: current.id },
        { session: fields.name, changed: changed.join(','), ...pick(sessionDigest(fields), changed) },
        tx,
      );
      return { ok: true, id: current.id, changed, bookedTermsChanged };
    });
    if (!saved.ok) return saved;
    // Only a warning, read once the session is saved.
    const outsideHolidays = holidaysHolding(values, (await catalogue.calendar(commune.id)).periods) === null;
    return { ...saved, outsideHolidays };
  }
}
