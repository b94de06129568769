import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { timeOrderedId } from '../../shared/ids.js';
import type { LocalDay, LocalMonth } from '../../shared/localDays.js';
import { creditNoteLines, creditNotes, invoiceLines, invoices, type InvoiceStatus } from './billingSchema.js';
import type { RunLine } from './domain/invoiceRun.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type CreditNoteRow = typeof creditNotes.$inferSelect;

/** A booked day not yet on a live line, with what the run needs to bill it. */
export interface BillableBooking {
  bookingId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  unit: string;
  day: LocalDay;
  status: 'reserve' | 'annule';
  cancelledLate: boolean;
  source: 'famille' | 'guichet' | 'pointage';
  late: boolean;
  unitPriceCents: number;
  majorationCents: number;
  majorationRule: string | null;
}

/** A holiday session's place not yet on a live line. */
export interface BillableSessionPlace {
  sessionBookingId: string;
  familyId: string;
  memberId: string;
  memberName: string;
  serviceId: string;
  sessionId: string;
  sessionName: string;
  startsOn: LocalDay;
  status: 'inscrit' | 'annule';
  cancelledLate: boolean;
  late: boolean;
  unitPriceCents: number;
  majorationCents: number;
  majorationRule: string | null;
}

/** A line as the run writes it: the domain's priced line. */
export type NewLine = RunLine;

export interface NewDraft {
  id: string;
  familyId: string;
  totalCents: number;
  warnings: string[];
  lines: NewLine[];
}

// Rows per statement: one JSON parameter each, so the database parses a batch at once instead of a
// statement per row; small enough for a PGlite instance's memory.
const BATCH = 2000;

// A line's columns as the run writes them (after its commune and invoice): the domain's name, the column, its type.
const LINE_COLUMNS: readonly (readonly [keyof NewLine, string, string])[] = [
  ['familyId', 'family_id', 'uuid'],
  ['memberId', 'member_id', 'uuid'],
  ['memberName', 'member_name', 'text'],
  ['serviceId', 'service_id', 'uuid'],
  ['serviceName', 'service_name', 'text'],
  ['unit', 'unit', 'text'],
  ['unitLabel', 'unit_label', 'text'],
  ['day', 'day', 'date'],
  ['kind', 'kind', 'text'],
  ['bookingId', 'booking_id', 'uuid'],
  ['sessionBookingId', 'session_booking_id', 'uuid'],
  ['sessionName', 'session_name', 'text'],
  ['quantity', 'quantity', 'int'],
  ['gridId', 'grid_id', 'uuid'],
  ['bracketRank', 'bracket_rank', 'int'],
  ['qfValue', 'qf_value', 'int'],
  ['qfSource', 'qf_source', 'text'],
  ['nonResident', 'non_resident', 'boolean'],
  ['unitPriceCents', 'unit_price_cents', 'int'],
  ['mealCents', 'meal_cents', 'int'],
  ['majorationCents', 'majoration_cents', 'int'],
  ['majorationRule', 'majoration_rule', 'text'],
  ['amountCents', 'amount_cents', 'int'],
];
const LINE_COLUMN_NAMES = sql.raw(LINE_COLUMNS.map(([, column]) => column).join(', '));

// What the review compares with the drafts: the days as they are now, as though no draft held them.
const notDraft = (ignoringDrafts: boolean) =>
  ignoringDrafts ? sql`join invoices i on i.id = l.invoice_id and i.status <> 'draft'` : sql``;

// The days of some children only (a batch of the run), found through the bookings' index by child.
const ofMembers = (members: readonly string[] | null) =>
  members === null ? sql`` : sql`and b.member_id = any(${sql.param(members)}::uuid[])`;

// A day not yet on a live line. For a batch of children, a lookup in the index of billed days for each
// of its days: as an anti-join, the planner would read every line of the table for each batch, and a run
// would slow down as its month fills. For the whole commune (the review), the anti-join is the right plan.
const notBilled = (ignoringDrafts: boolean, members: readonly string[] | null) => {
  const billed = sql`from invoice_lines l ${notDraft(ignoringDrafts)}
    where l.member_id = b.member_id and l.service_id = b.service_id and l.day = b.day
      and l.released = false and l.session_booking_id is null`;
  return members === null ? sql`not exists (select 1 ${billed})` : sql`(select true ${billed} limit 1) is null`;
};

// A day not covered by a justified absence. For a batch, its children with any justified absence are
// listed once (one hashed lookup per day); only their days are then compared with their absences, one by
// one: looking up every day of a batch in the absences cost as much as finding the day.
const notAbsent = (members: readonly string[] | null) => {
  const covered = sql`not exists (
    select 1 from absences a
    where a.member_id = b.member_id and a.justified and b.day between a.first_day and a.last_day
      and a.service_ids ? b.service_id::text)`;
  return members === null
    ? covered
    : sql`(b.member_id not in (select a.member_id from absences a
        where a.justified and a.member_id = any(${sql.param(members)}::uuid[])) or ${covered})`;
};

const rowsOf = async <T>(query: Promise<unknown>): Promise<T[]> => ((await query) as { rows: T[] }).rows;

/** Invoices, their lines and credit notes; every query takes the commune. */
export class InvoicesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Booked days up to `until` that a run may bill: booked and not cancelled in time, not already on a live
   * line, not covered by a justified absence. A day held twice (cancelled late, then booked again) comes
   * once, as the live booking. Whether the service was open that day is the rules' to say.
   */
  async billableBookings(
    communeId: string,
    until: LocalDay,
    tx: Db = this.db,
    ignoringDrafts = false,
    members: readonly string[] | null = null,
  ): Promise<BillableBooking[]> {
    // The days come back as one JSON array (`aggregated`): a batch holds some tens of thousands of them,
    // and decoding each as a row of the wire protocol cost PGlite more than finding them.
    const [row] = await rowsOf<{ days: BillableBooking[] | null }>(
      tx.execute(sql`
        select json_agg(d order by d."memberId", d."serviceId", d.day) as days from (
          select distinct on (b.member_id, b.service_id, b.day)
            b.id as "bookingId", b.family_id as "familyId", b.member_id as "memberId",
            m.first_name || ' ' || m.last_name as "memberName", b.service_id as "serviceId", b.unit,
            b.day::text as day, b.status, b.cancelled_late as "cancelledLate", b.source, b.late,
            b.unit_price_cents as "unitPriceCents", b.majoration_cents as "majorationCents",
            b.majoration_rule as "majorationRule"
          from bookings b
          join family_members m on m.id = b.member_id
          where b.commune_id = ${communeId} and b.day <= ${until}::date ${ofMembers(members)}
            and (b.status = 'reserve' or b.cancelled_late)
            and ${notBilled(ignoringDrafts, members)}
            and ${notAbsent(members)}
          order by b.member_id, b.service_id, b.day, (b.status = 'reserve') desc, b.booked_at desc) d`),
    );
    return row?.days ?? [];
  }

  /** Holiday session places starting by `until`, held or given back late, not already on a live line. */
  billableSessionPlaces(
    communeId: string,
    until: LocalDay,
    tx: Db = this.db,
    ignoringDrafts = false,
    families: readonly string[] | null = null,
  ): Promise<BillableSessionPlace[]> {
    return rowsOf<BillableSessionPlace>(
      tx.execute(sql`
        select sb.id as "sessionBookingId", sb.family_id as "familyId", sb.member_id as "memberId",
          m.first_name || ' ' || m.last_name as "memberName", s.service_id as "serviceId",
          s.id as "sessionId", s.name as "sessionName", s.starts_on::text as "startsOn", sb.status,
          sb.cancelled_late as "cancelledLate", sb.late, sb.price_cents as "unitPriceCents",
          sb.majoration_cents as "majorationCents", sb.majoration_rule as "majorationRule"
        from session_bookings sb
        join activity_sessions s on s.id = sb.session_id
        join family_members m on m.id = sb.member_id
        where sb.commune_id = ${communeId} and s.starts_on <= ${until}::date
          ${families === null ? sql`` : sql`and sb.family_id = any(${sql.param(families)}::uuid[])`}
          and (sb.status = 'inscrit' or (sb.status = 'annule' and sb.cancelled_late))
          -- The session lines' own small index (the days' lines are not in it).
          and not exists (select 1 from invoice_lines l ${notDraft(ignoringDrafts)}
            where l.session_booking_id = sb.id and l.released = false and l.session_booking_id is not null)
        order by sb.member_id, s.starts_on`),
    );
  }

  /**
   * The commune's children by family, in family order: what a run takes a batch of families at a time,
   * so that a month of thousands of families never sits in memory at once.
   */
  async childrenByFamily(communeId: string, tx: Db = this.db): Promise<{ familyId: string; memberIds: string[] }[]> {
    const rows = await rowsOf<{ familyId: string; memberId: string }>(
      tx.execute(sql`
        select family_id as "familyId", id as "memberId" from family_members
        where commune_id = ${communeId} order by family_id, id`),
    );
    const families: { familyId: string; memberIds: string[] }[] = [];
    for (const row of rows) {
      const last = families[families.length - 1];
      if (last?.familyId === row.familyId) last.memberIds.push(row.memberId);
      else families.push({ familyId: row.familyId, memberIds: [row.memberId] });
    }
    return families;
  }

  /** Removes the commune's drafts (never numbered), their lines with them. */
  async deleteDrafts(communeId: string, tx: Db): Promise<number> {
    const deleted = await tx
      .delete(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.status, 'draft')))
      .returning({ id: invoices.id });
    return deleted.length;
  }

  /** Writes drafts and their lines, a batch of rows per statement. */
  async insertDrafts(
    communeId: string,
    period: LocalMonth,
    drafts: readonly NewDraft[],
    now: Date,
    tx: Db,
  ): Promise<void> {
    for (let start = 0; start < drafts.length; start += BATCH) {
      const batch = drafts.slice(start, start + BATCH).map((draft) => ({
        id: draft.id,
        family_id: draft.familyId,
        total_cents: draft.totalCents,
        warnings: draft.warnings,
      }));
      await tx.execute(sql`
        insert into invoices (id, commune_id, family_id, status, period, total_cents, warnings, drafted_at)
        select r.id, ${communeId}::uuid, r.family_id, 'draft', ${period}, r.total_cents, r.warnings, ${now.toISOString()}::timestamptz
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(id uuid, family_id uuid, total_cents int, warnings jsonb)`);
    }
    // One array per column, filled line by line and unnested by the database: far less to send and parse
    // than a row of JSON per line, and no object built per line on the way.
    let lineIds: string[] = [];
    let invoiceIds: string[] = [];
    let columns = LINE_COLUMNS.map((): unknown[] => []);
    const flush = async () => {
      const arrays = LINE_COLUMNS.map(([, , type], index) => sql`${sql.param(columns[index])}::${sql.raw(type)}[]`);
      await tx.execute(sql`
        insert into invoice_lines (id, commune_id, invoice_id, ${LINE_COLUMN_NAMES})
        select r.id, ${communeId}::uuid, r.invoice_id, ${LINE_COLUMN_NAMES} from unnest(${sql.param(lineIds)}::uuid[], ${sql.param(invoiceIds)}::uuid[], ${sql.join(arrays, sql`, `)})
          as r(id, invoice_id, ${LINE_COLUMN_NAMES})`);
      lineIds = [];
      invoiceIds = [];
      columns = LINE_COLUMNS.map((): unknown[] => []);
    };
    for (const draft of drafts)
      for (const line of draft.lines) {
        lineIds.push(timeOrderedId());
        invoiceIds.push(draft.id);
        for (let index = 0; index < LINE_COLUMNS.length; index++) columns[index]!.push(line[LINE_COLUMNS[index]![0]]);
        if (invoiceIds.length === BATCH) await flush();
      }
    if (invoiceIds.length > 0) await flush();
  }

  /** The invoices of a month (every status), with the family's reference, for the review. */
  async ofPeriod(communeId: string, period: LocalMonth, tx: Db = this.db) {
    return rowsOf<{
      id: string;
      familyId: string;
      reference: string;
      status: InvoiceStatus;
      number: string | null;
      totalCents: number;
      warnings: string[];
      lineCount: number;
    }>(
      tx.execute(sql`
        select i.id, i.family_id as "familyId", f.reference, i.status, i.number, i.total_cents as "totalCents",
          i.warnings, (select count(*)::int from invoice_lines l where l.invoice_id = i.id) as "lineCount"
        from invoices i join families f on f.id = i.family_id
        where i.commune_id = ${communeId} and i.period = ${period}
        order by i.status, f.reference, i.number`),
    );
  }

  /** The commune's drafts, whatever their month (a run replaces them all). */
  async draftPeriods(communeId: string, tx: Db = this.db): Promise<LocalMonth[]> {
    const rows = await tx
      .selectDistinct({ period: invoices.period })
      .from(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.status, 'draft')));
    return rows.map((row) => row.period);
  }

  /** The live lines of the commune's drafts, keyed for comparison with a new pricing. */
  async draftLines(communeId: string, tx: Db = this.db) {
    return rowsOf<{
      familyId: string;
      memberId: string;
      serviceId: string;
      day: LocalDay;
      sessionBookingId: string | null;
      amountCents: number;
    }>(
      tx.execute(sql`
        select l.family_id as "familyId", l.member_id as "memberId", l.service_id as "serviceId", l.day::text as day,
          l.session_booking_id as "sessionBookingId", l.amount_cents as "amountCents"
        from invoice_lines l join invoices i on i.id = l.invoice_id
        where i.commune_id = ${communeId} and i.status = 'draft'`),
    );
  }

  /** Takes the next `count` numbers of a series and year under the counter's lock; the first one taken. */
  async takeNumbers(
    communeId: string,
    series: 'facture' | 'avoir',
    year: number,
    count: number,
    tx: Db,
  ): Promise<number> {
    const [row] = await rowsOf<{ last: number }>(
      tx.execute(sql`
        insert into invoice_counters (commune_id, series, year, last_number) values (${communeId}, ${series}, ${year}, ${count})
        on conflict (commune_id, series, year) do update set last_number = invoice_counters.last_number + ${count}
        returning last_number as last`),
    );
    return row!.last - count + 1;
  }

  /** The drafts of a month that an issue numbers, in the order of their numbers (the family files' reference). */
  async issuableDrafts(communeId: string, period: LocalMonth, tx: Db): Promise<{ id: string; familyId: string }[]> {
    return rowsOf(
      tx.execute(sql`
        select i.id, i.family_id as "familyId" from invoices i join families f on f.id = i.family_id
        where i.commune_id = ${communeId} and i.period = ${period} and i.status = 'draft'
          and not (i.warnings ? 'below-minimum')
        order by f.reference, i.id
        for update of i`),
    );
  }

  /** Issues drafts in one statement: each its number, in the order given, and the dates. */
  async issue(
    communeId: string,
    numbered: readonly { id: string; number: string }[],
    dates: { issuedOn: LocalDay; dueOn: LocalDay; onlinePaymentUntil: LocalDay },
    issuedAt: Date,
    issuedById: string | null,
    tx: Db,
  ): Promise<number> {
    let issued = 0;
    for (let start = 0; start < numbered.length; start += BATCH) {
      const rows = await rowsOf<{ id: string }>(
        tx.execute(sql`
          update invoices i set status = 'issued', number = r.number, issued_on = ${dates.issuedOn}::date,
            due_on = ${dates.dueOn}::date, online_payment_until = ${dates.onlinePaymentUntil}::date,
            issued_at = ${issuedAt.toISOString()}::timestamptz, issued_by_id = ${issuedById}::uuid
          from jsonb_to_recordset(${JSON.stringify(numbered.slice(start, start + BATCH))}::jsonb) as r(id uuid, number text)
          where i.id = r.id and i.commune_id = ${communeId} and i.status = 'draft'
          returning i.id`),
      );
      issued += rows.length;
    }
    return issued;
  }

  async find(communeId: string, invoiceId: string, tx: Db = this.db): Promise<InvoiceRow | null> {
    const [row] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.id, invoiceId)));
    return row ?? null;
  }

  async lock(communeId: string, invoiceId: string, tx: Db): Promise<InvoiceRow | null> {
    const [row] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.id, invoiceId)))
      .for('update');
    return row ?? null;
  }

  /** Those of the invoices that are issued (not cancelled since). */
  async issuedAmong(communeId: string, invoiceIds: readonly string[], tx: Db = this.db): Promise<InvoiceRow[]> {
    if (invoiceIds.length === 0) return [];
    return tx
      .select()
      .from(invoices)
      .where(
        and(eq(invoices.communeId, communeId), inArray(invoices.id, [...invoiceIds]), eq(invoices.status, 'issued')),
      );
  }

  async linesOf(communeId: string, invoiceId: string, tx: Db = this.db): Promise<InvoiceLineRow[]> {
    return tx
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.communeId, communeId), eq(invoiceLines.invoiceId, invoiceId)))
      .orderBy(asc(invoiceLines.memberName), asc(invoiceLines.serviceName), asc(invoiceLines.day));
  }

  /** A family's invoices that have a number (issued or cancelled), newest first; drafts are the régie's. */
  async ofFamily(communeId: string, familyId: string, tx: Db = this.db): Promise<InvoiceRow[]> {
    return tx
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.communeId, communeId),
          eq(invoices.familyId, familyId),
          inArray(invoices.status, ['issued', 'cancelled']),
        ),
      )
      .orderBy(desc(invoices.period), desc(invoices.number));
  }

  async cancel(
    communeId: string,
    invoiceId: string,
    reason: string,
    at: Date,
    byId: string | null,
    tx: Db,
  ): Promise<void> {
    await tx
      .update(invoices)
      .set({ status: 'cancelled', cancelReason: reason, cancelledAt: at, cancelledById: byId })
      .where(and(eq(invoices.communeId, communeId), eq(invoices.id, invoiceId), eq(invoices.status, 'issued')));
    await tx
      .update(invoiceLines)
      .set({ released: true })
      .where(and(eq(invoiceLines.communeId, communeId), eq(invoiceLines.invoiceId, invoiceId)));
  }

  async creditNotesOf(communeId: string, invoiceIds: readonly string[], tx: Db = this.db) {
    if (invoiceIds.length === 0) return [];
    const notes = await tx
      .select()
      .from(creditNotes)
      .where(and(eq(creditNotes.communeId, communeId), inArray(creditNotes.invoiceId, [...invoiceIds])))
      .orderBy(asc(creditNotes.number));
    const lines =
      notes.length === 0
        ? []
        : await tx
            .select()
            .from(creditNoteLines)
            .where(
              and(
                eq(creditNoteLines.communeId, communeId),
                inArray(
                  creditNoteLines.creditNoteId,
                  notes.map((note) => note.id),
                ),
              ),
            );
    return notes.map((note) => ({ ...note, lines: lines.filter((line) => line.creditNoteId === note.id) }));
  }

  async insertCreditNote(
    communeId: string,
    note: {
      familyId: string;
      invoiceId: string;
      number: string;
      issuedOn: LocalDay;
      amountCents: number;
      reason: string;
    },
    lines: readonly { invoiceLineId: string; amountCents: number }[],
    at: Date,
    byId: string | null,
    tx: Db,
  ): Promise<string> {
    const [row] = await tx
      .insert(creditNotes)
      .values({ communeId, ...note, createdAt: at, createdById: byId })
      .returning({ id: creditNotes.id });
    await tx.insert(creditNoteLines).values(lines.map((line) => ({ communeId, creditNoteId: row!.id, ...line })));
    return row!.id;
  }

  /**
   * What the live payments pay on an invoice (the payments module's tables, read by name: billing never
   * writes them). Cancelling the invoice or crediting it beyond what it leaves to pay gives that money back
   * to the payments, as the family's credit (migration 0010's triggers).
   */
  async paidOn(communeId: string, invoiceId: string, tx: Db = this.db): Promise<number> {
    const [row] = await rowsOf<{ cents: string | number }>(
      tx.execute(
        sql`select coalesce(sum(a.amount_cents - a.released_cents), 0) as cents
              from payment_allocations a join payments p on p.id = a.payment_id
             where a.commune_id = ${communeId} and a.invoice_id = ${invoiceId} and p.cancelled_at is null`,
      ),
    );
    return Number(row?.cents ?? 0);
  }
}
