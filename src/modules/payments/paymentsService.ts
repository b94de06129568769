import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { localDayOf, type LocalDay } from '../../shared/localDays.js';
import { refused, notFound, type NotFound, type Outcome, type Refused } from '../../shared/outcome.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import {
  allocateOldestFirst,
  balanceOf,
  checkAllocations,
  type Allocation,
  type AllocationRefusal,
  type OpenInvoice,
} from './domain/allocation.js';
import { leftToPay } from './domain/invoiceStatus.js';
import { invoicesCsv, paymentsCsv } from './financeExport.js';
import {
  bracketLabel,
  familyOf,
  groupLines,
  invoiceQuotient,
  invoiceSummary,
  issuerOf,
  periodOf,
  quotientSourceLabel,
} from './invoiceBuilder.js';
import { invoicePdf } from './invoicePdf.js';
import type { InvoiceSummary, InvoiceView } from './invoiceView.js';
import type { InvoiceBalance, NewPayment, PaymentWithAllocations, PaymentsRepository } from './paymentsRepository.js';

/** A payment with the invoices it paid, as the desk's pages list it. */
export type { PaymentWithAllocations };

interface Deps {
  db: Db;
  clock: Clock;
  payments: PaymentsRepository;
  families: FamiliesRepository;
  audit: AuditLog;
}

/** The family's account: its invoices, what it owes, and the QF its next days are priced with. */
export interface FamilyAccount {
  invoices: InvoiceSummary[];
  balanceCents: number;
  quotient: { value: number | null; source: string | null; bracketLabel: string; validTo: LocalDay | null };
}

/** A payment as the agent records it; `allocations` null means « oldest first ». */
export interface PaymentInput extends Omit<NewPayment, 'familyId'> {
  allocations: Allocation[] | null;
}

export type RecordOutcome = Outcome<{ paymentId: string; allocations: Allocation[] }, NotFound | AllocationRefusal>;
export type CancelOutcome = Outcome<Record<never, never>, NotFound | Refused<'already-cancelled'>>;

/** What the database says when a concurrent writer got there first: its trigger refused an allocation. */
function isOverAllocation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === '23514' && constraint === 'payment_allocations_within_left_to_pay') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const openInvoiceOf = (invoice: InvoiceBalance): OpenInvoice => ({
  id: invoice.id,
  issuedOn: invoice.issuedOn,
  number: invoice.number,
  leftToPayCents: leftToPay(invoice),
});

/** Payments at the guichet and the family's « Mes factures »: balances always read from the allocations. */
export class PaymentsService {
  constructor(private readonly deps: Deps) {}

  today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  async account(commune: Commune, familyId: string): Promise<FamilyAccount> {
    const { payments } = this.deps;
    const today = this.today();
    const [invoices, brackets, quotient] = await Promise.all([
      payments.familyInvoices(commune.id, familyId),
      payments.brackets(commune.id),
      payments.quotientOn(commune.id, familyId, today),
    ]);
    const summaries = invoices.map((invoice) => invoiceSummary(invoice, today));
    const rank = quotient ? bracketRankOf(quotient.value, brackets) : (brackets.at(-1)?.rank ?? null);
    return {
      invoices: summaries,
      balanceCents: summaries.reduce((sum, invoice) => sum + invoice.leftToPayCents, 0),
      quotient: {
        value: quotient?.value ?? null,
        source: quotientSourceLabel(quotient?.source ?? null),
        bracketLabel: rank === null ? 'aucune grille de tarifs' : bracketLabel(rank, brackets),
        validTo: quotient?.validTo ?? null,
      },
    };
  }

  /** One invoice of the family, with everything its page and PDF show; null when it is none of the family's. */
  async invoice(commune: Commune, familyId: string, invoiceId: string): Promise<InvoiceView | null> {
    const { payments, families } = this.deps;
    const invoice = await payments.invoice(commune.id, familyId, invoiceId);
    if (!invoice) return null;
    const [lines, paid, brackets, mentions, file] = await Promise.all([
      payments.lines(commune.id, invoice.id),
      payments.invoicePayments(commune.id, invoice.id),
      payments.brackets(commune.id),
      payments.mentions(commune.id),
      families.file(commune.id, familyId),
    ]);
    if (!file) return null;
    return {
      id: invoice.id,
      number: invoice.number,
      issuedOn: invoice.issuedOn,
      issuedAt: invoice.issuedAt,
      period: periodOf(invoice.period),
      dueOn: invoice.dueOn,
      onlinePaymentUntil: invoice.onlinePaymentUntil,
      cancelled: invoice.status === 'cancelled',
      issuer: issuerOf(commune, mentions),
      family: familyOf(file),
      quotient: invoiceQuotient(lines, brackets),
      lines: groupLines(lines),
      totalCents: invoice.totalCents,
      paidCents: invoice.paidCents,
      creditedCents: invoice.creditedCents,
      leftToPayCents: invoice.status === 'cancelled' ? 0 : leftToPay(invoice),
      payments: paid,
    };
  }

  async invoicePdf(
    commune: Commune,
    familyId: string,
    invoiceId: string,
  ): Promise<{ number: string; pdf: Buffer } | null> {
    const invoice = await this.invoice(commune, familyId, invoiceId);
    return invoice ? { number: invoice.number, pdf: await invoicePdf(invoice) } : null;
  }

  /** The family's open invoices as the payment form offers them, oldest first. */
  async openInvoices(commune: Commune, familyId: string): Promise<InvoiceSummary[]> {
    const today = this.today();
    const invoices = await this.deps.payments.familyInvoices(commune.id, familyId);
    return invoices
      .filter((invoice) => invoice.status === 'issued' && leftToPay(invoice) > 0)
      .map((invoice) => invoiceSummary(invoice, today))
      .reverse();
  }

  async familyPayments(commune: Commune, familyId: string): Promise<PaymentWithAllocations[]> {
    return this.deps.payments.familyPayments(commune.id, familyId);
  }

  async payment(commune: Commune, familyId: string, paymentId: string): Promise<PaymentWithAllocations | null> {
    return this.deps.payments.payment(commune.id, familyId, paymentId);
  }

  /**
   * Records a payment and its allocations in one transaction, under the locks of the family's invoices:
   * the balance read is the one the allocations are written against. Should another instance's payment
   * slip in anyway, the database's trigger refuses, and the agent reads the same refusal.
   */
  async record(
    commune: Commune,
    familyId: string,
    input: PaymentInput,
    actor: AuditActor,
    ip: string,
    /** The caller's transaction, when the payment is part of a larger write (an online payment's attempt). */
    outer?: Db,
  ): Promise<RecordOutcome> {
    const { db, clock, payments, families, audit } = this.deps;
    try {
      return await inTransaction(outer ?? db, async (tx): Promise<RecordOutcome> => {
        if (!(await families.lockFamily(commune.id, familyId, tx))) return notFound;
        const open = (await payments.lockOpenInvoices(commune.id, familyId, tx)).map(openInvoiceOf);
        const allocated = input.allocations
          ? checkAllocations(input.amountCents, input.allocations, open)
          : allocateOldestFirst(input.amountCents, open);
        if (!allocated.ok) return allocated;
        const { allocations: _chosen, ...payment } = input;
        const paymentId = await payments.insertPayment(
          commune.id,
          { ...payment, familyId },
          allocated.allocations,
          clock.now(),
          actor.kind === 'agent' ? (actor.id ?? null) : null,
          tx,
        );
        await audit.record(
          {
            communeId: commune.id,
            actor,
            action: 'payment.recorded',
            subject: { kind: 'payment', id: paymentId },
            ip,
            details: {
              familyId,
              means: input.means,
              amountCents: input.amountCents,
              invoices: allocated.allocations.length,
            },
          },
          tx,
        );
        return { ok: true, paymentId, allocations: allocated.allocations };
      });
    } catch (error) {
      if (!isOverAllocation(error)) throw error;
      const open = (await payments.familyInvoices(commune.id, familyId)).filter((i) => i.status === 'issued');
      return refused('over-balance', { balanceCents: balanceOf(open.map(openInvoiceOf)) });
    }
  }

  /** Records a payment made for one invoice (online), in the caller's transaction. */
  async recordForInvoice(
    commune: Commune,
    familyId: string,
    invoiceId: string,
    input: Omit<PaymentInput, 'allocations'>,
    actor: AuditActor,
    ip: string,
    outer?: Db,
  ): Promise<RecordOutcome & { creditCents?: number }> {
    return this.record(
      commune,
      familyId,
      { ...input, allocations: [{ invoiceId, amountCents: input.amountCents }] },
      actor,
      ip,
      outer,
    );
  }

  /** Cancels a payment with its reason: its allocations stop counting, the invoices it paid are open again. */
  async cancel(
    commune: Commune,
    familyId: string,
    paymentId: string,
    reason: string,
    actor: AuditActor,
    ip: string,
  ): Promise<CancelOutcome> {
    const { db, clock, payments, audit } = this.deps;
    return inTransaction(db, async (tx): Promise<CancelOutcome> => {
      const payment = await payments.lockPayment(commune.id, familyId, paymentId, tx);
      if (!payment) return notFound;
      if (payment.cancelledAt) return refused('already-cancelled');
      await payments.cancelPayment(
        commune.id,
        paymentId,
        { at: clock.now(), byId: actor.kind === 'agent' ? (actor.id ?? null) : null, reason },
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'payment.cancelled',
          subject: { kind: 'payment', id: paymentId },
          ip,
          details: { familyId, amountCents: payment.amountCents, reason },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /** The CSV of the invoices issued over a period, for the finance software; the download is audited. */
  async invoicesExport(commune: Commune, from: LocalDay, to: LocalDay, actor: AuditActor, ip: string): Promise<string> {
    const invoices = await this.deps.payments.issuedBetween(commune.id, from, to);
    const references = await this.deps.families.referencesOf(commune.id, [...new Set(invoices.map((i) => i.familyId))]);
    await this.auditExport(commune, 'invoices', from, to, invoices.length, actor, ip);
    return invoicesCsv(
      invoices.map((invoice) => ({ ...invoice, familyReference: references.get(invoice.familyId) ?? '' })),
    );
  }

  /** The CSV of the payments received over a period, one row per invoice each paid; audited. */
  async paymentsExport(commune: Commune, from: LocalDay, to: LocalDay, actor: AuditActor, ip: string): Promise<string> {
    const received = await this.deps.payments.receivedBetween(commune.id, from, to);
    const references = await this.deps.families.referencesOf(commune.id, [...new Set(received.map((p) => p.familyId))]);
    await this.auditExport(commune, 'payments', from, to, received.length, actor, ip);
    return paymentsCsv(
      received.flatMap((payment) =>
        payment.allocations.map((allocation) => ({
          receivedOn: payment.receivedOn,
          familyReference: references.get(payment.familyId) ?? '',
          means: payment.means,
          payer: payment.payer,
          chequeNumber: payment.chequeNumber,
          chequeBank: payment.chequeBank,
          amountCents: payment.amountCents,
          invoiceNumber: allocation.number,
          allocatedCents: allocation.amountCents,
          cancelled: payment.cancelledAt !== null,
        })),
      ),
    );
  }

  private async auditExport(
    commune: Commune,
    kind: 'invoices' | 'payments',
    from: LocalDay,
    to: LocalDay,
    rows: number,
    actor: AuditActor,
    ip: string,
  ): Promise<void> {
    await this.deps.audit.record({
      communeId: commune.id,
      actor,
      action: `finance-export.${kind}`,
      ip,
      details: { from, to, rows },
    });
  }
}

/** The bracket a QF falls in: the first whose upper bound it does not pass; the last has none. */
export function bracketRankOf(
  value: number,
  brackets: readonly { rank: number; upperBound: number | null }[],
): number | null {
  const found = brackets.find((bracket) => bracket.upperBound === null || value <= bracket.upperBound);
  return found?.rank ?? null;
}
