/**
 * The client and the WSDL kept in the repository say the same thing: the requests the client really
 * sends are read back against the WSDL's operations, elements, namespace and sequences, and the faults it
 * recognises are the ones the WSDL declares.
 */
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { PayfipPaymentRequest } from './payfip.js';
import { createPayfipClient, PAYFIP_FAULT_ELEMENTS, PAYFIP_REQUESTS, type PayfipOperation } from './payfipClient.js';
import { PAYFIP_NAMESPACE, SOAP_ENVELOPE_NAMESPACE } from './soapXml.js';

/** Every element kept as a list, attributes under `@`, names with their prefixes: the document as written. */
const literal = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  processEntities: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});
type Node = Record<string, unknown>;
const list = (node: Node, name: string) => (node[name] ?? []) as Node[];
const one = (node: Node, name: string) => {
  const found = list(node, name);
  expect(found, `one <${name}>`).toHaveLength(1);
  return found[0] as Node;
};
const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const wsdl = one(
  literal.parse(readFileSync(new URL('./wsdl/PaiementSecuriseService.wsdl', import.meta.url), 'utf8')) as Node,
  'definitions',
);
const schema = one(one(wsdl, 'types'), 'xsd:schema');
const elementType = (name: string) => {
  const element = list(schema, 'xsd:element').find((candidate) => candidate['@name'] === name);
  expect(element, `the schema's element ${name}`).toBeDefined();
  return local(String(element?.['@type']));
};
const complexType = (name: string) => {
  const type = list(schema, 'xsd:complexType').find((candidate) => candidate['@name'] === name);
  expect(type, `the schema's type ${name}`).toBeDefined();
  return type as Node;
};
const sequence = (typeName: string) =>
  list(one(complexType(typeName), 'xsd:sequence'), 'xsd:element').map((element) => ({
    name: String(element['@name']),
    type: local(String(element['@type'])),
  }));
const messageElement = (qname: string) => {
  const message = list(wsdl, 'message').find((candidate) => candidate['@name'] === local(qname));
  return local(String(one(message as Node, 'part')['@element']));
};
const operations = list(one(wsdl, 'portType'), 'operation');

/** The requests the client sends, as they leave it. */
async function sentRequests(): Promise<Map<PayfipOperation, string>> {
  const sent: string[] = [];
  const client = createPayfipClient({
    endpoint: 'http://127.0.0.1:9/tpa/services/securite',
    paymentPageBase: 'http://127.0.0.1:9/tpa/paiementws.web',
    timeoutMs: 1_000,
    fetch: async (_url, init) => {
      sent.push(String(init?.body));
      return new Response('not a SOAP answer');
    },
  });
  const request: PayfipPaymentRequest = {
    numcli: '123456',
    exer: 2026,
    refdet: 'F1',
    objet: 'Facture',
    amountCents: 100,
    mel: 'a@b.fr',
    urlnotif: 'http://127.0.0.1/n',
    urlredirect: 'http://127.0.0.1/r',
    saisie: 'T',
  };
  await Promise.allSettled([client.createPayment(request), client.paymentDetail('x'), client.clientDetail('123456')]);
  return new Map(
    sent.map((body) => {
      const operation = Object.keys(PAYFIP_REQUESTS).find((name) => body.includes(`:${name}>`));
      return [operation as PayfipOperation, body];
    }),
  );
}

describe('the WSDL and the client', () => {
  it('declare the same three operations, document/literal', () => {
    expect(operations.map((operation) => operation['@name'])).toEqual(Object.keys(PAYFIP_REQUESTS));
    expect(wsdl['@targetNamespace']).toBe(PAYFIP_NAMESPACE);
    expect(schema['@targetNamespace']).toBe(PAYFIP_NAMESPACE);
    expect(schema['@elementFormDefault']).toBe('unqualified');
    const binding = one(wsdl, 'binding');
    expect(one(binding, 'soap:binding')['@style']).toBe('document');
    for (const operation of list(binding, 'operation')) {
      expect(one(one(operation, 'input'), 'soap:body')['@use']).toBe('literal');
    }
  });

  it('send each operation as its element in the namespace, with arg0 holding the sequence of the WSDL, in order', async () => {
    const requests = await sentRequests();
    for (const operation of operations) {
      const name = operation['@name'] as PayfipOperation;
      const inputElement = messageElement(String(one(operation, 'input')['@message']));
      expect(inputElement).toBe(name);
      const [arg0, ...others] = sequence(elementType(inputElement));
      expect(arg0?.name).toBe('arg0');
      expect(others).toEqual([]);
      const expected = sequence(arg0?.type ?? '').map((field) => field.name);

      const body = requests.get(name);
      expect(body, `the client sends ${name}`).toBeDefined();
      const envelope = one(literal.parse(body ?? '') as Node, 'soapenv:Envelope');
      expect(envelope['@xmlns:soapenv']).toBe(SOAP_ENVELOPE_NAMESPACE);
      const bodyElement = one(envelope, 'soapenv:Body');
      const [qname, ...rest] = Object.keys(bodyElement);
      expect(rest).toEqual([]);
      const [prefix, localName] = String(qname).split(':');
      expect(localName).toBe(name);
      expect(envelope[`@xmlns:${prefix}`]).toBe(PAYFIP_NAMESPACE);
      const sentArg0 = one(one(bodyElement, String(qname)), 'arg0');
      expect(Object.keys(sentArg0)).toEqual(expected);
    }
  });

  it('read the answer the WSDL declares for each operation: its element holds `return`', () => {
    for (const operation of operations) {
      const name = String(operation['@name']);
      const output = messageElement(String(one(operation, 'output')['@message']));
      expect(output).toBe(`${name}Response`);
      expect(sequence(elementType(output)).map((field) => field.name)).toEqual(['return']);
    }
    const detail = sequence(sequence('recupererDetailPaiementSecuriseResponse')[0]?.type ?? '');
    expect(detail.map((field) => field.name)).toEqual([
      'dattrans',
      'exer',
      'heurtrans',
      'idOp',
      'mel',
      'montant',
      'numauto',
      'numcli',
      'objet',
      'refdet',
      'resultrans',
      'saisie',
    ]);
  });

  it('know the same four faults, each {code, descriptif, libelle, message, severite}, on every operation', () => {
    const faults = Object.values(PAYFIP_FAULT_ELEMENTS);
    for (const operation of operations) {
      expect(list(operation, 'fault').map((fault) => messageElement(String(fault['@message'])))).toEqual(faults);
    }
    for (const fault of faults) {
      const extension = one(one(complexType(elementType(fault)), 'xsd:complexContent'), 'xsd:extension');
      expect(sequence(local(String(extension['@base']))).map((field) => field.name)).toEqual([
        'code',
        'descriptif',
        'libelle',
        'message',
        'severite',
      ]);
    }
  });
});
