import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32.js';
import { newTotpSecret, otpauthUri, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA-1: the secret is the ASCII "12345678901234567890".
const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));
const rfcVectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];
const seconds = (s: number) => new Date(s * 1000);

describe('totpCode', () => {
  it('gives the RFC 6238 SHA-1 codes with 8 digits', () => {
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    for (const [time, code] of rfcVectors) expect(totpCode(rfcSecret, seconds(time), 8), String(time)).toBe(code);
  });

  it('gives their last 6 digits by default', () => {
    for (const [time, code] of rfcVectors) expect(totpCode(rfcSecret, seconds(time)), String(time)).toBe(code.slice(2));
  });

  it('changes exactly at each 30 s step', () => {
    expect(totpCode(rfcSecret, new Date(59_999))).toBe(totpCode(rfcSecret, seconds(30)));
    expect(totpCode(rfcSecret, seconds(60))).not.toBe(totpCode(rfcSecret, new Date(59_999)));
  });
});

describe('verifyTotp', () => {
  const now = seconds(1111111111); // step 37037037, 1 s into it
  const step = 37037037;
  const codeAt = (s: number) => totpCode(rfcSecret, seconds(s * 30));

  it('accepts the current step and one on either side, and says which', () => {
    expect(verifyTotp(rfcSecret, codeAt(step), now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(rfcSecret, codeAt(step - 1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(rfcSecret, codeAt(step + 1), now, null)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses two steps away', () => {
    expect(verifyTotp(rfcSecret, codeAt(step - 2), now, null)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(step + 2), now, null)).toEqual({ ok: false });
  });

  it('refuses a step already used, or older', () => {
    expect(verifyTotp(rfcSecret, codeAt(step), now, step)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(step - 1), now, step)).toEqual({ ok: false });
    expect(verifyTotp(rfcSecret, codeAt(step), now, step - 1)).toEqual({ ok: true, step });
    expect(verifyTotp(rfcSecret, codeAt(step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it('ignores spaces, refuses anything but 6 digits', () => {
    const code = codeAt(step);
    expect(verifyTotp(rfcSecret, ` ${code.slice(0, 3)} ${code.slice(3)} `, now, null)).toEqual({ ok: true, step });
    for (const bad of [code.slice(1), `${code}0`, '', 'abcdef', `${code.slice(0, 5)}x`]) {
      expect(verifyTotp(rfcSecret, bad, now, null), bad).toEqual({ ok: false });
    }
  });
});

describe('newTotpSecret', () => {
  it('is 20 random bytes in unpadded base32', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(newTotpSecret());
    expect(totpCode(secret, seconds(0))).toMatch(/^\d{6}$/);
  });
});

describe('otpauthUri', () => {
  it('names the issuer and the account, encoded', () => {
    expect(otpauthUri({ secret: rfcSecret, account: 'agent@mairie.fr', issuer: 'Parvis Chanteloup' })).toBe(
      'otpauth://totp/Parvis%20Chanteloup:agent%40mairie.fr?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' +
        '&issuer=Parvis%20Chanteloup&algorithm=SHA1&digits=6&period=30',
    );
  });
});
