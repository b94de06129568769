import { createHash, randomBytes } from 'node:crypto';

/**
 * Reset and activation tokens (SECURITY.md: ≥ 128 random bits, stored hashed). Randomness comes
 * straight from node:crypto here rather than through an injected source: a secret must never be
 * predictable, so there is nothing a test should be able to swap in.
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url'); // 256 bits
}

/**
 * What the database keeps, so a leaked table gives no working token. A plain SHA-256 is enough:
 * with 256 random bits there is nothing to guess from the hash.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
