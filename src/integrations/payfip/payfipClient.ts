/**
 * The SOAP client of PayFiP's secure payment web service (`wsdl/PaiementSecuriseService.wsdl`). It checks
 * nothing the service checks: the portal validates before calling, and the service has the last word.
 * Whatever is not a well-formed answer or a declared fault is `PayfipUnavailable`: the caller tries again
 * later, and the reconciliation job asks again.
 */
import {
  PayfipFault,
  PayfipUnavailable,
  type PayfipClient,
  type PayfipClientDetail,
  type PayfipFaultKind,
  type PayfipMode,
  type PayfipPaymentDetail,
  type PayfipPaymentRequest,
  type PayfipResult,
} from './payfip.js';
import {
  PAYFIP_NAMESPACE,
  SOAP_ENVELOPE_NAMESPACE,
  XmlRefused,
  childText,
  escapeXml,
  isElement,
  parseXml,
  type XmlElement,
} from './soapXml.js';

export interface PayfipClientOptions {
  /** The service's address (the WSDL's own names an old host: the address is always a setting). */
  endpoint: string;
  /** The payment page the citizen is sent to, `?idop=` added. */
  paymentPageBase: string;
  /** How long one call may take, answer included, before it is `PayfipUnavailable`. */
  timeoutMs: number;
  /** For tests that look at the requests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** The operations and the fields of their `arg0`, in the order of the WSDL's sequences. */
export const PAYFIP_REQUESTS = {
  creerPaiementSecurise: ['exer', 'mel', 'montant', 'numcli', 'objet', 'refdet', 'saisie', 'urlnotif', 'urlredirect'],
  recupererDetailPaiementSecurise: ['idOp'],
  recupererDetailClient: ['numCli'],
} as const;

export type PayfipOperation = keyof typeof PAYFIP_REQUESTS;
type RequestFields<O extends PayfipOperation> = Record<(typeof PAYFIP_REQUESTS)[O][number], string>;

/** The element of each fault kind, as the WSDL names it. */
export const PAYFIP_FAULT_ELEMENTS: Record<PayfipFaultKind, string> = {
  fonctionnelle: 'FonctionnelleErreur',
  dysfonctionnement: 'TechDysfonctionnementErreur',
  indisponibilite: 'TechIndisponibiliteErreur',
  protocolaire: 'TechProtocolaireErreur',
};

const RESULTS: readonly PayfipResult[] = ['P', 'V', 'R', 'Z', 'A'];
const MODES: readonly PayfipMode[] = ['T', 'X', 'W'];

export function createPayfipClient(options: PayfipClientOptions): PayfipClient {
  const send = options.fetch ?? fetch;

  async function call<O extends PayfipOperation>(operation: O, fields: RequestFields<O>): Promise<XmlElement> {
    const body = soapRequest(operation, fields);
    let status: number;
    let text: string;
    try {
      const response = await send(options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body,
        // Covers the answer's body too: a service that sends its headers then stalls is cut as well.
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new PayfipUnavailable(
        timedOut
          ? `PayFiP did not answer ${operation} within ${options.timeoutMs} ms`
          : `PayFiP unreachable (${operation})`,
        { cause: error },
      );
    }
    return readAnswer(operation, status, text);
  }

  return {
    async createPayment(request: PayfipPaymentRequest) {
      const answer = await call('creerPaiementSecurise', {
        exer: String(request.exer),
        mel: request.mel,
        montant: String(request.amountCents),
        numcli: request.numcli,
        objet: request.objet,
        refdet: request.refdet,
        saisie: request.saisie,
        urlnotif: request.urlnotif,
        urlredirect: request.urlredirect,
      });
      const idOp = childText(answer, 'idOp');
      if (!idOp) throw unexpected('creerPaiementSecurise', 'no idOp');
      return { idOp };
    },

    async paymentDetail(idOp: string): Promise<PayfipPaymentDetail> {
      const answer = await call('recupererDetailPaiementSecurise', { idOp });
      const text = (name: string) => {
        const value = childText(answer, name);
        if (value === undefined) throw unexpected('recupererDetailPaiementSecurise', `${name} is not text`);
        return value;
      };
      const resultrans = text('resultrans');
      const saisie = text('saisie');
      if (!isOneOf(RESULTS, resultrans)) throw unexpected('recupererDetailPaiementSecurise', 'unknown resultrans');
      if (!isOneOf(MODES, saisie)) throw unexpected('recupererDetailPaiementSecurise', 'unknown saisie');
      return {
        idOp: text('idOp') || idOp,
        resultrans,
        amountCents: wholeNumber(text('montant'), 'montant'),
        numauto: text('numauto') || null,
        dattrans: text('dattrans'),
        heurtrans: text('heurtrans'),
        refdet: text('refdet'),
        exer: wholeNumber(text('exer'), 'exer'),
        numcli: text('numcli'),
        mel: text('mel'),
        objet: text('objet'),
        saisie,
      };
    },

    async clientDetail(numcli: string): Promise<PayfipClientDetail> {
      const answer = await call('recupererDetailClient', { numCli: numcli });
      const text = (name: string) => childText(answer, name) ?? '';
      return {
        numcli: text('numcli') || numcli,
        libelleN1: text('libelleN1'),
        libelleN2: text('libelleN2'),
        libelleN3: text('libelleN3'),
      };
    },

    paymentPageUrl(idOp: string): string {
      const url = new URL(options.paymentPageBase);
      url.searchParams.set('idop', idOp);
      return url.toString();
    },
  };
}

/** The envelope of one call: the operation's element in the service's namespace, its `arg0` unqualified. */
export function soapRequest<O extends PayfipOperation>(operation: O, fields: RequestFields<O>): string {
  const values = PAYFIP_REQUESTS[operation] as readonly (keyof RequestFields<O>)[];
  const arg0 = values.map((name) => `<${String(name)}>${escapeXml(fields[name])}</${String(name)}>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NAMESPACE}" xmlns:pai="${PAYFIP_NAMESPACE}">` +
    `<soapenv:Body><pai:${operation}><arg0>${arg0}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`
  );
}

/** The `return` of an answer, or the fault it carries as `PayfipFault`, or `PayfipUnavailable`. */
function readAnswer(operation: PayfipOperation, status: number, text: string): XmlElement {
  let document: XmlElement;
  try {
    document = parseXml(text);
  } catch (error) {
    if (!(error instanceof XmlRefused)) throw error;
    throw new PayfipUnavailable(
      status >= 400 ? `PayFiP answered HTTP ${status} (${operation})` : `PayFiP's answer is not XML (${operation})`,
      { cause: error },
    );
  }
  const envelope = document.Envelope;
  const body = isElement(envelope) ? envelope.Body : undefined;
  if (!isElement(body)) throw unexpected(operation, 'no SOAP body', status);
  const fault = body.Fault;
  if (isElement(fault)) throw faultOf(operation, fault, status);
  if (status >= 400) throw new PayfipUnavailable(`PayFiP answered HTTP ${status} (${operation})`);
  const response = body[`${operation}Response`];
  const answer = isElement(response) ? response.return : undefined;
  if (!isElement(answer)) throw unexpected(operation, 'no return element', status);
  return answer;
}

/** A fault with one of the four declared details is PayFiP's answer; any other fault is the service failing. */
function faultOf(operation: PayfipOperation, fault: XmlElement, status: number): Error {
  const detail = fault.detail;
  if (isElement(detail)) {
    for (const [kind, element] of Object.entries(PAYFIP_FAULT_ELEMENTS) as [PayfipFaultKind, string][]) {
      const erreur = detail[element];
      if (!isElement(erreur)) continue;
      const text = (name: string) => childText(erreur, name) ?? '';
      return new PayfipFault(kind, text('code'), text('libelle'), text('descriptif'), text('severite'));
    }
  }
  const faultstring = childText(fault, 'faultstring') ?? '';
  return new PayfipUnavailable(
    `PayFiP answered a SOAP fault it does not declare (${operation}, HTTP ${status}): ${faultstring}`,
  );
}

function unexpected(operation: PayfipOperation, what: string, status?: number): PayfipUnavailable {
  return new PayfipUnavailable(
    `PayFiP's answer to ${operation} is not the expected one: ${what}${status ? ` (HTTP ${status})` : ''}`,
  );
}

function wholeNumber(text: string, name: string): number {
  if (!/^\d{1,15}$/.test(text)) throw unexpected('recupererDetailPaiementSecurise', `${name} is not a whole number`);
  return Number(text);
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
