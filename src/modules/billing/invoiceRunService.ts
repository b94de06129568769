import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type LocalMonth, daysOfMonth, localDayOf } from '../../shared/localDays.js';
import { timeOrderedId } from '../../shared/ids.js';
import { type Outcome, type Refused, refused } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { ServiceCatalogue } from '../services/serviceCatalogue.js';
import { monthHasSchoolYear, setUpForBilling } from './billingContext.js';
import { type RunDraft, type RunInput, changedFamilies, draftInvoices } from './domain/invoiceRun.js';
import { invoiceDates } from './domain/invoiceDates.js';
import { MAX_SEQUENCE, invoiceNumber } from './domain/numbering.js';
import type { InvoicesRepository } from './invoicesRepository.js';
import type { InvoiceMailJob } from './invoiceMailJob.js';
import type { QuotientsRepository } from './quotientsRepository.js';
import type { TariffsRepository } from './tariffsRepository.js';

/** Who acts at the guichet unique, as the audit log names them, and from where. */
export interface BillingAuthor {
  actor: AuditActor;
  ip: string;
}

interface Deps {
  db: Db;
  clock: Clock;
  catalogue: ServiceCatalogue;
  tariffs: TariffsRepository;
  quotients: QuotientsRepository;
  invoices: InvoicesRepository;
  mails: InvoiceMailJob;
  audit: AuditLog;
  /** Families priced and written per batch of a run; the default keeps a batch to some tens of thousands of days. */
  familiesPerBatch?: number;
}

const FAMILIES_PER_BATCH = 500;

export type RunOutcome = Outcome<{ drafts: number; lines: number; totalCents: number }, Refused<'no-school-year'>>;

export type IssueOutcome = Outcome<
  { issued: number; first: string | null; last: string | null },
  Refused<'nothing-to-issue'> | Refused<'series-full'>
>;

export interface ReviewRow {
  id: string;
  familyId: string;
  reference: string;
  status: 'draft' | 'issued' | 'cancelled';
  number: string | null;
  totalCents: number;
  warnings: string[];
  lineCount: number;
  /** The family's days changed since the draft: the run should be made again before issuing. */
  changed: boolean;
}

export interface Review {
  period: LocalMonth;
  rows: ReviewRow[];
  draftTotalCents: number;
  draftCount: number;
  issuedCount: number;
  /** Drafts of another month, replaced by this month's run. */
  otherDraftPeriods: LocalMonth[];
}

/**
 * « Facturation »: the month's run into drafts, their review, their issue (numbered under the counter's
 * lock, ADR 0013) and the mails that tell families. One commune's runs and issues follow one another
 * under its billing row's lock, so two agents at once never number twice or bill a day twice.
 */
export class InvoiceRunService {
  private readonly familiesPerBatch: number;

  constructor(private readonly deps: Deps) {
    this.familiesPerBatch = deps.familiesPerBatch ?? FAMILIES_PER_BATCH;
  }

  /**
   * Replaces the commune's drafts with those of the month: every billable day up to its last day not yet
   * on a live line (days of earlier months left unbilled come too, as a family's total under the
   * minimum carried over), priced and frozen. Families go a batch at a time (read, priced by the rules,
   * written in a few multi-row statements), all in the one transaction: the month is replaced whole or
   * not at all, and memory holds a few batches' days (the one written, the one priced, the one read).
   */
  async run(commune: Pick<Commune, 'id'>, period: LocalMonth, author: BillingAuthor): Promise<RunOutcome> {
    const { db, clock, invoices, audit } = this.deps;
    const days = daysOfMonth(period);
    const until = days[days.length - 1]!;
    return inTransaction(db, async (tx) => {
      await this.deps.tariffs.lockCommune(commune.id, tx);
      const setUp = await setUpForBilling(this.deps.catalogue, commune.id, tx);
      if (!monthHasSchoolYear(setUp.calendar, days[0]!, until)) return refused('no-school-year');
      const replaced = await invoices.deleteDrafts(commune.id, tx);
      const rules = await this.pricingOf(commune.id, setUp, tx);
      const families = await invoices.childrenByFamily(commune.id, tx);
      const batches: { memberIds: string[]; familyIds: string[] }[] = [];
      for (let start = 0; start < families.length; start += this.familiesPerBatch) {
        const batch = families.slice(start, start + this.familiesPerBatch);
        batches.push({
          memberIds: batch.flatMap((family) => family.memberIds),
          familyIds: batch.map((family) => family.familyId),
        });
      }
      const read = (index: number) =>
        index < batches.length ? settled(this.billable(commune.id, until, tx, false, batches[index]!)) : null;
      const now = clock.now();
      let drafts = 0;
      let lines = 0;
      let totalCents = 0;
      let reading = read(0);
      let writing: Promise<void> = Promise.resolve();
      for (let index = 0; index < batches.length; index++) {
        const billable = await reading!;
        // The next batch's days are asked for before this one is priced and written: the database reads
        // and writes while the rules price, instead of each waiting for the other.
        reading = read(index + 1);
        const priced = draftInvoices({ ...rules, ...billable });
        drafts += priced.length;
        for (const draft of priced) {
          lines += draft.lines.length;
          totalCents += draft.totalCents;
        }
        await writing;
        writing = settled(
          invoices.insertDrafts(
            commune.id,
            period,
            priced.map((draft) => ({ ...draft, id: timeOrderedId() })),
            now,
            tx,
          ),
        );
      }
      await writing;
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.run',
          ip: author.ip,
          details: { period, drafts, lines, totalCents, replaced },
        },
        tx,
      );
      return { ok: true, drafts, lines, totalCents };
    });
  }

  /** The month's invoices for the review: totals, warnings, and the families whose days changed since. */
  async review(communeId: string, period: LocalMonth): Promise<Review> {
    const { invoices } = this.deps;
    const rows = await invoices.ofPeriod(communeId, period);
    const drafts = rows.filter((row) => row.status === 'draft');
    let changed = new Set<string>();
    if (drafts.length > 0) {
      const setUp = await setUpForBilling(this.deps.catalogue, communeId);
      const days = daysOfMonth(period);
      const rules = await this.pricingOf(communeId, setUp, this.deps.db);
      const fresh = await this.price(communeId, days[days.length - 1]!, rules, this.deps.db, true);
      changed = changedFamilies(await invoices.draftLines(communeId), fresh);
    }
    return {
      period,
      rows: rows.map((row) => ({ ...row, changed: row.status === 'draft' && changed.has(row.familyId) })),
      draftTotalCents: drafts.reduce((sum, row) => sum + row.totalCents, 0),
      draftCount: drafts.length,
      issuedCount: rows.filter((row) => row.status === 'issued').length,
      otherDraftPeriods: (await invoices.draftPeriods(communeId)).filter((other) => other !== period),
    };
  }

  /**
   * Issues the month's drafts (those under the minimum wait for the next run): numbers taken from the
   * commune's yearly counter, locked in this transaction, in the order of the family files; the dates
   * from the commune's settings; a mail job per batch of invoices, queued in the same transaction.
   */
  async issue(commune: Pick<Commune, 'id' | 'slug'>, period: LocalMonth, author: BillingAuthor): Promise<IssueOutcome> {
    const { db, clock, invoices, tariffs, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.lockCommune(commune.id, tx);
      const drafts = await invoices.issuableDrafts(commune.id, period, tx);
      if (drafts.length === 0) return refused('nothing-to-issue');
      const now = clock.now();
      const issuedOn = localDayOf(now);
      const year = Number(issuedOn.slice(0, 4));
      const first = await invoices.takeNumbers(commune.id, 'facture', year, drafts.length, tx);
      if (first + drafts.length - 1 > MAX_SEQUENCE) return refused('series-full');
      const numbered = drafts.map((draft, index) => ({ id: draft.id, number: invoiceNumber(year, first + index) }));
      const dates = invoiceDates(issuedOn, await tariffs.settings(commune.id, tx));
      await invoices.issue(commune.id, numbered, dates, now, author.actor.id ?? null, tx);
      await this.deps.mails.queue(
        commune,
        numbered.map((invoice) => invoice.id),
        tx,
      );
      const firstNumber = numbered[0]!.number;
      const lastNumber = numbered[numbered.length - 1]!.number;
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.issue',
          ip: author.ip,
          details: { period, issued: numbered.length, first: firstNumber, last: lastNumber },
        },
        tx,
      );
      return { ok: true, issued: numbered.length, first: firstNumber, last: lastNumber };
    });
  }

  /** What prices a day, read once per run: the brackets, grids, QFs, residences and the minimum. */
  private async pricingOf(
    communeId: string,
    setUp: Awaited<ReturnType<typeof setUpForBilling>>,
    tx: Db,
  ): Promise<Omit<RunInput, 'bookings' | 'sessionPlaces'>> {
    const { tariffs, quotients } = this.deps;
    // One after the other: a transaction's connection runs one query at a time.
    const brackets = await tariffs.brackets(communeId, tx);
    const grids = await tariffs.grids(communeId, tx);
    const sessionPrices = await tariffs.sessionPrices(communeId, tx);
    const byFamily = await quotients.byFamily(communeId, null, tx);
    const nonResidents = await quotients.nonResidents(communeId, tx);
    const settings = await tariffs.settings(communeId, tx);
    return {
      services: setUp.services,
      isOpen: setUp.isOpen,
      brackets,
      grids,
      sessionPrices,
      quotients: byFamily,
      nonResidents,
      minimumCents: settings.minimumCents,
    };
  }

  /** Prices every billable day up to `until` into one draft per family, by the rules alone (`draftInvoices`). */
  private async price(
    communeId: string,
    until: string,
    rules: Omit<RunInput, 'bookings' | 'sessionPlaces'>,
    tx: Db,
    ignoringDrafts: boolean,
  ): Promise<RunDraft[]> {
    return draftInvoices({ ...rules, ...(await this.billable(communeId, until, tx, ignoringDrafts, null)) });
  }

  /** The billable days and session places up to `until`: of every family, or of those of a batch. */
  private async billable(
    communeId: string,
    until: string,
    tx: Db,
    ignoringDrafts: boolean,
    batch: { memberIds: readonly string[]; familyIds: readonly string[] } | null,
  ): Promise<Pick<RunInput, 'bookings' | 'sessionPlaces'>> {
    const { invoices } = this.deps;
    // One after the other: a transaction's connection runs one query at a time.
    const bookings = await invoices.billableBookings(communeId, until, tx, ignoringDrafts, batch?.memberIds ?? null);
    const sessionPlaces = await invoices.billableSessionPlaces(
      communeId,
      until,
      tx,
      ignoringDrafts,
      batch?.familyIds ?? null,
    );
    return { bookings, sessionPlaces };
  }
}

/**
 * The same promise, its failure marked as handled for now: the run awaits it later, and rethrows then. A
 * statement that fails aborts the transaction, so those queued after it fail too; without this, they would
 * be reported as unhandled while the run is still awaiting the first.
 */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}
