import { countOf } from '../../shared/words.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type LocalDay, isCalendarDay } from '../../shared/localDays.js';
import { type NotFound, type Outcome, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { ActivitySession, ServiceCatalogue } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import { type QfBracket, bracketsProblem } from './domain/quotient.js';
import { type GridPrice, gridPricesProblem, isUnitPrice } from './domain/tariffs.js';
import type { BillingAuthor } from './invoiceRunService.js';
import type { BillingSettings, StoredGrid, TariffsRepository } from './tariffsRepository.js';

/** Problems by field: the French sentence that says what to change (the forms show them in their summary). */
export type Problems = Record<string, string>;

export type SetUpOutcome = Outcome<Record<never, never>, NotFound | Refused<'invalid', { problems: Problems }>>;

export interface GridInput {
  serviceId: string;
  unit: string;
  startsOn: LocalDay;
  decision: string;
  nonResidentCents: number | null;
  prices: GridPrice[];
}

/** The « Tarifs » page: everything the administrator sets, with the services and sessions it applies to. */
export interface TariffsSetUp {
  settings: BillingSettings;
  brackets: QfBracket[];
  grids: StoredGrid[];
  services: CatalogueService[];
  sessions: ActivitySession[];
  sessionPrices: Map<string, GridPrice[]>;
}

interface Deps {
  db: Db;
  clock: Clock;
  catalogue: ServiceCatalogue;
  tariffs: TariffsRepository;
  audit: AuditLog;
}

const invalid = (problems: Problems) => refused('invalid', { problems });

/**
 * « Paramètres → Tarifs »: the brackets of quotient familial, a grid per unit of a service from a day,
 * session prices per bracket, and the invoices' dates and minimum. Every change is audited; a grid is
 * never edited (a new tariff is a new grid from its first day), so what priced a day can be shown again.
 */
export class TariffsService {
  constructor(private readonly deps: Deps) {}

  async setUp(communeId: string): Promise<TariffsSetUp> {
    const { tariffs, catalogue } = this.deps;
    const [settings, brackets, grids, services, sessions, sessionPrices] = await Promise.all([
      tariffs.settings(communeId),
      tariffs.brackets(communeId),
      tariffs.grids(communeId),
      catalogue.services(communeId, { includeInactive: true }),
      catalogue.sessions(communeId),
      tariffs.sessionPrices(communeId),
    ]);
    return { settings, brackets, grids, services, sessions, sessionPrices };
  }

  brackets(communeId: string): Promise<QfBracket[]> {
    return this.deps.tariffs.brackets(communeId);
  }

  /** The brackets from their upper bounds in euros (the last one open). Their number is fixed once a grid exists. */
  async saveBrackets(
    commune: Pick<Commune, 'id'>,
    bounds: readonly number[],
    author: BillingAuthor,
  ): Promise<SetUpOutcome> {
    const brackets: QfBracket[] = [
      ...bounds.map((upperBound, index) => ({ rank: index + 1, upperBound })),
      { rank: bounds.length + 1, upperBound: null },
    ];
    const problem = bracketsProblem(brackets);
    if (problem === 'not-increasing' || problem === 'bound-missing')
      return invalid({
        bounds: 'Indiquez des plafonds croissants, en euros : chaque tranche commence après la précédente.',
      });
    if (problem) return invalid({ bounds: 'Indiquez de 1 à 19 plafonds, en euros, du plus petit au plus grand.' });
    if (bounds.some((bound) => !Number.isSafeInteger(bound) || bound < 0 || bound > 100_000))
      return invalid({ bounds: 'Un plafond est un nombre entier d’euros, de 0 à 100 000.' });
    const { db, tariffs, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.lockCommune(commune.id, tx);
      const before = await tariffs.brackets(commune.id, tx);
      const grids = await tariffs.grids(commune.id, tx);
      if (grids.length > 0 && before.length !== brackets.length)
        return invalid({
          bounds: `Des grilles de prix existent pour ${countOf(before.length, 'tranche')} : gardez ${countOf(before.length, 'tranche')} (${countOf(before.length - 1, 'plafond')}).`,
        });
      await tariffs.replaceBrackets(commune.id, brackets, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.brackets.save',
          ip: author.ip,
          details: { bounds: bounds.join(',') },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /** A new grid for a unit of a service, from its first day; refused when another of that unit starts the same day. */
  async addGrid(commune: Pick<Commune, 'id'>, input: GridInput, author: BillingAuthor): Promise<SetUpOutcome> {
    const { db, clock, tariffs, catalogue, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.lockCommune(commune.id, tx);
      const service = await catalogue.service(commune.id, input.serviceId, tx);
      if (!service || !service.units.some((unit) => unit.code === input.unit))
        return invalid({ serviceUnit: 'Choisissez un service et son unité dans la liste.' });
      const brackets = await tariffs.brackets(commune.id, tx);
      if (brackets.length === 0)
        return invalid({ serviceUnit: 'Définissez d’abord les tranches de quotient familial de la commune.' });
      const problems: Problems = {};
      if (!isCalendarDay(input.startsOn)) problems.startsOn = 'Indiquez un premier jour entre 2000 et 2100.';
      else if (await tariffs.gridStartsOn(commune.id, input.serviceId, input.unit, input.startsOn, tx))
        problems.startsOn =
          'Une grille de ce service commence déjà ce jour-là : les périodes de deux grilles se chevaucheraient. Choisissez un autre premier jour.';
      if (input.nonResidentCents !== null && !isUnitPrice(input.nonResidentCents))
        problems.nonResident = 'Indiquez un prix hors commune de 0 à 1 000 €.';
      const pricesProblem = gridPricesProblem(
        input.prices,
        brackets.map((bracket) => bracket.rank),
      );
      for (const price of input.prices) {
        if (!isUnitPrice(price.priceCents))
          problems[`price${price.bracketRank}`] =
            `Indiquez un prix de 0 à 1 000 € pour la tranche ${price.bracketRank}.`;
        else if (price.mealCents !== null && price.mealCents > price.priceCents)
          problems[`meal${price.bracketRank}`] =
            `La part repas de la tranche ${price.bracketRank} ne peut pas dépasser son prix.`;
      }
      if (pricesProblem === 'missing-bracket') problems.serviceUnit = 'Indiquez un prix pour chaque tranche.';
      if (Object.keys(problems).length > 0) return invalid(problems);
      const id = await tariffs.insertGrid(
        commune.id,
        { ...input, createdById: author.actor.id ?? null },
        clock.now(),
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.grid.add',
          subject: { kind: 'tariff-grid', id },
          ip: author.ip,
          details: {
            serviceId: input.serviceId,
            unit: input.unit,
            startsOn: input.startsOn,
            prices: input.prices
              .map((price) => `${price.bracketRank}=${price.priceCents}/${price.mealCents ?? ''}`)
              .join(','),
            nonResidentCents: input.nonResidentCents,
          },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /** A holiday session's price per bracket; every bracket priced, or none (the session's own price then). */
  async saveSessionPrices(
    commune: Pick<Commune, 'id'>,
    sessionId: string,
    prices: GridPrice[],
    author: BillingAuthor,
  ): Promise<SetUpOutcome> {
    const { db, tariffs, catalogue, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.lockCommune(commune.id, tx);
      const session = await catalogue.session(commune.id, sessionId, tx);
      if (!session) return notFound;
      const brackets = await tariffs.brackets(commune.id, tx);
      const problems: Problems = {};
      for (const price of prices)
        if (!isUnitPrice(price.priceCents))
          problems[`price${price.bracketRank}`] =
            `Indiquez un prix de 0 à 1 000 € pour la tranche ${price.bracketRank}.`;
      if (
        Object.keys(problems).length === 0 &&
        prices.length > 0 &&
        gridPricesProblem(
          prices,
          brackets.map((bracket) => bracket.rank),
        )
      )
        problems.price1 = 'Indiquez un prix pour chaque tranche, ou aucun pour garder le prix de la session.';
      if (Object.keys(problems).length > 0) return invalid(problems);
      await tariffs.replaceSessionPrices(commune.id, sessionId, prices, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.session-prices.save',
          subject: { kind: 'activity-session', id: sessionId },
          ip: author.ip,
          details: { prices: prices.map((price) => `${price.bracketRank}=${price.priceCents}`).join(',') },
        },
        tx,
      );
      return { ok: true };
    });
  }

  async saveSettings(
    commune: Pick<Commune, 'id'>,
    settings: BillingSettings,
    author: BillingAuthor,
  ): Promise<SetUpOutcome> {
    const problems: Problems = {};
    if (!Number.isSafeInteger(settings.dueDays) || settings.dueDays < 1 || settings.dueDays > 120)
      problems.dueDays = 'Indiquez un délai de paiement de 1 à 120 jours.';
    if (
      !Number.isSafeInteger(settings.onlinePaymentDays) ||
      settings.onlinePaymentDays < 0 ||
      settings.onlinePaymentDays > settings.dueDays
    )
      problems.onlinePaymentDays =
        'Le paiement en ligne ferme au plus tard à l’échéance : indiquez un nombre de jours entre 0 et le délai de paiement.';
    if (!Number.isSafeInteger(settings.minimumCents) || settings.minimumCents < 0 || settings.minimumCents > 100_000)
      problems.minimum = 'Indiquez un montant minimum de 0 à 1 000 €.';
    if (Object.keys(problems).length > 0) return invalid(problems);
    const { db, tariffs, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.saveSettings(commune.id, settings, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.settings.save',
          ip: author.ip,
          details: { ...settings },
        },
        tx,
      );
      return { ok: true };
    });
  }
}
