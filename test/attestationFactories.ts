import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Container } from '../src/container.js';
import { invoiceLines, invoices } from '../src/modules/billing/billingSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { familyMembers } from '../src/modules/families/familiesSchema.js';
import type { PaymentMeans } from '../src/modules/payments/domain/paymentMeans.js';
import type { ServiceKind } from '../src/modules/services/domain/catalogueService.js';
import { services } from '../src/modules/services/servicesSchema.js';
import { setUpServices } from './serviceFactories.js';

/** A child of the household, as the desk would have entered it. */
export async function childOf(
  container: Container,
  commune: Commune,
  familyId: string,
  child: { firstName: string; lastName: string; birthDate: string; sex?: string },
) {
  const [row] = await container.database.db
    .insert(familyMembers)
    .values({ communeId: commune.id, familyId, relation: 'enfant', ...child })
    .returning();
  return row!;
}

/** One day of a service on an invoice, as the run freezes it: one unit, its meal part and majoration if any. */
export interface DayLine {
  memberId: string;
  memberName: string;
  service: ServiceKind;
  day: string;
  unitPriceCents: number;
  mealCents?: number | null;
  majorationCents?: number;
  kind?: 'jour' | 'annulation-tardive' | 'sans-reservation';
}

/** An issued invoice of exactly these days, whatever the commune's grids: for the attestation fiscale's cases. */
export async function issuedInvoiceOfDays(
  container: Container,
  commune: Commune,
  familyId: string,
  period: string,
  days: DayLine[],
) {
  const db = container.database.db;
  const serviceIds = new Map<ServiceKind, { id: string; name: string }>();
  for (const kind of new Set(days.map((line) => line.service))) {
    let [service] = await db
      .select({ id: services.id, name: services.name })
      .from(services)
      .where(and(eq(services.communeId, commune.id), eq(services.kind, kind)));
    if (!service) service = (await setUpServices(container, commune)).services[kind];
    serviceIds.set(kind, service!);
  }
  const amountOf = (line: DayLine) => line.unitPriceCents + (line.majorationCents ?? 0);
  const [draft] = await db
    .insert(invoices)
    .values({
      communeId: commune.id,
      familyId,
      status: 'draft',
      period,
      totalCents: days.reduce((sum, line) => sum + amountOf(line), 0),
      draftedAt: new Date(`${period}-28T08:00:00Z`),
    })
    .returning();
  await db.insert(invoiceLines).values(
    days.map((line) => {
      const service = serviceIds.get(line.service)!;
      return {
        communeId: commune.id,
        invoiceId: draft!.id,
        familyId,
        memberId: line.memberId,
        memberName: line.memberName,
        serviceId: service.id,
        serviceName: service.name,
        unit: 'jour',
        unitLabel: 'jour',
        day: line.day,
        kind: line.kind ?? ('jour' as const),
        unitPriceCents: line.unitPriceCents,
        mealCents: line.mealCents ?? null,
        majorationCents: line.majorationCents ?? 0,
        majorationRule: line.majorationCents ? '+50 %' : null,
        amountCents: amountOf(line),
      };
    }),
  );
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  const [issued] = await db
    .update(invoices)
    .set({
      status: 'issued',
      number: `${year}-${randomBytes(3).toString('hex')}`,
      issuedOn: `${next}-05`,
      dueOn: `${next}-28`,
      onlinePaymentUntil: `${next}-25`,
      issuedAt: new Date(`${next}-05T08:00:00Z`),
    })
    .where(eq(invoices.id, draft!.id))
    .returning();
  return issued!;
}

/** A payment received at the guichet on a day, allocated as given. */
export async function paidAtDesk(
  container: Container,
  commune: Commune,
  familyId: string,
  receivedOn: string,
  allocations: { invoiceId: string; amountCents: number }[],
  means: PaymentMeans = 'especes',
) {
  const recorded = await container.payments.record(
    commune,
    familyId,
    {
      means,
      amountCents: allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0),
      receivedOn,
      payer: 'Payeur',
      chequeNumber: null,
      chequeBank: null,
      allocations,
    },
    { kind: 'system' },
    '',
  );
  if (!recorded.ok) throw new Error(`paidAtDesk: ${recorded.reason}`);
  return recorded.paymentId;
}
