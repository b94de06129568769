import { createHash, randomBytes } from 'node:crypto';

/**
 * The « Clé Enfance » a family receives to link a child (SECURITY.md: random, ≥ 64 bits, readable
 * alphabet). 16 characters of 5 bits each: 80 bits.
 *
 * The alphabet is 2–9 and A–Z without I and O: 0, 1, I and O are the pairs people mistake for each
 * other, so none of them is used. Exactly 32 characters, so one random byte masked to 5 bits picks
 * one without bias (256 is a multiple of 32). Randomness comes straight from node:crypto: a key
 * must never be predictable, so nothing is injected.
 */
export const KEY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

const CHILD_KEY_LENGTH = 16;

export function newChildKey(): string {
  return group(randomKeyChars(CHILD_KEY_LENGTH), 4);
}

/** The canonical form of what the user typed (any case, spaces, hyphens), or null if it is not a key. */
export function normalizeChildKey(input: string): string | null {
  const chars = keyCharsOf(input, CHILD_KEY_LENGTH);
  return chars === null ? null : group(chars, 4);
}

/** SHA-256 of the canonical form: 80 random bits leave nothing to guess from the hash. */
export function hashChildKey(key: string): string {
  const canonical = normalizeChildKey(key);
  if (canonical === null) throw new TypeError('hashChildKey: not a child key');
  return createHash('sha256').update(canonical).digest('hex');
}

/** `length` random characters of the alphabet. Shared with the recovery codes. */
export function randomKeyChars(length: number): string {
  return [...randomBytes(length)].map((byte) => KEY_ALPHABET[byte & 31]).join('');
}

/** The characters of `input` upper-cased, without spaces and hyphens, if exactly `length` of the alphabet. */
export function keyCharsOf(input: string, length: number): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '');
  if (chars.length !== length) return null;
  return [...chars].every((char) => KEY_ALPHABET.includes(char)) ? chars : null;
}

/** "ABCDEFGH" in groups of 4 → "ABCD-EFGH". */
export function group(chars: string, size: number): string {
  return chars.match(new RegExp(`.{1,${size}}`, 'g'))?.join('-') ?? '';
}
