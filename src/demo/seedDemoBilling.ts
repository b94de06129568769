import { and, eq } from 'drizzle-orm';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import {
  addDays,
  daysFrom,
  formatMonth,
  isoWeekday,
  localDayOf,
  localInstant,
  type LocalDay,
} from '../shared/localDays.js';
import { AuditLog } from '../modules/audit/auditLog.js';
import { setUpForBilling } from '../modules/billing/billingContext.js';
import type { InvoiceMailJob } from '../modules/billing/invoiceMailJob.js';
import { InvoiceRunService } from '../modules/billing/invoiceRunService.js';
import { InvoicesRepository } from '../modules/billing/invoicesRepository.js';
import { QuotientsRepository } from '../modules/billing/quotientsRepository.js';
import { TariffsRepository } from '../modules/billing/tariffsRepository.js';
import { TariffsService } from '../modules/billing/tariffsService.js';
import { bookings } from '../modules/bookings/bookingsSchema.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { FamiliesRepository } from '../modules/families/familiesRepository.js';
import { families, familyMembers } from '../modules/families/familiesSchema.js';
import { PaymentsRepository } from '../modules/payments/paymentsRepository.js';
import { PaymentsService } from '../modules/payments/paymentsService.js';
import { ServiceCatalogue } from '../modules/services/serviceCatalogue.js';
import { DUPONT_REFERENCE } from './seedDemoServices.js';

/**
 * The demo's billing (PRODUCT.md, « Demo commune »): Chanteloup's six brackets of quotient familial and
 * grids like a real commune's (a meal from 0,80 € to 5,20 €), the DUPONTs' QF, Rémi's canteen and evening
 * care from the rentrée, then September, October and November billed and issued through the billing
 * services, each on its own day, and paid at the guichet through the payments service: September by
 * cheque, October in part, November to pay. The MARTIN family has no QF: the highest bracket is theirs.
 * Runs once, on a new database, after the services (seedDemo.ts); a month not begun yet is left out.
 */

const system = { actor: { kind: 'system' as const, label: 'démo' }, ip: '' };

/** Upper bounds of the brackets, in euros; the sixth has none. */
const BOUNDS = [450, 700, 950, 1250, 1600];

/** Per service kind: the price of each bracket, in cents, and the « repas » part of the canteen's. */
const GRIDS: { kind: string; prices: number[]; meal?: number[]; decision: string }[] = [
  {
    kind: 'restauration',
    prices: [80, 150, 245, 340, 430, 520],
    meal: [80, 150, 190, 190, 190, 190],
    decision: 'Délibération n° 2026-38 du 25 juin 2026',
  },
  { kind: 'matin', prices: [45, 80, 120, 160, 205, 250], decision: 'Délibération n° 2026-39 du 25 juin 2026' },
  { kind: 'soir', prices: [65, 115, 180, 245, 335, 420], decision: 'Délibération n° 2026-39 du 25 juin 2026' },
];

/** The months billed, the day each is issued, and what the DUPONTs paid at the guichet, and when. */
const MONTHS: { period: string; issueOn: LocalDay; paid: 'all' | number | null; paidOn: LocalDay }[] = [
  { period: '2026-09', issueOn: '2026-10-05', paid: 'all', paidOn: '2026-10-14' },
  { period: '2026-10', issueOn: '2026-11-05', paid: 2000, paidOn: '2026-11-12' },
  { period: '2026-11', issueOn: '2026-12-03', paid: null, paidOn: '2026-12-03' },
];

/** A clock stopped at an instant: each month is run and issued on its own day, as the régie would have. */
const stoppedAt = (instant: Date): Clock => ({ now: () => instant });

export async function seedDemoBilling(db: Db, clock: Clock, commune: Commune): Promise<void> {
  const today = localDayOf(clock.now());
  const catalogue = new ServiceCatalogue(db);
  const tariffsRepository = new TariffsRepository(db);
  const audit = new AuditLog(db, clock);
  const tariffs = new TariffsService({ db, clock, catalogue, tariffs: tariffsRepository, audit });
  await must(tariffs.saveBrackets(commune, BOUNDS, system));
  const services = await catalogue.services(commune.id, { includeInactive: true });
  for (const grid of GRIDS) {
    const service = services.find((candidate) => candidate.kind === grid.kind);
    if (!service) continue;
    await must(
      tariffs.addGrid(
        commune,
        {
          serviceId: service.id,
          unit: service.units[0]!.code,
          startsOn: '2026-08-01',
          decision: grid.decision,
          nonResidentCents: null,
          prices: grid.prices.map((priceCents, index) => ({
            bracketRank: index + 1,
            priceCents,
            mealCents: grid.meal?.[index] ?? null,
          })),
        },
        system,
      ),
    );
  }

  const [remi] = await db
    .select({ familyId: familyMembers.familyId, memberId: familyMembers.id })
    .from(familyMembers)
    .innerJoin(families, eq(families.id, familyMembers.familyId))
    .where(
      and(
        eq(families.communeId, commune.id),
        eq(families.reference, DUPONT_REFERENCE),
        eq(familyMembers.firstName, 'Rémi'),
      ),
    );
  if (!remi) return;
  const payments = new PaymentsRepository(db);
  await payments.setMentions({
    communeId: commune.id,
    regie: 'Régie des services périscolaires et de loisirs',
    responsibleName: 'Nadia BENALI',
    responsiblePosition: 'régisseuse titulaire',
    court: 'tribunal administratif de Versailles',
  });
  const quotients = new QuotientsRepository(db);
  await quotients.insert(
    commune.id,
    { familyId: remi.familyId, value: 820, source: 'caf', validFrom: '2026-01-01', validTo: '2026-12-31' },
    localInstant('2026-08-28', '10:00'),
    null,
    db,
  );
  await bookRemi(db, catalogue, commune, remi, today);

  const invoices = new InvoicesRepository(db);
  const familiesRepository = new FamiliesRepository(db);
  // The demo's invoices are history, not news: nobody is mailed about them.
  const noMails = { queue: async () => {} } as unknown as InvoiceMailJob;
  for (const month of MONTHS) {
    // A month is issued on its day of issue, after it ended: a demo whose clock is earlier bills it later, at
    // the guichet (the browser journey runs and issues November itself).
    if (month.issueOn > today) break;
    const issuedAt = localInstant(month.issueOn < today ? month.issueOn : today, '09:00');
    const run = new InvoiceRunService({
      db,
      clock: stoppedAt(issuedAt),
      catalogue,
      tariffs: tariffsRepository,
      quotients,
      invoices,
      mails: noMails,
      audit,
    });
    await must(run.run(commune, month.period, system));
    const issued = await run.issue(commune, month.period, system);
    // A demo started early in a month has no day of it to bill yet.
    if (!issued.ok && issued.reason === 'nothing-to-issue') continue;
    await must(Promise.resolve(issued));
    if (month.paid === null || month.paidOn > today) continue;
    const paying = new PaymentsService({
      db,
      clock: stoppedAt(localInstant(month.paidOn, '11:00')),
      payments,
      families: familiesRepository,
      audit,
    });
    const open = await paying.openInvoices(commune, remi.familyId);
    const invoice = open.find((candidate) => candidate.periodLabel === formatMonth(month.period));
    if (!invoice) continue;
    const amountCents = month.paid === 'all' ? invoice.leftToPayCents : Math.min(month.paid, invoice.leftToPayCents);
    await must(
      paying.record(
        commune,
        remi.familyId,
        month.paid === 'all'
          ? {
              means: 'cheque',
              amountCents,
              receivedOn: month.paidOn,
              payer: 'Aurélie DUPONT',
              chequeNumber: '4521837',
              chequeBank: 'Crédit Agricole Paris et Île-de-France',
              allocations: [{ invoiceId: invoice.id, amountCents }],
            }
          : {
              means: 'especes',
              amountCents,
              receivedOn: month.paidOn,
              payer: 'Xavier DUPONT',
              chequeNumber: null,
              chequeBank: null,
              allocations: [{ invoiceId: invoice.id, amountCents }],
            },
        system.actor,
        '',
      ),
    );
  }
}

/**
 * Rémi's days from the rentrée to the end of November, before today: the canteen on Mondays, Tuesdays,
 * Thursdays and Fridays, the evening care on Tuesdays and Thursdays, on the days they open, at the
 * prices of the booking; one October canteen day booked late, with its majoration.
 */
async function bookRemi(
  db: Db,
  catalogue: ServiceCatalogue,
  commune: Commune,
  remi: { familyId: string; memberId: string },
  today: LocalDay,
): Promise<void> {
  const setUp = await setUpForBilling(catalogue, commune.id);
  const canteen = setUp.serviceList.find((service) => service.kind === 'restauration');
  const evening = setUp.serviceList.find((service) => service.kind === 'soir');
  if (!canteen || !evening) return;
  const rows: (typeof bookings.$inferInsert)[] = [];
  const lateDay = '2026-10-08';
  for (const day of daysFrom('2026-09-01', '2026-11-30')) {
    if (day >= today) break;
    const weekday = isoWeekday(day);
    for (const [service, weekdays] of [
      [canteen, [1, 2, 4, 5]],
      [evening, [2, 4]],
    ] as const) {
      if (!weekdays.includes(weekday as never) || !setUp.isOpen(service.id, day)) continue;
      const unit = service.units[0]!;
      const late = service === canteen && day === lateDay;
      const majoration = late ? setUp.services.get(service.id)!.majoration : null;
      rows.push({
        communeId: commune.id,
        familyId: remi.familyId,
        memberId: remi.memberId,
        serviceId: service.id,
        day,
        unit: unit.code,
        status: 'reserve',
        late,
        unitPriceCents: unit.priceCents,
        majorationRule: majoration ? majoration.words : null,
        majorationCents: majoration ? majoration.amountOf(unit.priceCents) : 0,
        bookedAt: localInstant(addDays(day, late ? -1 : -20), '20:00'),
        bookedByKind: 'citizen',
        source: 'famille',
      });
    }
  }
  if (rows.length > 0) await db.insert(bookings).values(rows);
}

/** The demo's set-up is fixed: a refusal here is a mistake in this file, said at once. */
async function must<T extends { ok: boolean }>(outcome: Promise<T>): Promise<T> {
  const done = await outcome;
  if (!done.ok) throw new Error(`demo billing: ${JSON.stringify(done)}`);
  return done;
}
