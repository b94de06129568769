import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { invoiceLines, invoices, qfBrackets } from '../src/modules/billing/billingSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import type { Container } from '../src/container.js';
import { services } from '../src/modules/services/servicesSchema.js';
import { setUpServices } from './serviceFactories.js';

/**
 * An issued invoice of a family, written straight into billing's tables as its run and issue leave it:
 * a draft with its frozen lines, then numbered and issued (the one change billing's triggers allow a
 * draft). Enough for the payments' tests, which read invoices and never make them.
 */
export async function issuedInvoice(
  container: Container,
  commune: Commune,
  family: { familyId: string; memberId: string; memberName: string },
  options: { period?: string; days?: number; unitPriceCents?: number; issuedOn?: string; dueOn?: string } = {},
) {
  const db = container.database.db;
  const period = options.period ?? '2026-10';
  const days = options.days ?? 10;
  const unitPriceCents = options.unitPriceCents ?? 245;
  const service = await serviceOf(container, commune);
  const [draft] = await db
    .insert(invoices)
    .values({
      communeId: commune.id,
      familyId: family.familyId,
      status: 'draft',
      period,
      totalCents: days * unitPriceCents,
      draftedAt: new Date('2026-11-02T08:00:00Z'),
    })
    .returning();
  await db.insert(invoiceLines).values(
    Array.from({ length: days }, (_, index) => ({
      communeId: commune.id,
      invoiceId: draft!.id,
      familyId: family.familyId,
      memberId: family.memberId,
      memberName: family.memberName,
      serviceId: service.id,
      serviceName: service.name,
      unit: 'jour',
      unitLabel: 'repas',
      day: `${period}-${String(index + 1).padStart(2, '0')}`,
      kind: 'jour' as const,
      bracketRank: 3,
      qfValue: 720,
      qfSource: 'caf' as const,
      unitPriceCents,
      amountCents: unitPriceCents,
    })),
  );
  const issuedOn = options.issuedOn ?? `${nextMonth(period)}-05`;
  const [issued] = await db
    .update(invoices)
    .set({
      status: 'issued',
      number: `${period.slice(0, 4)}-${randomBytes(3).toString('hex')}`,
      issuedOn,
      dueOn: options.dueOn ?? `${nextMonth(period)}-28`,
      onlinePaymentUntil: `${nextMonth(period)}-25`,
      issuedAt: new Date(`${issuedOn}T08:00:00Z`),
    })
    .where(eq(invoices.id, draft!.id))
    .returning();
  return issued!;
}

/** The commune's six brackets, as the demo's grids have them. */
export async function sixBrackets(container: Container, commune: Commune) {
  const bounds = [400, 600, 900, 1200, 1600, null];
  await container.database.db
    .insert(qfBrackets)
    .values(bounds.map((upperBound, index) => ({ communeId: commune.id, rank: index + 1, upperBound })));
}

async function serviceOf(container: Container, commune: Commune) {
  const db = container.database.db;
  const [existing] = await db.select().from(services).where(eq(services.communeId, commune.id)).limit(1);
  if (existing) return existing;
  return (await setUpServices(container, commune)).services.restauration;
}

function nextMonth(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}
