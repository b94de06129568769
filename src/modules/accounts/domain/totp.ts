import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

/**
 * The agents' second factor (SECURITY.md): TOTP of RFC 6238 with the settings every authenticator
 * app reads by default (SHA-1, 6 digits, 30 s). Randomness comes straight from node:crypto: a
 * secret must never be predictable, so nothing is injected. Ours rather than a package's: ADR 0010.
 */
const STEP_SECONDS = 30;
const DIGITS = 6;

/** 160 bits, the HMAC-SHA-1 key size RFC 4226 recommends. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The code at an instant; `digits` is there for the RFC's own 8-digit test vectors. */
export function totpCode(secretBase32: string, at: Date, digits = DIGITS): string {
  return hotp(base32Decode(secretBase32), stepAt(at), digits);
}

/**
 * Accepts the current step and one on either side (clock drift, time to type), never a step
 * already used (RFC 6238 §5.2: a code is single use). The caller stores the returned step.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  at: Date,
  lastUsedStep: number | null,
): { ok: true; step: number } | { ok: false } {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return { ok: false };
  const key = base32Decode(secretBase32);
  const current = stepAt(at);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    // Constant time, so the answer time says nothing about how many digits were right.
    if (timingSafeEqual(Buffer.from(hotp(key, step, DIGITS)), Buffer.from(typed))) matched = step;
  }
  return matched === null ? { ok: false } : { ok: true, step: matched };
}

export function otpauthUri({ secret, account, issuer }: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = `secret=${encodeURIComponent(secret)}&issuer=${encodeURIComponent(issuer)}`;
  return `otpauth://totp/${label}?${query}&algorithm=SHA1&digits=${DIGITS}&period=${STEP_SECONDS}`;
}

function stepAt(at: Date): number {
  return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/** RFC 4226 §5.3: HMAC of the 8-byte counter, dynamic truncation, last `digits` decimal digits. */
function hotp(key: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}
