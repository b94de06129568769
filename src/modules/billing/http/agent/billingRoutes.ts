import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { monthQuery, parseQuery, queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { type LocalMonth, localDayOf, monthOf } from '../../../../shared/localDays.js';
import { communeOf } from '../../../../doors/agent/agentRequest.js';
import type { InvoiceRunService } from '../../invoiceRunService.js';
import type { InvoicesService } from '../../invoicesService.js';
import type { QuotientsService } from '../../quotientsService.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { Attempt } from '../../../onlinePayments/onlinePaymentsService.js';
import { creditNoteForm, monthForm, reasonForm, tickedLines } from '../billingForms.js';
import { billingPaths } from './billingPaths.js';
import { authorOf, billingAccess } from './billingAuthor.js';
import { cancelInvoiceErrors, creditNoteErrors, runRefusalText } from './billingMessages.js';
import { BillingMonthPage, type MonthNotice } from './views/BillingMonthPage.js';
import { type InvoiceForm, InvoicePage } from './views/InvoicePage.js';

type InvoiceParams = { Params: { invoiceId: string } };

const monthParams = z.object({
  mois: monthQuery,
  calcul: z
    .string()
    .regex(/^\d{1,6}-\d{1,7}-\d{1,12}$/)
    .optional()
    .catch(undefined),
  emises: z
    .string()
    .regex(/^\d{1,6}-\d{4}-\d{6}-\d{4}-\d{6}$/)
    .optional()
    .catch(undefined),
});

interface Deps {
  invoiceRun: InvoiceRunService;
  invoices: InvoicesService;
  quotients: Pick<QuotientsService, 'ofFamily'>;
  today: () => Date;
  /** The invoice's online payment attempts, shown on its page. */
  onlineAttempts: (commune: Commune, invoiceId: string) => Promise<Attempt[]>;
}

/**
 * « Facturation », for the guichet unique's agents (permission 'billing'): a month's drafts made,
 * reviewed and issued; an invoice's page, where it is cancelled with a reason or corrected by a credit
 * note. Each act redirects (post / redirect / get) with what it did in the address.
 */
export function billingRoutes({ invoiceRun, invoices, quotients, today, onlineAttempts }: Deps): FastifyPluginAsync {
  const monthPage = async (request: FastifyRequest, reply: FastifyReply, period: LocalMonth, notice?: MonthNotice) => {
    const review = await invoiceRun.review(communeOf(request).id, period);
    return reply.page(
      (context) => BillingMonthPage({ context, review, notice }),
      notice?.kind === 'refused' ? 400 : 200,
    );
  };

  const invoicePage = async (
    request: FastifyRequest<InvoiceParams>,
    reply: FastifyReply,
    failed?: { form: InvoiceForm; state: FormState },
  ) => {
    const commune = communeOf(request);
    const communeId = commune.id;
    const found = await invoices.withLines(communeId, request.params.invoiceId);
    if (!found) return notFound(reply);
    const [view, attempts] = await Promise.all([
      quotients.ofFamily(communeId, found.invoice.familyId),
      onlineAttempts(commune, found.invoice.id),
    ]);
    const family = { reference: view?.family.reference ?? '' };
    return reply.page(
      (context) =>
        InvoicePage({ context, found, family, attempts, failed, done: failed ? undefined : queryOf(request).fait }),
      failed ? 400 : 200,
    );
  };

  return async (app) => {
    app.get('/facturation', billingAccess, async (request, reply) => {
      const query = parseQuery(monthParams, request);
      // By default the month just ended: the one a régie bills at the start of the next.
      const period = query.mois ?? monthOf(localDayOf(new Date(today().getTime() - 28 * 86_400_000)));
      const [drafts, lines, totalCents] = (query.calcul ?? '').split('-').map(Number);
      const issued = query.emises?.split('-');
      const notice: MonthNotice | undefined = query.calcul
        ? { kind: 'run', drafts: drafts!, lines: lines!, totalCents: totalCents! }
        : issued
          ? {
              kind: 'issued',
              issued: Number(issued[0]),
              first: `${issued[1]}-${issued[2]}`,
              last: `${issued[3]}-${issued[4]}`,
            }
          : undefined;
      return monthPage(request, reply, period, notice);
    });

    app.post('/facturation/calcul', billingAccess, async (request, reply) => {
      const parsed = parseForm(monthForm, request.body);
      if (!parsed.ok)
        return monthPage(request, reply, monthOf(localDayOf(today())), { kind: 'refused', text: parsed.errors.mois! });
      const outcome = await invoiceRun.run(communeOf(request), parsed.data.mois, authorOf(request));
      if (!outcome.ok)
        return monthPage(request, reply, parsed.data.mois, { kind: 'refused', text: runRefusalText(outcome) });
      const paths = billingPaths(communeOf(request));
      return reply.redirect(
        `${paths.month(parsed.data.mois)}&calcul=${outcome.drafts}-${outcome.lines}-${outcome.totalCents}`,
        303,
      );
    });

    app.post('/facturation/emission', billingAccess, async (request, reply) => {
      const parsed = parseForm(monthForm, request.body);
      if (!parsed.ok)
        return monthPage(request, reply, monthOf(localDayOf(today())), { kind: 'refused', text: parsed.errors.mois! });
      const outcome = await invoiceRun.issue(communeOf(request), parsed.data.mois, authorOf(request));
      if (!outcome.ok)
        return monthPage(request, reply, parsed.data.mois, { kind: 'refused', text: runRefusalText(outcome) });
      const paths = billingPaths(communeOf(request));
      return reply.redirect(
        `${paths.month(parsed.data.mois)}&emises=${outcome.issued}-${outcome.first}-${outcome.last}`,
        303,
      );
    });

    const route = { ...idParams('invoiceId'), ...billingAccess };

    app.get<InvoiceParams>('/facturation/factures/:invoiceId', route, (request, reply) => invoicePage(request, reply));

    app.post<InvoiceParams>('/facturation/factures/:invoiceId/annuler', route, async (request, reply) => {
      const parsed = parseForm(reasonForm, request.body);
      if (!parsed.ok) return invoicePage(request, reply, { form: 'cancel', state: parsed });
      const outcome = await invoices.cancel(
        communeOf(request),
        request.params.invoiceId,
        parsed.data.reason,
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          invoicePage(request, reply, { form: 'cancel', state: { values: {}, errors: cancelInvoiceErrors(refusal) } }),
        );
      return reply.redirect(`${billingPaths(communeOf(request)).invoice(request.params.invoiceId)}?fait=annulee`, 303);
    });

    app.post<InvoiceParams>('/facturation/factures/:invoiceId/avoir', route, async (request, reply) => {
      const parsed = parseForm(creditNoteForm, request.body);
      const lines = tickedLines(formValues(request.body));
      if (!parsed.ok || lines.length === 0) {
        const { _csrf, ...values } = formValues(request.body);
        const errors = {
          ...(lines.length === 0 ? { lines: 'Cochez au moins un jour à rembourser.' } : {}),
          ...(parsed.ok ? {} : parsed.errors),
        };
        return invoicePage(request, reply, { form: 'credit', state: { values, errors } });
      }
      const outcome = await invoices.creditNote(
        communeOf(request),
        request.params.invoiceId,
        lines,
        parsed.data.creditReason,
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          invoicePage(request, reply, {
            form: 'credit',
            state: { values: { creditReason: parsed.data.creditReason }, errors: creditNoteErrors(refusal) },
          }),
        );
      return reply.redirect(`${billingPaths(communeOf(request)).invoice(request.params.invoiceId)}?fait=avoir`, 303);
    });
  };
}
