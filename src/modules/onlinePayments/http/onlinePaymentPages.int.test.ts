import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, loggedInAgent } from '../../../../test/agentFactories.js';
import { useTestApp } from '../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune } from '../../../../test/factories.js';
import { linkedParent } from '../../../../test/familyFactories.js';
import { issuedInvoice, sixBrackets } from '../../../../test/invoiceFactories.js';
import { usePayfipSimulator } from '../../../../test/payfip.js';
import { auditLines } from '../../../../test/settingsPages.js';
import { TestClock } from '../../../platform/clock.js';
import { payfipAttempts, payfipSettings } from '../onlinePaymentsSchema.js';
import { onlinePaymentPaths } from '../onlinePaymentPaths.js';

/** The form-action directive of a page's Content-Security-Policy. */
const formActionOf = (headers: Headers) =>
  headers
    .get('content-security-policy')
    ?.split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith('form-action'));

describe.each(testDatabases())('online payment’s pages on $name', ({ open }) => {
  const clock = new TestClock('2026-11-20T10:00:00Z');
  const payfip = usePayfipSimulator(clock);
  const { t } = useTestApp(open, () => ({ clock, mode: 'production', payfip: payfip.client() }));
  const controls = () => payfip.simulator().controls;

  async function communeWithAdmin() {
    const made = await createCommune(t.container.communes);
    await sixBrackets(t.container, made);
    const admin = await loggedInAgent(t, made, await createAgent(t.container, made, { role: 'administrateur' }));
    return { commune: made, admin, paths: onlinePaymentPaths(made) };
  }

  it('lets the administrator set PayFiP up and test it, and refuses a wrong numcli with nothing written', async () => {
    const { commune, admin, paths } = await communeWithAdmin();
    const page = await admin.get(paths.settings);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Paiement en ligne');
    await admin.post(paths.settings, { numcli: '12345', mode: 'W', enabled: 'oui' });
    expect(admin.last!.status).toBe(400);
    expect(summaryOf(admin.last!.html)).toEqual({
      numcli: 'Le numéro de client de la régie (numcli) tient en 6 chiffres, par exemple 123456.',
    });
    expect(
      await t.container.database.db.select().from(payfipSettings).where(eq(payfipSettings.communeId, commune.id)),
    ).toEqual([]);
    await admin.post(paths.settings, { numcli: '123456', mode: 'T', enabled: 'oui' });
    expect(admin.last!.location).toBe(`${paths.settings}?fait=enregistre`);
    await admin.follow();
    const tested = await admin.post(paths.testSettings);
    expect(textOf(tested.html)).toContain('PayFiP reconnaît la régie n° 123456 : COMMUNE DE CHANTELOUP LES VIGNES');
    await admin.post(paths.settings, { numcli: '999999', mode: 'T', enabled: 'oui' });
    await admin.follow();
    expect(textOf((await admin.post(paths.testSettings)).html)).toContain('PayFiP ne connaît pas ce numéro de client');
    controls().setSoapBehaviour('http-500', 'next-call');
    expect(textOf((await admin.post(paths.testSettings)).html)).toContain('PayFiP ne répond pas pour le moment');
    expect((await auditLines(t.container.database.db, commune, 'payfip.settings.saved')).length).toBe(2);
  });

  it('takes the family from its invoice to PayFiP’s page and back, and says why when PayFiP fails', async () => {
    const { commune, admin, paths } = await communeWithAdmin();
    await admin.post(paths.settings, { numcli: '123456', mode: 'W', enabled: 'oui' });
    const parent = await linkedParent(t, commune);
    const invoice = await issuedInvoice(t.container, commune, {
      familyId: parent.family.id,
      memberId: parent.child.id,
      memberName: 'Rémi',
    });
    const invoicePage = await parent.client.get(paths.invoice(invoice.id));
    expect(textOf(invoicePage.html)).toContain('Payer en ligne');
    // The browser follows the form's redirect to PayFiP only if the page's policy names PayFiP's origin.
    const payfipOrigin = new URL(payfip.simulator().paymentPageBase).origin;
    expect(formActionOf(invoicePage.headers)).toBe(`form-action 'self' ${payfipOrigin}`);

    controls().setSoapBehaviour('fault:fonctionnelle:A2', 'next-call');
    await parent.client.post(paths.pay(invoice.id));
    expect(parent.client.last!.location).toBe(
      `${paths.invoice(invoice.id)}?en-ligne=payfip-fault&code=A2#payer-en-ligne`,
    );
    expect(textOf((await parent.client.follow()).html)).toContain(
      'l’adresse électronique de votre compte n’est pas acceptée par le service de paiement',
    );
    controls().setSoapBehaviour('http-500', 'next-call');
    await parent.client.post(paths.pay(invoice.id));
    expect(textOf((await parent.client.follow()).html)).toContain('Le service de paiement en ligne ne répond pas');
    expect(
      await t.container.database.db.select().from(payfipAttempts).where(eq(payfipAttempts.invoiceId, invoice.id)),
    ).toEqual([]);

    controls().setNotificationMode('never', 'next-payment');
    await parent.client.post(paths.pay(invoice.id));
    expect(parent.client.last!.status).toBe(303);
    const [attempt] = await t.container.database.db
      .select()
      .from(payfipAttempts)
      .where(eq(payfipAttempts.invoiceId, invoice.id));
    expect(parent.client.last!.location).toBe(`${payfip.simulator().paymentPageBase}?idop=${attempt!.idOp}`);
    const pending = await parent.client.get(paths.returnPage(invoice.id));
    expect(textOf(pending.html)).toContain('Paiement en cours de confirmation');
    expect(pending.html).toContain(`href="${paths.returnPage(invoice.id)}"`);
    // A second click while the first is under way: told so, on the invoice's page.
    await parent.client.get(paths.invoice(invoice.id));
    await parent.client.post(paths.pay(invoice.id));
    expect(textOf((await parent.client.follow()).html)).toContain('a commencé il y a moins de 20 minutes');

    await controls().pay(attempt!.idOp, 'P');
    const paid = await parent.client.get(paths.returnPage(invoice.id));
    expect(textOf(paid.html)).toContain('Payé par carte bancaire');
    const paidInvoice = await parent.client.get(paths.invoice(invoice.id));
    expect(textOf(paidInvoice.html)).toContain('Paiement en ligne (PayFiP)');
    // Nothing left to pay online: the page's forms lead nowhere but the portal.
    expect(formActionOf(paidInvoice.headers)).toBe("form-action 'self'");
  });

  it('shows the desk an invoice’s attempts and records a missing payment by its idOp, audited', async () => {
    const { commune, admin, paths } = await communeWithAdmin();
    await admin.post(paths.settings, { numcli: '123456', mode: 'W', enabled: 'oui' });
    const desk = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'agent' }));
    const parent = await linkedParent(t, commune);
    const invoice = await issuedInvoice(t.container, commune, {
      familyId: parent.family.id,
      memberId: parent.child.id,
      memberName: 'Rémi',
    });
    controls().setNotificationMode('never', 'next-payment');
    await parent.client.get(paths.invoice(invoice.id));
    await parent.client.post(paths.pay(invoice.id));
    const [attempt] = await t.container.database.db
      .select()
      .from(payfipAttempts)
      .where(eq(payfipAttempts.invoiceId, invoice.id));
    const invoiceAtDesk = await desk.get(`/${commune.slug}/guichet/facturation/factures/${invoice.id}`);
    expect(textOf(invoiceAtDesk.html)).toContain(attempt!.idOp);
    expect(textOf(invoiceAtDesk.html)).toContain('Paiement en cours de confirmation');

    const page = await desk.get(paths.deskAttempts(invoice.id));
    expect(page.status).toBe(200);
    await desk.post(paths.recordMissing(invoice.id), { idOp: 'pas un idop' });
    expect(desk.last!.status).toBe(400);
    await desk.post(paths.recordMissing(invoice.id), { idOp: attempt!.idOp });
    expect(desk.last!.status).toBe(400);
    expect(summaryOf(desk.last!.html)).toEqual({
      idOp: 'PayFiP ne connaît pas ce paiement, ou n’en a pas encore le résultat.',
    });
    await controls().pay(attempt!.idOp, 'V');
    await desk.post(paths.recordMissing(invoice.id), { idOp: attempt!.idOp });
    expect(desk.last!.location).toBe(`${paths.deskAttempts(invoice.id)}?fait=enregistre`);
    expect(textOf((await desk.follow()).html)).toContain('Payé par prélèvement');
    expect((await auditLines(t.container.database.db, commune, 'payfip.payment.recovered')).length).toBe(1);

    // Another commune's agent finds neither the invoice nor its attempts.
    const other = await communeWithAdmin();
    expect((await other.admin.get(onlinePaymentPaths(other.commune).deskAttempts(invoice.id))).status).toBe(404);
  });
});
