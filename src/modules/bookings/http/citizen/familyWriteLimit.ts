import { perAccount } from '../../../../platform/http/rateLimit.js';

/**
 * One budget per account for every family write that creates booking rows: a confirmed change of
 * the calendar (a semaine type included), a holiday session booked or cancelled (its confirmation
 * step included), an absence reported. Past it, a French 429 page with Retry-After, and nothing
 * written. Why this number, and what it lets a family write in a day: docs/adr/0008-family-write-limit.md.
 */
export const FAMILY_WRITES_PER_DAY = 100;

export const familyWriteLimit = { config: { rateLimit: perAccount('family-writes', FAMILY_WRITES_PER_DAY, 24) } };
