import { hash } from '@node-rs/argon2';

/**
 * The stored password hashes of the accounts the factories write straight into the tables.
 *
 * The app verifies a hash with the parameters written in it, so an account stored with a light
 * argon2id (1 MiB, one pass) logs in like any other, in a millisecond instead of tens: the tests
 * that only need a way in log in hundreds of times. The production parameters are still what every
 * hash the app makes uses (sign-up, reset, an agent's password), and what the tests about hashing
 * see: the sign-up stores m=19456 t=2 p=1 (signUp.int.test.ts), and a timing test that compares a
 * known account with the decoy gives that account `productionHashOf` (login.int.test.ts).
 */
const LIGHT = { algorithm: 2 /* argon2id */, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

export const lightHashOf = (password: string): Promise<string> => hash(password, LIGHT);

export { hashPassword as productionHashOf } from '../src/modules/accounts/passwordHasher.js';
