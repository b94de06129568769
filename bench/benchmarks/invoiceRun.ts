import { sql } from 'drizzle-orm';
import { buildContainer } from '../../src/container.js';
import { billingAuthor } from '../../test/billingFactories.js';
import { createCommune } from '../../test/factories.js';
import type { Commune } from '../../src/modules/communes/domain/commune.js';
import { SCHOOL_YEAR_2026, STANDARD_SERVICES } from '../../src/modules/services/standardCatalogue.js';
import { TestClock } from '../../src/platform/clock.js';
import type { Database, Db } from '../../src/platform/db/database.js';
import { prepareDatabase } from '../../src/platform/db/prepareDatabase.js';
import type { Benchmark, BenchmarkContext, BenchmarkLine } from '../lib/benchmark.js';
import { onEachDatabase } from '../lib/databases.js';

/** Children of the measured month, two per family; the linearity check doubles them. */
const CHILDREN = Math.round(Number(process.env.BENCH_INVOICE_CHILDREN || 10_000));
/** The issue's budget on this machine of 2 cores, for 10,000 children. */
const BUDGET_SECONDS = 30;
/** Twice the children may take at most this many times as long. */
const LINEAR = 2.2;
/** `BENCH_INVOICE_LINEARITY=0` leaves out the run at twice the children (quicker, for repeated runs). */
const LINEARITY = process.env.BENCH_INVOICE_LINEARITY !== '0';
const PERIOD = '2026-11';

/** Seconds of the run (drafts), of the issue (numbers, dates, mail jobs), and of both. */
interface Times {
  run: number;
  issue: number;
  total: number;
}

const seconds = (started: number, ran: number, issued: number): Times => ({
  run: (ran - started) / 1000,
  issue: (issued - ran) / 1000,
  total: (issued - started) / 1000,
});
const ISSUE_DAY = '2026-12-02T09:00:00+01:00';

/**
 * `invoice-run`: a month of November for 10,000 children (5,000 families; canteen and evening care on
 * each of the month's 17 school days: 34 billable days a child) made into drafts and issued through the
 * services (`InvoiceRunService.run`, then `issue`), against the **floor**: the same lines and invoices,
 * priced by the same grids and QFs, written by plain `INSERT … SELECT` and `UPDATE` statements without
 * the application. The figure is floor time / app time; the line also says whether the app stayed
 * under 30 s, and how much longer twice the children took (linear: at most 2.2 times).
 */
export const invoiceRun: Benchmark = {
  name: 'invoice-run',
  target: 0.25,
  run: (context) => onEachDatabase('invoice run', context, (label, database) => measure(label, database, context)),
};

async function measure(label: string, database: Database, context: BenchmarkContext): Promise<BenchmarkLine> {
  try {
    const container = await startedContainer(database);
    try {
      const timed = async (children: number) => {
        const app = await seededCommune(container, database.db, children);
        const floor = await seededCommune(container, database.db, children);
        // Fresh statistics for both sides, as autovacuum would give them after such a load.
        await database.db.execute(sql`analyze`);
        const started = performance.now();
        const run = await container.invoiceRun.run(app, PERIOD, billingAuthor());
        const ran = performance.now();
        const issued = await container.invoiceRun.issue(app, PERIOD, billingAuthor());
        const appTimes = seconds(started, ran, performance.now());
        if (!run.ok || !issued.ok)
          throw new Error(`the run or the issue was refused: ${JSON.stringify({ run, issued })}`);
        const floorTimes = await floorRun(database.db, floor);
        await sameInvoices(database.db, app, floor);
        context.log(
          `    ${children} children: ${run.lines} lines, ${issued.issued} invoices; ` +
            `app ${appTimes.total.toFixed(1)} s (run ${appTimes.run.toFixed(1)} s + issue ${appTimes.issue.toFixed(1)} s), ` +
            `floor ${floorTimes.total.toFixed(1)} s (run ${floorTimes.run.toFixed(1)} s + issue ${floorTimes.issue.toFixed(1)} s), ` +
            `ratio ${(floorTimes.total / appTimes.total).toFixed(3)}`,
        );
        return { app: appTimes, floor: floorTimes, lines: run.lines, invoices: issued.issued };
      };
      const base = await timed(CHILDREN);
      const doubled = LINEARITY ? await timed(CHILDREN * 2) : null;
      const growth = doubled ? doubled.app.total / base.app.total : null;
      const verdicts = [
        base.app.total <= BUDGET_SECONDS ? `under ${BUDGET_SECONDS} s` : `OVER ${BUDGET_SECONDS} s`,
        growth === null ? 'linearity not measured' : growth <= LINEAR ? 'linear' : `NOT LINEAR (> ${LINEAR})`,
      ];
      return {
        label,
        ratio: base.floor.total / base.app.total,
        details: {
          children: String(CHILDREN),
          lines: String(base.lines),
          'app run + issue': `${base.app.run.toFixed(1)} + ${base.app.issue.toFixed(1)} = ${base.app.total.toFixed(1)} s`,
          'floor run + issue': `${base.floor.run.toFixed(1)} + ${base.floor.issue.toFixed(1)} = ${base.floor.total.toFixed(1)} s`,
          [`×2 children`]: doubled
            ? `${doubled.app.total.toFixed(1)} s (×${growth!.toFixed(2)}), floor ${doubled.floor.total.toFixed(1)} s`
            : '-',
          verdict: verdicts.join(', '),
        },
      };
    } finally {
      await container.stop();
    }
  } finally {
    await database.close();
  }
}

/** The app's services on `database`, migrated and started, their clock on the issue day. */
export async function startedContainer(database: Database): Promise<Awaited<ReturnType<typeof buildContainer>>> {
  await prepareDatabase(database, 'production', async () => {});
  const clock = new TestClock();
  clock.set(ISSUE_DAY);
  const container = await buildContainer({
    config: { mode: 'production', trustProxy: false, logLevel: 'silent' },
    database,
    clock,
  });
  await container.start();
  return container;
}

/**
 * A commune with the standard services, the school year 2026-2027 (zone C), three QF brackets and a grid
 * for the canteen and the evening care, `children` children in families of two, 80 % of families with a
 * QF, every child booked at both services on each school day of November: written in a few statements.
 */
export async function seededCommune(
  container: Awaited<ReturnType<typeof buildContainer>>,
  db: Db,
  children: number,
): Promise<Commune> {
  const commune = await createCommune(container.communes);
  const c = commune.id;
  const { periods, ...year } = SCHOOL_YEAR_2026;
  await db.execute(sql`insert into school_years (commune_id, label, starts_on, ends_on, rentree_window_ends_on)
    values (${c}, ${year.label}, ${year.startsOn}, ${year.endsOn}, ${year.rentreeWindowEndsOn})`);
  for (const period of periods)
    await db.execute(sql`insert into calendar_periods (commune_id, kind, label, starts_on, ends_on)
      values (${c}, ${period.kind}, ${period.label}, ${period.startsOn}, ${period.endsOn})`);
  for (const [position, service] of STANDARD_SERVICES.entries())
    await db.execute(sql`insert into services (commune_id, kind, name, open_weekdays, units, position)
      values (${c}, ${service.kind}, ${service.name}, ${JSON.stringify(service.openWeekdays)}::jsonb, ${JSON.stringify(service.units)}::jsonb, ${position})`);
  await db.execute(
    sql`insert into qf_brackets (commune_id, rank, upper_bound) values (${c}, 1, 500), (${c}, 2, 1000), (${c}, 3, null)`,
  );
  await db.execute(sql`insert into tariff_grids (commune_id, service_id, unit, starts_on, created_at)
    select ${c}, id, 'jour', '2026-09-01', now() from services where commune_id = ${c} and kind in ('restauration', 'soir')`);
  await db.execute(sql`insert into tariff_grid_prices (grid_id, commune_id, bracket_rank, price_cents, meal_cents)
    select g.id, ${c}, r.rank, case s.kind when 'restauration' then 100 * r.rank + 55 else 80 * r.rank end,
      case s.kind when 'restauration' then 60 else null end
    from tariff_grids g join services s on s.id = g.service_id, (values (1), (2), (3)) as r(rank)
    where g.commune_id = ${c}`);
  const familyCount = Math.ceil(children / 2);
  await db.execute(sql`insert into families (commune_id, reference)
    select ${c}, 'BANC-' || lpad(n::text, 6, '0') from generate_series(1, ${familyCount}) n`);
  await db.execute(sql`insert into family_members (commune_id, family_id, first_name, last_name, birth_date)
    select ${c}, f.id, 'Enfant ' || k, f.reference, '2018-05-14'
    from families f, generate_series(1, 2) k where f.commune_id = ${c}`);
  await db.execute(sql`insert into family_quotients (commune_id, family_id, value, source, valid_from, valid_to, entered_at)
    select ${c}, id, (abs(hashtext(reference)) % 1800), 'caf', '2026-01-01', '2026-12-31', now()
    from families where commune_id = ${c} and abs(hashtext(reference)) % 5 <> 0`);
  await db.execute(sql`insert into bookings (commune_id, family_id, member_id, service_id, day, unit, status, unit_price_cents, booked_at, booked_by_kind, source)
    select ${c}, m.family_id, m.id, s.id, d::date, 'jour', 'reserve', 355, now(), 'citizen', 'famille'
    from family_members m
    join services s on s.commune_id = ${c} and s.kind in ('restauration', 'soir')
    cross join generate_series('2026-11-02'::date, '2026-11-30'::date, '1 day') d
    where m.commune_id = ${c} and extract(isodow from d) in (1, 2, 4, 5) and d::date <> '2026-11-11'`);
  return commune;
}

/**
 * The floor: the month's lines priced by the grid in effect at the bracket of the QF valid that day (the
 * highest without one), one draft per family with its total, then numbered in the order of the family
 * files under the counter: plain SQL, every row as the application writes it.
 */
async function floorRun(db: Db, commune: Commune): Promise<Times> {
  const c = commune.id;
  const started = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into invoices (commune_id, family_id, status, period, total_cents, warnings, drafted_at)
      select ${c}, family_id, 'draft', ${PERIOD}, 0, '[]'::jsonb, now()
      from bookings where commune_id = ${c} and day <= '2026-11-30' group by family_id`);
    await tx.execute(sql`insert into invoice_lines (commune_id, invoice_id, family_id, member_id, member_name, service_id, service_name,
        unit, unit_label, day, kind, booking_id, quantity, grid_id, bracket_rank, qf_value, qf_source, non_resident,
        unit_price_cents, meal_cents, majoration_cents, amount_cents)
      select ${c}, i.id, b.family_id, b.member_id, m.first_name || ' ' || m.last_name, b.service_id, s.name,
        b.unit, s.units -> 0 ->> 'label', b.day, 'jour', b.id, 1, g.id, br.rank, q.value, q.source, false,
        p.price_cents, p.meal_cents, 0, p.price_cents
      from bookings b
      join invoices i on i.commune_id = ${c} and i.family_id = b.family_id and i.status = 'draft'
      join family_members m on m.id = b.member_id
      join services s on s.id = b.service_id
      left join lateral (select value, source from family_quotients fq where fq.commune_id = ${c}
        and fq.family_id = b.family_id and b.day between fq.valid_from and fq.valid_to order by entered_at desc limit 1) q on true
      join lateral (select rank from qf_brackets qb where qb.commune_id = ${c}
        and (qb.upper_bound is null or q.value <= qb.upper_bound) order by rank limit 1) br on true
      join lateral (select id from tariff_grids tg where tg.commune_id = ${c} and tg.service_id = b.service_id
        and tg.unit = b.unit and tg.starts_on <= b.day order by starts_on desc limit 1) g on true
      join tariff_grid_prices p on p.grid_id = g.id and p.bracket_rank = br.rank
      where b.commune_id = ${c} and b.status = 'reserve' and b.day <= '2026-11-30'`);
    await tx.execute(sql`update invoices i set total_cents = t.total,
        warnings = case when t.without_qf then '["qf-missing"]'::jsonb else '[]'::jsonb end
      from (select invoice_id, sum(amount_cents)::int as total, bool_or(qf_value is null) as without_qf
        from invoice_lines where commune_id = ${c} group by invoice_id) t
      where i.id = t.invoice_id`);
  });
  const ran = performance.now();
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into invoice_counters (commune_id, series, year, last_number)
      select ${c}, 'facture', 2026, count(*) from invoices where commune_id = ${c} and status = 'draft'`);
    await tx.execute(sql`update invoices i set status = 'issued', number = '2026-' || lpad(n.seq::text, 6, '0'),
        issued_on = '2026-12-02', due_on = '2027-01-01', online_payment_until = '2026-12-27', issued_at = now()
      from (select i2.id, row_number() over (order by f.reference, i2.id) as seq
        from invoices i2 join families f on f.id = i2.family_id where i2.commune_id = ${c} and i2.status = 'draft') n
      where i.id = n.id`);
  });
  return seconds(started, ran, performance.now());
}

/** The floor wrote what the application wrote: the same totals by family file, the same number of lines. */
async function sameInvoices(db: Db, app: Commune, floor: Commune): Promise<void> {
  const digest = async (commune: Commune) =>
    (
      (await db.execute(sql`select count(*)::int as invoices, sum(i.total_cents)::bigint::text as total,
          (select count(*)::int from invoice_lines where commune_id = ${commune.id}) as lines,
          md5(string_agg(f.reference || ':' || i.number || ':' || i.total_cents, ',' order by f.reference)) as digest
        from invoices i join families f on f.id = i.family_id where i.commune_id = ${commune.id} and i.status = 'issued'`)) as unknown as {
        rows: unknown[];
      }
    ).rows[0];
  const [a, b] = [await digest(app), await digest(floor)];
  if (JSON.stringify(a) !== JSON.stringify(b))
    throw new Error(`the floor did not write what the application wrote: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
}
