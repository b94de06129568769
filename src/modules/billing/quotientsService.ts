import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type LocalDay, localDayOf } from '../../shared/localDays.js';
import { type NotFound, type Outcome, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { QuotientSource } from './billingSchema.js';
import {
  type QfBracket,
  type QuotientProblem,
  bracketOf,
  describeBracket,
  quotientOn,
  quotientProblems,
} from './domain/quotient.js';
import type { BillingAuthor } from './invoiceRunService.js';
import type { StoredQuotient, QuotientsRepository } from './quotientsRepository.js';
import type { TariffsRepository } from './tariffsRepository.js';

export interface QuotientInput {
  value: number;
  source: QuotientSource;
  validFrom: LocalDay;
  validTo: LocalDay;
}

/** A family's QF as the family file and « Mes factures » show it. */
export interface FamilyQuotientView {
  family: { id: string; reference: string; name: string };
  /** The QF valid today, or null (the highest bracket then). */
  current: StoredQuotient | null;
  bracketRank: number;
  bracketLabel: string;
  brackets: QfBracket[];
  history: StoredQuotient[];
  nonResident: boolean;
}

export type QuotientOutcome = Outcome<
  Record<never, never>,
  NotFound | Refused<'invalid', { problems: QuotientProblem[] }>
>;

/** What billing needs of the family files: that a family is the commune's, and how agents name it. */
export interface FamilyLookup {
  exists(communeId: string, familyId: string, tx?: Db): Promise<boolean>;
  label(communeId: string, familyId: string): Promise<{ reference: string; name: string } | null>;
}

interface Deps {
  db: Db;
  clock: Clock;
  quotients: QuotientsRepository;
  tariffs: TariffsRepository;
  families: FamilyLookup;
  audit: AuditLog;
}

/**
 * Families' quotients familiaux, entered by the guichet unique on the family file from the document the
 * family brought. Entries are never changed: a new one wins on the days it covers, and the history stays.
 */
export class QuotientsService {
  constructor(private readonly deps: Deps) {}

  /** The family's QF today, its bracket and history; null when the family is not the commune's. */
  async ofFamily(communeId: string, familyId: string): Promise<FamilyQuotientView | null> {
    const { quotients, tariffs, clock } = this.deps;
    const label = await this.deps.families.label(communeId, familyId);
    if (!label) return null;
    const [history, brackets, nonResident] = await Promise.all([
      quotients.ofFamily(communeId, familyId),
      tariffs.brackets(communeId),
      quotients.isNonResident(communeId, familyId),
    ]);
    const current = quotientOn(localDayOf(clock.now()), history);
    const bracketRank = bracketOf(current?.value ?? null, brackets);
    return {
      family: { id: familyId, ...label },
      current,
      bracketRank,
      bracketLabel: describeBracket(bracketRank, brackets),
      brackets,
      history,
      nonResident,
    };
  }

  async enter(
    commune: Pick<Commune, 'id'>,
    familyId: string,
    input: QuotientInput,
    author: BillingAuthor,
  ): Promise<QuotientOutcome> {
    const problems = quotientProblems(input);
    if (problems.length > 0) return refused('invalid', { problems });
    const { db, clock, quotients, families, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      if (!(await families.exists(commune.id, familyId, tx))) return notFound;
      const id = await quotients.insert(commune.id, { familyId, ...input }, clock.now(), author.actor.id ?? null, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.quotient.enter',
          subject: { kind: 'family', id: familyId },
          ip: author.ip,
          details: {
            quotientId: id,
            value: input.value,
            source: input.source,
            validFrom: input.validFrom,
            validTo: input.validTo,
          },
        },
        tx,
      );
      return { ok: true };
    });
  }

  async setResidence(
    commune: Pick<Commune, 'id'>,
    familyId: string,
    nonResident: boolean,
    author: BillingAuthor,
  ): Promise<QuotientOutcome> {
    const { db, clock, quotients, families, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      if (!(await families.exists(commune.id, familyId, tx))) return notFound;
      await quotients.setResidence(commune.id, familyId, nonResident, clock.now(), tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.residence.set',
          subject: { kind: 'family', id: familyId },
          ip: author.ip,
          details: { nonResident },
        },
        tx,
      );
      return { ok: true };
    });
  }
}
