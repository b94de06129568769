import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { isUuid } from '../../shared/ids.js';
import { type LocalDay, localDayOf } from '../../shared/localDays.js';
import { type NotFound, type Outcome, type Refused, notFound, refused } from '../../shared/outcome.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { type LineGroup, groupLines } from './domain/invoiceLines.js';
import { MAX_SEQUENCE, creditNoteNumber } from './domain/numbering.js';
import type { BillingAuthor } from './invoiceRunService.js';
import type { CreditNoteRow, InvoiceLineRow, InvoiceRow, InvoicesRepository } from './invoicesRepository.js';
import type { TariffsRepository } from './tariffsRepository.js';

export type Invoice = InvoiceRow;
export type InvoiceLine = InvoiceLineRow;

export interface CreditNote extends CreditNoteRow {
  lines: { invoiceLineId: string; amountCents: number }[];
}

/** An invoice as it is shown or printed: its lines, grouped by child and service, and its credit notes. */
export interface InvoiceWithLines {
  invoice: Invoice;
  lines: InvoiceLine[];
  groups: LineGroup<InvoiceLine>[];
  creditNotes: CreditNote[];
  /** The total less its credit notes, in cents: what the family owes before any payment. */
  netCents: number;
  /** What the family's live payments pay on it: its credit if the invoice is cancelled. */
  paidCents: number;
}

export type CancelOutcome = Outcome<Record<never, never>, NotFound | Refused<'not-issued'>>;

export type CreditNoteOutcome = Outcome<
  { id: string; number: string; amountCents: number },
  NotFound | Refused<'not-issued'> | Refused<'no-line'> | Refused<'already-credited'> | Refused<'series-full'>
>;

interface Deps {
  db: Db;
  clock: Clock;
  invoices: InvoicesRepository;
  tariffs: TariffsRepository;
  audit: AuditLog;
}

/**
 * Invoices once made: read by the family (only its own numbered ones) and by the guichet unique, and
 * corrected only as the law allows: cancelled with a reason (the number stays, the days are freed for a
 * new invoice) or reduced by a credit note of its own series. Nothing here changes an issued invoice's
 * amounts; the database refuses it anyway.
 */
export class InvoicesService {
  constructor(private readonly deps: Deps) {}

  /** The family's numbered invoices (issued and cancelled), newest month first; never a draft. */
  forFamily(communeId: string, familyId: string): Promise<Invoice[]> {
    return this.deps.invoices.ofFamily(communeId, familyId);
  }

  /**
   * One of the family's numbered invoices with its lines, or null: a draft, another family's invoice or
   * an unknown id all read as not found.
   */
  async invoiceOf(communeId: string, familyId: string, invoiceId: string): Promise<InvoiceWithLines | null> {
    const found = await this.withLines(communeId, invoiceId);
    if (!found || found.invoice.familyId !== familyId || found.invoice.status === 'draft') return null;
    return found;
  }

  /** Any invoice of the commune with its lines (the guichet unique's view, drafts included). */
  async withLines(communeId: string, invoiceId: string, tx: Db = this.deps.db): Promise<InvoiceWithLines | null> {
    if (!isUuid(invoiceId)) return null;
    const invoice = await this.deps.invoices.find(communeId, invoiceId, tx);
    if (!invoice) return null;
    const lines = await this.deps.invoices.linesOf(communeId, invoiceId, tx);
    const creditNotes = await this.deps.invoices.creditNotesOf(communeId, [invoiceId], tx);
    const credited = creditNotes.reduce((sum, note) => sum + note.amountCents, 0);
    const paidCents = await this.deps.invoices.paidOn(communeId, invoiceId, tx);
    return {
      invoice,
      lines,
      groups: groupLines(lines),
      creditNotes,
      netCents: invoice.totalCents - credited,
      paidCents,
    };
  }

  /**
   * Cancels an issued invoice: it keeps its number, gets the reason, and its days may be billed again.
   * What was paid on it goes back to its payments and becomes the family's credit (the trigger of
   * migration 0010 releases the allocations); the audit line says how much.
   */
  async cancel(
    commune: Pick<Commune, 'id'>,
    invoiceId: string,
    reason: string,
    author: BillingAuthor,
  ): Promise<CancelOutcome> {
    if (!isUuid(invoiceId)) return notFound;
    const { db, clock, invoices, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      const invoice = await invoices.lock(commune.id, invoiceId, tx);
      if (!invoice) return notFound;
      if (invoice.status !== 'issued') return refused('not-issued');
      const toCreditCents = await invoices.paidOn(commune.id, invoiceId, tx);
      await invoices.cancel(commune.id, invoiceId, reason, clock.now(), author.actor.id ?? null, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.invoice.cancel',
          subject: { kind: 'invoice', id: invoiceId },
          ip: author.ip,
          details: { number: invoice.number, totalCents: invoice.totalCents, toCreditCents },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /**
   * A credit note giving back the chosen lines of an issued invoice, numbered in the « avoir » series of
   * the year under its counter's lock. A line is credited once. On an invoice paid already, what the note
   * gives back beyond what was left to pay goes back to the payments, as the family's credit (migration
   * 0010's trigger); the audit line says how much.
   */
  async creditNote(
    commune: Pick<Commune, 'id'>,
    invoiceId: string,
    lineIds: readonly string[],
    reason: string,
    author: BillingAuthor,
  ): Promise<CreditNoteOutcome> {
    if (!isUuid(invoiceId)) return notFound;
    const { db, clock, invoices, tariffs, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      await tariffs.lockCommune(commune.id, tx);
      const invoice = await invoices.lock(commune.id, invoiceId, tx);
      if (!invoice) return notFound;
      if (invoice.status !== 'issued') return refused('not-issued');
      const chosen = new Set(lineIds);
      const lines = (await invoices.linesOf(commune.id, invoiceId, tx)).filter((line) => chosen.has(line.id));
      if (lines.length === 0 || lines.length !== chosen.size) return refused('no-line');
      const credited = new Set(
        (await invoices.creditNotesOf(commune.id, [invoiceId], tx)).flatMap((note) =>
          note.lines.map((line) => line.invoiceLineId),
        ),
      );
      if (lines.some((line) => credited.has(line.id))) return refused('already-credited');
      const issuedOn: LocalDay = localDayOf(clock.now());
      const year = Number(issuedOn.slice(0, 4));
      const sequence = await invoices.takeNumbers(commune.id, 'avoir', year, 1, tx);
      if (sequence > MAX_SEQUENCE) return refused('series-full');
      const number = creditNoteNumber(year, sequence);
      const amountCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
      const creditedBefore = (await invoices.creditNotesOf(commune.id, [invoiceId], tx)).reduce(
        (sum, note) => sum + note.amountCents,
        0,
      );
      const paidCents = await invoices.paidOn(commune.id, invoiceId, tx);
      const toCreditCents = Math.max(0, paidCents + creditedBefore + amountCents - invoice.totalCents);
      const id = await invoices.insertCreditNote(
        commune.id,
        { familyId: invoice.familyId, invoiceId, number, issuedOn, amountCents, reason },
        lines.map((line) => ({ invoiceLineId: line.id, amountCents: line.amountCents })),
        clock.now(),
        author.actor.id ?? null,
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: author.actor,
          action: 'billing.credit-note',
          subject: { kind: 'invoice', id: invoiceId },
          ip: author.ip,
          details: { number, invoice: invoice.number, amountCents, lines: lines.length, toCreditCents },
        },
        tx,
      );
      return { ok: true, id, number, amountCents };
    });
  }
}
