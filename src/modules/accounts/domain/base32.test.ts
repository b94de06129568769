import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.js';

// RFC 4648 §10, without the padding.
const vectors: [string, string][] = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32', () => {
  it('encodes and decodes the RFC 4648 vectors', () => {
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain)), plain).toBe(encoded);
      expect(Buffer.from(base32Decode(encoded)).toString(), encoded).toBe(plain);
    }
  });

  it('reads lower case, spaces and padding', () => {
    expect(Buffer.from(base32Decode('mzxw 6ytb oi======')).toString()).toBe('foobar');
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => base32Decode('MZXW1')).toThrow(TypeError);
  });
});
