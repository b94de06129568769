import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { canteenDay } from '../../../test/attendanceFactories.js';
import { billingAuthor, storedInvoices } from '../../../test/billingFactories.js';
import { bookDay } from '../../../test/bookingFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { familyMembers } from '../families/familiesSchema.js';
import { services as servicesTable } from '../services/servicesSchema.js';
import { invoiceLines } from './billingSchema.js';

/** The SQLSTATE of a refused statement, wherever the driver wraps it. */
async function refusal(statement: Promise<unknown>): Promise<string | undefined> {
  try {
    await statement;
  } catch (error) {
    for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
      const code = (current as { code?: unknown }).code;
      if (typeof code === 'string') return code;
    }
    return 'no code';
  }
  return undefined;
}

// Migration 0015 (ADR 0037): a line's child and service are checked once per statement, not by foreign keys.
describe.each(testDatabases())('a line’s child and service on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('refuses a line naming a child or a service that does not exist (23503)', async () => {
    const { commune } = await canteenDay(t);
    await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    const [draft] = await storedInvoices(t.container, commune);
    const { id: lineId, ...line } = draft!.lines[0]!;
    const db = t.container.database.db;
    expect(await refusal(db.insert(invoiceLines).values({ ...line, memberId: randomUUID(), day: '2026-11-30' }))).toBe(
      '23503',
    );
    expect(await refusal(db.insert(invoiceLines).values({ ...line, serviceId: randomUUID(), day: '2026-11-30' }))).toBe(
      '23503',
    );
    expect(
      await refusal(db.update(invoiceLines).set({ memberId: randomUUID() }).where(eq(invoiceLines.id, lineId))),
    ).toBe('23503');
    // The same line with its own child and service is taken.
    expect(await refusal(db.insert(invoiceLines).values({ ...line, day: '2026-11-30' }))).toBeUndefined();
  });

  it('takes a deleted child’s or service’s draft lines with it, and refuses while an issued invoice names it', async () => {
    const { commune, remi, lina, noah, services, of } = await canteenDay(t);
    await bookDay(t.container, commune, of(noah), { serviceId: services.restauration.id, day: '2026-11-19' });
    await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    const db = t.container.database.db;
    const linesOf = async (memberId: string) =>
      (await db.select().from(invoiceLines).where(eq(invoiceLines.memberId, memberId))).length;
    expect(await linesOf(remi.child.id)).toBe(2);
    // A draft's lines go with their child, as the foreign key's cascade did.
    await db.delete(familyMembers).where(eq(familyMembers.id, remi.child.id));
    expect(await linesOf(remi.child.id)).toBe(0);
    // And with their service.
    await db.delete(servicesTable).where(eq(servicesTable.id, services.soir.id));
    expect((await db.select().from(invoiceLines).where(eq(invoiceLines.serviceId, services.soir.id))).length).toBe(0);

    // Issued, the lines never change: deleting their child or their service is refused, nothing goes.
    expect(await t.container.invoiceRun.run(commune, '2026-11', billingAuthor())).toMatchObject({ drafts: 1 });
    t.clock.set('2026-12-02T09:00:00+01:00');
    expect(await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor())).toMatchObject({ ok: true });
    expect(await linesOf(noah.child.id)).toBeGreaterThan(0);
    expect(await refusal(db.delete(familyMembers).where(eq(familyMembers.id, noah.child.id)))).toBe('23514');
    expect(await refusal(db.delete(servicesTable).where(eq(servicesTable.id, services.restauration.id)))).toBe('23514');
    expect(await linesOf(noah.child.id)).toBeGreaterThan(0);
    // A child whose days were never billed goes as before.
    expect(await linesOf(lina.child.id)).toBe(0);
    expect(await refusal(db.delete(familyMembers).where(eq(familyMembers.id, lina.child.id)))).toBeUndefined();
  });
});
