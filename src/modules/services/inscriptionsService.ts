import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { localDayOf } from '../../shared/localDays.js';
import { type NotFound, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository, FamilyMember } from '../families/familiesRepository.js';
import type { FileAuthor } from '../families/familyFileService.js';
import type { Request } from '../requests/requestsRepository.js';
import type { RequestsService } from '../requests/requestsService.js';
import type { EnrolmentLine, EnrolmentsRepository } from './enrolmentsRepository.js';
import {
  INSCRIPTION,
  type InscriptionPayload,
  inscriptionPayload,
  inscriptionSummary,
} from './inscriptionRequestType.js';
import type { InscriptionDocuments, RequiredDocument } from './inscriptionDocuments.js';
import type { SchoolYear, ServiceCatalogue } from './serviceCatalogue.js';
import type { CatalogueService } from './domain/catalogueService.js';

export interface InscriptionChoice {
  memberId: string;
  serviceId: string;
  schoolYearId: string;
}

/** What « Créer une inscription » offers and shows. */
export interface InscriptionOverview {
  children: FamilyMember[];
  services: CatalogueService[];
  /** The school years not ended yet, the soonest first. */
  years: SchoolYear[];
  enrolments: EnrolmentLine[];
  /** The family's inscription requests still waiting for a decision. */
  openRequests: Request[];
  /** The documents the services ask for, for the family and each child, with their state. */
  documents: RequiredDocument[];
}

/** The choice a refusal is about, for the page to name the child, the service and the year. */
export interface NamedChoice {
  child: Pick<FamilyMember, 'firstName' | 'sex'>;
  serviceName: string;
  yearLabel: string;
}

/** The fields of the form whose choice is not among those offered. */
export type ChoiceField = keyof InscriptionChoice;

export type InscriptionOutcome =
  | { ok: true; request: Request }
  /** The member is none of the family's: the page answers as for any unknown id. */
  | NotFound
  /** A member who is no child, a service not open, a year ended: not among the choices offered. */
  | Refused<'not-offered', { fields: ChoiceField[] }>
  | Refused<'already-enrolled', NamedChoice>
  /** A request for the same inscription is still waiting for a decision. */
  | Refused<'already-requested', NamedChoice>;

interface Deps {
  db: Db;
  clock: Clock;
  families: FamiliesRepository;
  catalogue: ServiceCatalogue;
  enrolments: EnrolmentsRepository;
  requests: RequestsService;
  documents: InscriptionDocuments;
}

/** « Rémi DUPONT » */
const nameOf = (member: Pick<FamilyMember, 'firstName' | 'lastName'>) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/** Children are who the services are for; the other members of the household are adults. */
const childrenOf = (members: FamilyMember[]) => members.filter((member) => member.relation === 'enfant');

/**
 * « Créer une inscription »: the family asks for a child's inscription to a service for a school
 * year, as a request of the engine; the guichet unique checks the documents and accepts or refuses.
 */
export class InscriptionsService {
  constructor(private readonly deps: Deps) {}

  /** Years a family can still enrol for: those whose last day has not passed. */
  private openYears(years: SchoolYear[]): SchoolYear[] {
    const today = localDayOf(this.deps.clock.now());
    return years.filter((year) => year.endsOn >= today);
  }

  async overview(commune: Commune, familyId: string): Promise<({ ok: true } & InscriptionOverview) | NotFound> {
    const { families, catalogue, enrolments, requests } = this.deps;
    const [file, services, calendar, lines, openRequests, documents] = await Promise.all([
      families.file(commune.id, familyId),
      catalogue.services(commune.id),
      catalogue.calendar(commune.id),
      enrolments.activeOfFamily(commune.id, familyId),
      requests.openOfFamily(commune.id, familyId, INSCRIPTION),
      this.deps.documents.required(commune, familyId),
    ]);
    if (!file) return notFound;
    return {
      ok: true,
      children: childrenOf(file.members),
      services,
      years: this.openYears(calendar.years),
      enrolments: lines,
      openRequests,
      documents,
    };
  }

  /**
   * Files the request, unless the child already has this inscription or a request for it is still
   * open. Checked and written under the family's lock, so that two submissions at once make one request.
   */
  async submit(
    commune: Commune,
    familyId: string,
    choice: InscriptionChoice,
    author: FileAuthor,
  ): Promise<InscriptionOutcome> {
    const { db, families, catalogue, enrolments, requests } = this.deps;
    // Read before the transaction: the vault's reads are not the transaction's (one connection on PGlite).
    const required = await this.deps.documents.required(commune, familyId);
    return inTransaction(db, async (tx): Promise<InscriptionOutcome> => {
      if (!(await families.lockFamily(commune.id, familyId, tx))) return notFound;
      const file = await families.file(commune.id, familyId, tx);
      const member = file?.members.find((m) => m.id === choice.memberId);
      if (!member) return notFound;
      const wrong: ChoiceField[] = [];
      if (member.relation !== 'enfant') wrong.push('memberId');
      const service = await catalogue.service(commune.id, choice.serviceId, tx);
      if (!service?.active) wrong.push('serviceId');
      const year = this.openYears(await enrolments.schoolYears(commune.id, tx)).find(
        (y) => y.id === choice.schoolYearId,
      );
      if (!year) wrong.push('schoolYearId');
      if (!service || !year || wrong.length > 0) return refused('not-offered', { fields: wrong });
      const named: NamedChoice = { child: member, serviceName: service.name, yearLabel: year.label };

      const payload: InscriptionPayload = {
        memberId: member.id,
        memberName: nameOf(member),
        serviceId: service.id,
        serviceName: service.name,
        schoolYearId: year.id,
        schoolYearLabel: year.label,
        requiredDocuments: service.requiredDocuments,
        // Where each document the service asks for stands now: the guichet sees which are already validated.
        documents: required
          .filter((d) => d.serviceIds.includes(service.id) && (d.memberId === null || d.memberId === member.id))
          .map((d) => ({ name: d.typeName, state: d.stateText, documentId: d.documentId })),
      };
      const existing = await enrolments.find(commune.id, choice, tx);
      if (existing?.status === 'active') return refused('already-enrolled', named);
      const open = await requests.openOfFamily(commune.id, familyId, INSCRIPTION, tx);
      const same = open.some((request) => {
        const asked = inscriptionPayload.safeParse(request.payload);
        return (
          asked.success &&
          asked.data.memberId === member.id &&
          asked.data.serviceId === service.id &&
          asked.data.schoolYearId === year.id
        );
      });
      if (same) return refused('already-requested', named);
      const request = await requests.submit(
        commune,
        { familyId, memberId: member.id, type: INSCRIPTION, payload, summary: inscriptionSummary(payload), author },
        tx,
      );
      return { ok: true, request };
    });
  }
}
