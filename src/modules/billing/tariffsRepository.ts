import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { billingSettings, qfBrackets, sessionTariffs, tariffGridPrices, tariffGrids } from './billingSchema.js';
import type { QfBracket } from './domain/quotient.js';
import type { GridPrice, TariffGrid } from './domain/tariffs.js';

export interface BillingSettings {
  dueDays: number;
  onlinePaymentDays: number;
  minimumCents: number;
}

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { dueDays: 30, onlinePaymentDays: 25, minimumCents: 0 };

export interface StoredGrid extends TariffGrid {
  decision: string;
  createdAt: Date;
}

/** The commune's tariffs: brackets, grids and their prices, session prices, billing settings. Every query takes the commune. */
export class TariffsRepository {
  constructor(private readonly db: Db) {}

  async settings(communeId: string, tx: Db = this.db): Promise<BillingSettings> {
    const [row] = await tx.select().from(billingSettings).where(eq(billingSettings.communeId, communeId));
    return row
      ? { dueDays: row.dueDays, onlinePaymentDays: row.onlinePaymentDays, minimumCents: row.minimumCents }
      : DEFAULT_BILLING_SETTINGS;
  }

  async saveSettings(communeId: string, settings: BillingSettings, tx: Db = this.db): Promise<void> {
    await tx
      .insert(billingSettings)
      .values({ communeId, ...settings })
      .onConflictDoUpdate({ target: billingSettings.communeId, set: settings });
  }

  /**
   * Locks the commune's billing row until the transaction ends (made first if missing): runs, issues and
   * changes of tariffs of one commune then follow one another instead of crossing.
   */
  async lockCommune(communeId: string, tx: Db): Promise<void> {
    await tx.insert(billingSettings).values({ communeId }).onConflictDoNothing();
    await tx
      .select({ id: billingSettings.communeId })
      .from(billingSettings)
      .where(eq(billingSettings.communeId, communeId))
      .for('update');
  }

  async brackets(communeId: string, tx: Db = this.db): Promise<QfBracket[]> {
    return tx
      .select({ rank: qfBrackets.rank, upperBound: qfBrackets.upperBound })
      .from(qfBrackets)
      .where(eq(qfBrackets.communeId, communeId))
      .orderBy(asc(qfBrackets.rank));
  }

  /** Replaces the brackets; only in a transaction that checked no grid prices a bracket that would go. */
  async replaceBrackets(communeId: string, brackets: readonly QfBracket[], tx: Db): Promise<void> {
    await tx.delete(qfBrackets).where(eq(qfBrackets.communeId, communeId));
    if (brackets.length > 0) await tx.insert(qfBrackets).values(brackets.map((bracket) => ({ communeId, ...bracket })));
  }

  async grids(communeId: string, tx: Db = this.db): Promise<StoredGrid[]> {
    const rows = await tx
      .select()
      .from(tariffGrids)
      .where(eq(tariffGrids.communeId, communeId))
      .orderBy(asc(tariffGrids.serviceId), asc(tariffGrids.unit), asc(tariffGrids.startsOn));
    const prices = await tx
      .select()
      .from(tariffGridPrices)
      .where(eq(tariffGridPrices.communeId, communeId))
      .orderBy(asc(tariffGridPrices.bracketRank));
    const byGrid = new Map<string, GridPrice[]>();
    for (const price of prices) {
      const list = byGrid.get(price.gridId) ?? [];
      list.push({ bracketRank: price.bracketRank, priceCents: price.priceCents, mealCents: price.mealCents });
      byGrid.set(price.gridId, list);
    }
    return rows.map((row) => ({
      id: row.id,
      serviceId: row.serviceId,
      unit: row.unit,
      startsOn: row.startsOn,
      nonResidentCents: row.nonResidentCents,
      decision: row.decision,
      createdAt: row.createdAt,
      prices: byGrid.get(row.id) ?? [],
    }));
  }

  /** Whether a grid of that unit already starts that day. */
  async gridStartsOn(
    communeId: string,
    serviceId: string,
    unit: string,
    startsOn: LocalDay,
    tx: Db = this.db,
  ): Promise<boolean> {
    const rows = await tx
      .select({ id: tariffGrids.id })
      .from(tariffGrids)
      .where(
        and(
          eq(tariffGrids.communeId, communeId),
          eq(tariffGrids.serviceId, serviceId),
          eq(tariffGrids.unit, unit),
          eq(tariffGrids.startsOn, startsOn),
        ),
      );
    return rows.length > 0;
  }

  async insertGrid(
    communeId: string,
    grid: Omit<StoredGrid, 'id' | 'createdAt'> & { createdById: string | null },
    now: Date,
    tx: Db,
  ): Promise<string> {
    const [row] = await tx
      .insert(tariffGrids)
      .values({
        communeId,
        serviceId: grid.serviceId,
        unit: grid.unit,
        startsOn: grid.startsOn,
        decision: grid.decision,
        nonResidentCents: grid.nonResidentCents,
        createdAt: now,
        createdById: grid.createdById,
      })
      .returning({ id: tariffGrids.id });
    await tx.insert(tariffGridPrices).values(grid.prices.map((price) => ({ gridId: row!.id, communeId, ...price })));
    return row!.id;
  }

  async sessionPrices(communeId: string, tx: Db = this.db): Promise<Map<string, GridPrice[]>> {
    const rows = await tx
      .select()
      .from(sessionTariffs)
      .where(eq(sessionTariffs.communeId, communeId))
      .orderBy(asc(sessionTariffs.bracketRank));
    const bySession = new Map<string, GridPrice[]>();
    for (const row of rows) {
      const list = bySession.get(row.sessionId) ?? [];
      list.push({ bracketRank: row.bracketRank, priceCents: row.priceCents, mealCents: null });
      bySession.set(row.sessionId, list);
    }
    return bySession;
  }

  async replaceSessionPrices(
    communeId: string,
    sessionId: string,
    prices: readonly GridPrice[],
    tx: Db,
  ): Promise<void> {
    await tx
      .delete(sessionTariffs)
      .where(and(eq(sessionTariffs.communeId, communeId), eq(sessionTariffs.sessionId, sessionId)));
    if (prices.length > 0)
      await tx.insert(sessionTariffs).values(
        prices.map((price) => ({
          communeId,
          sessionId,
          bracketRank: price.bracketRank,
          priceCents: price.priceCents,
        })),
      );
  }
}
