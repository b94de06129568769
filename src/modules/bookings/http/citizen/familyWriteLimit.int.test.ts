import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import {
  anotherFamily,
  askSummary,
  bookingRows,
  cell,
  confirmFrom,
  enrolledChild,
} from '../../../../../test/reservationPages.js';
import { createSession, enrol } from '../../../../../test/serviceFactories.js';
import { requests } from '../../../requests/requestsSchema.js';
import { absences, sessionBookings } from '../../bookingsSchema.js';
import { FAMILY_WRITES_PER_DAY } from './familyWriteLimit.js';

/** Inside the rentrée window: every day of the school year is on time. */
const RENTREE = '2026-09-15T12:00:00+02:00';

describe.each(testDatabases())('the limit on a family’s booking writes, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const remaining = (headers: Headers) => Number(headers.get('x-ratelimit-remaining'));

  it('past the limit, booking and cancelling in a loop meets a French 429 with Retry-After, and nothing more is written; another account is not held', async () => {
    t.clock.set(RENTREE);
    const { commune, set, family, paths, child } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const day = cell('2026-11-17', canteen);
    // The loop of the attack: book the day, cancel it, book it again…
    for (let i = 0; i < FAMILY_WRITES_PER_DAY; i++) {
      const summary = await askSummary(family.client, paths, child.id, '2026-11', {
        [day]: i % 2 === 0 ? 'jour' : null,
      });
      expect((await confirmFrom(family.client, summary, paths, child.id)).status, `confirmation ${i + 1}`).toBe(303);
    }
    const rowsBefore = (await bookingRows(t, child.id)).length;
    expect(rowsBefore).toBeGreaterThan(0);

    // The summary is only a preview: it is still shown, but its confirmation is refused.
    const summary = await askSummary(family.client, paths, child.id, '2026-11', { [day]: 'jour' });
    expect(summary.status).toBe(200);
    const refused = await confirmFrom(family.client, summary, paths, child.id);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    const text = textOf(refused.html);
    expect(text).toContain('Trop de modifications');
    expect(text).toContain("Rien n'a été enregistré");
    expect(text).toMatch(/Réessayez dans \d+ (heures|minutes?)/);
    expect((await bookingRows(t, child.id)).length).toBe(rowsBefore);

    // Every write that creates booking rows shares the budget: a session booked, an absence reported.
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: child.id,
      serviceId: set.services.vacances.id,
      schoolYearId: set.schoolYear.id,
    });
    const session = await createSession(t.container, commune, set.services.vacances.id);
    await family.client.get(`/${commune.slug}/ma-famille/activites-vacances`);
    const booking = await family.client.post(`/${commune.slug}/ma-famille/activites-vacances/${session.id}/reserver`, {
      memberId: child.id,
      confirmation: 'oui',
    });
    expect(booking.status).toBe(429);
    await family.client.get(`/${commune.slug}/ma-famille/absences/nouvelle`);
    const absence = await family.client.post(`/${commune.slug}/ma-famille/absences/nouvelle`, {
      memberId: child.id,
      firstDay: '17/11/2026',
      lastDay: '17/11/2026',
      [`service-${canteen}`]: 'oui',
      reason: 'autre',
      note: '',
    });
    expect(absence.status).toBe(429);
    const { db } = t.container.database;
    expect(
      (await db.select({ n: count() }).from(sessionBookings).where(eq(sessionBookings.sessionId, session.id)))[0]!.n,
    ).toBe(0);
    expect((await db.select({ n: count() }).from(absences).where(eq(absences.communeId, commune.id)))[0]!.n).toBe(0);
    expect((await db.select({ n: count() }).from(requests).where(eq(requests.communeId, commune.id)))[0]!.n).toBe(0);

    // The budget is the account's: another family of the commune books as usual.
    const other = await anotherFamily(t, commune, set);
    const theirs = await askSummary(other.client, paths, other.child.id, '2026-11', { [day]: 'jour' });
    expect((await confirmFrom(other.client, theirs, paths, other.child.id)).status).toBe(303);
    // A hundred real confirmations: seconds on a quiet machine, minutes on a loaded one.
  }, 600_000);

  it('a real family’s busy day — a semaine type over the whole year for two services, month changes, a holiday session, an absence — stays far under it', async () => {
    t.clock.set(RENTREE);
    const { commune, set, family, paths, child } = await enrolledChild(t, [
      'restauration',
      'soir',
      'mercredi',
      'vacances',
    ]);
    const [canteen, evening, wednesday] = [
      set.services.restauration.id,
      set.services.soir.id,
      set.services.mercredi.id,
    ];

    // The whole school year from tomorrow, in one confirmation.
    await family.client.get(paths.weekPattern(child.id));
    const pattern = await family.client.post(paths.weekPattern(child.id), {
      du: '16/09/2026',
      au: '02/07/2027',
      ...Object.fromEntries([1, 2, 4, 5].map((d) => [`j${d}:${canteen}`, 'jour'])),
      [`j2:${evening}`]: 'soir',
      [`j4:${evening}`]: 'soir',
      [`j3:${wednesday}`]: 'journee',
    });
    expect(pattern.status).toBe(200);
    const year = await confirmFrom(family.client, pattern, paths, child.id);
    expect(year.status).toBe(303);
    const rows = await bookingRows(t, child.id);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.at(-1)!.day >= '2027-06-01').toBe(true);

    // A few days changed month by month.
    for (const [month, date] of [
      ['2026-10', '2026-10-06'],
      ['2026-11', '2026-11-17'],
      ['2026-12', '2026-12-08'],
      ['2027-01', '2027-01-12'],
      ['2027-03', '2027-03-09'],
    ] as const) {
      const summary = await askSummary(family.client, paths, child.id, month, { [cell(date, canteen)]: null });
      const done = await confirmFrom(family.client, summary, paths, child.id);
      expect(done.status, month).toBe(303);
    }

    // A holiday session, through its confirmation step.
    const session = await createSession(t.container, commune, set.services.vacances.id);
    const sessions = `/${commune.slug}/ma-famille/activites-vacances`;
    await family.client.get(sessions);
    expect((await family.client.post(`${sessions}/${session.id}/reserver`, { memberId: child.id })).status).toBe(200);
    const booked = await family.client.post(`${sessions}/${session.id}/reserver`, {
      memberId: child.id,
      confirmation: 'oui',
    });
    expect(booked.status).toBe(303);

    // An absence.
    const absencePath = `/${commune.slug}/ma-famille/absences/nouvelle`;
    await family.client.get(absencePath);
    const reported = await family.client.post(absencePath, {
      memberId: child.id,
      firstDay: '19/11/2026',
      lastDay: '19/11/2026',
      [`service-${canteen}`]: 'oui',
      reason: 'autre',
      note: '',
    });
    expect(reported.status).toBe(303);
    const last = reported.headers;

    // Nine writes: the day leaves more than nine tenths of the budget.
    expect(remaining(last)).toBe(FAMILY_WRITES_PER_DAY - 9);
  }, 300_000);
});
