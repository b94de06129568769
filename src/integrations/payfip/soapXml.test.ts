import { describe, expect, it } from 'vitest';
import { escapeXml, parseXml, XmlRefused } from './soapXml.js';

describe('escapeXml', () => {
  it('writes the five markup characters as references and leaves the rest as it is', () => {
    expect(escapeXml(`a<b>&"c'é€😀`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;é€😀');
  });

  it('refuses what XML cannot carry rather than sending another value', () => {
    expect(() => escapeXml('abc\u0000')).toThrow(RangeError);
    expect(() => escapeXml('abc\u001b')).toThrow(RangeError);
    expect(() => escapeXml('\ud800')).toThrow(RangeError);
    expect(escapeXml('tab\tand\nlines\r')).toBe('tab\tand\nlines\r');
  });
});

describe('parseXml', () => {
  it('reads elements by local name, texts as strings with references decoded', () => {
    const document = parseXml(
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Body><a>0012</a><b>x &lt;&amp;&gt; &#233;&#xE9; &unknown;</b><c/></s:Body></s:Envelope>',
    );
    expect(document).toEqual({ Envelope: { Body: { a: '0012', b: 'x <&> éé &unknown;', c: '' } } });
  });

  it('refuses a document type declaration, so that no entity of the sender is ever defined', () => {
    const bomb = '<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]><a>&y;</a>';
    expect(() => parseXml(bomb)).toThrow(XmlRefused);
    expect(() => parseXml('<!doctype a SYSTEM "file:///etc/passwd"><a/>')).toThrow(XmlRefused);
  });

  it('refuses what is not well-formed XML', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlRefused);
    expect(() => parseXml('Service Unavailable')).toThrow(XmlRefused);
    expect(() => parseXml('')).toThrow(XmlRefused);
  });
});
