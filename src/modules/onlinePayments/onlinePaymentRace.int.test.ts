import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFamily } from '../../../test/agentFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { issuedInvoice, sixBrackets } from '../../../test/invoiceFactories.js';
import { usePayfipSimulator } from '../../../test/payfip.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import type { Database } from '../../platform/db/database.js';
import { TestClock } from '../../platform/clock.js';
import { payments } from '../payments/paymentsSchema.js';
import { payfipAttempts } from './onlinePaymentsSchema.js';

const agent = { kind: 'agent' as const, id: null, label: 'agent@test' };
const payer = { citizenId: '00000000-0000-4000-8000-000000000002', email: 'aurelie@example.org', name: 'Aurélie D' };

/**
 * Two instances of the app on one database, as a deployment runs: PayFiP's notification reaching both
 * at once while the periodic lookup runs makes one payment; an instance started after another stopped
 * settles the attempts it left.
 */
describe.each(testDatabases())('online payments across instances on $name', ({ open }) => {
  const clock = new TestClock('2026-11-20T10:00:00Z');
  const payfip = usePayfipSimulator(clock);
  let database: Database;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await open();
    first = await buildTestApp(database, { clock, mode: 'production', payfip: payfip.client() });
    second = await buildTestApp(database, { clock, mode: 'production', payfip: payfip.client() });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.close();
  });

  async function startedAttempt(app: TestApp) {
    const commune = await createCommune(app.container.communes);
    await sixBrackets(app.container, commune);
    await app.container.payfipSettings.save(commune, { enabled: true, numcli: '123456', mode: 'W' }, agent, '');
    const file = await createFamily(app.container, commune);
    const invoice = await issuedInvoice(app.container, commune, {
      familyId: file.family.id,
      memberId: file.child.id,
      memberName: 'Rémi',
    });
    payfip.simulator().controls.setNotificationMode('never', 'next-payment');
    const started = await app.container.onlinePayments.start(commune, file.family.id, invoice.id, payer, '');
    if (!started.ok) throw new Error(started.reason);
    const [attempt] = await database.db.select().from(payfipAttempts).where(eq(payfipAttempts.id, started.attemptId));
    return { commune, idOp: attempt!.idOp };
  }

  it('records one payment when two instances are notified at once and the periodic lookup runs', async () => {
    for (let round = 0; round < 5; round++) {
      const { commune, idOp } = await startedAttempt(first);
      await payfip.simulator().controls.pay(idOp, 'P');
      const outcomes = await Promise.all([
        first.container.onlinePayments.reconcile(commune, idOp),
        second.container.onlinePayments.reconcile(commune, idOp),
        first.container.onlinePayments.reconcilePending(),
        second.container.onlinePayments.reconcile(commune, idOp),
      ]);
      expect(outcomes.filter((o) => typeof o === 'object' && !o.ok)).toEqual([]);
      const recorded = await database.db.select().from(payments).where(eq(payments.communeId, commune.id));
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({ means: 'payfip', amountCents: 2450 });
    }
  });

  it('settles, on an instance started later, an attempt another left before PayFiP answered', async () => {
    const before = await buildTestApp(database, { clock, mode: 'production', payfip: payfip.client() });
    const { commune, idOp } = await startedAttempt(before);
    await before.close();
    await payfip.simulator().controls.pay(idOp, 'V');
    const after = await buildTestApp(database, { clock, mode: 'production', payfip: payfip.client() });
    try {
      await after.container.onlinePayments.reconcilePending();
    } finally {
      await after.close();
    }
    const [attempt] = await database.db.select().from(payfipAttempts).where(eq(payfipAttempts.idOp, idOp));
    expect(attempt).toMatchObject({ state: 'paid', result: 'V' });
    expect(await database.db.select().from(payments).where(eq(payments.communeId, commune.id))).toHaveLength(1);
  });
});
