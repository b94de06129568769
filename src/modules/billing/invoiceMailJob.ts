import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { CommunesService } from '../communes/communesService.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository } from '../families/familiesRepository.js';
import { invoiceIssuedMail } from './invoiceMails.js';
import type { InvoicesRepository } from './invoicesRepository.js';

export const INVOICE_MAIL_QUEUE = 'billing.invoice-issued';

// Invoices per job: a month of 5 000 families is 50 jobs, each short, none holding the transaction.
const PER_JOB = 100;

interface InvoiceMailRequest {
  communeId: string;
  slug: string;
  invoiceIds: string[];
}

interface Deps {
  db: Db;
  site: Site;
  jobs: Jobs;
  communes: CommunesService;
  families: FamiliesRepository;
  invoices: InvoicesRepository;
  mailer: Mailer;
}

/**
 * Each family hears of its issued invoice by mail, through durable jobs queued in the issuing
 * transaction: they exist only if the invoices were issued. A job queues the mails of its invoices in
 * one transaction, so a retry after a failure sends none twice.
 */
export class InvoiceMailJob {
  constructor(private readonly deps: Deps) {}

  async queue(commune: Pick<Commune, 'id' | 'slug'>, invoiceIds: readonly string[], tx: Db): Promise<void> {
    for (let start = 0; start < invoiceIds.length; start += PER_JOB)
      await this.deps.jobs.send(
        INVOICE_MAIL_QUEUE,
        {
          communeId: commune.id,
          slug: commune.slug,
          invoiceIds: invoiceIds.slice(start, start + PER_JOB),
        } satisfies InvoiceMailRequest,
        { tx },
      );
  }

  async start(): Promise<void> {
    await this.deps.jobs.work<InvoiceMailRequest>(INVOICE_MAIL_QUEUE, async (request) => {
      await this.send(request);
    });
  }

  /** Queues the mails of the request's invoices still issued; returns how many were queued. */
  async send(request: InvoiceMailRequest): Promise<number> {
    const { db, families, mailer } = this.deps;
    const commune = await this.communeOf(request.communeId, request.slug);
    if (!commune || request.invoiceIds.length === 0) return 0;
    const link = `${this.deps.site.origin}${communePaths(commune).myInvoices}`;
    return inTransaction(db, async (tx) => {
      const rows = await this.deps.invoices.issuedAmong(commune.id, request.invoiceIds, tx);
      let queued = 0;
      for (const invoice of rows) {
        for (const holder of await families.accountHolders(commune.id, invoice.familyId, tx)) {
          await mailer.queue(
            invoiceIssuedMail(
              commune,
              { email: holder.email, greeting: greetingOf(holder) },
              {
                number: invoice.number!,
                period: invoice.period,
                totalCents: invoice.totalCents,
                dueOn: invoice.dueOn!,
                onlinePaymentUntil: invoice.onlinePaymentUntil!,
                link,
              },
            ),
            { tx },
          );
          queued += 1;
        }
      }
      return queued;
    });
  }

  private async communeOf(communeId: string, slug: string): Promise<Commune | null> {
    const bySlug = await this.deps.communes.resolve(slug);
    if (bySlug?.id === communeId) return bySlug;
    return (await this.deps.communes.directory()).find((commune) => commune.id === communeId) ?? null;
  }
}
