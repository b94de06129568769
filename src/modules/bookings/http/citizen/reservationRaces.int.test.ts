import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import type { WebClient, WebPage } from '../../../../../test/browserSession.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import {
  anotherFamily,
  askSummary,
  bookingRows,
  cell,
  confirmFrom,
  enrolledChild,
  formFields,
} from '../../../../../test/reservationPages.js';
import { buildTestApp } from '../../../../../test/testApp.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { serviceDayPlaces } from '../../bookingsSchema.js';

/** The demo's « now » (DEADLINES.md case 1): days from the 17th on are on time. */
const NOW = '2026-11-02T12:00:00+01:00';

/** « Modifier les réservations » under simultaneous confirmations: one booking per child and day, never more than the places. */
describe.each(testDatabases())('confirmations at once on $name', ({ open }) => {
  const { t, database } = useTestApp(open);
  beforeEach(() => t.clock.set(NOW));

  it('twenty identical confirmations at once book the day once', async () => {
    const { family, paths, child, set } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-17', canteen)]: 'jour',
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => confirmFrom(family.client, summary, paths, child.id)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(303));
    expect((await bookingRows(t, child.id)).map((r) => [r.day, r.status])).toEqual([['2026-11-17', 'reserve']]);
  });

  it('with 3 places a day, ten children confirming at once (through two app instances on PostgreSQL): exactly three booked, the others told « complet » and nothing written', async () => {
    const { commune, set } = await enrolledChild(t, ['restauration'], { restauration: { placesPerDay: 3 } });
    const canteen = set.services.restauration.id;
    const families = await Promise.all(Array.from({ length: 10 }, () => anotherFamily(t, commune, set)));
    const paths = communePaths(commune);
    const summaries: WebPage[] = [];
    for (const f of families)
      summaries.push(
        await askSummary(f.client, paths, f.child.id, '2026-11', { [cell('2026-11-17', canteen)]: 'jour' }),
      );
    // On PostgreSQL, half of them through a second instance of the app, as behind a load balancer.
    const second = database.kind === 'postgres' ? await buildTestApp(await open()) : null;
    const answers = await Promise.all(
      families.map((f, i) => {
        const fields = formFields(summaries[i]!.html, paths.confirmReservations(f.child.id));
        return second && i % 2 === 1
          ? postAt(second.origin, f.client, paths.confirmReservations(f.child.id), fields)
          : f.client.post(paths.confirmReservations(f.child.id), fields);
      }),
    );
    if (second) {
      await second.close();
      await second.container.database.close();
    }
    expect(answers.filter((a) => a.status === 303)).toHaveLength(3);
    const refused = answers.filter((a) => a.status === 409);
    expect(refused).toHaveLength(7);
    for (const page of refused) expect(textOf(page.html)).toContain('Complet : il n’y a plus de place ce jour-là.');
    const rows = (await Promise.all(families.map((f) => bookingRows(t, f.child.id)))).flat();
    expect(rows.map((r) => r.status)).toEqual(['reserve', 'reserve', 'reserve']);
    const [places] = await t.container.database.db
      .select()
      .from(serviceDayPlaces)
      .where(eqPlaces(canteen, '2026-11-17'));
    expect(places?.booked).toBe(3);
    // A place freed is a place again.
    const winner = families[answers.findIndex((a) => a.status === 303)]!;
    const cancel = await askSummary(winner.client, paths, winner.child.id, '2026-11', {
      [cell('2026-11-17', canteen)]: null,
    });
    expect((await confirmFrom(winner.client, cancel, paths, winner.child.id)).status).toBe(303);
    const [after] = await t.container.database.db
      .select()
      .from(serviceDayPlaces)
      .where(eqPlaces(canteen, '2026-11-17'));
    expect(after?.booked).toBe(2);
  });
});

/** A form posted by this browser (its cookies, its token) to another instance of the app. */
async function postAt(
  origin: string,
  client: WebClient,
  path: string,
  fields: Record<string, string>,
): Promise<WebPage> {
  const cookie = client
    .cookieNames()
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');
  const response = await fetch(origin + path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: client.csrfToken ?? '', ...fields }).toString(),
    redirect: 'manual',
  });
  return {
    status: response.status,
    headers: response.headers,
    html: await response.text(),
    location: response.headers.get('location'),
  };
}

function eqPlaces(serviceId: string, day: string) {
  return and(eq(serviceDayPlaces.serviceId, serviceId), eq(serviceDayPlaces.day, day));
}
