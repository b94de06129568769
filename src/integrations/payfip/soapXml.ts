/**
 * The XML PayFiP's SOAP is written in, both ways: values escaped on the way out, answers read by a real
 * parser that never expands an entity. SOAP 1.1 forbids a document type declaration in a message, so a
 * body holding one is refused before it is read: no entity of the sender's is ever defined.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const SOAP_ENVELOPE_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The namespace of the service's operations (the body's element), as the WSDL in `wsdl/` declares it. */
export const PAYFIP_NAMESPACE =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

/** A parsed element: its text, or its children by local name (namespace prefixes dropped). */
export type XmlValue = string | XmlElement | XmlValue[];
export interface XmlElement {
  [localName: string]: XmlValue;
}

/** Characters XML 1.0 cannot carry at all, not even as a character reference. */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A value as element text. A character XML cannot carry is the caller's bug (the portal checks every
 * field before calling): it throws a RangeError rather than sending another value than the one given.
 */
export function escapeXml(value: string): string {
  if (NOT_XML.test(value)) throw new RangeError('a value holds a character XML cannot carry');
  return value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export class XmlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRefused';
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay the strings they are: a refdet "0012" is not the number 12.
  parseTagValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // No entity is expanded by the parser: the five of XML and character references are decoded below.
  processEntities: false,
  htmlEntities: false,
});

/**
 * Reads a document into plain values (elements by local name, texts decoded). Throws `XmlRefused` for a
 * body that is not well-formed XML or that declares a document type.
 */
export function parseXml(text: string): XmlElement {
  if (/<!DOCTYPE/i.test(text)) throw new XmlRefused('a document type declaration, which SOAP forbids');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRefused(`not well-formed XML: ${valid.err.msg}`);
  const parsed: unknown = parser.parse(text);
  if (!isElement(parsed)) throw new XmlRefused('no root element');
  return decodeTexts(parsed) as XmlElement;
}

export function isElement(value: XmlValue | unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a child element, '' for an empty or absent one; undefined when the child is not text. */
export function childText(element: XmlElement, name: string): string | undefined {
  const value = element[name];
  if (value === undefined) return '';
  return typeof value === 'string' ? value : undefined;
}

function decodeTexts(value: unknown): XmlValue {
  if (typeof value === 'string') return decodeEntities(value);
  if (Array.isArray(value)) return value.map(decodeTexts);
  if (isElement(value)) {
    const decoded: XmlElement = {};
    for (const [name, child] of Object.entries(value)) decoded[name] = decodeTexts(child);
    return decoded;
  }
  // An element with neither text nor children comes out of the parser as ''; anything else is text.
  return String(value ?? '');
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and character references; any other name is left as it is written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}
