/**
 * A PayFiP on loopback, for tests and for the demo: the same SOAP at `endpoint`, a payment page at
 * `paymentPageBase`, the notification POSTed to `urlnotif` and the citizen sent back to `urlredirect`,
 * as the real service does. `controls` lets a test make it misbehave the ways the real one is known to:
 * a notification never sent, sent twice or sent before the result exists, a SOAP call that fails.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../platform/clock.js';
import { formatLocalDate, formatLocalTime } from '../../shared/dates.js';
import type { PayfipFaultKind, PayfipResult } from '../payfip/payfip.js';
import { errorPage, PAGE_CHOICES, paymentPage } from './paymentPage.js';
import {
  DEFAULT_REGIES,
  refusal,
  SimulatedPayments,
  type CreationFields,
  type NotificationMode,
  type ServiceRefusal,
  type SimulatedPayment,
  type SimulatedRegie,
} from './simulatedPayments.js';
import { isFaultKind, readSoapRequest, soapAnswer, soapFault, type SimulatedOperation } from './simulatorSoap.js';

export type { NotificationMode, SimulatedPayment, SimulatedRegie } from './simulatedPayments.js';
export { DEFAULT_REGIES } from './simulatedPayments.js';

/**
 * How the SOAP endpoint answers: normally; HTTP 500 with a body that is no SOAP; never (the request hangs
 * until the client gives up); or one of the declared faults, e.g. `fault:indisponibilite:I1`.
 */
export type SoapBehaviour = 'ok' | 'http-500' | 'timeout' | `fault:${PayfipFaultKind}:${string}`;

export interface SentNotification {
  idOp: string;
  url: string;
  at: Date;
  /** The portal's HTTP status, or null when it could not be reached (the simulator carries on). */
  status: number | null;
}

export interface SimulatorControls {
  /** What happens to the notification of every payment created from now on, or of the next one only. */
  setNotificationMode(mode: NotificationMode, scope?: 'always' | 'next-payment'): void;
  /** How the SOAP endpoint answers every call from now on, or the next call only. */
  setSoapBehaviour(behaviour: SoapBehaviour, scope?: 'always' | 'next-call'): void;
  /** Settles a payment without a browser, notification included, as if the payer had chosen. */
  pay(idOp: string, result: PayfipResult): Promise<void>;
  /** The nightly purge: the idOps given (all by default) answer P1 from now on. */
  purge(idOp?: string): void;
  payments(): SimulatedPayment[];
  notifications(): SentNotification[];
  /** Back to a well-behaved service with no payment and no notification. */
  reset(): void;
}

export interface PayfipSimulator {
  endpoint: string;
  paymentPageBase: string;
  controls: SimulatorControls;
  close(): Promise<void>;
}

export interface PayfipSimulatorOptions {
  clock: Clock;
  /** A loopback address: the simulator is never reachable from elsewhere. */
  host?: string;
  /** 0, the default, lets the system choose a free port. */
  port?: number;
  regies?: readonly SimulatedRegie[];
}

const SOAP_PATH = '/tpa/services/securite';
const PAGE_PATH = '/tpa/paiementws.web';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY_BYTES = 256 * 1024;
/** How long the portal may take to take a notification; a notification that fails is dropped, like PayFiP's. */
const NOTIFICATION_TIMEOUT_MS = 10_000;

export async function startPayfipSimulator(options: PayfipSimulatorOptions): Promise<PayfipSimulator> {
  const { clock, host = '127.0.0.1', port = 0 } = options;
  if (!LOOPBACK.has(host)) throw new Error(`the PayFiP simulator listens on loopback only, not ${host}`);
  const payments = new SimulatedPayments(clock, options.regies ?? DEFAULT_REGIES);
  let notificationMode: NotificationMode = 'normal';
  let nextNotificationMode: NotificationMode | null = null;
  let soapBehaviour: SoapBehaviour = 'ok';
  let nextSoapBehaviour: SoapBehaviour | null = null;
  let sent: SentNotification[] = [];
  /** idOps whose result is being recorded: a second click meanwhile is a used idOp. */
  const concluding = new Set<string>();

  async function notify(payment: SimulatedPayment): Promise<void> {
    const notification: SentNotification = { idOp: payment.idOp, url: payment.urlnotif, at: clock.now(), status: null };
    sent.push(notification);
    try {
      const response = await fetch(payment.urlnotif, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ idop: payment.idOp }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(NOTIFICATION_TIMEOUT_MS),
      });
      notification.status = response.status;
      await response.arrayBuffer();
    } catch {
      // The portal is down or slow: the real service does not retry either; the portal's job polls.
    }
  }

  async function conclude(idOp: string, result: PayfipResult): Promise<void> {
    const payment = payments.get(idOp);
    if (!payment) throw new Error(`unknown idOp ${idOp}`);
    if (payment.result || concluding.has(idOp)) throw new Error(`idOp ${idOp} already has its result`);
    concluding.add(idOp);
    try {
      if (payment.notification === 'before-result') {
        await notify(payment);
        payments.settle(idOp, result);
        return;
      }
      payments.settle(idOp, result);
      if (payment.notification === 'never') return;
      await notify(payment);
      if (payment.notification === 'twice') await notify(payment);
    } finally {
      concluding.delete(idOp);
    }
  }

  function pageRefusal(idOp: string): ServiceRefusal | null {
    return concluding.has(idOp) ? refusal('P3') : payments.pageRefusal(idOp);
  }

  function answerSoap(operation: SimulatedOperation, arg0: (name: string) => string): [number, string] {
    if (operation === 'creerPaiementSecurise') {
      const fields = Object.fromEntries(
        ['exer', 'mel', 'montant', 'numcli', 'objet', 'refdet', 'saisie', 'urlnotif', 'urlredirect'].map((name) => [
          name,
          arg0(name),
        ]),
      ) as CreationFields;
      const mode = nextNotificationMode ?? notificationMode;
      const created = payments.create(fields, mode);
      if ('code' in created) return [500, soapFault({ kind: 'fonctionnelle', ...created })];
      nextNotificationMode = null;
      return [200, soapAnswer(operation, [['idOp', created.idOp]])];
    }
    if (operation === 'recupererDetailPaiementSecurise') {
      const payment = payments.get(arg0('idOp'));
      if (!payment) return [500, soapFault({ kind: 'fonctionnelle', ...refusal('P1') })];
      if (!payment.result) return [500, soapFault({ kind: 'fonctionnelle', ...refusal('P5') })];
      const { at, numauto, resultrans } = payment.result;
      return [
        200,
        soapAnswer(operation, [
          ['dattrans', formatLocalDate(at).replaceAll('/', '')],
          ['exer', payment.exer],
          ['heurtrans', formatLocalTime(at).replace(':', '')],
          ['idOp', payment.idOp],
          ['mel', payment.mel],
          ['montant', payment.montant],
          ['numauto', numauto],
          ['numcli', payment.numcli],
          ['objet', payment.objet],
          ['refdet', payment.refdet],
          ['resultrans', resultrans],
          ['saisie', payment.saisie],
        ]),
      ];
    }
    const regie = payments.regie(arg0('numCli'));
    if (!regie) return [500, soapFault({ kind: 'fonctionnelle', ...refusal('T2') })];
    return [
      200,
      soapAnswer(operation, [
        ['libelleN1', regie.libelleN1],
        ['libelleN2', regie.libelleN2],
        ['libelleN3', regie.libelleN3],
        ['numcli', regie.numcli],
      ]),
    ];
  }

  async function handleSoap(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const behaviour = nextSoapBehaviour ?? soapBehaviour;
    nextSoapBehaviour = null;
    // Never answered: the client's timeout ends it (close() cuts what is left).
    if (behaviour === 'timeout') return;
    if (behaviour === 'http-500') return send(response, 500, 'text/html; charset=utf-8', '<h1>Erreur interne</h1>');
    if (behaviour.startsWith('fault:')) {
      const [, kind = '', code = ''] = behaviour.split(':');
      if (!isFaultKind(kind)) throw new Error(`unknown fault kind ${kind}`);
      return sendXml(response, 500, soapFault({ kind, code, libelle: `Erreur simulée ${code}` }));
    }
    const soap = body === null ? { unreadable: 'body too large' } : readSoapRequest(body);
    if ('unreadable' in soap) {
      return sendXml(response, 500, soapFault({ kind: 'protocolaire', code: 'S0', libelle: soap.unreadable }));
    }
    const [status, xml] = answerSoap(soap.operation, soap.arg0);
    sendXml(response, status, xml);
  }

  async function handlePage(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    if (request.method === 'GET') {
      const idOp = url.searchParams.get('idop') ?? url.searchParams.get('idOp') ?? '';
      const refused = pageRefusal(idOp);
      const payment = payments.get(idOp);
      const regie = payment && payments.regie(payment.numcli);
      if (refused || !payment || !regie)
        return sendPage(response, 400, errorPage(refused ?? refusal('P1'), nonce), nonce);
      return sendPage(response, 200, paymentPage({ payment, regie, action: PAGE_PATH, nonce }), nonce);
    }
    const body = await readBody(request);
    const form = new URLSearchParams(body ?? '');
    const idOp = form.get('idop') ?? '';
    const choice = PAGE_CHOICES.find(({ value }) => value === form.get('choix'));
    const refused = pageRefusal(idOp);
    if (refused) return sendPage(response, 400, errorPage(refused, nonce), nonce);
    if (!choice) return send(response, 400, 'text/plain; charset=utf-8', 'Choix inconnu');
    await conclude(idOp, choice.value);
    response.writeHead(303, { location: payments.get(idOp)?.urlredirect ?? '/' }).end();
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const handled =
      url.pathname === SOAP_PATH && request.method === 'POST'
        ? handleSoap(request, response)
        : url.pathname === PAGE_PATH && (request.method === 'GET' || request.method === 'POST')
          ? handlePage(request, response, url)
          : Promise.resolve(send(response, 404, 'text/plain; charset=utf-8', 'Introuvable'));
    handled.catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Erreur du simulateur');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const controls: SimulatorControls = {
    setNotificationMode(mode, scope = 'always') {
      if (scope === 'next-payment') nextNotificationMode = mode;
      else notificationMode = mode;
    },
    setSoapBehaviour(behaviour, scope = 'always') {
      if (scope === 'next-call') nextSoapBehaviour = behaviour;
      else soapBehaviour = behaviour;
    },
    pay: conclude,
    purge: (idOp) => payments.purge(idOp),
    payments: () => payments.all().map((payment) => structuredClone(payment)),
    notifications: () => sent.map((notification) => ({ ...notification })),
    reset() {
      notificationMode = 'normal';
      nextNotificationMode = null;
      soapBehaviour = 'ok';
      nextSoapBehaviour = null;
      sent = [];
      payments.purge();
    },
  };

  return {
    endpoint: `${origin}${SOAP_PATH}`,
    paymentPageBase: `${origin}${PAGE_PATH}`,
    controls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Hung SOAP calls ('timeout') and idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or null past the bound (a SOAP call or a form of ours is a few hundred bytes). */
async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body);
}

function sendXml(response: ServerResponse, status: number, xml: string): void {
  send(response, status, 'text/xml; charset=utf-8', xml);
}

function sendPage(response: ServerResponse, status: number, html: string, nonce: string): void {
  response.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; frame-ancestors 'none'`,
  );
  response.setHeader('cache-control', 'no-store');
  send(response, status, 'text/html; charset=utf-8', html);
}
