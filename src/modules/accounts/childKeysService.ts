import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { AuditActor, AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { FamiliesRepository, FamilyAdult } from '../families/familiesRepository.js';
import type { ChildKeysRepository } from './childKeysRepository.js';
import type { Citizen, CitizensRepository } from './citizensRepository.js';
import { hashChildKey, newChildKey, normalizeChildKey } from './domain/childKey.js';

/** SECURITY.md: limited tries per account (here) and per address (the route's rate limit). */
export const KEY_FAILURES_PER_DAY = 5;
const DAY_MS = 24 * 3600_000;

/** The key cannot be used (unknown, revoked, used, or its adult already linked): the transaction must roll back. */
export class KeyRefusedError extends Error {
  constructor() {
    super('child key refused');
  }
}

export type KeyOutcome =
  { ok: true; adult: FamilyAdult } | { ok: false; reason: 'malformed' | 'unknown' | 'too-many' | 'already-linked' };

/**
 * The Clé Enfance: issued by an agent to a responsible adult, shown once, stored hashed; entered by a
 * family, it links the account to that adult, once. Every use and every failure is audited.
 */
export class ChildKeysService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: ChildKeysRepository,
    private readonly families: FamiliesRepository,
    private readonly citizens: CitizensRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * An agent (or a parent inviting the other parent) issues a new key for an adult; the adult's
   * unused keys stop working (for a parent's invitation, those of earlier invitations only). The clear key is returned once. In the caller's transaction when given one.
   */
  async issue(
    commune: Commune,
    adultId: string,
    agent: AuditActor & { id: string },
    ip: string,
    outer: Db = this.db,
  ): Promise<{ key: string; adult: FamilyAdult } | null> {
    return inTransaction(outer, async (tx) => {
      const adult = await this.families.findAdult(commune.id, adultId, tx);
      // An adult already linked to an account has no use for a key: it could never work.
      if (!adult || adult.citizenId) return null;
      const now = this.clock.now();
      // A parent's invitation replaces only the keys earlier invitations sent: a key the guichet unique
      // handed over stays good, so that one parent cannot keep cancelling the other's way in.
      const revoked = await this.keys.revokeUnused(commune.id, adultId, now, tx, agent.kind === 'agent');
      const key = newChildKey();
      await this.keys.insert(
        {
          communeId: commune.id,
          adultId,
          keyHash: hashChildKey(key),
          issuedByAgentId: agent.kind === 'agent' ? agent.id : null,
          issuedAt: now,
        },
        tx,
      );
      await this.audit.record(
        {
          communeId: commune.id,
          actor: agent,
          action: 'child-key.issued',
          subject: { kind: 'family-adult', id: adultId },
          ip,
          details: { replaced: revoked },
        },
        tx,
      );
      return { key, adult };
    });
  }

  async revoke(
    commune: Commune,
    adultId: string,
    agent: AuditActor & { id: string },
    ip: string,
  ): Promise<number | null> {
    return inTransaction(this.db, async (tx) => {
      const adult = await this.families.findAdult(commune.id, adultId, tx);
      if (!adult) return null;
      const revoked = await this.keys.revokeUnused(commune.id, adultId, this.clock.now(), tx);
      await this.audit.record(
        {
          communeId: commune.id,
          actor: agent,
          action: 'child-key.revoked',
          subject: { kind: 'family-adult', id: adultId },
          ip,
          details: { revoked },
        },
        tx,
      );
      return revoked;
    });
  }

  /** The keys issued to these adults, newest first: their dates and states, never the key. */
  async keysOf(commune: Commune, adultIds: string[]) {
    return this.keys.ofAdults(commune.id, adultIds);
  }

  /** Whether a typed key would work, without using it: for the sign-up form, before anything is written. */
  async check(commune: Commune, typed: string, ip: string): Promise<'ok' | 'malformed' | 'unknown'> {
    const key = normalizeChildKey(typed);
    if (!key) return 'malformed';
    if (await this.keys.isUsable(commune.id, hashChildKey(key))) return 'ok';
    await this.audit.record({
      communeId: commune.id,
      actor: { kind: 'anonymous' },
      action: 'child-key.failed',
      ip,
      details: { at: 'sign-up' },
    });
    return 'unknown';
  }

  /**
   * Uses a key for an account, inside the caller's transaction (the sign-up's, or its own): the key
   * is marked used and the account linked to its adult, both or neither: a refusal throws
   * KeyRefusedError so that the transaction rolls back.
   */
  async redeem(
    commune: Commune,
    typed: string,
    citizen: Pick<Citizen, 'id' | 'username'>,
    ip: string,
    tx: Db,
  ): Promise<FamilyAdult> {
    const key = normalizeChildKey(typed);
    if (!key) throw new KeyRefusedError();
    const used = await this.keys.redeem(commune.id, hashChildKey(key), citizen.id, this.clock.now(), tx);
    if (!used) throw new KeyRefusedError();
    if (!(await this.families.linkCitizen(commune.id, used.adultId, citizen.id, tx))) throw new KeyRefusedError();
    await this.audit.record(
      {
        communeId: commune.id,
        actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
        action: 'child-key.used',
        subject: { kind: 'family-adult', id: used.adultId },
        ip,
      },
      tx,
    );
    return (await this.families.findAdult(commune.id, used.adultId, tx))!;
  }

  /**
   * A logged-in family enters its key from Mon espace. Each try is counted as a failure first,
   * under the account's row lock, and the count taken back if the key works: keys sent at the same
   * instant cannot get past the daily limit.
   */
  async use(commune: Commune, citizen: Citizen, typed: string, ip: string): Promise<KeyOutcome> {
    if (await this.families.adultOfCitizen(commune.id, citizen.id)) return { ok: false, reason: 'already-linked' };
    if (!normalizeChildKey(typed)) return { ok: false, reason: 'malformed' };
    const now = this.clock.now();
    const stamp = now.toISOString();
    const failuresBefore = await inTransaction(this.db, async (tx) => {
      const current = await this.citizens.lockKeyFailures(commune.id, citizen.id, tx);
      const recent = current.filter((at) => now.getTime() - Date.parse(at) < DAY_MS);
      if (recent.length >= KEY_FAILURES_PER_DAY) return null;
      await this.citizens.update(commune.id, citizen.id, { keyFailures: [...recent, stamp] }, tx);
      return recent.length;
    });
    if (failuresBefore === null) return { ok: false, reason: 'too-many' };
    try {
      const adult = await inTransaction(this.db, async (tx) => {
        const linked = await this.redeem(commune, typed, citizen, ip, tx);
        const current = await this.citizens.lockKeyFailures(commune.id, citizen.id, tx);
        const index = current.lastIndexOf(stamp);
        await this.citizens.update(commune.id, citizen.id, { keyFailures: current.filter((_, i) => i !== index) }, tx);
        return linked;
      });
      return { ok: true, adult };
    } catch (error) {
      // Two keys of two adults sent at once: the database keeps one adult per account.
      if (isUniqueViolation(error)) return { ok: false, reason: 'already-linked' };
      if (!(error instanceof KeyRefusedError)) throw error;
    }
    await this.audit.record({
      communeId: commune.id,
      actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
      action: 'child-key.failed',
      ip,
      details: { failuresToday: failuresBefore + 1 },
    });
    return { ok: false, reason: failuresBefore + 1 >= KEY_FAILURES_PER_DAY ? 'too-many' : 'unknown' };
  }
}
