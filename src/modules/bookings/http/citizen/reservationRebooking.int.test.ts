import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import {
  askSummary,
  bookingRows,
  calendarDay,
  cell,
  confirmFrom,
  enrolledChild,
} from '../../../../../test/reservationPages.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { bookings, serviceDayPlaces } from '../../bookingsSchema.js';

/** DEADLINES.md case 1: from the 4th to the 16th of November changes are late, from the 17th on time. */
const NOW = '2026-11-02T12:00:00+01:00';
/** Inside the rentrée window: every day of the year is on time. */
const RENTREE = '2026-10-01T12:00:00+02:00';
/** Within the session's idle time of NOW. */
const LATER = '2026-11-02T12:20:00+01:00';

/** The rows of a raw query: both drivers answer `{ rows }`. */
const rowsOf = <T>(result: Promise<unknown>) => result as Promise<{ rows: T[] }>;

/** A booking row still billed: live, or cancelled late. */
const billable = (row: { status: string; cancelledLate: boolean }) => row.status === 'reserve' || row.cancelledLate;

describe.each(testDatabases())('booking again a day cancelled late, on $name', ({ open }) => {
  const { t, database } = useTestApp(open);
  beforeEach(() => t.clock.set(NOW));

  /** The child's cells booked on time, then cancelled at NOW: late (still billable) or on time, as the day says. */
  async function bookedThenCancelled(
    kinds: Parameters<typeof enrolledChild>[1],
    cells: (set: Awaited<ReturnType<typeof enrolledChild>>['set']) => Record<string, string>,
  ) {
    const enrolled = await enrolledChild(t, kinds);
    const { family, paths, child, set } = enrolled;
    const wanted = cells(set);
    t.clock.set(RENTREE);
    expect(
      (
        await confirmFrom(
          family.client,
          await askSummary(family.client, paths, child.id, '2026-11', wanted),
          paths,
          child.id,
        )
      ).status,
    ).toBe(303);
    t.clock.set(NOW);
    const none = Object.fromEntries(Object.keys(wanted).map((name) => [name, null]));
    expect(
      (
        await confirmFrom(
          family.client,
          await askSummary(family.client, paths, child.id, '2026-11', none),
          paths,
          child.id,
        )
      ).status,
    ).toBe(303);
    return enrolled;
  }

  it('puts the booking cancelled late back, billed once, at its price, without a new majoration; a day cancelled on time is booked anew', async () => {
    const { family, paths, set, child } = await bookedThenCancelled(['restauration'], (s) => ({
      [cell('2026-11-16', s.services.restauration.id)]: 'jour',
      [cell('2026-11-17', s.services.restauration.id)]: 'jour',
    }));
    const canteen = set.services.restauration.id;
    const cancelled = await bookingRows(t, child.id);
    expect(cancelled.map((r) => [r.day, r.status, r.cancelledLate])).toEqual([
      ['2026-11-16', 'annule', true],
      ['2026-11-17', 'annule', false],
    ]);
    // The calendar says the day is still billed, and prices it again without majoration (what the script previews).
    const calendar = (await family.client.get(paths.memberReservations(child.id, '2026-11'))).html;
    const row = (day: string) => calendarDay(calendar, day);
    expect(row('lundi 16')).toContain(
      ": annulé après la date limite (reste facturé) à réserver de nouveau sans majoration jusqu'au 15/11 à 10:00",
    );
    expect(row('mardi 17')).toContain(": non réservé modifiable jusqu'au 02/11 à 23:59");
    expect(calendar).toMatch(
      new RegExp(`name="${cell('2026-11-16', canteen)}"[^>]*data-majoration="0"[^>]*data-delai="late"`),
    );

    t.clock.set(LATER);
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-16', canteen)]: 'jour',
      [cell('2026-11-17', canteen)]: 'jour',
    });
    const text = textOf(summary.html);
    expect(text).toContain(
      'lundi 16 novembre 2026 Restauration scolaire Réserver Après la date limite : réservation rétablie, sans majoration',
    );
    expect(text).toContain('mardi 17 novembre 2026 Restauration scolaire Réserver Dans les délais');
    expect(text).toContain('Total des majorations : 0,00 €');
    expect(text).toContain(
      'réserver à nouveau le même jour rétablit cette réservation, au même prix et sans majoration',
    );
    expect((await confirmFrom(family.client, summary, paths, child.id)).status).toBe(303);
    expect(textOf((await family.client.follow()).html)).toContain(
      'lundi 16 novembre 2026 — Restauration scolaire : réservé',
    );

    const rows = await bookingRows(t, child.id);
    const sixteenth = rows.filter((r) => r.day === '2026-11-16');
    expect(
      sixteenth.map((r) => [
        r.id,
        r.status,
        r.cancelledAt,
        r.cancelledLate,
        r.late,
        r.unitPriceCents,
        r.majorationRule,
        r.majorationCents,
      ]),
    ).toEqual([[cancelled[0]!.id, 'reserve', null, false, false, 355, null, 0]]);
    expect(sixteenth[0]!.bookedAt).toEqual(new Date(LATER));
    // Cancelled on time, the 17th was not billable: it is booked anew, the cancelled row left as it was.
    expect(rows.filter((r) => r.day === '2026-11-17').map((r) => [r.status, r.cancelledLate])).toEqual([
      ['annule', false],
      ['reserve', false],
    ]);
    expect(rows.filter(billable).map((r) => r.day)).toEqual(['2026-11-16', '2026-11-17']);
  });

  it('keeps the majoration of a late booking cancelled late, and adds none when it comes back', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const day = { [cell('2026-11-16', canteen)]: 'jour' };
    expect(
      (
        await confirmFrom(
          family.client,
          await askSummary(family.client, paths, child.id, '2026-11', day),
          paths,
          child.id,
        )
      ).status,
    ).toBe(303);
    t.clock.set('2026-11-02T12:10:00+01:00');
    expect(
      (
        await confirmFrom(
          family.client,
          await askSummary(family.client, paths, child.id, '2026-11', { [cell('2026-11-16', canteen)]: null }),
          paths,
          child.id,
        )
      ).status,
    ).toBe(303);
    t.clock.set(LATER);
    const summary = await askSummary(family.client, paths, child.id, '2026-11', day);
    expect(textOf(summary.html)).toContain('Après la date limite : réservation rétablie, sans majoration');
    expect(textOf(summary.html)).toContain('Total des majorations : 0,00 €');
    expect((await confirmFrom(family.client, summary, paths, child.id)).status).toBe(303);
    expect((await bookingRows(t, child.id)).map((r) => [r.status, r.late, r.majorationCents, r.cancelledLate])).toEqual(
      [['reserve', true, 178, false]],
    );
  });

  it('books another unit as a change of unit (the unit cancelled late stays billable), then puts that unit back: one place all along', async () => {
    const { family, paths, set, child } = await bookedThenCancelled(['mercredi'], (s) => ({
      [cell('2026-11-04', s.services.mercredi.id)]: 'journee',
    }));
    const wednesday = set.services.mercredi.id;
    const places = async () =>
      (
        await database.db
          .select()
          .from(serviceDayPlaces)
          .where(and(eq(serviceDayPlaces.serviceId, wednesday), eq(serviceDayPlaces.day, '2026-11-04')))
      )[0]?.booked;
    expect(await places()).toBe(0);
    const calendar = (await family.client.get(paths.memberReservations(child.id, '2026-11'))).html;
    const wednesday4 = calendarDay(calendar, 'mercredi 4');
    expect(wednesday4).toContain('annulé après la date limite : Journée (reste facturé)');
    expect(wednesday4).toContain("avec majoration (+50 %) jusqu'au 03/11 à 10:00");
    // The journée comes back at its price; another unit is priced with its majoration.
    expect(wednesday4).toContain('Prix : Journée 12,40 € · Matin avec repas 8,90 € + 4,45 € de majoration');
    // The journée comes back without majoration; another unit is a new booking, with its majoration.
    const options = /<select[^>]*name="r:2026-11-04:[^"]+"[^>]*>([\s\S]*?)<\/select>/.exec(calendar)![1]!;
    expect(options).toMatch(/value="journee"[^>]*data-majoration="0"/);
    expect(options).toMatch(/value="matin-repas"[^>]*data-majoration="445"/);

    const other = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-04', wednesday)]: 'matin-repas',
    });
    expect(textOf(other.html)).toContain(
      'Changer : Journée → Matin avec repas Avec majoration +50 % soit 4,45 € ; la formule remplacée reste facturée',
    );
    expect((await confirmFrom(family.client, other, paths, child.id)).status).toBe(303);
    expect((await bookingRows(t, child.id)).map((r) => [r.unit, r.status, r.cancelledLate, r.majorationCents])).toEqual(
      [
        ['journee', 'annule', true, 0],
        ['matin-repas', 'reserve', false, 445],
      ],
    );
    expect(await places()).toBe(1);

    t.clock.set(LATER);
    const back = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-04', wednesday)]: 'journee',
    });
    expect(textOf(back.html)).toContain(
      'Changer : Matin avec repas → Journée Après la date limite : réservation rétablie, sans majoration ; la formule remplacée reste facturée',
    );
    expect(textOf(back.html)).toContain('Total des majorations : 0,00 €');
    expect((await confirmFrom(family.client, back, paths, child.id)).status).toBe(303);
    const rows = await bookingRows(t, child.id);
    // In the order they were booked: the journée put back counts as booked now.
    expect(rows.map((r) => [r.unit, r.status, r.cancelledLate, r.unitPriceCents, r.majorationCents])).toEqual([
      ['matin-repas', 'annule', true, 890, 445],
      ['journee', 'reserve', false, 1240, 0],
    ]);
    expect(await places()).toBe(1);
  });

  it('twenty identical confirmations at once put the day back once', async () => {
    const { family, paths, set, child } = await bookedThenCancelled(['restauration'], (s) => ({
      [cell('2026-11-16', s.services.restauration.id)]: 'jour',
    }));
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-16', set.services.restauration.id)]: 'jour',
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => confirmFrom(family.client, summary, paths, child.id)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(303));
    expect((await bookingRows(t, child.id)).map((r) => [r.day, r.status, r.cancelledLate])).toEqual([
      ['2026-11-16', 'reserve', false],
    ]);
  });

  it('when another request books the day while the confirmation puts it back, writes nothing and shows the plan as it now is (PostgreSQL)', async ({
    skip,
  }) => {
    // One PGlite connection runs one transaction at a time: the race needs a server.
    if (database.kind !== 'postgres') skip();
    const { family, paths, set, child } = await bookedThenCancelled(['mercredi'], (s) => ({
      [cell('2026-11-04', s.services.mercredi.id)]: 'journee',
    }));
    const wednesday = set.services.mercredi.id;
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-04', wednesday)]: 'journee',
    });
    const [cancelled] = await bookingRows(t, child.id);

    // The desk books another unit of the day; its transaction is still open when the confirmation puts the day back.
    let holding!: (pid: number) => void;
    let commit!: () => void;
    const held = new Promise<number>((resolve) => (holding = resolve));
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const desk = inTransaction(database.db, async (tx) => {
      const { id: _id, ...row } = cancelled!;
      await tx.insert(bookings).values({
        ...row,
        unit: 'matin-repas',
        unitPriceCents: 890,
        status: 'reserve',
        cancelledAt: null,
        cancelledLate: false,
        bookedByKind: 'agent',
        source: 'guichet',
      });
      const [backend] = (await rowsOf<{ pid: number }>(tx.execute(sql`select pg_backend_pid() as pid`))).rows;
      holding(backend!.pid);
      await committed;
    });
    const deskPid = await held;
    const answer = confirmFrom(family.client, summary, paths, child.id);
    // Until the confirmation's restore waits on the desk's new row (the partial unique index).
    for (let waited = 0; ; waited += 20) {
      const { rows } = await rowsOf(
        database.db.execute(sql`select pid from pg_stat_activity where ${deskPid} = any(pg_blocking_pids(pid))`),
      );
      if (rows.length > 0) break;
      if (waited > 10_000) throw new Error('the confirmation never waited on the desk’s booking');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    commit();
    await desk;
    const page = await answer;
    expect(page.status).toBe(409);
    expect(textOf(page.html)).toContain(
      'Changer : Matin avec repas → Journée Après la date limite : réservation rétablie, sans majoration',
    );
    expect((await bookingRows(t, child.id)).map((r) => [r.unit, r.status, r.cancelledLate])).toEqual([
      ['journee', 'annule', true],
      ['matin-repas', 'reserve', false],
    ]);
  });
});
