import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { Session, SessionStore } from '../../platform/sessions/sessionStore.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import { NotFoundError } from '../../shared/errors.js';
import { type Refused, refused } from '../../shared/outcome.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { AuditAction } from '../audit/auditActions.js';
import type { Commune } from '../communes/domain/commune.js';
import { type AccountTokensRepository, tokenExpiry } from './accountTokensRepository.js';
import { agentMails } from './agentMails.js';
import { type AgentPermission, type AgentRole, agentActor, agentMay } from './agentsPolicy.js';
import type { Agent, AgentChanges, AgentsRepository } from './agentsRepository.js';
import { AgentSecondFactor, type SecondFactorOutcome } from './agentSecondFactor.js';
import { AGENT_MIN_PASSWORD_LENGTH, checkPassword } from './domain/passwordPolicy.js';
import type { LinkExpired, WeakPassword } from './accountRefusals.js';
import type { LoginThrottleRepository } from './loginThrottleRepository.js';
import type { PasswordGate } from './passwordGate.js';
import { hashPassword } from './passwordHasher.js';

export type { SecondFactorOutcome };

export interface AgentsDeps {
  db: Db;
  clock: Clock;
  /** See `AgentSecondFactor`: TOTP codes are read against real time. */
  codeClock?: Clock;
  site: Site;
  agents: AgentsRepository;
  tokens: AccountTokensRepository;
  gate: PasswordGate;
  sessions: SessionStore;
  mailer: Mailer;
  audit: AuditLog;
  /** The second factor's wrong-code counters; the same table as the passwords' (built here when not given). */
  throttles: LoginThrottleRepository;
}

export interface InviteInput {
  email: string;
  firstName: string;
  lastName: string;
  role: AgentRole;
}

/** An administrator of the commune, or the operator's command line (`npm run agent:create`). */
export type Inviter = Agent | 'command-line';

export type AgentLoginOutcome =
  { ok: true; agent: Agent } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; until: Date };

/** What an administrator's act on another agent would change, and what follows in the same transaction. */
interface PlannedChange {
  changes: AgentChanges;
  action: AuditAction;
  details: Record<string, string | boolean>;
  afterwards?: (agent: Agent, tx: Db) => Promise<void>;
}

/** What an administrator's act on another agent came to. */
export type ManageOutcome = 'done' | 'unchanged' | 'self' | 'not-found';

/**
 * The guichet unique's agents: invitation, password (≥ 16 characters) and TOTP (SECURITY.md
 * "Accounts and sessions"), and the administrators' management of the others. Every act is audited.
 */
export class AgentsService {
  private readonly secondFactor: AgentSecondFactor;

  constructor(private readonly deps: AgentsDeps) {
    this.secondFactor = new AgentSecondFactor({ ...deps, throttles: deps.throttles });
  }

  /** Creates an agent who has no password yet, and mails them the link to choose one. */
  async invite(
    commune: Commune,
    by: Inviter,
    input: InviteInput,
    ip = '',
  ): Promise<{ ok: true; agent: Agent; link: string } | Refused<'email-taken'>> {
    const { db, agents, audit } = this.deps;
    if (by !== 'command-line') this.mustMay(by, 'agents', commune);
    return inTransaction(db, async (tx) => {
      const agent = await agents.insert(
        {
          communeId: commune.id,
          email: input.email,
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          role: input.role,
        },
        tx,
      );
      if (!agent) return refused('email-taken');
      const link = await this.sendInvitation(commune, agent, tx);
      const actor = by === 'command-line' ? { kind: 'system' as const, label: 'npm run agent:create' } : agentActor(by);
      await audit.record(
        {
          communeId: commune.id,
          actor,
          action: 'agent.invited',
          subject: { kind: 'agent', id: agent.id },
          ip,
          details: { role: agent.role },
        },
        tx,
      );
      return { ok: true, agent, link };
    });
  }

  /**
   * A new invitation: for an agent who never used theirs, or who lost their phone and recovery codes.
   * An agent who had a password loses it, with their second factor and their open sessions: the new
   * link is the only way back in, and the previous link stops working.
   */
  async reinvite(commune: Commune, by: Agent, agentId: string, ip: string): Promise<ManageOutcome> {
    return this.manage(commune, by, agentId, ip, (target) =>
      target.disabledAt !== null
        ? null
        : {
            changes: { passwordHash: null, totpSecret: null, pendingTotpSecret: null, totpLastStep: null },
            action: 'agent.reinvited',
            details: { accessReset: target.passwordHash !== null },
            afterwards: async (agent, tx) => {
              await this.deps.agents.replaceRecoveryCodes(commune.id, agent.id, [], tx);
              await this.deps.sessions.destroyAllOf('agent', agent.id, { tx });
              await this.sendInvitation(commune, agent, tx);
            },
          },
    );
  }

  private async sendInvitation(commune: Commune, agent: Agent, tx: Db): Promise<string> {
    const now = this.deps.clock.now();
    const token = await this.deps.tokens.issue(
      { communeId: commune.id, realm: 'agent', subjectId: agent.id, purpose: 'agent-invitation', now },
      tx,
    );
    const link = `${this.deps.site.origin}${communePaths(commune).home}/guichet/invitation?jeton=${encodeURIComponent(token)}`;
    const expiresAt = tokenExpiry('agent-invitation', now);
    await this.deps.mailer.queue(agentMails.invitation(commune, agent, link, expiresAt), { tx, expiresAt });
    return link;
  }

  /** The invited agent, if the link still works: the page then asks for the password. */
  async invitation(commune: Commune, token: string): Promise<Agent | null> {
    const live = await this.deps.tokens.peek(commune.id, token, 'agent-invitation', this.deps.clock.now());
    const agent = live ? await this.deps.agents.findById(commune.id, live.subjectId) : null;
    return agent && agent.disabledAt === null ? agent : null;
  }

  /** The agent chooses a password from the invitation link; the link then stops working. */
  async acceptInvitation(
    commune: Commune,
    token: string,
    password: string,
    ip: string,
  ): Promise<{ ok: true; agent: Agent } | WeakPassword | LinkExpired> {
    const { db, clock, agents, tokens, audit } = this.deps;
    const agent = await this.invitation(commune, token);
    if (!agent) return refused('expired');
    const problem = checkPassword(password, {
      email: agent.email,
      communeName: commune.name,
      minLength: AGENT_MIN_PASSWORD_LENGTH,
    });
    if (problem) return refused('weak-password', { problem, minLength: AGENT_MIN_PASSWORD_LENGTH });
    const passwordHash = await hashPassword(password);
    const accepted = await inTransaction(db, async (tx) => {
      if (!(await tokens.consume(commune.id, token, 'agent-invitation', clock.now(), tx))) return null;
      const updated = await agents.update(commune.id, agent.id, { passwordHash }, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: agentActor(agent),
          action: 'agent.invitation.accepted',
          subject: { kind: 'agent', id: agent.id },
          ip,
        },
        tx,
      );
      return updated;
    });
    return accepted ? { ok: true, agent: accepted } : refused('expired');
  }

  /**
   * The first step of the login. An unknown e-mail, a wrong password and a disabled agent get the same
   * answer after the same work (SECURITY.md: no enumeration); each failure is counted and audited.
   */
  async login(commune: Commune, email: string, password: string, ip: string): Promise<AgentLoginOutcome> {
    const { agents, gate, audit } = this.deps;
    const agent = await agents.findByEmail(commune.id, email);
    const checked = await gate.check(
      commune.id,
      { realm: 'agent', accountId: agent?.id ?? null, typedName: email },
      agent?.passwordHash ?? null,
      password,
    );
    // An unknown name is not written down: people sometimes type their password in the e-mail field.
    const actor = agent ? agentActor(agent) : { kind: 'anonymous' as const };
    if (!checked.ok || !agent || agent.disabledAt !== null) {
      const locked = checked.ok ? null : checked.locked;
      await audit.record({
        communeId: commune.id,
        actor,
        action: 'agent.login.failed',
        ip,
        details: {
          step: 'password',
          known: Boolean(agent),
          disabled: Boolean(agent?.disabledAt),
          locked: Boolean(locked),
        },
      });
      return locked ? { ok: false, reason: 'locked', until: locked } : { ok: false, reason: 'wrong' };
    }
    return { ok: true, agent };
  }

  /**
   * The live agent session behind a cookie and its agent, read in one statement; the store's checks
   * (commune, door, idle and absolute timeouts) still decide. The agent is null when they may no
   * longer use it (gone, or disabled: out at the next request).
   */
  async sessionAtDoor(commune: Commune, token: string): Promise<{ session: Session; with: Agent | null } | null> {
    const found = await this.deps.sessions.loadWith(token, commune.id, 'agent', (idHash) =>
      this.deps.agents.findSession(commune.id, idHash),
    );
    return found && { session: found.session, with: mayUseSession(found.with) };
  }

  /** A new secret for the authenticator app, kept pending until a first code confirms it. Null once enrolled. */
  startEnrolment(commune: Commune, agentId: string): Promise<{ secret: string; uri: string } | null> {
    return this.secondFactor.startEnrolment(commune, agentId);
  }

  /** The pending secret as it is (to show the same QR code again after a wrong code). */
  pendingEnrolment(commune: Commune, agentId: string): Promise<{ secret: string; uri: string } | null> {
    return this.secondFactor.pendingEnrolment(commune, agentId);
  }

  /** A first right code confirms the secret; the 10 recovery codes are returned, in clear, this once. */
  confirmEnrolment(
    commune: Commune,
    agentId: string,
    code: string,
    ip: string,
  ): Promise<SecondFactorOutcome & { recoveryCodes?: string[] }> {
    return this.secondFactor.confirmEnrolment(commune, agentId, code, ip);
  }

  /** The second step of the login: a TOTP code never used before, or an unused recovery code. */
  verifySecondFactor(
    commune: Commune,
    agentId: string,
    answer: { totp: string } | { recoveryCode: string },
    ip: string,
  ): Promise<SecondFactorOutcome> {
    return this.secondFactor.verify(commune, agentId, answer, ip);
  }

  recoveryCodesLeft(commune: Commune, agentId: string): Promise<number> {
    return this.deps.agents.unusedRecoveryCodes(commune.id, agentId);
  }

  async list(commune: Commune, by: Agent): Promise<Agent[]> {
    this.mustMay(by, 'agents', commune);
    return this.deps.agents.list(commune.id);
  }

  async changeRole(commune: Commune, by: Agent, agentId: string, role: AgentRole, ip: string): Promise<ManageOutcome> {
    return this.manage(commune, by, agentId, ip, (target) =>
      target.role === role
        ? null
        : { changes: { role }, action: 'agent.role.changed', details: { from: target.role, to: role } },
    );
  }

  /** Disabling ends every session of the agent at once (SECURITY.md: out at the next request). */
  async disable(commune: Commune, by: Agent, agentId: string, ip: string): Promise<ManageOutcome> {
    return this.manage(commune, by, agentId, ip, (target) =>
      target.disabledAt !== null
        ? null
        : { changes: { disabledAt: this.deps.clock.now() }, action: 'agent.disabled', details: {} },
    );
  }

  async enable(commune: Commune, by: Agent, agentId: string, ip: string): Promise<ManageOutcome> {
    return this.manage(commune, by, agentId, ip, (target) =>
      target.disabledAt === null ? null : { changes: { disabledAt: null }, action: 'agent.enabled', details: {} },
    );
  }

  /**
   * An administrator's act on another agent. Nobody acts on themself (an administrator who demoted or
   * disabled themself by mistake would need the command line to come back). That rule also keeps an
   * active administrator in the commune: the one acting, checked still to be one under a lock of the
   * administrators' rows, so that two administrators demoting each other at the same instant cannot
   * both succeed.
   */
  private async manage(
    commune: Commune,
    by: Agent,
    agentId: string,
    ip: string,
    change: (target: Agent) => PlannedChange | null,
  ): Promise<ManageOutcome> {
    const { db, agents, sessions, audit } = this.deps;
    this.mustMay(by, 'agents', commune);
    if (by.id === agentId) return 'self';
    return inTransaction(db, async (tx) => {
      const administrators = await agents.lockActiveAdministrators(commune.id, tx);
      // Demoted or disabled a moment ago by another administrator: no longer allowed, so the agents are not theirs to see.
      if (!administrators.some((admin) => admin.id === by.id)) return 'not-found';
      const target = await agents.findById(commune.id, agentId, tx);
      if (!target) return 'not-found';
      const planned = change(target);
      if (!planned) return 'unchanged';
      const updated = (await agents.update(commune.id, target.id, planned.changes, tx))!;
      if (updated.disabledAt) await sessions.destroyAllOf('agent', target.id, { tx });
      await planned.afterwards?.(updated, tx);
      await audit.record(
        {
          communeId: commune.id,
          actor: agentActor(by),
          action: planned.action,
          subject: { kind: 'agent', id: target.id },
          ip,
          details: planned.details,
        },
        tx,
      );
      return 'done';
    });
  }

  /** Routes answer 404 before this; reaching it without the right is a bug, refused the same way. */
  private mustMay(agent: Agent, permission: AgentPermission, commune: Commune): void {
    if (!agentMay(agent, permission, commune.id)) throw new NotFoundError(permission);
  }
}

const mayUseSession = (agent: Agent | null) => (agent && agent.disabledAt === null ? agent : null);
