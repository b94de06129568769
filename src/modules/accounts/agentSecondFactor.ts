import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { agentActor } from './agentsPolicy.js';
import type { Agent, AgentsRepository } from './agentsRepository.js';
import { isLocked, recordFailure, recordSuccess } from './domain/loginThrottle.js';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './domain/recoveryCodes.js';
import { newTotpSecret, otpauthUri, verifyTotp } from './domain/totp.js';
import type { LoginThrottleRepository } from './loginThrottleRepository.js';

export type SecondFactorOutcome =
  { ok: true; agent: Agent } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: Date };

type Method = 'totp' | 'recovery-code' | 'enrolment';

/** The counters of wrong codes: apart from the password's, so that each factor has its own CNIL delay. */
const subjectOf = (agentId: string) => `agent-totp:${agentId}`;

/**
 * The agents' second factor (SECURITY.md: TOTP required): enrolment with a QR code, then at each login
 * a code never accepted before, or a single-use recovery code. Six digits are easy to guess with enough
 * tries, so wrong codes are delayed by the same CNIL rule as wrong passwords.
 */
export class AgentSecondFactor {
  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      /**
       * The time an authenticator app reads: the real one. The demo may shift the portal's calendar
       * (`PARVIS_NOW`) to replay the booking deadlines; the phone that shows the codes is not shifted.
       */
      codeClock?: Clock;
      agents: AgentsRepository;
      audit: AuditLog;
      throttles: LoginThrottleRepository;
    },
  ) {}

  private codeTime(): Date {
    return (this.deps.codeClock ?? this.deps.clock).now();
  }

  async startEnrolment(commune: Commune, agentId: string): Promise<{ secret: string; uri: string } | null> {
    const agent = await this.deps.agents.findById(commune.id, agentId);
    if (!agent || agent.totpSecret !== null) return null;
    // A new secret at each password login before enrolment: one seen by someone else earlier is worth nothing.
    const secret = newTotpSecret();
    await this.deps.agents.update(commune.id, agent.id, { pendingTotpSecret: secret });
    return { secret, uri: uriOf(commune, agent, secret) };
  }

  async pendingEnrolment(commune: Commune, agentId: string): Promise<{ secret: string; uri: string } | null> {
    const agent = await this.deps.agents.findById(commune.id, agentId);
    if (!agent || agent.totpSecret !== null || agent.pendingTotpSecret === null) return null;
    return { secret: agent.pendingTotpSecret, uri: uriOf(commune, agent, agent.pendingTotpSecret) };
  }

  async confirmEnrolment(
    commune: Commune,
    agentId: string,
    code: string,
    ip: string,
  ): Promise<SecondFactorOutcome & { recoveryCodes?: string[] }> {
    const { agents } = this.deps;
    return this.attempt(commune, agentId, 'enrolment', ip, async (agent, _now, tx) => {
      if (agent.totpSecret !== null || agent.pendingTotpSecret === null) return null;
      const checked = verifyTotp(agent.pendingTotpSecret, code, this.codeTime(), null);
      if (!checked.ok) return null;
      const recoveryCodes = newRecoveryCodes();
      const enrolled = await agents.update(
        commune.id,
        agent.id,
        { totpSecret: agent.pendingTotpSecret, pendingTotpSecret: null, totpLastStep: checked.step },
        tx,
      );
      await agents.replaceRecoveryCodes(commune.id, agent.id, recoveryCodes.map(hashRecoveryCode), tx);
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agentActor(agent),
          action: 'agent.totp.enrolled',
          subject: { kind: 'agent', id: agent.id },
          ip,
        },
        tx,
      );
      return enrolled ? { agent: enrolled, recoveryCodes } : null;
    });
  }

  async verify(
    commune: Commune,
    agentId: string,
    answer: { totp: string } | { recoveryCode: string },
    ip: string,
  ): Promise<SecondFactorOutcome> {
    const { agents } = this.deps;
    const method: Method = 'totp' in answer ? 'totp' : 'recovery-code';
    return this.attempt(commune, agentId, method, ip, async (agent, now, tx) => {
      if (agent.totpSecret === null) return null;
      if ('totp' in answer) {
        const checked = verifyTotp(agent.totpSecret, answer.totp, this.codeTime(), agent.totpLastStep);
        // The conditional update is what makes a code single use when two requests race.
        return checked.ok && (await agents.useTotpStep(commune.id, agent.id, checked.step, tx)) ? { agent } : null;
      }
      const canonical = normalizeRecoveryCode(answer.recoveryCode);
      if (canonical === null) return null;
      return (await agents.useRecoveryCode(commune.id, agent.id, hashRecoveryCode(canonical), now, tx))
        ? { agent }
        : null;
    });
  }

  /**
   * One try at a code, under the CNIL delay: refused without checking while locked; the counters'
   * row locked for the whole try, so that the tries of one agent run one after the other and each
   * sees the agent as the previous one left them; every outcome audited.
   */
  private async attempt<T extends { agent: Agent }>(
    commune: Commune,
    agentId: string,
    method: Method,
    ip: string,
    check: (agent: Agent, now: Date, tx: Db) => Promise<T | null>,
  ): Promise<({ ok: true } & T) | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: Date }> {
    const { db, clock, agents, throttles, audit } = this.deps;
    const subject = subjectOf(agentId);
    const now = clock.now();
    return inTransaction(db, async (tx) => {
      const before = await throttles.lock(commune.id, subject, tx);
      const agent = await agents.findById(commune.id, agentId, tx);
      if (!agent || agent.disabledAt !== null) return { ok: false, reason: 'wrong' } as const;
      const failed = (until: Date | null) =>
        audit.record(
          {
            communeId: commune.id,
            actor: agentActor(agent),
            action: 'agent.login.failed',
            ip,
            details: { step: 'second-factor', method, locked: Boolean(until) },
          },
          tx,
        );
      const lockedUntil = isLocked(before, now);
      if (lockedUntil) {
        await failed(lockedUntil);
        return { ok: false, reason: 'locked', until: lockedUntil } as const;
      }
      const result = await check(agent, now, tx);
      const state = result ? recordSuccess(before) : recordFailure(before, now);
      await throttles.save(commune.id, subject, state, tx);
      if (!result) {
        const until = isLocked(state, now);
        await failed(until);
        return until ? ({ ok: false, reason: 'locked', until } as const) : ({ ok: false, reason: 'wrong' } as const);
      }
      await agents.update(commune.id, agent.id, { lastLoginAt: now }, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: agentActor(agent),
          action: 'agent.login.succeeded',
          ip,
          details: { secondFactor: method },
        },
        tx,
      );
      return { ok: true as const, ...result };
    });
  }
}

function uriOf(commune: Commune, agent: Agent, secret: string): string {
  return otpauthUri({ secret, account: agent.email, issuer: `Guichet ${commune.name}` });
}
