import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type LocalDay } from '../../shared/localDays.js';
import { type NotFound, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { CheckedIntake } from '../documents/documentIntake.js';
import type { DocumentsService } from '../documents/documentsService.js';
import type { FamiliesRepository, FamilyMember } from '../families/familiesRepository.js';
import type { FileAuthor } from '../families/familyFileService.js';
import type { Request } from '../requests/requestsRepository.js';
import type { RequestsService } from '../requests/requestsService.js';
import type { ServiceCatalogue } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import { ABSENCE, type AbsencePayload, absenceSummary } from './absenceRequestType.js';
import type { AbsencesRepository, ReportedAbsence, ServiceDay } from './absencesRepository.js';
import {
  type AbsenceProblem,
  type AbsenceReason,
  MEDICAL_CERTIFICATE,
  absenceProblems,
  certificateJustifies,
  overlappingAbsence,
} from './domain/absenceRules.js';

export interface AbsenceInput {
  memberId: string;
  firstDay: LocalDay;
  lastDay: LocalDay;
  serviceIds: string[];
  reason: AbsenceReason;
  note: string;
  /**
   * An illness's medical certificate: new files (checked by the vault beforehand), stored as the
   * child's certificate with the absence; or the child's certificate the guichet already validated.
   */
  certificate?: { kind: 'new'; checked: CheckedIntake } | { kind: 'validated'; documentId: string } | null;
}

export type AbsenceOutcome =
  /** `justified`: the child's validated certificate covers the absence already. */
  | { ok: true; request: Request; justified: boolean }
  /** The member is none of the family's: the page answers as for any unknown id. */
  | NotFound
  /**
   * The rules refuse the report online (`problems`, in the order of the form), or it names a service
   * the child is not enrolled in (`unknownService`).
   */
  | Refused<'against-rules', { problems: AbsenceProblem[]; unknownService: boolean }>
  /** An absence already reported covers these days and services: `serviceNames` names the child's services. */
  | Refused<'already-reported', { absence: ReportedAbsence; child: FamilyMember; serviceNames: Map<string, string> }>;

/** A child of the family and the services it is enrolled in: what an absence can be about. */
export interface AbsenceSubject {
  member: FamilyMember;
  services: CatalogueService[];
}

interface Deps {
  db: Db;
  clock: Clock;
  families: FamiliesRepository;
  catalogue: ServiceCatalogue;
  absences: AbsencesRepository;
  requests: RequestsService;
  /** The vault: an illness's medical certificate sent or reused with the report. */
  documents: DocumentsService;
  audit: AuditLog;
}

const nameOf = (member: Pick<FamilyMember, 'firstName' | 'lastName'>) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/**
 * « Signaler une absence »: the absence is written when the family reports it, with an « absence »
 * request that the guichet unique accepts (an illness is then justified) or refuses.
 */
export class AbsencesService {
  constructor(private readonly deps: Deps) {}

  /** The family's children, and the absences it reported lately. */
  async overview(
    commune: Commune,
    familyId: string,
  ): Promise<{ children: FamilyMember[]; absences: ReportedAbsence[]; serviceNames: Map<string, string> } | null> {
    const { families, absences, catalogue } = this.deps;
    const [file, reported, services] = await Promise.all([
      families.file(commune.id, familyId),
      absences.ofFamily(commune.id, familyId),
      catalogue.services(commune.id, { includeInactive: true }),
    ]);
    if (!file) return null;
    return {
      children: file.members.filter((member) => member.relation === 'enfant'),
      absences: reported,
      serviceNames: new Map(services.map((service) => [service.id, service.name])),
    };
  }

  /** A member of the family and the services it is enrolled in; null for anyone else's (or nobody's) id. */
  async subject(
    commune: Commune,
    familyId: string,
    memberId: string,
    tx: Db = this.deps.db,
  ): Promise<AbsenceSubject | null> {
    const { families, catalogue } = this.deps;
    const file = await families.file(commune.id, familyId, tx);
    const member = file?.members.find((m) => m.id === memberId);
    if (!member) return null;
    // One after the other: inside a transaction both go through its one connection.
    const enrolments = await catalogue.enrolmentsOf(commune.id, member.id, tx);
    const services = await catalogue.services(commune.id, { includeInactive: true }, tx);
    const enrolled = new Set(enrolments.map((enrolment) => enrolment.serviceId));
    return { member, services: services.filter((service) => enrolled.has(service.id)) };
  }

  /** Records the absence and its request in one transaction, if the rules let the family report it online. */
  /**
   * The illness's certificate, in the report's transaction: new files stored as the child's pending
   * certificate (its validation justifies the absence, `medicalCertificates.ts`), or the child's
   * validated one, whose days say whether the absence is justified at once. None: sent later.
   */
  private async certificate(
    commune: Commune,
    familyId: string,
    memberId: string,
    input: AbsenceInput,
    author: FileAuthor,
    tx: Db,
  ): Promise<{ id: string; validFrom: LocalDay; validUntil: LocalDay | null } | null> {
    const { documents } = this.deps;
    if (input.certificate?.kind === 'new') {
      const stored = await documents.storeChecked(
        commune,
        familyId,
        {
          citizenId: author.kind === 'citizen' ? author.id : null,
          actor: { kind: author.kind, id: author.id, label: author.label },
        },
        { typeCode: MEDICAL_CERTIFICATE, memberId, checked: input.certificate.checked },
        tx,
      );
      // The very files of the certificate waiting for validation: that one stands for this absence too.
      if (!stored.ok && stored.reason !== 'duplicate')
        throw new Error(`medical certificate not stored: ${stored.reason}`);
      return null;
    }
    if (input.certificate?.kind !== 'validated') return null;
    return documents.validated(
      commune,
      familyId,
      input.certificate.documentId,
      { typeCode: MEDICAL_CERTIFICATE, memberId },
      tx,
    );
  }

  async report(commune: Commune, familyId: string, input: AbsenceInput, author: FileAuthor): Promise<AbsenceOutcome> {
    const { db, clock, families, absences, requests } = this.deps;
    const now = clock.now();
    return inTransaction(db, async (tx): Promise<AbsenceOutcome> => {
      // The family's lock: a member removed meanwhile is either still there or already gone, not half.
      if (!(await families.lockFamily(commune.id, familyId, tx))) return notFound;
      const subject = await this.subject(commune, familyId, input.memberId, tx);
      if (!subject) return notFound;
      const chosen = subject.services.filter((service) => input.serviceIds.includes(service.id));
      const problems = absenceProblems({
        now,
        firstDay: input.firstDay,
        lastDay: input.lastDay,
        reason: input.reason,
        illnessReportTimes: chosen.map((s) => s.illnessReportTime),
      });
      const unknownService = chosen.length !== input.serviceIds.length;
      if (problems.length > 0 || unknownService) return refused('against-rules', { problems, unknownService });

      const serviceIds = chosen.map((service) => service.id);
      // Under the family's lock, so that two identical reports at once make one absence and one request.
      const standing = await absences.standingBetween(commune.id, subject.member.id, input.firstDay, input.lastDay, tx);
      const repeated = overlappingAbsence(standing, { firstDay: input.firstDay, lastDay: input.lastDay, serviceIds });
      if (repeated) {
        const serviceNames = new Map(subject.services.map((service) => [service.id, service.name]));
        return refused('already-reported', { absence: repeated, child: subject.member, serviceNames });
      }
      const names = new Map(chosen.map((service) => [service.id, service.name]));
      const booked = await absences.bookedDays(
        commune.id,
        subject.member.id,
        serviceIds,
        input.firstDay,
        input.lastDay,
        tx,
      );
      const payload: AbsencePayload = {
        memberId: subject.member.id,
        memberName: nameOf(subject.member),
        firstDay: input.firstDay,
        lastDay: input.lastDay,
        services: chosen.map(({ id, name }) => ({ id, name })),
        reason: input.reason,
        note: input.note,
        bookedDays: byDay(booked, names),
      };
      const request = await requests.submit(
        commune,
        { familyId, memberId: subject.member.id, type: ABSENCE, payload, summary: absenceSummary(payload), author },
        tx,
      );
      const certificate =
        input.reason === 'maladie'
          ? await this.certificate(commune, familyId, subject.member.id, input, author, tx)
          : null;
      const justified = certificate !== null && certificateJustifies(input, certificate);
      const absence = await absences.insert(
        {
          communeId: commune.id,
          familyId,
          memberId: subject.member.id,
          requestId: request.id,
          firstDay: input.firstDay,
          lastDay: input.lastDay,
          serviceIds,
          reason: input.reason,
          note: input.note,
          justified,
          reportedAt: now,
        },
        tx,
      );
      if (justified && certificate)
        await this.deps.audit.record(
          {
            communeId: commune.id,
            actor: { kind: 'system', label: 'Certificat médical validé' },
            action: 'absence.justified',
            subject: { kind: 'absence', id: absence.id },
            details: { documentId: certificate.id },
          },
          tx,
        );
      return { ok: true, request, justified };
    });
  }

  /** The days × services a justified absence of the member covers between two days, both included (billing, agenda). */
  justifiedDays(communeId: string, memberId: string, from: LocalDay, to: LocalDay, tx?: Db): Promise<ServiceDay[]> {
    return this.deps.absences.justifiedDays(communeId, memberId, from, to, tx);
  }
}

/** The booked days, each with the names of its services, in the order of the days. */
function byDay(booked: ServiceDay[], names: Map<string, string>): AbsencePayload['bookedDays'] {
  const days = new Map<string, string[]>();
  for (const { day, serviceId } of booked) days.set(day, [...(days.get(day) ?? []), names.get(serviceId) ?? '']);
  return [...days].map(([day, services]) => ({ day, services }));
}
