/**
 * The simulator's side of the SOAP: it reads a request as the real service would (the operation's element
 * in the body, its `arg0`) and writes answers and faults in the shapes of the WSDL. Written apart from the
 * client's envelope, so that a mistake in one is not mirrored by the other.
 */
import type { PayfipFaultKind } from '../payfip/payfip.js';
import { childText, escapeXml, isElement, parseXml, PAYFIP_NAMESPACE, XmlRefused } from '../payfip/soapXml.js';

export const SIMULATED_OPERATIONS = [
  'creerPaiementSecurise',
  'recupererDetailPaiementSecurise',
  'recupererDetailClient',
] as const;
export type SimulatedOperation = (typeof SIMULATED_OPERATIONS)[number];

export type SoapRequest = { operation: SimulatedOperation; arg0: (name: string) => string } | { unreadable: string };

export function readSoapRequest(text: string): SoapRequest {
  let document;
  try {
    document = parseXml(text);
  } catch (error) {
    if (error instanceof XmlRefused) return { unreadable: error.message };
    throw error;
  }
  const envelope = document.Envelope;
  const body = isElement(envelope) ? envelope.Body : undefined;
  if (!isElement(body)) return { unreadable: 'no SOAP body' };
  const operation = SIMULATED_OPERATIONS.find((name) => name in body);
  if (!operation) return { unreadable: 'no known operation in the body' };
  const element = body[operation];
  const arg0 = isElement(element) ? element.arg0 : undefined;
  if (!isElement(arg0)) return { unreadable: `${operation} without arg0` };
  return { operation, arg0: (name) => childText(arg0, name) ?? '' };
}

/** An answer: `<operation>Response><return>` with the fields given, in the order given. */
export function soapAnswer(operation: SimulatedOperation, fields: [string, string][]): string {
  const values = fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
  return envelope(
    `<ns2:${operation}Response xmlns:ns2="${PAYFIP_NAMESPACE}"><return>${values}</return></ns2:${operation}Response>`,
  );
}

const FAULT_ELEMENTS: Record<PayfipFaultKind, string> = {
  fonctionnelle: 'FonctionnelleErreur',
  dysfonctionnement: 'TechDysfonctionnementErreur',
  indisponibilite: 'TechIndisponibiliteErreur',
  protocolaire: 'TechProtocolaireErreur',
};

export interface SimulatedFault {
  kind: PayfipFaultKind;
  code: string;
  libelle: string;
}

/** A declared fault, sent with HTTP 500 as SOAP 1.1 wants. */
export function soapFault({ kind, code, libelle }: SimulatedFault): string {
  const element = FAULT_ELEMENTS[kind];
  const faultcode = kind === 'fonctionnelle' || kind === 'protocolaire' ? 'soap:Client' : 'soap:Server';
  const fields = [
    ['code', code],
    ['descriptif', `${libelle} (simulateur PayFiP)`],
    ['libelle', libelle],
    ['message', libelle],
    ['severite', kind === 'fonctionnelle' ? '2' : '1'],
  ]
    .map(([name, value]) => `<${name}>${escapeXml(value ?? '')}</${name}>`)
    .join('');
  return envelope(
    `<soap:Fault><faultcode>${faultcode}</faultcode><faultstring>${escapeXml(libelle)}</faultstring>` +
      `<detail><ns2:${element} xmlns:ns2="${PAYFIP_NAMESPACE}">${fields}</ns2:${element}></detail></soap:Fault>`,
  );
}

export function isFaultKind(value: string): value is PayfipFaultKind {
  return value in FAULT_ELEMENTS;
}

function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`
  );
}
