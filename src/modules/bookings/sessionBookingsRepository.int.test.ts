import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { createSession, setUpServices } from '../../../test/serviceFactories.js';
import { bookingsOfSession, sessionFamily, sessionRow } from '../../../test/sessionFactories.js';
import { SessionBookingsRepository } from './sessionBookingsRepository.js';

describe.each(testDatabases())('a session booked first come, first served, in one statement, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('gives the last place, then tickets from the last one given; a child twice gets « already »; no session, null', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const commune = await createCommune(t.container.communes);
    const setUp = await setUpServices(t.container, commune);
    // Two places, one taken; the waiting list has already given tickets up to 7 (some left since).
    const session = await createSession(t.container, commune, setUp.services.vacances.id, { places: 2 });
    await t.container.database.db.execute(
      `update activity_sessions set booked = 1, waitlist_next = 7 where id = '${session.id}'`,
    );
    const repository = new SessionBookingsRepository(t.container.database.db);
    const book = async (family: Awaited<ReturnType<typeof sessionFamily>>, sessionId = session.id) =>
      repository.bookFirstComeFirstServed({
        communeId: commune.id,
        sessionId,
        familyId: family.family.id,
        memberId: family.child.id,
        late: false,
        priceCents: 6000,
        majorationRule: null,
        majorationCents: 0,
        createdAt: t.clock.now(),
      });
    const [first, second, third] = [
      await sessionFamily(t, commune, setUp),
      await sessionFamily(t, commune, setUp),
      await sessionFamily(t, commune, setUp),
    ];

    expect(await book(first!)).toEqual({ status: 'inscrit', position: null });
    expect(await book(second!)).toEqual({ status: 'attente', position: 8 });
    expect(await book(third!)).toEqual({ status: 'attente', position: 9 });
    expect(await book(first!)).toBe('already');
    expect(await book(first!, '00000000-0000-4000-8000-000000000000')).toBeNull();

    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 2, waitlistNext: 9 });
    // Same instant for the three: in ticket order, the place first.
    const rows = (await bookingsOfSession(t, session.id)).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    expect(rows.map((row) => [row.memberId, row.status, row.position, row.priceCents])).toEqual([
      [first!.child.id, 'inscrit', null, 6000],
      [second!.child.id, 'attente', 8, 6000],
      [third!.child.id, 'attente', 9, 6000],
    ]);
  });
});
