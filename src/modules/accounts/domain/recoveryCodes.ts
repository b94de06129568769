import { createHash } from 'node:crypto';
import { group, keyCharsOf, randomKeyChars } from './childKey.js';

/**
 * Single-use codes an agent keeps on paper in case the TOTP phone is lost: 10 characters of the
 * child key's readable alphabet, 50 bits each, shown as `XXXXX-XXXXX`.
 */
const CODE_LENGTH = 10;

export function newRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(group(randomKeyChars(CODE_LENGTH), 5));
  return [...codes];
}

/** The canonical form of what the user typed (any case, spaces, hyphens), or null. */
export function normalizeRecoveryCode(input: string): string | null {
  const chars = keyCharsOf(input, CODE_LENGTH);
  return chars === null ? null : group(chars, 5);
}

export function hashRecoveryCode(code: string): string {
  const canonical = normalizeRecoveryCode(code);
  if (canonical === null) throw new TypeError('hashRecoveryCode: not a recovery code');
  return createHash('sha256').update(canonical).digest('hex');
}
