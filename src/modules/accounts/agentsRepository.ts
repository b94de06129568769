import { and, asc, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Session } from '../../platform/sessions/sessionStore.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
import { agentRecoveryCodes, agents } from './accountsSchema.js';
import { loginKey } from './citizensRepository.js';

export type Agent = typeof agents.$inferSelect;
export type NewAgent = Omit<typeof agents.$inferInsert, 'id' | 'emailKey' | 'createdAt'>;
export type AgentChanges = Partial<Omit<NewAgent, 'communeId' | 'email'>>;

/** The guichet unique's agents and their recovery codes; every method is scoped to the commune. */
export class AgentsRepository {
  private readonly sessionLookup: ReturnType<typeof prepareSessionLookup>;

  constructor(private readonly db: Db) {
    this.sessionLookup = prepareSessionLookup(db);
  }

  /**
   * An agent session's row by the hash of its id, with its agent (null when gone), in one statement:
   * every page of the desk reads both. Only a session of this commune's agent door is found; its
   * timeouts are the session store's to check.
   */
  async findSession(communeId: string, idHash: string): Promise<{ session: Session; with: Agent | null } | null> {
    const [row] = await this.sessionLookup.execute({ communeId, idHash });
    return row ? { session: row.session, with: row.agent } : null;
  }

  async findById(communeId: string, id: string, tx: Db = this.db): Promise<Agent | null> {
    const [row] = await tx
      .select()
      .from(agents)
      .where(and(eq(agents.communeId, communeId), eq(agents.id, id)));
    return row ?? null;
  }

  async findByEmail(communeId: string, email: string, tx: Db = this.db): Promise<Agent | null> {
    const [row] = await tx
      .select()
      .from(agents)
      .where(and(eq(agents.communeId, communeId), eq(agents.emailKey, loginKey(email))));
    return row ?? null;
  }

  async list(communeId: string): Promise<Agent[]> {
    return this.db
      .select()
      .from(agents)
      .where(eq(agents.communeId, communeId))
      .orderBy(asc(agents.lastName), asc(agents.firstName), asc(agents.email));
  }

  /** Null when the commune already has an agent with this e-mail (the unique index decides). */
  async insert(agent: NewAgent, tx: Db = this.db): Promise<Agent | null> {
    const [row] = await tx
      .insert(agents)
      .values({ ...agent, email: agent.email.trim(), emailKey: loginKey(agent.email) })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  async update(communeId: string, id: string, changes: AgentChanges, tx: Db = this.db): Promise<Agent | null> {
    const [row] = await tx
      .update(agents)
      .set(changes)
      .where(and(eq(agents.communeId, communeId), eq(agents.id, id)))
      .returning();
    return row ?? null;
  }

  /**
   * Records a TOTP step as used, only if it is later than the last one: of two requests carrying the
   * same code at the same instant, exactly one gets `true` (RFC 6238 §5.2, single use).
   */
  async useTotpStep(communeId: string, id: string, step: number, tx: Db = this.db): Promise<boolean> {
    const rows = await tx
      .update(agents)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(agents.communeId, communeId),
          eq(agents.id, id),
          or(isNull(agents.totpLastStep), lt(agents.totpLastStep, step)),
        ),
      )
      .returning({ id: agents.id });
    return rows.length === 1;
  }

  /**
   * The commune's active administrators, locked until the transaction ends, in a fixed order: two
   * administrators removing each other at the same instant cannot both succeed and leave none.
   */
  async lockActiveAdministrators(communeId: string, tx: Db): Promise<Agent[]> {
    return tx
      .select()
      .from(agents)
      .where(and(eq(agents.communeId, communeId), eq(agents.role, 'administrateur'), isNull(agents.disabledAt)))
      .orderBy(asc(agents.id))
      .for('update');
  }

  /** Replaces the agent's recovery codes (hashes only): the old ones stop working. */
  async replaceRecoveryCodes(communeId: string, agentId: string, codeHashes: string[], tx: Db): Promise<void> {
    const owner = await this.findById(communeId, agentId, tx);
    if (!owner) throw new Error('replaceRecoveryCodes: no such agent in this commune');
    await tx.delete(agentRecoveryCodes).where(eq(agentRecoveryCodes.agentId, agentId));
    if (codeHashes.length > 0)
      await tx.insert(agentRecoveryCodes).values(codeHashes.map((codeHash) => ({ agentId, codeHash })));
  }

  /** Uses one recovery code, if it is the agent's and unused: of two simultaneous uses, one succeeds. */
  async useRecoveryCode(
    communeId: string,
    agentId: string,
    codeHash: string,
    now: Date,
    tx: Db = this.db,
  ): Promise<boolean> {
    const rows = await tx
      .update(agentRecoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(agentRecoveryCodes.agentId, agentId),
          eq(agentRecoveryCodes.codeHash, codeHash),
          isNull(agentRecoveryCodes.usedAt),
          inArray(
            agentRecoveryCodes.agentId,
            tx
              .select({ id: agents.id })
              .from(agents)
              .where(and(eq(agents.communeId, communeId), eq(agents.id, agentId))),
          ),
        ),
      )
      .returning({ id: agentRecoveryCodes.id });
    return rows.length === 1;
  }

  async unusedRecoveryCodes(communeId: string, agentId: string, tx: Db = this.db): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(agentRecoveryCodes)
      .innerJoin(agents, eq(agents.id, agentRecoveryCodes.agentId))
      .where(
        and(
          eq(agents.communeId, communeId),
          eq(agentRecoveryCodes.agentId, agentId),
          isNull(agentRecoveryCodes.usedAt),
        ),
      );
    return row?.n ?? 0;
  }
}

/** `findSession`'s query, built once; the agent is joined on the session's own commune. */
function prepareSessionLookup(db: Db) {
  return db
    .select({ session: sessions, agent: agents })
    .from(sessions)
    .leftJoin(agents, and(eq(agents.communeId, sessions.communeId), eq(agents.id, sessions.subjectId)))
    .where(
      and(
        eq(sessions.idHash, sql.placeholder('idHash')),
        eq(sessions.communeId, sql.placeholder('communeId')),
        eq(sessions.realm, 'agent'),
      ),
    )
    .prepare('agent_session_lookup');
}
