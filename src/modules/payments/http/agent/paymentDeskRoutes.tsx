import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { personName } from '../../../../doors/agent/views/deskParts.js';
import { parseForm, formValues, type FormValues } from '../../../../platform/http/forms.js';
import { choiceQuery, dayQuery, parseQuery } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { emptyForm, type FormState } from '../../../../platform/views/components/forms.js';
import { addDays, formatShortDay, monthOf } from '../../../../shared/localDays.js';
import type { AuditActor } from '../../../audit/auditLog.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { PaymentsService } from '../../paymentsService.js';
import { cancelSchema, parsePaymentForm, parseRefundForm, parseUseCreditForm } from '../paymentForms.js';
import { deskPaymentPaths } from '../paymentPaths.js';
import { cancelPaymentErrors, recordErrors, refundErrors, useCreditErrors } from './paymentMessages.js';
import { CancelPaymentPage } from './views/CancelPaymentPage.js';
import { type CreditForm, CreditPage } from './views/CreditPage.js';
import { DeskPaymentsPage } from './views/DeskPaymentsPage.js';
import { FinanceExportsPage } from './views/FinanceExportsPage.js';
import { RecordPaymentPage } from './views/RecordPaymentPage.js';

type FamilyParams = { Params: { familyId: string } };
type PaymentParams = { Params: { familyId: string; paymentId: string } };

const access = { config: { agentAccess: 'payments' as const } };

const done: Record<string, string> = {
  enregistre: 'Le paiement est enregistré.',
  annule: 'Le paiement est annulé : les factures qu’il payait sont de nouveau à payer pour ce montant.',
  'credit-utilise': 'Le crédit paie la facture.',
  rembourse: 'Le remboursement est enregistré.',
};
const paymentsQuery = z.object({ fait: choiceQuery(['enregistre', 'annule', 'credit-utilise', 'rembourse']) });
const exportQuery = z.object({ du: dayQuery, au: dayQuery });

/** The desk's payments on a family's file: the list, « Enregistrer un paiement », the cancel; the finance exports. */
export function paymentDeskRoutes(deps: {
  payments: PaymentsService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  const { payments, familyFile } = deps;
  const actorOf = (request: FastifyRequest): AuditActor => {
    const agent = agentOf(request);
    return { kind: 'agent', id: agent.id, label: agent.email };
  };
  /** The family of the address in the agent's commune, with the name the desk files it under. */
  const familyNamed = async (request: FastifyRequest, familyId: string) => {
    const file = await familyFile.file(communeOf(request).id, familyId);
    if (!file) return null;
    const representative = file.adults.find((adult) => adult.role === 'representant') ?? file.adults[0];
    return representative ? `${personName(representative)} (${file.family.reference})` : file.family.reference;
  };

  return async (app) => {
    app.get<FamilyParams>(
      '/familles/:familyId/paiements',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const familyName = await familyNamed(request, familyId);
        if (!familyName) return notFound(reply);
        const [account, list, refunds] = await Promise.all([
          payments.account(commune, familyId),
          payments.familyPayments(commune, familyId),
          payments.refunds(commune, familyId),
        ]);
        const fait = parseQuery(paymentsQuery, request).fait;
        const notice = fait ? (done[fait] ?? null) : null;
        return reply.page((context) =>
          DeskPaymentsPage({ context, familyId, familyName, account, payments: list, refunds, notice }),
        );
      },
    );

    /** The credit page, as asked or with the refused form's errors (400). */
    const creditPage = async (
      request: FastifyRequest<FamilyParams>,
      reply: FastifyReply,
      failed?: { form: CreditForm; state: FormState },
    ) => {
      const commune = communeOf(request);
      const { familyId } = request.params;
      const familyName = await familyNamed(request, familyId);
      if (!familyName) return notFound(reply);
      const [creditCents, open] = await Promise.all([
        payments.credit(commune, familyId),
        payments.openInvoices(commune, familyId),
      ]);
      const today = formatShortDay(payments.today());
      return reply.page(
        (context) => CreditPage({ context, familyId, familyName, creditCents, open, today, failed }),
        failed ? 400 : 200,
      );
    };
    const again = (form: CreditForm, values: FormValues, errors: Record<string, string>) => ({
      form,
      state: { values, errors },
    });

    app.get<FamilyParams>(
      '/familles/:familyId/paiements/credit',
      { ...idParams('familyId'), ...access },
      (request, reply) => creditPage(request, reply),
    );

    app.post<FamilyParams>(
      '/familles/:familyId/paiements/credit/utiliser',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const { _csrf, ...values } = formValues(request.body);
        const open = await payments.openInvoices(commune, familyId);
        const parsed = parseUseCreditForm(
          values,
          open.map((invoice) => invoice.id),
        );
        if (!parsed.ok) return creditPage(request, reply, again('use', values, parsed.errors));
        const used = await payments.useCredit(
          commune,
          familyId,
          parsed.invoiceId,
          parsed.amountCents,
          actorOf(request),
          request.ip,
        );
        if (!used.ok)
          return answerRefusal(reply, used, (refusal) =>
            creditPage(request, reply, again('use', values, useCreditErrors(refusal))),
          );
        return reply.redirect(`${deskPaymentPaths(commune).payments(familyId)}?fait=credit-utilise`, 303);
      },
    );

    app.post<FamilyParams>(
      '/familles/:familyId/paiements/credit/rembourser',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const { _csrf, ...values } = formValues(request.body);
        const parsed = parseRefundForm(values, payments.today());
        if (!parsed.ok) return creditPage(request, reply, again('refund', values, parsed.errors));
        const refunded = await payments.refundCredit(commune, familyId, parsed.input, actorOf(request), request.ip);
        if (!refunded.ok)
          return answerRefusal(reply, refunded, (refusal) =>
            creditPage(request, reply, again('refund', values, refundErrors(refusal))),
          );
        return reply.redirect(`${deskPaymentPaths(commune).payments(familyId)}?fait=rembourse`, 303);
      },
    );

    app.get<FamilyParams>(
      '/familles/:familyId/paiements/nouveau',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const familyName = await familyNamed(request, familyId);
        if (!familyName) return notFound(reply);
        const open = await payments.openInvoices(commune, familyId);
        const today = payments.today();
        const form = { values: { receivedOn: formatShortDay(today) }, errors: {} };
        return reply.page((context) => RecordPaymentPage({ context, familyId, familyName, open, form }));
      },
    );

    app.post<FamilyParams>(
      '/familles/:familyId/paiements/nouveau',
      { ...idParams('familyId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId } = request.params;
        const familyName = await familyNamed(request, familyId);
        if (!familyName) return notFound(reply);
        const open = await payments.openInvoices(commune, familyId);
        const values = formValues(request.body);
        const again = (errors: Record<string, string>) =>
          reply.page(
            (context) => RecordPaymentPage({ context, familyId, familyName, open, form: { values, errors } }),
            400,
          );
        const parsed = parsePaymentForm(
          values,
          open.map((invoice) => invoice.id),
          payments.today(),
        );
        if (!parsed.ok) return again(parsed.errors);
        const recorded = await payments.record(commune, familyId, parsed.input, actorOf(request), request.ip);
        if (!recorded.ok) return answerRefusal(reply, recorded, (refusal) => again(recordErrors(refusal)));
        return reply.redirect(`${deskPaymentPaths(commune).payments(familyId)}?fait=enregistre`, 303);
      },
    );

    app.get<PaymentParams>(
      '/familles/:familyId/paiements/:paymentId/annuler',
      { ...idParams('familyId', 'paymentId'), ...access },
      async (request, reply) => {
        const { familyId, paymentId } = request.params;
        const payment = await payments.payment(communeOf(request), familyId, paymentId);
        if (!payment) return notFound(reply);
        return reply.page((context) => CancelPaymentPage({ context, familyId, payment, form: emptyForm }));
      },
    );

    app.post<PaymentParams>(
      '/familles/:familyId/paiements/:paymentId/annuler',
      { ...idParams('familyId', 'paymentId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const { familyId, paymentId } = request.params;
        const payment = await payments.payment(commune, familyId, paymentId);
        if (!payment) return notFound(reply);
        const parsed = parseForm(cancelSchema, request.body);
        if (!parsed.ok) {
          return reply.page(
            (context) =>
              CancelPaymentPage({ context, familyId, payment, form: { values: parsed.values, errors: parsed.errors } }),
            400,
          );
        }
        const cancelled = await payments.cancel(
          commune,
          familyId,
          paymentId,
          parsed.data.reason,
          actorOf(request),
          request.ip,
        );
        if (!cancelled.ok && cancelled.reason !== 'already-cancelled')
          return answerRefusal(reply, cancelled, (refusal) =>
            reply.page(
              (context) =>
                CancelPaymentPage({
                  context,
                  familyId,
                  payment,
                  form: { values: parsed.data, errors: cancelPaymentErrors(refusal) },
                }),
              400,
            ),
          );
        // Already cancelled (a second click, another agent): the list shows it so, as after this one.
        return reply.redirect(`${deskPaymentPaths(commune).payments(familyId)}?fait=annule`, 303);
      },
    );

    app.get('/exports-comptables', access, async (_request, reply) => {
      const today = payments.today();
      const from = `${monthOf(today)}-01`;
      return reply.page((context) => FinanceExportsPage({ context, from, to: today }));
    });

    const period = (request: FastifyRequest) => {
      const query = parseQuery(exportQuery, request);
      const today = payments.today();
      const to = query.au ?? today;
      const from = query.du ?? addDays(to, -30);
      return from <= to ? { from, to } : { from: to, to: from };
    };

    app.get('/exports-comptables/factures.csv', access, async (request, reply) => {
      const { from, to } = period(request);
      const csv = await payments.invoicesExport(communeOf(request), from, to, actorOf(request), request.ip);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="factures-${from}-${to}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    });

    app.get('/exports-comptables/paiements.csv', access, async (request, reply) => {
      const { from, to } = period(request);
      const csv = await payments.paymentsExport(communeOf(request), from, to, actorOf(request), request.ip);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="paiements-${from}-${to}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv);
    });
  };
}
