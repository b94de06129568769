import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { createSession, setUpServices } from '../../../test/serviceFactories.js';
import { bookingsOfSession, sessionFamily, sessionRow } from '../../../test/sessionFactories.js';
import { mailbox } from '../../platform/mail/mailSchema.js';
import { activitySessions } from '../services/servicesSchema.js';
import { SessionBookingsRepository } from './sessionBookingsRepository.js';
import { WaitingListJob } from './waitingListJob.js';

describe.each(testDatabases())('the waiting list’s promotion job on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let job: WaitingListJob;
  beforeAll(async () => {
    const { container } = t;
    const db = container.database.db;
    // The job as the container builds it, called here directly: what the worker runs.
    job = new WaitingListJob({
      db,
      clock: container.clock,
      site: container.site,
      jobs: container.jobs,
      communes: container.communes,
      catalogue: container.catalogue,
      families: container.families,
      bookings: new SessionBookingsRepository(db),
      mailer: container.mailer,
    });
  });

  it('gives the free places to the lowest tickets, once, however many times it runs at once, and mails those families only', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const commune = await createCommune(t.container.communes);
    const setUp = await setUpServices(t.container, commune);
    const session = await createSession(t.container, commune, setUp.services.vacances.id, { places: 1 });
    const families: Awaited<ReturnType<typeof sessionFamily>>[] = [];
    for (let n = 0; n < 5; n++) {
      const family = await sessionFamily(t, commune, setUp);
      const outcome = await t.container.sessionBookings.book(commune, family.family.id, session.id, family.child.id, {
        acceptsMajoration: true,
      });
      expect(outcome).toEqual({ ok: true, status: n === 0 ? 'inscrit' : 'attente' });
      families.push(family);
    }
    // The commune adds two places (no place was given back: no job was queued).
    await t.container.database.db
      .update(activitySessions)
      .set({ places: 3 })
      .where(eq(activitySessions.id, session.id));

    const runs = await Promise.all([1, 2, 3].map(() => job.promote(commune.id, commune.slug, session.id)));
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(await job.promote(commune.id, commune.slug, session.id)).toBe(0);

    const rows = await bookingsOfSession(t, session.id);
    const statusOf = (n: number) => rows.find((r) => r.memberId === families[n]!.child.id)!.status;
    expect([0, 1, 2, 3, 4].map(statusOf)).toEqual(['inscrit', 'inscrit', 'inscrit', 'attente', 'attente']);
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 3, waitlistNext: 4 });
    const mails = await t.container.database.db
      .select()
      .from(mailbox)
      .where(
        and(
          eq(mailbox.communeId, commune.id),
          inArray(
            mailbox.to,
            families.map((f) => f.citizen.email),
          ),
        ),
      );
    expect(mails.map((m) => m.to).sort()).toEqual([families[1]!.citizen.email, families[2]!.citizen.email].sort());
    expect(mails.every((m) => m.subject.startsWith('Une place s’est libérée'))).toBe(true);

    // Once the session is over, nobody is promoted any more.
    await t.container.database.db
      .update(activitySessions)
      .set({ places: 5 })
      .where(eq(activitySessions.id, session.id));
    t.clock.set('2026-12-25T09:00:00+01:00');
    expect(await job.promote(commune.id, commune.slug, session.id)).toBe(0);
    expect((await sessionRow(t, session.id)).booked).toBe(3);
  });
});
