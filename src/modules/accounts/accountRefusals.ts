import type { Refused } from '../../shared/outcome.js';
import type { PasswordProblem } from './domain/passwordPolicy.js';

/**
 * Why an account's form was refused for what only the server can know: typed reasons, worded for
 * the form by the HTTP layer (`http/accountMessages.ts`), which also knows which field they belong to.
 */

/** The new password breaks the policy; agents' passwords have their own minimum length. */
export type WeakPassword = Refused<'weak-password', { problem: PasswordProblem; minLength?: number }>;

/** The current password, asked before a change of identifiers, is wrong, or too many were wrong. */
export type CurrentPasswordRefused = Refused<'wrong-password'> | Refused<'password-locked', { until: Date }>;

/** A Clé Enfance that cannot be used, and why. */
export type KeyRefusal = 'malformed' | 'unknown' | 'too-many' | 'already-linked';
export type ChildKeyRefused = Refused<'child-key', { key: KeyRefusal }>;

/** The name or the address is another account's already. */
export type Taken = Refused<'username-taken'> | Refused<'email-taken'>;

/** An expired, used or unknown link. */
export type LinkExpired = Refused<'expired'>;
