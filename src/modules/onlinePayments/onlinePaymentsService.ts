import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import {
  PayfipFault,
  PayfipUnavailable,
  type PayfipClient,
  type PayfipPaymentDetail,
} from '../../integrations/payfip/payfip.js';
import { localDayOf, type LocalDay } from '../../shared/localDays.js';
import { notFound, refused, type NotFound, type Outcome, type Refused } from '../../shared/outcome.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { CommunesService } from '../communes/communesService.js';
import type { Commune } from '../communes/domain/commune.js';
import type { InvoicesService } from '../billing/invoicesService.js';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import type { PaymentsService } from '../payments/paymentsService.js';
import { type Lookup, type Settlement, settle } from './domain/attemptState.js';
import { type OnlineOffer, onlineOffer } from './domain/onlineOffer.js';
import { dayOfDattrans, objetOf, refdetOf } from './domain/payfipReference.js';
import type { Attempt, OnlinePaymentsRepository } from './onlinePaymentsRepository.js';
import { onlinePaymentPaths } from './onlinePaymentPaths.js';
import { onlineReceiptMail } from './receiptMail.js';

export type { Attempt };

export const PAYFIP_LOOKUP_QUEUE = 'payfip.lookup';

/**
 * Records a payment PayFiP took, in the caller's transaction: allocated to its invoice as far as the
 * invoice leaves to pay, the rest kept as the family's credit (the payments module's).
 */
export type OnlinePaymentRecorder = (
  commune: Commune,
  payment: {
    familyId: string;
    invoiceId: string;
    amountCents: number;
    receivedOn: LocalDay;
    payer: string;
    idOp: string;
  },
  actor: AuditActor,
  tx: Db,
) => Promise<{ paymentId: string; creditCents: number }>;

interface Deps {
  db: Db;
  clock: Clock;
  site: Site;
  jobs: Jobs;
  client: PayfipClient;
  repository: OnlinePaymentsRepository;
  payments: PaymentsService;
  invoices: InvoicesService;
  recordPayment: OnlinePaymentRecorder;
  families: FamiliesRepository;
  communes: CommunesService;
  mailer: Mailer;
  audit: AuditLog;
  /** A demo deployment takes PayFiP's test results as payments; production never does. */
  acceptsTestResults: () => boolean;
}

/** Why PayFiP could not be asked: its fault code, or no usable answer at all. */
export type PayfipTrouble = Refused<'payfip-fault', { code: string }> | Refused<'payfip-unavailable'>;

export type StartOutcome = Outcome<
  { attemptId: string; paymentPageUrl: string },
  NotFound | Refused<Exclude<OnlineOffer, 'available'>> | PayfipTrouble
>;

export type ReconcileOutcome = Outcome<{ state: Attempt['state'] }, NotFound | PayfipTrouble>;

export type RecoverOutcome = Outcome<
  { paymentId: string },
  | NotFound
  | PayfipTrouble
  | Refused<'disabled' | 'unknown-id-op' | 'other-commune' | 'other-invoice' | 'not-paid' | 'test-payment'>
  | Refused<'already-recorded'>
>;

/** The family asking to pay: its account's e-mail is the one PayFiP sends its own receipt to. */
export interface Payer {
  citizenId: string;
  email: string;
  name: string;
}

/** How many pending attempts one run of the job looks up; the next run takes the rest. */
const SWEEP_BATCH = 100;

/**
 * « Payer en ligne » with PayFiP in web-service mode (ADR 0017): an attempt is opened at PayFiP and
 * stored, the family pays on PayFiP's page, and only PayFiP's own answer to a lookup settles it — on a
 * notification, on the return page, or from the periodic job. A paid idOp is recorded once: the attempt's
 * row is locked and its state checked in the transaction that writes the payment.
 */
export class OnlinePaymentsService {
  constructor(private readonly deps: Deps) {}

  /** Whether the family may pay this invoice online now, and its attempts, newest first. */
  async offer(
    commune: Commune,
    familyId: string,
    invoiceId: string,
  ): Promise<{ offer: OnlineOffer; attempts: Attempt[] } | null> {
    const { repository, payments, clock } = this.deps;
    const [invoice, settings, attempts] = await Promise.all([
      payments.invoice(commune, familyId, invoiceId),
      repository.settings(commune.id),
      repository.ofInvoice(commune.id, invoiceId),
    ]);
    if (!invoice) return null;
    const now = clock.now();
    return {
      offer: onlineOffer(invoice, settings?.enabled ?? false, attempts, localDayOf(now), now),
      attempts: attempts.filter((attempt) => attempt.familyId === familyId),
    };
  }

  /** The origin of PayFiP's payment page, where « Payer en ligne » sends the family (its page must allow it). */
  paymentPageOrigin(): string {
    return new URL(this.deps.client.paymentPageUrl('')).origin;
  }

  /**
   * Opens the payment at PayFiP for what the invoice leaves to pay, then stores the attempt. A fault of
   * PayFiP writes nothing; an attempt that could not be stored leaves an idOp PayFiP drops in 15 minutes.
   */
  async start(commune: Commune, familyId: string, invoiceId: string, payer: Payer, ip: string): Promise<StartOutcome> {
    const { db, clock, site, client, repository, payments, audit } = this.deps;
    const [invoice, settings] = await Promise.all([
      payments.invoice(commune, familyId, invoiceId),
      repository.settings(commune.id),
    ]);
    if (!invoice) return notFound;
    const now = clock.now();
    const offerNow = async (tx?: Db) =>
      onlineOffer(
        invoice,
        settings?.enabled ?? false,
        await repository.ofInvoice(commune.id, invoiceId, tx),
        localDayOf(now),
        now,
      );
    const before = await offerNow();
    if (before !== 'available' || !settings) return refused(before === 'available' ? 'disabled' : before);
    const paths = onlinePaymentPaths(commune);
    let idOp: string;
    try {
      ({ idOp } = await client.createPayment({
        numcli: settings.numcli,
        exer: Number(invoice.period.from.slice(0, 4)),
        refdet: refdetOf(invoice.number),
        objet: objetOf(`Facture ${invoice.number} ${commune.name}`),
        amountCents: invoice.leftToPayCents,
        mel: payer.email,
        urlnotif: `${site.origin}${paths.notification}`,
        urlredirect: `${site.origin}${paths.returnPage(invoiceId)}`,
        saisie: settings.mode,
      }));
    } catch (error) {
      return troubleOf(error);
    }
    const stored = await inTransaction(db, async (tx): Promise<StartOutcome> => {
      // Two clicks at once: the second waits for the first's attempt, then sees it.
      await repository.lockInvoice(commune.id, invoiceId, tx);
      const offer = await offerNow(tx);
      if (offer !== 'available') return refused(offer);
      const attempt = await repository.insertAttempt(
        {
          communeId: commune.id,
          idOp,
          invoiceId,
          familyId,
          amountCents: invoice.leftToPayCents,
          mode: settings.mode,
          createdAt: now,
          createdByCitizenId: payer.citizenId,
          createdByAgentId: null,
          payer: payer.name,
        },
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: payer.citizenId },
          action: 'payfip.attempt.started',
          subject: { kind: 'payfip-attempt', id: attempt.id },
          ip,
          details: { invoiceId, idOp, amountCents: invoice.leftToPayCents, mode: settings.mode },
        },
        tx,
      );
      return { ok: true, attemptId: attempt.id, paymentPageUrl: client.paymentPageUrl(idOp) };
    });
    return stored;
  }

  /**
   * PayFiP's notification: a trigger, never a result. A known pending idOp gets a lookup job; anything
   * else changes nothing. Answers at once, whatever PayFiP says later.
   */
  async notified(commune: Commune, idOp: string): Promise<void> {
    const attempt = await this.deps.repository.byIdOp(commune.id, idOp);
    if (!attempt || attempt.state !== 'pending') return;
    await this.deps.jobs.send(PAYFIP_LOOKUP_QUEUE, { communeId: commune.id, slug: commune.slug, idOp });
  }

  /** Looks a pending attempt up at PayFiP and settles it as PayFiP says; a settled one stays as it is. */
  async reconcile(commune: Commune, idOp: string): Promise<ReconcileOutcome> {
    const { repository, client } = this.deps;
    const attempt = await repository.byIdOp(commune.id, idOp);
    if (!attempt) return notFound;
    if (attempt.state !== 'pending') return { ok: true, state: attempt.state };
    let lookup: Lookup;
    let detail: PayfipPaymentDetail | null = null;
    try {
      detail = await client.paymentDetail(idOp);
      lookup = { kind: 'result', result: detail.resultrans, saisie: detail.saisie, amountCents: detail.amountCents };
    } catch (error) {
      if (error instanceof PayfipFault && error.code === 'P5') lookup = { kind: 'no-result-yet' };
      else if (error instanceof PayfipFault && error.code === 'P1') lookup = { kind: 'unknown' };
      else return troubleOf(error);
    }
    const settlement = settle(lookup, attempt, this.deps.clock.now(), this.deps.acceptsTestResults());
    if (settlement.kind === 'wait') return { ok: true, state: 'pending' };
    const state = await this.apply(commune, attempt.id, idOp, settlement, detail, { kind: 'system' }, null);
    return { ok: true, state };
  }

  /** The job's sweep: every pending attempt of the deployment looked up; one failing does not stop the others. */
  async reconcilePending(): Promise<number> {
    const pending = await this.deps.repository.pending(SWEEP_BATCH);
    const directory = new Map((await this.deps.communes.directory()).map((commune) => [commune.id, commune]));
    let settled = 0;
    for (const { communeId, idOp } of pending) {
      const commune = directory.get(communeId);
      if (!commune) continue;
      const outcome = await this.reconcile(commune, idOp);
      if (outcome.ok && outcome.state !== 'pending') settled += 1;
    }
    return settled;
  }

  /** The lookup job's handler: the commune by its slug, checked against its id. */
  async reconcileFromJob(job: { communeId: string; slug: string; idOp: string }): Promise<void> {
    const commune = await this.deps.communes.resolve(job.slug);
    if (!commune || commune.id !== job.communeId) return;
    const outcome = await this.reconcile(commune, job.idOp);
    // PayFiP away: thrown, so that the job is retried; the periodic sweep is the net under it.
    if (!outcome.ok && outcome.reason === 'payfip-unavailable') throw new Error('PayFiP unavailable');
  }

  /** The return page's attempt: the family's latest on that invoice, looked up once more while pending. */
  async latestFor(commune: Commune, familyId: string, invoiceId: string): Promise<Attempt | null> {
    const { repository } = this.deps;
    const latest = (await repository.ofInvoice(commune.id, invoiceId)).find((a) => a.familyId === familyId);
    if (!latest || latest.state !== 'pending') return latest ?? null;
    await this.reconcile(commune, latest.idOp);
    return repository.byIdOp(commune.id, latest.idOp);
  }

  /** An issued invoice's attempts, newest first, as the desk lists them; null for no such invoice. */
  async forDesk(
    commune: Commune,
    invoiceId: string,
  ): Promise<{ invoice: { id: string; number: string; familyId: string }; attempts: Attempt[] } | null> {
    const found = await this.deps.invoices.withLines(commune.id, invoiceId);
    if (!found?.invoice.number) return null;
    const { id, number, familyId } = found.invoice;
    return { invoice: { id, number, familyId }, attempts: await this.deps.repository.ofInvoice(commune.id, invoiceId) };
  }

  /**
   * « Enregistrer un paiement PayFiP manquant »: an idOp typed by an agent, looked up at PayFiP before
   * anything is written; recorded on the invoice it names only if PayFiP says it was paid to this régie.
   */
  async recordMissing(
    commune: Commune,
    invoiceId: string,
    idOp: string,
    agent: AuditActor & { id: string },
    ip: string,
  ): Promise<RecoverOutcome> {
    const { repository, client, db, clock, invoices, audit } = this.deps;
    const settings = await repository.settings(commune.id);
    if (!settings) return refused('disabled');
    let detail: PayfipPaymentDetail;
    try {
      detail = await client.paymentDetail(idOp);
    } catch (error) {
      if (error instanceof PayfipFault && (error.code === 'P1' || error.code === 'P5')) return refused('unknown-id-op');
      return troubleOf(error);
    }
    if (detail.numcli !== settings.numcli) return refused('other-commune');
    if (detail.resultrans !== 'P' && detail.resultrans !== 'V') return refused('not-paid');
    if (detail.saisie === 'T' && !this.deps.acceptsTestResults()) return refused('test-payment');
    const known = await repository.anyByIdOp(idOp);
    if (known && known.communeId !== commune.id) return refused('other-commune');
    if (known?.state === 'paid') return refused('already-recorded');
    const found = await invoices.withLines(commune.id, invoiceId);
    if (!found?.invoice.number || found.invoice.status !== 'issued') return notFound;
    const invoice = { familyId: found.invoice.familyId, number: found.invoice.number };
    if (refdetOf(invoice.number) !== detail.refdet || (known && known.invoiceId !== invoiceId))
      return refused('other-invoice');
    const attemptId =
      known?.id ??
      (
        await repository.insertAttempt(
          {
            communeId: commune.id,
            idOp,
            invoiceId,
            familyId: invoice.familyId,
            amountCents: detail.amountCents,
            mode: detail.saisie,
            createdAt: clock.now(),
            createdByCitizenId: null,
            createdByAgentId: agent.id,
            payer: detail.mel,
          },
          db,
        )
      ).id;
    const state = await this.apply(
      commune,
      attemptId,
      idOp,
      { kind: 'record', result: detail.resultrans, amountCents: detail.amountCents },
      detail,
      agent,
      ip,
    );
    if (state !== 'paid') return refused('already-recorded');
    const recorded = await repository.byIdOp(commune.id, idOp);
    await audit.record({
      communeId: commune.id,
      actor: agent,
      action: 'payfip.payment.recovered',
      subject: { kind: 'payfip-attempt', id: attemptId },
      ip,
      details: { invoiceId, idOp, amountCents: detail.amountCents },
    });
    return { ok: true, paymentId: recorded!.paymentId! };
  }

  /**
   * Writes what a lookup decided, under the attempt's lock: whoever comes second (another instance's
   * notification, the job) finds it settled and writes nothing. Returns the attempt's state after.
   */
  private async apply(
    commune: Commune,
    attemptId: string,
    idOp: string,
    settlement: Exclude<Settlement, { kind: 'wait' }>,
    detail: PayfipPaymentDetail | null,
    actor: AuditActor,
    ip: string | null,
  ): Promise<Attempt['state']> {
    const { db, clock, repository, audit } = this.deps;
    const now = clock.now();
    return inTransaction(db, async (tx) => {
      const attempt = await repository.lock(commune.id, idOp, tx);
      if (!attempt || attempt.id !== attemptId) return 'expired';
      if (attempt.state !== 'pending') return attempt.state;
      if (settlement.kind === 'close') {
        await repository.settle(
          attempt.id,
          { state: settlement.state, result: settlement.result, paidCents: null, settledAt: now, paymentId: null },
          tx,
        );
        await audit.record(
          {
            communeId: commune.id,
            actor: { kind: 'system' },
            action: `payfip.attempt.${settlement.state}`,
            subject: { kind: 'payfip-attempt', id: attempt.id },
            details: { idOp, result: settlement.result },
          },
          tx,
        );
        return settlement.state;
      }
      const receivedOn = (detail && dayOfDattrans(detail.dattrans)) ?? localDayOf(now);
      const recorded = await this.deps.recordPayment(
        commune,
        {
          familyId: attempt.familyId,
          invoiceId: attempt.invoiceId,
          amountCents: settlement.amountCents,
          receivedOn,
          payer: attempt.payer,
          idOp,
        },
        actor,
        tx,
      );
      await repository.settle(
        attempt.id,
        {
          state: 'paid',
          result: settlement.result,
          paidCents: settlement.amountCents,
          settledAt: now,
          paymentId: recorded.paymentId,
        },
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'payfip.attempt.paid',
          subject: { kind: 'payfip-attempt', id: attempt.id },
          ...(ip ? { ip } : {}),
          details: {
            idOp,
            result: settlement.result,
            amountCents: settlement.amountCents,
            creditCents: recorded.creditCents,
          },
        },
        tx,
      );
      await this.queueReceipt(commune, attempt, settlement, recorded.creditCents, receivedOn, tx);
      return 'paid';
    });
  }

  private async queueReceipt(
    commune: Commune,
    attempt: Attempt,
    settlement: { result: 'P' | 'V'; amountCents: number },
    creditCents: number,
    receivedOn: LocalDay,
    tx: Db,
  ): Promise<void> {
    const { families, mailer, invoices, site } = this.deps;
    const number = (await invoices.withLines(commune.id, attempt.invoiceId, tx))?.invoice.number;
    if (!number) return;
    const link = `${site.origin}${onlinePaymentPaths(commune).invoice(attempt.invoiceId)}`;
    for (const holder of await families.accountHolders(commune.id, attempt.familyId, tx))
      await mailer.queue(
        onlineReceiptMail(
          commune,
          { email: holder.email, greeting: greetingOf(holder) },
          {
            invoiceNumber: number,
            amountCents: settlement.amountCents,
            creditCents,
            receivedOn,
            byDirectDebit: settlement.result === 'V',
            idOp: attempt.idOp,
            link,
          },
        ),
        { tx },
      );
  }
}

/** PayFiP's refusal or silence, as a refusal the pages word; anything else is a bug and is thrown. */
function troubleOf(error: unknown): PayfipTrouble {
  if (error instanceof PayfipFault) return refused('payfip-fault', { code: error.code });
  if (error instanceof PayfipUnavailable) return refused('payfip-unavailable');
  throw error;
}
