import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../platform/clock.js';
import type { PayfipClient, PayfipFault, PayfipPaymentDetail } from '../payfip/payfip.js';
import { createPayfipClient } from '../payfip/payfipClient.js';
import { startPayfipSimulator, type PayfipSimulator } from './payfipSimulator.js';

const clock = new TestClock('2026-11-02T12:00:00+01:00');
let simulator: PayfipSimulator;
let payfip: PayfipClient;

/** A portal on loopback: it records the notifications and, like the real one, looks the payment up. */
interface Received {
  contentType: string | undefined;
  body: string;
  lookup: PayfipPaymentDetail | string;
}
let portal: Server;
let portalOrigin: string;
let received: Received[] = [];

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  simulator = await startPayfipSimulator({ clock });
  payfip = createPayfipClient({
    endpoint: simulator.endpoint,
    paymentPageBase: simulator.paymentPageBase,
    timeoutMs: 30_000,
  });
  portal = createServer((request, response) => {
    void (async () => {
      const body = await readAll(request);
      const idOp = new URLSearchParams(body).get('idop') ?? '';
      const lookup = await payfip.paymentDetail(idOp).catch((error: unknown) => (error as PayfipFault).code);
      received.push({ contentType: request.headers['content-type'], body, lookup });
      response.writeHead(200).end('ok');
    })();
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalOrigin = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => portal.close(resolve));
});
beforeEach(() => {
  simulator.controls.reset();
  received = [];
  clock.set('2026-11-02T12:00:00+01:00');
});

async function createPayment(overrides: { urlnotif?: string } = {}): Promise<string> {
  const { idOp } = await payfip.createPayment({
    numcli: '123456',
    exer: 2026,
    refdet: 'F2026000123',
    objet: 'Facture novembre 2026',
    amountCents: 4_250,
    mel: 'aurelie.dupont@example.org',
    urlnotif: overrides.urlnotif ?? `${portalOrigin}/paiement/notification`,
    urlredirect: `${portalOrigin}/paiement/retour?facture=1`,
    saisie: 'T',
  });
  return idOp;
}

const choose = (idOp: string, choix: string) =>
  fetch(simulator.paymentPageBase, {
    method: 'POST',
    body: new URLSearchParams({ idop: idOp, choix }),
    redirect: 'manual',
  });

describe('the payment page', () => {
  it('shows the régie, the object and the amount, in plain French with four choices', async () => {
    const idOp = await createPayment();
    const response = await fetch(payfip.paymentPageUrl(idOp));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('COMMUNE DE CHANTELOUP LES VIGNES');
    expect(html).toContain('Facture novembre 2026');
    expect(html).toContain('42,50\u00a0€');
    expect(html).not.toContain('<script');
    for (const label of ['Payer par carte', 'Payer par prélèvement', 'Simuler un refus de la carte', 'Abandonner']) {
      expect(html).toContain(`>${label}</button>`);
    }
    // The address as PayFiP writes it too.
    const capitalised = await fetch(`${simulator.paymentPageBase}?idOp=${idOp}`);
    expect(capitalised.status).toBe(200);
  });

  it('records the choice, notifies the portal, then sends the citizen back', async () => {
    const idOp = await createPayment();
    const response = await choose(idOp, 'V');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${portalOrigin}/paiement/retour?facture=1`);
    expect(received).toEqual([
      {
        contentType: 'application/x-www-form-urlencoded',
        body: `idop=${idOp}`,
        lookup: expect.objectContaining({ idOp, resultrans: 'V' }),
      },
    ]);
    expect(simulator.controls.notifications()).toEqual([
      expect.objectContaining({ idOp, url: `${portalOrigin}/paiement/notification`, status: 200 }),
    ]);
  });

  it('refuses a used idOp (P3), an idOp older than 15 minutes (P4) and an unknown one (P1)', async () => {
    const used = await createPayment();
    await choose(used, 'A');
    const again = await fetch(payfip.paymentPageUrl(used));
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('déjà été traité');
    expect((await choose(used, 'P')).status).toBe(400);
    expect((await payfip.paymentDetail(used)).resultrans).toBe('A');

    const late = await createPayment();
    clock.advance(15 * 60_000);
    expect((await fetch(payfip.paymentPageUrl(late))).status).toBe(200);
    clock.advance(1_000);
    const expired = await fetch(payfip.paymentPageUrl(late));
    expect(await expired.text()).toContain('Le délai de 15 minutes pour payer est dépassé');
    expect((await choose(late, 'P')).status).toBe(400);
    await expect(payfip.paymentDetail(late)).rejects.toMatchObject({ code: 'P5' });

    const unknown = await fetch(payfip.paymentPageUrl('00000000-0000-4000-8000-000000000000'));
    expect(await unknown.text()).toContain('Ce paiement est inconnu');
  });

  it('still sends the citizen back when the portal does not take the notification', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const { port } = down.address() as AddressInfo;
    await new Promise((resolve) => down.close(resolve));
    const idOp = await createPayment({ urlnotif: `http://127.0.0.1:${port}/notification` });
    const response = await choose(idOp, 'P');
    expect(response.status).toBe(303);
    expect(simulator.controls.notifications()).toEqual([expect.objectContaining({ idOp, status: null })]);
    expect((await payfip.paymentDetail(idOp)).resultrans).toBe('P');
  });
});

describe('the notification modes', () => {
  it('never notifies, or notifies twice, for every payment from then on', async () => {
    simulator.controls.setNotificationMode('never');
    const silent = await createPayment();
    await simulator.controls.pay(silent, 'P');
    expect(received).toEqual([]);

    simulator.controls.setNotificationMode('twice');
    const doubled = await createPayment();
    await simulator.controls.pay(doubled, 'P');
    expect(received.map((notification) => notification.body)).toEqual([`idop=${doubled}`, `idop=${doubled}`]);
  });

  it('notifies before the result exists, so that the lookup answers P5', async () => {
    simulator.controls.setNotificationMode('before-result');
    const idOp = await createPayment();
    await choose(idOp, 'P');
    expect(received).toEqual([expect.objectContaining({ body: `idop=${idOp}`, lookup: 'P5' })]);
    expect((await payfip.paymentDetail(idOp)).resultrans).toBe('P');
  });

  it('applies a mode to the next payment only when asked so', async () => {
    simulator.controls.setNotificationMode('never', 'next-payment');
    const first = await createPayment();
    const second = await createPayment();
    await simulator.controls.pay(first, 'P');
    await simulator.controls.pay(second, 'P');
    expect(received.map((notification) => notification.body)).toEqual([`idop=${second}`]);
  });
});

describe('the controls', () => {
  it('list the payments, settle one without a browser once only, and purge', async () => {
    const idOp = await createPayment();
    expect(simulator.controls.payments()).toEqual([
      expect.objectContaining({ idOp, montant: '4250', refdet: 'F2026000123', result: null }),
    ]);
    await simulator.controls.pay(idOp, 'R');
    await expect(simulator.controls.pay(idOp, 'P')).rejects.toThrow('already');
    expect(simulator.controls.payments()[0]?.result?.resultrans).toBe('R');
    simulator.controls.purge();
    expect(simulator.controls.payments()).toEqual([]);
  });

  it('listen on loopback only', async () => {
    await expect(startPayfipSimulator({ clock, host: '0.0.0.0' })).rejects.toThrow('loopback');
  });
});
