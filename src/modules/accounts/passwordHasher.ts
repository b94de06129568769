import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's parameters (SECURITY.md: m ≥ 19 MiB, t ≥ 2, p = 1, random 16-byte salt).
 * The library runs the hashing on libuv's thread pool, so a login never blocks the event loop.
 */
export const ARGON2_OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so that an unknown name costs the same time as
// a known one with a wrong password (SECURITY.md: no enumeration).
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('parvis-decoy-password-never-matches');
  await verifyPassword(await decoy, password);
  return false;
}
