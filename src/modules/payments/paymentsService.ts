import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { localDayOf, type LocalDay } from '../../shared/localDays.js';
import { refused, notFound, type NotFound, type Outcome, type Refused } from '../../shared/outcome.js';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/auditLog.js';
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
import type {
  InvoiceBalance,
  InvoiceMentions,
  NewPayment,
  NewRefund,
  PaymentWithAllocations,
  PaymentsRepository,
  StoredRefund,
} from './paymentsRepository.js';

/** A payment with the invoices it paid, and a refund of credit, as the desk's pages list them. */
export type { PaymentWithAllocations, StoredRefund };

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
  /** Money received beyond what its invoices took: the family's, to use on an invoice or be refunded. */
  creditCents: number;
  quotient: { value: number | null; source: string | null; bracketLabel: string; validTo: LocalDay | null };
}

/**
 * A payment as the agent records it; `allocations` null means « oldest first ». With `remainderToCredit`,
 * what the allocations leave of the amount is the family's credit; without it, they must take it all.
 */
export interface PaymentInput extends Omit<NewPayment, 'familyId'> {
  allocations: Allocation[] | null;
  remainderToCredit?: boolean;
}

/** A refund of credit as the agent records it. */
export type RefundInput = Omit<NewRefund, 'familyId'>;

export type RecordOutcome = Outcome<
  { paymentId: string; allocations: Allocation[]; creditCents: number },
  NotFound | AllocationRefusal
>;
export type CancelOutcome = Outcome<
  Record<never, never>,
  NotFound | Refused<'already-cancelled'> | Refused<'credit-refunded', { creditCents: number }>
>;
export type UseCreditOutcome = Outcome<
  { allocations: Allocation[]; creditCents: number },
  | NotFound
  | Refused<'amount-not-positive'>
  | Refused<'unknown-invoice', { invoiceId: string }>
  | Refused<'over-left-to-pay', { invoiceId: string; leftToPayCents: number }>
  | Refused<'over-credit', { creditCents: number }>
>;
export type RefundOutcome = Outcome<
  { refundId: string; creditCents: number },
  NotFound | Refused<'amount-not-positive'> | Refused<'over-credit', { creditCents: number }>
>;

/** The constraint a trigger named when it refused a write a concurrent writer made wrong, if any. */
function refusedBy(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    if (code === '23514' && typeof constraint === 'string') return constraint;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const isOverAllocation = (error: unknown) => refusedBy(error) === 'payment_allocations_within_left_to_pay';
const isOverCredit = (error: unknown) =>
  ['payment_allocations_within_credit', 'credit_refunds_within_credit', 'payments_credit_refunded'].includes(
    refusedBy(error) ?? '',
  );

const openInvoiceOf = (invoice: InvoiceBalance): OpenInvoice => ({
  id: invoice.id,
  issuedOn: invoice.issuedOn,
  number: invoice.number,
  leftToPayCents: leftToPay(invoice),
});

/** The agent who acts, as the payments' tables keep them; none when the family or the system does. */
const agentIdOf = (actor: AuditActor) => (actor.kind === 'agent' ? (actor.id ?? null) : null);

/** Payments at the guichet and the family's « Mes factures »: balances always read from the allocations. */
export class PaymentsService {
  constructor(private readonly deps: Deps) {}

  today(): LocalDay {
    return localDayOf(this.deps.clock.now());
  }

  async account(commune: Commune, familyId: string): Promise<FamilyAccount> {
    const { payments } = this.deps;
    const today = this.today();
    const [invoices, brackets, quotient, creditCents] = await Promise.all([
      payments.familyInvoices(commune.id, familyId),
      payments.brackets(commune.id),
      payments.quotientOn(commune.id, familyId, today),
      payments.credit(commune.id, familyId),
    ]);
    const summaries = invoices.map((invoice) => invoiceSummary(invoice, today));
    const rank = quotient ? bracketRankOf(quotient.value, brackets) : (brackets.at(-1)?.rank ?? null);
    return {
      invoices: summaries,
      balanceCents: summaries.reduce((sum, invoice) => sum + invoice.leftToPayCents, 0),
      creditCents,
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
  ): Promise<RecordOutcome> {
    return this.recordWith(commune, familyId, actor, ip, () => input);
  }

  /**
   * Records a payment made for one invoice (online, say): it pays that invoice up to what it leaves to pay
   * when the money arrives, and the rest is the family's credit. Never refused for being too much: the
   * money was received. With `outer`, in the caller's transaction (an online payment's attempt, settled
   * with it or not at all).
   */
  async recordForInvoice(
    commune: Commune,
    familyId: string,
    invoiceId: string,
    input: Omit<PaymentInput, 'allocations' | 'remainderToCredit'>,
    actor: AuditActor,
    ip: string,
    outer?: Db,
  ): Promise<RecordOutcome> {
    return this.recordWith(
      commune,
      familyId,
      actor,
      ip,
      (open) => {
        const leftCents = open.find((invoice) => invoice.id === invoiceId)?.leftToPayCents ?? 0;
        const share = Math.min(leftCents, input.amountCents);
        return { ...input, allocations: share > 0 ? [{ invoiceId, amountCents: share }] : [], remainderToCredit: true };
      },
      outer,
    );
  }

  /** Records the payment `choose` makes of the family's open invoices, read under their locks. */
  private async recordWith(
    commune: Commune,
    familyId: string,
    actor: AuditActor,
    ip: string,
    choose: (open: OpenInvoice[]) => PaymentInput,
    outer?: Db,
  ): Promise<RecordOutcome> {
    const { clock, payments } = this.deps;
    const overBalance = async () => {
      const open = (await payments.familyInvoices(commune.id, familyId)).filter((i) => i.status === 'issued');
      return refused('over-balance', { balanceCents: balanceOf(open.map(openInvoiceOf)) });
    };
    return this.underFamilyLock(
      commune,
      familyId,
      { invoices: true, outer, raced: { by: isOverAllocation, answer: overBalance } },
      async ({ tx, open }): Promise<RecordOutcome> => {
        const input = choose(open);
        const toCredit = input.remainderToCredit ?? false;
        const allocated = input.allocations
          ? checkAllocations(input.amountCents, input.allocations, open, toCredit)
          : allocateOldestFirst(input.amountCents, open, toCredit);
        if (!allocated.ok) return allocated;
        const { allocations: _chosen, remainderToCredit: _toCredit, ...payment } = input;
        const paymentId = await payments.insertPayment(
          commune.id,
          { ...payment, familyId },
          allocated.allocations,
          clock.now(),
          agentIdOf(actor),
          tx,
        );
        const allocatedCents = allocated.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
        await this.journal(
          commune,
          actor,
          ip,
          {
            action: 'payment.recorded',
            subject: { kind: 'payment', id: paymentId },
            details: {
              familyId,
              means: input.means,
              amountCents: input.amountCents,
              invoices: allocated.allocations.length,
              toCreditCents: input.amountCents - allocatedCents,
            },
          },
          tx,
        );
        const creditCents = await payments.credit(commune.id, familyId, tx);
        return { ok: true, paymentId, allocations: allocated.allocations, creditCents };
      },
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
    const { clock, payments } = this.deps;
    return this.underFamilyLock(commune, familyId, {}, async ({ tx }): Promise<CancelOutcome> => {
      const payment = await payments.lockPayment(commune.id, familyId, paymentId, tx);
      if (!payment) return notFound;
      if (payment.cancelledAt) return refused('already-cancelled');
      const own = await payments.remainders(commune.id, familyId, tx);
      const remainderCents = own.find((row) => row.paymentId === paymentId)?.remainderCents ?? 0;
      const creditCents = await payments.credit(commune.id, familyId, tx);
      if (remainderCents > creditCents) return refused('credit-refunded', { creditCents });
      await payments.cancelPayment(commune.id, paymentId, { at: clock.now(), byId: agentIdOf(actor), reason }, tx);
      await this.journal(
        commune,
        actor,
        ip,
        {
          action: 'payment.cancelled',
          subject: { kind: 'payment', id: paymentId },
          details: { familyId, amountCents: payment.amountCents, reason },
        },
        tx,
      );
      return { ok: true };
    });
  }

  /** The family's credit: what its live payments hold beyond their live allocations and its refunds. */
  credit(commune: Commune, familyId: string): Promise<number> {
    return this.deps.payments.credit(commune.id, familyId);
  }

  refunds(commune: Commune, familyId: string): Promise<StoredRefund[]> {
    return this.deps.payments.refunds(commune.id, familyId);
  }

  /**
   * Pays an open invoice with the family's credit: allocations taken from what is left of its payments,
   * the oldest first, under the family's and the invoice's locks (the trigger takes them again).
   */
  async useCredit(
    commune: Commune,
    familyId: string,
    invoiceId: string,
    amountCents: number,
    actor: AuditActor,
    ip: string,
  ): Promise<UseCreditOutcome> {
    const { payments } = this.deps;
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return refused('amount-not-positive');
    const raced = {
      by: (error: unknown) => isOverAllocation(error) || isOverCredit(error),
      answer: this.overCredit(commune, familyId),
    };
    return this.underFamilyLock(
      commune,
      familyId,
      { invoices: true, raced },
      async ({ tx, open }): Promise<UseCreditOutcome> => {
        const invoice = open.find((candidate) => candidate.id === invoiceId);
        if (!invoice) return refused('unknown-invoice', { invoiceId });
        if (amountCents > invoice.leftToPayCents) {
          return refused('over-left-to-pay', { invoiceId, leftToPayCents: invoice.leftToPayCents });
        }
        const creditCents = await payments.credit(commune.id, familyId, tx);
        if (amountCents > creditCents) return refused('over-credit', { creditCents });
        const allocations: (Allocation & { paymentId: string })[] = [];
        let rest = amountCents;
        for (const { paymentId, remainderCents } of await payments.remainders(commune.id, familyId, tx)) {
          if (rest === 0) break;
          const share = Math.min(rest, remainderCents);
          allocations.push({ paymentId, invoiceId, amountCents: share });
          rest -= share;
        }
        for (const { paymentId, ...allocation } of allocations) {
          await payments.insertAllocations(commune.id, paymentId, [allocation], tx);
        }
        await this.journal(
          commune,
          actor,
          ip,
          {
            action: 'payment.credit-used',
            subject: { kind: 'invoice', id: invoiceId },
            details: { familyId, amountCents, payments: allocations.length },
          },
          tx,
        );
        return {
          ok: true,
          allocations: [{ invoiceId, amountCents }],
          creditCents: await payments.credit(commune.id, familyId, tx),
        };
      },
    );
  }

  /** Gives credit back to the family in money, never more than it has (the database checks it again). */
  async refundCredit(
    commune: Commune,
    familyId: string,
    input: RefundInput,
    actor: AuditActor,
    ip: string,
  ): Promise<RefundOutcome> {
    const { clock, payments } = this.deps;
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) return refused('amount-not-positive');
    const raced = { by: isOverCredit, answer: this.overCredit(commune, familyId) };
    return this.underFamilyLock(commune, familyId, { raced }, async ({ tx }): Promise<RefundOutcome> => {
      const creditCents = await payments.credit(commune.id, familyId, tx);
      if (input.amountCents > creditCents) return refused('over-credit', { creditCents });
      const refundId = await payments.insertRefund(
        commune.id,
        { ...input, familyId },
        clock.now(),
        agentIdOf(actor),
        tx,
      );
      await this.journal(
        commune,
        actor,
        ip,
        {
          action: 'payment.credit-refunded',
          subject: { kind: 'family', id: familyId },
          details: { refundId, means: input.means, amountCents: input.amountCents, reason: input.reason },
        },
        tx,
      );
      return { ok: true, refundId, creditCents: creditCents - input.amountCents };
    });
  }

  /** The journal's line of a write of the family's money, in the write's transaction. */
  private journal(
    commune: Commune,
    actor: AuditActor,
    ip: string,
    line: Pick<AuditEntry, 'action' | 'subject' | 'details'>,
    tx: Db,
  ): Promise<void> {
    return this.deps.audit.record({ communeId: commune.id, actor, ip, ...line }, tx);
  }

  /** The refusal of a use or refund of credit a concurrent writer made too much: the credit as it now is. */
  private overCredit(commune: Commune, familyId: string) {
    return async () => refused('over-credit', { creditCents: await this.deps.payments.credit(commune.id, familyId) });
  }

  /**
   * A write of the family's money, in one transaction under the family's lock: every writer of its money
   * (payments, their cancellation, uses and refunds of credit) takes it first, so they queue, and what
   * is checked here (a balance, a credit) is what the write is made against. With `invoices`, the
   * family's open invoices are locked and read too. Not found when the family is none of the commune's.
   * Should a trigger still refuse what another instance's writer made wrong, `raced` answers as the
   * check would have.
   */
  private async underFamilyLock<O extends { ok: boolean }>(
    commune: Commune,
    familyId: string,
    options: {
      invoices?: boolean;
      outer?: Db;
      raced?: { by: (error: unknown) => boolean; answer: () => Promise<O> };
    },
    write: (locked: { tx: Db; open: OpenInvoice[] }) => Promise<O>,
  ): Promise<O | NotFound> {
    const { db, payments, families } = this.deps;
    try {
      return await inTransaction(options.outer ?? db, async (tx): Promise<O | NotFound> => {
        if (!(await families.lockFamily(commune.id, familyId, tx))) return notFound;
        const open = options.invoices
          ? (await payments.lockOpenInvoices(commune.id, familyId, tx)).map(openInvoiceOf)
          : [];
        return write({ tx, open });
      });
    } catch (error) {
      if (!options.raced?.by(error)) throw error;
      return options.raced.answer();
    }
  }

  /** What the commune's invoices say of who bills and where to appeal; null until an administrator sets it. */
  mentions(commune: Commune): Promise<InvoiceMentions | null> {
    return this.deps.payments.mentions(commune.id);
  }

  /** Sets the invoices' mentions (régie, person responsible, court); audited with what they were before. */
  async saveMentions(
    commune: Commune,
    input: Omit<InvoiceMentions, 'communeId'>,
    actor: AuditActor,
    ip: string,
  ): Promise<void> {
    const { db, payments, audit } = this.deps;
    await inTransaction(db, async (tx) => {
      const before = await payments.mentions(commune.id, tx);
      await payments.setMentions({ communeId: commune.id, ...input }, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'billing.invoice-mentions',
          ip,
          details: { ...input, first: before === null },
        },
        tx,
      );
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
