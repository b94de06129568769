import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../../platform/clock.js';
import { startPayfipSimulator, type PayfipSimulator } from '../payfipSimulator/payfipSimulator.js';
import { PayfipFault, PayfipUnavailable, type PayfipFaultKind, type PayfipPaymentRequest } from './payfip.js';
import { createPayfipClient } from './payfipClient.js';

const clock = new TestClock('2026-11-02T12:00:00+01:00');
let simulator: PayfipSimulator;

/** A bound for a machine under load, never reached by a working call. */
const GENEROUS_MS = 30_000;

const request = (overrides: Partial<PayfipPaymentRequest> = {}): PayfipPaymentRequest => ({
  numcli: '123456',
  exer: 2026,
  refdet: 'F2026000123',
  objet: 'Facture novembre 2026 Remi DUPONT',
  amountCents: 4_250,
  mel: 'aurelie.dupont@example.org',
  urlnotif: 'http://127.0.0.1:9/paiement/notification',
  urlredirect: 'http://127.0.0.1:9/paiement/retour',
  saisie: 'T',
  ...overrides,
});

const client = () =>
  createPayfipClient({
    endpoint: simulator.endpoint,
    paymentPageBase: simulator.paymentPageBase,
    timeoutMs: GENEROUS_MS,
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

async function fault(promise: Promise<unknown>): Promise<PayfipFault> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(PayfipFault);
  return error as PayfipFault;
}

beforeAll(async () => {
  simulator = await startPayfipSimulator({
    clock,
    regies: [
      { numcli: '123456', libelleN1: 'COMMUNE DE CHANTELOUP', libelleN2: 'REGIE ENFANCE', libelleN3: 'GUICHET' },
      { numcli: '654321', libelleN1: `L'accueil <petits> & "grands"`, libelleN2: '', libelleN3: '' },
    ],
  });
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.controls.reset();
  clock.set('2026-11-02T12:00:00+01:00');
});

describe('creerPaiementSecurise and recupererDetailPaiementSecurise', () => {
  it('opens a payment, answers P5 until a result exists, then the detail on the clock in Paris', async () => {
    const payfip = client();
    const { idOp } = await payfip.createPayment(request());
    expect(idOp).toHaveLength(36);
    expect((await fault(payfip.paymentDetail(idOp))).code).toBe('P5');

    clock.set('2026-11-02T23:30:00Z'); // 00:30 on 3 November in Paris
    await simulator.controls.pay(idOp, 'P');
    const detail = await payfip.paymentDetail(idOp);
    expect(detail).toEqual({
      idOp,
      resultrans: 'P',
      amountCents: 4_250,
      numauto: expect.stringMatching(/^\d{6}$/),
      dattrans: '03112026',
      heurtrans: '0030',
      refdet: 'F2026000123',
      exer: 2026,
      numcli: '123456',
      mel: 'aurelie.dupont@example.org',
      objet: 'Facture novembre 2026 Remi DUPONT',
      saisie: 'T',
    });
  });

  it('gives no authorisation number to a refused or abandoned payment, and echoes the mode', async () => {
    const payfip = client();
    for (const result of ['R', 'Z', 'A'] as const) {
      const { idOp } = await payfip.createPayment(request({ saisie: 'W' }));
      await simulator.controls.pay(idOp, result);
      expect(await payfip.paymentDetail(idOp)).toMatchObject({ resultrans: result, numauto: null, saisie: 'W' });
    }
    const { idOp } = await payfip.createPayment(request({ saisie: 'X' }));
    await simulator.controls.pay(idOp, 'V');
    expect(await payfip.paymentDetail(idOp)).toMatchObject({ resultrans: 'V', saisie: 'X' });
  });

  it('answers P1 for an idOp it never made, and for one the purge took', async () => {
    const payfip = client();
    expect(await fault(payfip.paymentDetail('00000000-0000-4000-8000-000000000000'))).toMatchObject({
      kind: 'fonctionnelle',
      code: 'P1',
    });
    const { idOp } = await payfip.createPayment(request());
    simulator.controls.purge(idOp);
    expect((await fault(payfip.paymentDetail(idOp))).code).toBe('P1');
  });

  it.each([
    ['an unknown régie', { numcli: '999999' }, 'T2'],
    ['an amount under 1 €', { amountCents: 99 }, 'M3'],
    ['an amount over 100,000 €', { amountCents: 10_000_001 }, 'M5'],
    ['a reference with a dash', { refdet: 'F-2026-1' }, 'R3'],
    ['an e-mail without a domain', { mel: 'aurelie' }, 'A2'],
  ])('refuses %s with its code', async (_case, overrides, code) => {
    expect(await fault(client().createPayment(request(overrides)))).toMatchObject({ kind: 'fonctionnelle', code });
  });

  it('takes the bounds of the amount: 1 € and 100,000 €', async () => {
    const payfip = client();
    await expect(payfip.createPayment(request({ amountCents: 100 }))).resolves.toHaveProperty('idOp');
    await expect(payfip.createPayment(request({ amountCents: 10_000_000 }))).resolves.toHaveProperty('idOp');
  });

  it('carries <, & and > both ways without changing them', async () => {
    const payfip = client();
    const mel = `o'<&>"x@example.org`;
    const { idOp } = await payfip.createPayment(request({ mel }));
    expect(simulator.controls.payments()[0]?.mel).toBe(mel);
    await simulator.controls.pay(idOp, 'P');
    expect((await payfip.paymentDetail(idOp)).mel).toBe(mel);
    expect((await payfip.clientDetail('654321')).libelleN1).toBe(`L'accueil <petits> & "grands"`);
  });
});

describe('recupererDetailClient', () => {
  it("answers the régie's labels, or T2", async () => {
    const payfip = client();
    expect(await payfip.clientDetail('123456')).toEqual({
      numcli: '123456',
      libelleN1: 'COMMUNE DE CHANTELOUP',
      libelleN2: 'REGIE ENFANCE',
      libelleN3: 'GUICHET',
    });
    expect(await fault(payfip.clientDetail('000000'))).toMatchObject({ kind: 'fonctionnelle', code: 'T2' });
  });
});

describe('when the service fails', () => {
  it.each(['fonctionnelle', 'dysfonctionnement', 'indisponibilite', 'protocolaire'] as PayfipFaultKind[])(
    'turns a %s fault into a PayfipFault of that kind, on every operation',
    async (kind) => {
      const payfip = client();
      const calls = [
        () => payfip.createPayment(request()),
        () => payfip.paymentDetail('00000000-0000-4000-8000-000000000000'),
        () => payfip.clientDetail('123456'),
      ];
      for (const call of calls) {
        simulator.controls.setSoapBehaviour(`fault:${kind}:X9`, 'next-call');
        expect(await fault(call())).toMatchObject({ kind, code: 'X9', libelle: 'Erreur simulée X9' });
      }
      // The behaviour was for one call only.
      await expect(payfip.clientDetail('123456')).resolves.toHaveProperty('numcli', '123456');
    },
  );

  it('is unavailable on an HTTP 500 without a SOAP fault', async () => {
    simulator.controls.setSoapBehaviour('http-500');
    const error = await failure(client().clientDetail('123456'));
    expect(error).toBeInstanceOf(PayfipUnavailable);
    expect((error as Error).message).toContain('HTTP 500');
  });

  it('is unavailable when the service does not answer within the timeout', async () => {
    simulator.controls.setSoapBehaviour('timeout', 'next-call');
    // The service never answers: the timeout is certain to pass, however loaded the machine.
    const impatient = createPayfipClient({ ...simulatorAddresses(), timeoutMs: 200 });
    const error = await failure(impatient.createPayment(request()));
    expect(error).toBeInstanceOf(PayfipUnavailable);
    expect((error as Error).message).toContain('within 200 ms');
    expect(simulator.controls.payments()).toEqual([]);
  });

  it('is unavailable when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const payfip = createPayfipClient({
      endpoint: `http://127.0.0.1:${port}/tpa/services/securite`,
      paymentPageBase: simulator.paymentPageBase,
      timeoutMs: GENEROUS_MS,
    });
    expect(await failure(payfip.clientDetail('123456'))).toBeInstanceOf(PayfipUnavailable);
  });
});

describe('answers that are not what the service sends', () => {
  const answering = (body: string, status = 200) =>
    createPayfipClient({
      ...simulatorAddresses(),
      timeoutMs: GENEROUS_MS,
      fetch: async () => new Response(body, { status, headers: { 'content-type': 'text/xml' } }),
    });

  it('reads an answer whatever its prefixes, its indentation and the namespace of its fields', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
      <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
        <S:Body>
          <ns1:recupererDetailPaiementSecuriseResponse xmlns:ns1="urn:service" xmlns:r="urn:reponse">
            <return>
              <r:dattrans>03112026</r:dattrans><r:exer>2026</r:exer><r:heurtrans>0930</r:heurtrans>
              <r:idOp>abc</r:idOp><r:mel>a@b.fr</r:mel><r:montant>0100</r:montant><r:numauto/>
              <r:numcli>123456</r:numcli><r:objet>Facture</r:objet><r:refdet>0012</r:refdet>
              <r:resultrans>A</r:resultrans><r:saisie>T</r:saisie>
            </return>
          </ns1:recupererDetailPaiementSecuriseResponse>
        </S:Body>
      </S:Envelope>`;
    expect(await answering(body).paymentDetail('abc')).toEqual({
      idOp: 'abc',
      resultrans: 'A',
      amountCents: 100,
      numauto: null,
      dattrans: '03112026',
      heurtrans: '0930',
      refdet: '0012',
      exer: 2026,
      numcli: '123456',
      mel: 'a@b.fr',
      objet: 'Facture',
      saisie: 'T',
    });
  });

  it('is unavailable on a body that is not XML', async () => {
    expect(await failure(answering('<html><body>Maintenance').clientDetail('123456'))).toBeInstanceOf(
      PayfipUnavailable,
    );
    expect(await failure(answering('Service Unavailable', 503).clientDetail('123456'))).toBeInstanceOf(
      PayfipUnavailable,
    );
  });

  it('never expands an entity the answer declares', async () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY big "AAAAAAAAAA">]>' +
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      '<ns2:recupererDetailClientResponse xmlns:ns2="urn:x"><return><libelleN1>&secret;&big;</libelleN1>' +
      '<numcli>123456</numcli></return></ns2:recupererDetailClientResponse></soap:Body></soap:Envelope>';
    const error = await failure(answering(body).clientDetail('123456'));
    expect(error).toBeInstanceOf(PayfipUnavailable);
    expect(String((error as Error).cause)).toContain('document type');
  });

  it('is unavailable on well-formed XML that is not the answer', async () => {
    const body =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><other/></soap:Body></soap:Envelope>';
    expect(await failure(answering(body).paymentDetail('x'))).toBeInstanceOf(PayfipUnavailable);
  });

  it('is unavailable on a detail whose result it does not know', async () => {
    const body =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
      '<recupererDetailPaiementSecuriseResponse><return><resultrans>Q</resultrans><saisie>T</saisie>' +
      '<montant>100</montant><exer>2026</exer></return></recupererDetailPaiementSecuriseResponse>' +
      '</soap:Body></soap:Envelope>';
    expect(await failure(answering(body).paymentDetail('x'))).toBeInstanceOf(PayfipUnavailable);
  });
});

it('sends the citizen to the payment page with the idOp', () => {
  expect(client().paymentPageUrl('a-b')).toBe(`${simulator.paymentPageBase}?idop=a-b`);
});

function simulatorAddresses() {
  return { endpoint: simulator.endpoint, paymentPageBase: simulator.paymentPageBase };
}
