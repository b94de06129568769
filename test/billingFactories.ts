import { eq } from 'drizzle-orm';
import type { Container } from '../src/container.js';
import { invoiceLines, invoices } from '../src/modules/billing/billingSchema.js';
import type { BillingAuthor } from '../src/modules/billing/invoiceRunService.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';

/** An agent as the billing services' audit lines name them. */
export const billingAuthor = (agentId: string | null = null): BillingAuthor => ({
  actor: { kind: 'agent', id: agentId, label: 'agent de test' },
  ip: '127.0.0.1',
});

/**
 * Three brackets (up to 500 €, up to 1 000 €, above) and a grid for a unit of a service: `prices` are
 * the three brackets' prices in cents, `meals` their repas parts.
 */
export async function setTariff(
  container: Container,
  commune: Commune,
  grid: {
    serviceId: string;
    unit?: string;
    startsOn?: string;
    prices: number[];
    meals?: (number | null)[];
    nonResidentCents?: number | null;
  },
) {
  const brackets = await container.tariffs.brackets(commune.id);
  if (brackets.length === 0) {
    const saved = await container.tariffs.saveBrackets(commune, [500, 1000], billingAuthor());
    if (!saved.ok) throw new Error(`setTariff: brackets refused (${saved.reason})`);
  }
  const outcome = await container.tariffs.addGrid(
    commune,
    {
      serviceId: grid.serviceId,
      unit: grid.unit ?? 'jour',
      startsOn: grid.startsOn ?? '2026-09-01',
      decision: 'Délibération du conseil municipal du 2 juillet 2026',
      nonResidentCents: grid.nonResidentCents ?? null,
      prices: grid.prices.map((priceCents, index) => ({
        bracketRank: index + 1,
        priceCents,
        mealCents: grid.meals?.[index] ?? null,
      })),
    },
    billingAuthor(),
  );
  if (!outcome.ok) throw new Error(`setTariff: grid refused (${JSON.stringify(outcome)})`);
}

/** A family's QF, entered as the guichet unique would. */
export async function setQuotient(
  container: Container,
  commune: Commune,
  familyId: string,
  value: number,
  validity: { validFrom?: string; validTo?: string } = {},
) {
  const outcome = await container.quotients.enter(
    commune,
    familyId,
    { value, source: 'caf', validFrom: validity.validFrom ?? '2026-01-01', validTo: validity.validTo ?? '2027-12-31' },
    billingAuthor(),
  );
  if (!outcome.ok) throw new Error(`setQuotient: refused (${JSON.stringify(outcome)})`);
}

/** The commune's invoices and their lines as stored. */
export async function storedInvoices(container: Container, commune: Commune) {
  const db = container.database.db;
  const rows = await db.select().from(invoices).where(eq(invoices.communeId, commune.id));
  const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.communeId, commune.id));
  return rows.map((invoice) => ({ ...invoice, lines: lines.filter((line) => line.invoiceId === invoice.id) }));
}

/** Row counts of the commune's billing tables and audit lines: equal before and after means nothing was written. */
export async function billingFingerprint(container: Container, commune: Commune): Promise<Record<string, number>> {
  const { sql } = await import('drizzle-orm');
  const counts: Record<string, number> = {};
  for (const table of [
    'billing_settings',
    'qf_brackets',
    'tariff_grids',
    'tariff_grid_prices',
    'session_tariffs',
    'family_quotients',
    'family_residence',
    'invoices',
    'invoice_lines',
    'invoice_counters',
    'credit_notes',
    'audit_events',
  ]) {
    const result = (await container.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where commune_id = ${commune.id}`,
    )) as unknown as { rows: { n: number }[] };
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

/** « Nouvelle grille » as the administrator fills it in: the unit `jour` of a service, a first day, a price per bracket. */
export function gridForm(serviceId: string, startsOn: string, prices: string[]): Record<string, string> {
  return {
    serviceUnit: `${serviceId}:jour`,
    startsOn,
    ...Object.fromEntries(prices.map((price, index) => [`price${index + 1}`, price])),
  };
}

/** « Quotient familial » as the guichet fills it in from a CAF attestation. */
export function quotientForm(value: string, validFrom: string, validTo: string): Record<string, string> {
  return { value, source: 'caf', validFrom, validTo };
}
