import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import { and, count, eq } from 'drizzle-orm';
import Fastify from 'fastify';
import type { Benchmark, BenchmarkContext, BenchmarkLine } from '../lib/benchmark.js';
import { compareSideBySide, formatRps, median } from '../lib/compare.js';
import { benchMode, startApp } from '../lib/app.js';
import { DEMO_COMMUNE, logInThroughTheForm } from '../lib/citizenLogin.js';
import { onEachDatabase } from '../lib/databases.js';
import { type RunningServer, serverOrigin } from '../lib/floor.js';
import { LoadGenerator } from '../lib/load.js';
import { demoLogins } from '../../src/demo/demoPeople.js';
import { DUPONT_REFERENCE } from '../../src/demo/seedDemoServices.js';
import { bookings } from '../../src/modules/bookings/bookingsSchema.js';
import { BookingsRepository, type ServiceDay } from '../../src/modules/bookings/bookingsRepository.js';
import type { WantedCell } from '../../src/modules/bookings/domain/bookingPlan.js';
import type { ReservationChange } from '../../src/modules/bookings/domain/lateCancellations.js';
import { writeConfirmed } from '../../src/modules/bookings/reservationWriter.js';
import { communes } from '../../src/modules/communes/communesSchema.js';
import { CitizensRepository } from '../../src/modules/accounts/citizensRepository.js';
import { families, familyAdults, familyMembers } from '../../src/modules/families/familiesSchema.js';
import { dayOpening, factsFor } from '../../src/modules/services/domain/schoolCalendar.js';
import { ServiceCatalogue } from '../../src/modules/services/serviceCatalogue.js';
import type { Database } from '../../src/platform/db/database.js';
import { communePaths } from '../../src/platform/views/paths.js';
import { addDays, daysFrom, isoWeekday, localDayOf, monthOf, type LocalDay } from '../../src/shared/localDays.js';

const COMMUNE = DEMO_COMMUNE;
/** Inside the rentrée window (until 30 September): every day of 2026-2027 is on time, whatever the week. */
export const NOW = new Date('2026-09-15T12:00:00+02:00');
const CONNECTIONS = 10;
/**
 * The accounts the app's confirmations come from, in turn: each has 100 family writes a day (ADR
 * 0008), so 300 of them allow 30,000 confirmations per bench. A bench on PostgreSQL sends about
 * 12,000 (warm-up and three rounds of 5 s at 700 a second); 58 accounts were spent in its third round.
 */
const ACCOUNTS_IN_TURN = 300;
/** The canteen and the evening care, as the demo's Rémi is enrolled. */
const KINDS = ['restauration', 'soir'] as const;

/**
 * Booking a week (canteen and evening care, four school days: eight bookings) for one child through
 * the real confirmation — session cookie, CSRF token, the plan made again and compared with the one
 * the parent saw, one transaction — against the same Fastify running the same SQL transaction (the
 * repositories' statements, same order, same rows) with nothing of the portal around it. Each side
 * books weeks 1…N, then cancels them, in turn, so that it can repeat: every answer writes eight rows.
 */
export const bookWeek: Benchmark = {
  name: 'book-week',
  target: 0.65,
  async run(context) {
    const load = new LoadGenerator();
    await load.start();
    try {
      return await onEachDatabase('book a week', context, (label, database) =>
        measureOn(label, database, load, context),
      );
    } finally {
      await load.close();
    }
  },
};

export interface DemoChild {
  communeId: string;
  familyId: string;
  memberId: string;
  serviceIds: string[];
}

async function measureOn(
  label: string,
  database: Database,
  load: LoadGenerator,
  context: BenchmarkContext,
): Promise<BenchmarkLine> {
  let app: RunningServer;
  try {
    // Behind a trusted proxy, each login from its own address: the login form's per-address limit
    // (30 per 15 minutes) would refuse the accounts' logins from one.
    app = await startApp(database, { now: NOW, trustProxy: true, mode: benchMode('production') });
  } catch (error) {
    await database.close();
    throw error;
  }
  let floor: RunningServer | undefined;
  try {
    const child = await demoChild(database);
    const weeks = await fullWeeks(database, child);
    if (weeks.length <= 2 * CONNECTIONS)
      throw new Error(`only ${weeks.length} full weeks: a week and its cancellation could be in flight together`);
    const paths = communePaths({ slug: COMMUNE, version: '' });
    const usernames = await parentsOfTheFamily(database, child, 1 + ACCOUNTS_IN_TURN);
    const browsers: Browser[] = [];
    for (const [n, username] of usernames.entries())
      browsers.push(
        await logIn(
          app.url,
          username,
          `10.250.${(n + 1) >> 8}.${(n + 1) & 255}`,
          paths.memberReservations(child.memberId),
        ),
      );
    const [walker, ...inTurn] = browsers as [Browser, ...Browser[]];
    const steps = await sequenceThroughTheApp(app.url, walker, child, weeks);
    // The sequence once per account, request i sent by account i mod n with its own session's token:
    // each account's confirmations stay within its budget of family writes (ADR 0008).
    const appBodies: string[] = [];
    const appHeaders: Record<string, string>[] = [];
    for (let i = 0; i < steps.length * inTurn.length; i++) {
      const browser = inTurn[i % inTurn.length]!;
      appBodies.push(new URLSearchParams({ _csrf: browser.csrf, ...steps[i % steps.length]! }).toString());
      appHeaders.push({ cookie: browser.cookie });
    }
    const floorBodies = sequence(weeks, (cells) => new URLSearchParams({ voulu: encode(cells) }).toString());
    floor = await startFloor(database, child);
    context.log(
      `    ${weeks.length} weeks of ${weeks[0]!.length} bookings, booked then cancelled in turn · ${CONNECTIONS} in flight`,
    );

    // Both sides start each run from no booking at all, and say how many rows each answer wrote.
    const rowsPerAnswer = { app: [] as number[], floor: [] as number[] };
    const side =
      (name: 'app' | 'floor', url: string, bodies: string[], bodyHeaders?: Record<string, string>[]) =>
      async (seconds: number) => {
        await withoutBookings(database, child.memberId);
        const summary = await load.run({
          url,
          seconds,
          connections: CONNECTIONS,
          pipelining: 1,
          request: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          bodies,
          bodyHeaders,
          bodiesFromStart: true,
          expect: { status: 303 },
        });
        const [written] = await database.db
          .select({ n: count() })
          .from(bookings)
          .where(eq(bookings.memberId, child.memberId));
        rowsPerAnswer[name].push(written!.n / Math.max(1, summary.total));
        return summary;
      };
    const result = await compareSideBySide(context, {
      app: side('app', `${app.url}${paths.confirmReservations(child.memberId)}`, appBodies, appHeaders),
      floor: side('floor', floor.url, floorBodies),
    });
    const failures = result.app.errors + result.app.unexpected + result.floor.errors + result.floor.unexpected;
    return {
      label,
      ratio: result.ratio,
      details: {
        'app rps': formatRps(result.app.rps),
        'floor rps': formatRps(result.floor.rps),
        'app p50/p99 ms': `${result.app.p50}/${result.app.p99}`,
        'floor p50/p99 ms': `${result.floor.p50}/${result.floor.p99}`,
        'errors/unexpected': `${result.app.errors + result.floor.errors}/${result.app.unexpected + result.floor.unexpected}`,
        // A booking writes 8 rows and its cancellation none (it updates them): about 4 per answer on both sides.
        'rows per answer app/floor': `${median(rowsPerAnswer.app).toFixed(2)}/${median(rowsPerAnswer.floor).toFixed(2)}`,
        'round ratios': result.roundRatios.map((ratio) => ratio.toFixed(3)).join(' '),
        ...(failures > 0 ? { warning: 'failed or refused confirmations: figures not comparable' } : {}),
      },
    };
  } finally {
    await floor?.close();
    await app.close();
  }
}

/**
 * Deletes the child's bookings before a run. Requests cut off at the end of the previous run may still
 * be writing them: on PostgreSQL the delete and a confirmation's update may lock the same rows in
 * other orders, and the delete can lose the deadlock (40P01), as it did in two runs of about a dozen;
 * it tries again once they are through.
 */
async function withoutBookings(database: Database, memberId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await database.db.delete(bookings).where(eq(bookings.memberId, memberId));
      return;
    } catch (error) {
      if (attempt === 5 || !isDeadlock(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function isDeadlock(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    current && typeof current === 'object' && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    if ((current as { code?: unknown }).code === '40P01') return true;
  }
  return false;
}

/** Rémi DUPONT of the demo, enrolled to the canteen and the evening care (seedDemoServices.ts). */
export async function demoChild(database: Database): Promise<DemoChild> {
  const [row] = await database.db
    .select({ communeId: communes.id, familyId: families.id, memberId: familyMembers.id })
    .from(familyMembers)
    .innerJoin(families, eq(families.id, familyMembers.familyId))
    .innerJoin(communes, eq(communes.id, families.communeId))
    .where(
      and(eq(communes.slug, COMMUNE), eq(families.reference, DUPONT_REFERENCE), eq(familyMembers.firstName, 'Rémi')),
    );
  if (!row) throw new Error(`no demo child Rémi in ${COMMUNE}`);
  const services = await new ServiceCatalogue(database.db).services(row.communeId);
  const serviceIds = KINDS.map((kind) => services.find((service) => service.kind === kind)?.id ?? '');
  if (serviceIds.includes('')) throw new Error('the demo commune lacks the canteen or the evening care');
  return { ...row, serviceIds };
}

/** The weeks of the school year whose Monday, Tuesday, Thursday and Friday are all open, as the cells to book. */
export async function fullWeeks(database: Database, child: DemoChild): Promise<WantedCell[][]> {
  const catalogue = new ServiceCatalogue(database.db);
  const calendar = await catalogue.calendar(child.communeId);
  const services = (await catalogue.services(child.communeId)).filter((service) =>
    child.serviceIds.includes(service.id),
  );
  const year = calendar.years[0]!;
  const weeks: WantedCell[][] = [];
  // The first Monday a week after the clock's day: every day of the week is still open to changes.
  const start = addDays(localDayOf(NOW), 7);
  const firstMonday = daysFrom(start, addDays(start, 6)).find((day) => isoWeekday(day) === 1)!;
  for (let monday = firstMonday; addDays(monday, 4) <= year.endsOn; monday = addDays(monday, 7)) {
    const days = [0, 1, 3, 4].map((offset) => addDays(monday, offset));
    const facts = factsFor(calendar, monday)!;
    if (!days.every((day) => services.every((service) => dayOpening(day, facts, service.opening).open))) continue;
    weeks.push(
      days.flatMap((day) => services.map((service) => ({ day, serviceId: service.id, unit: service.units[0]!.code }))),
    );
  }
  return weeks;
}

/** Weeks 1…N booked, then 1…N cancelled: each body's effect is the one the state before it allows. */
function sequence(weeks: WantedCell[][], body: (cells: WantedCell[], booking: boolean) => string): string[] {
  return [
    ...weeks.map((cells) => body(cells, true)),
    ...weeks.map((cells) =>
      body(
        cells.map((cell) => ({ ...cell, unit: null })),
        false,
      ),
    ),
  ];
}

const encode = (cells: WantedCell[]) =>
  cells.map((cell) => `${cell.day}:${cell.serviceId}:${cell.unit ?? '-'}`).join(' ');

interface Browser {
  cookie: string;
  csrf: string;
}

/**
 * The demo parent and `count - 1` copies of her account (same password, same stored hash), each
 * linked to an adult of her family as a Clé Enfance links one: their usernames. A family has two
 * adults; the others exist only so that the confirmations can come from many accounts in turn.
 */
async function parentsOfTheFamily(database: Database, child: DemoChild, count: number): Promise<string[]> {
  const repository = new CitizensRepository(database.db);
  const demo = await repository.findByLogin(child.communeId, demoLogins.citizen.username);
  const [adult] = await database.db
    .select()
    .from(familyAdults)
    .where(and(eq(familyAdults.familyId, child.familyId), eq(familyAdults.citizenId, demo?.id ?? randomUUID())));
  if (!demo || !adult) throw new Error('the demo parent is not linked to the family of Rémi');
  const { id: _id, usernameKey: _usernameKey, emailKey: _emailKey, createdAt: _createdAt, ...original } = demo;
  const usernames = [original.username];
  for (let n = 2; n <= count; n++) {
    const username = `${original.username}.${n}`;
    const copy = await repository.insert({ ...original, username, email: original.email.replace('@', `+${n}@`) });
    if (!copy) throw new Error(`could not add the bench account ${username}`);
    await database.db
      .insert(familyAdults)
      .values({ ...adult, id: randomUUID(), role: 'co-representant', citizenId: copy.id });
    usernames.push(username);
  }
  return usernames;
}

/** A parent logged in through the real form, with the token the calendar's forms carry. */
async function logIn(origin: string, username: string, address: string, calendar: string): Promise<Browser> {
  const cookie = await logInThroughTheForm(origin, { username, address });
  const page = await fetch(`${origin}${calendar}`, { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (page.status !== 200 || !csrf) throw new Error(`the calendar answered ${page.status} without a form`);
  return { cookie, csrf };
}

/**
 * The bodies of the app's confirmations, each with the plan the summary page showed for it: for
 * every week, the summary of its booking, the booking confirmed, the summary of its cancellation,
 * the cancellation confirmed. The database is left with no booking.
 */
async function sequenceThroughTheApp(
  origin: string,
  browser: Browser,
  child: DemoChild,
  weeks: WantedCell[][],
): Promise<Record<string, string>[]> {
  const paths = communePaths({ slug: COMMUNE, version: '' });
  const post = async (path: string, fields: Record<string, string>) => {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
      body: new URLSearchParams({ _csrf: browser.csrf, ...fields }).toString(),
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  };
  const books: Record<string, string>[] = [];
  const cancels: Record<string, string>[] = [];
  for (const cells of weeks) {
    for (const booking of [true, false]) {
      const month = monthOf(cells[0]!.day);
      const fields: Record<string, string> = {
        mois: month,
        cellules: cells.map((cell) => `${cell.day}:${cell.serviceId}`).join(' '),
      };
      if (booking) for (const cell of cells) fields[`r:${cell.day}:${cell.serviceId}`] = cell.unit!;
      const summary = await post(paths.reservationsSummary(child.memberId), fields);
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(summary.html)?.[1];
      const confirm = { mois: month, voulu: hidden('voulu') ?? '', apercu: hidden('apercu') ?? '' };
      if (
        summary.status !== 200 ||
        !confirm.apercu ||
        !summary.html.includes(`${cells.length} modifications à confirmer`)
      ) {
        throw new Error(
          `the summary of ${booking ? 'booking' : 'cancelling'} the week of ${cells[0]!.day} answered ${summary.status} without ${cells.length} changes`,
        );
      }
      const done = await post(paths.confirmReservations(child.memberId), confirm);
      if (done.status !== 303)
        throw new Error(`the confirmation of the week of ${cells[0]!.day} answered ${done.status}`);
      (booking ? books : cancels).push(confirm);
    }
  }
  return [...books, ...cancels];
}

/**
 * The floor: the same Fastify with its form parser, and one route that runs the confirmation's SQL for
 * the child — the same repository calls, so the same statements in the same order: the child and its
 * inscriptions, what it holds on the cells (both built once), then, in one transaction, the bookings
 * ended and inserted by the confirmation's own writer (`writeChanges`) — and answers 303. No tenant,
 * session, CSRF, calendar or services read, rules, comparison with the plan seen, or page.
 */
async function startFloor(database: Database, child: DemoChild): Promise<RunningServer> {
  const server = Fastify({ logger: false });
  await server.register(formbody);
  const repository = new BookingsRepository(database.db);
  const { communeId, familyId, memberId } = child;
  const author = { kind: 'citizen' as const, id: randomUUID() };
  const key = (cell: ServiceDay) => `${cell.serviceId}|${cell.day}`;
  server.post('/confirmer', async (request, reply) => {
    const voulu = String((request.body as Record<string, unknown>).voulu ?? '');
    const wanted = voulu.split(' ').map((text) => ({
      day: text.slice(0, 10) as LocalDay,
      serviceId: text.slice(11, 47),
      unit: text.slice(48) === '-' ? null : text.slice(48),
    }));
    const now = new Date();
    await repository.childOf(communeId, familyId, memberId);
    const held = new Map(
      (await repository.heldOn(communeId, memberId, wanted))
        .filter((booking) => booking.status === 'reserve')
        .map((booking) => [key(booking), booking.unit]),
    );
    // Every day on time, nothing cancelled late: a cell is booked or cancelled, at the canteen's price.
    const changes: ReservationChange[] = wanted
      .filter((cell) => (cell.unit === null) === held.has(key(cell)))
      .map((cell) => ({
        day: cell.day,
        serviceId: cell.serviceId,
        action: cell.unit === null ? ('cancel' as const) : ('book' as const),
        unit: cell.unit ?? held.get(key(cell))!,
        timing: 'on-time' as const,
        unitPriceCents: cell.unit === null ? 0 : 355,
        majorationRule: null,
        majorationCents: 0,
        billableIfCancelled: false,
        onTimeUntil: now,
        cutoff: now,
      }));
    await writeConfirmed(database.db, repository, {
      communeId,
      familyId,
      memberId,
      changes,
      limited: () => false,
      author,
      now,
    });
    return reply.redirect('/fait', 303);
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${serverOrigin(server.server.address())}/confirmer`, close: () => server.close() };
}
