import { type SQL, and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { agents } from '../accounts/accountsSchema.js';
import { OPEN_STATUSES, type RequestStatus } from './domain/requestStatus.js';
import { requestEvents, requestMessages, requests } from './requestsSchema.js';

export type Request = typeof requests.$inferSelect;
export type RequestEvent = typeof requestEvents.$inferSelect;
export type RequestMessage = typeof requestMessages.$inferSelect;

/** An agent of the commune as the queue and a request's page name them. */
export interface DeskAgent {
  id: string;
  communeId: string;
  firstName: string;
  lastName: string;
  role: string;
  disabledAt: Date | null;
}

export interface Author {
  kind: 'citizen' | 'agent' | 'system';
  id: string | null;
  label: string;
}

/** The agents' queue filters; each is optional. */
export interface QueueFilter {
  type?: string;
  /** A status, or « ouvertes » (every open status, the default), or « toutes ». */
  status?: RequestStatus | 'ouvertes' | 'toutes';
  /** Made at least this many days ago. */
  olderThanDays?: number;
  /** « moi » (the agent asking), « personne », or an agent's id. */
  assigned?: string;
  unreadOnly?: boolean;
  limit?: number;
  offset?: number;
}

/** Requests, their timeline and thread; every method is scoped to the commune, and the family's to the family. */
export class RequestsRepository {
  constructor(private readonly db: Db) {}

  async insert(request: typeof requests.$inferInsert, tx: Db = this.db): Promise<Request> {
    const [row] = await tx.insert(requests).values(request).returning();
    return row!;
  }

  async addEvent(event: Omit<typeof requestEvents.$inferInsert, 'id'>, tx: Db = this.db): Promise<void> {
    await tx.insert(requestEvents).values(event);
  }

  async addMessage(message: Omit<typeof requestMessages.$inferInsert, 'id'>, tx: Db = this.db): Promise<void> {
    await tx.insert(requestMessages).values(message);
  }

  async find(communeId: string, id: string, tx: Db = this.db): Promise<Request | null> {
    const [row] = await tx
      .select()
      .from(requests)
      .where(and(eq(requests.communeId, communeId), eq(requests.id, id)));
    return row ?? null;
  }

  /** The request, locked until the transaction ends: what is decided on it is decided on what was read. */
  async lock(communeId: string, id: string, tx: Db): Promise<Request | null> {
    const [row] = await tx
      .select()
      .from(requests)
      .where(and(eq(requests.communeId, communeId), eq(requests.id, id)))
      .for('update');
    return row ?? null;
  }

  async findOfFamily(communeId: string, familyId: string, id: string): Promise<Request | null> {
    const [row] = await this.db
      .select()
      .from(requests)
      .where(and(eq(requests.communeId, communeId), eq(requests.familyId, familyId), eq(requests.id, id)));
    return row ?? null;
  }

  async timeline(
    communeId: string,
    requestId: string,
  ): Promise<{ events: RequestEvent[]; messages: RequestMessage[] }> {
    const [events, messages] = await Promise.all([
      this.db
        .select()
        .from(requestEvents)
        .where(and(eq(requestEvents.communeId, communeId), eq(requestEvents.requestId, requestId)))
        .orderBy(asc(requestEvents.at)),
      this.db
        .select()
        .from(requestMessages)
        .where(and(eq(requestMessages.communeId, communeId), eq(requestMessages.requestId, requestId)))
        .orderBy(asc(requestMessages.at)),
    ]);
    return { events, messages };
  }

  /** A family's requests, newest first. */
  async ofFamily(communeId: string, familyId: string, status?: RequestStatus): Promise<Request[]> {
    return this.db
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.communeId, communeId),
          eq(requests.familyId, familyId),
          status ? eq(requests.status, status) : undefined,
        ),
      )
      .orderBy(desc(requests.createdAt), desc(requests.id));
  }

  /** The family's open requests of a type: what the file shows as pending values. */
  async openOfFamily(communeId: string, familyId: string, type: string, tx: Db = this.db): Promise<Request[]> {
    return tx
      .select()
      .from(requests)
      .where(
        and(
          eq(requests.communeId, communeId),
          eq(requests.familyId, familyId),
          eq(requests.type, type),
          inArray(requests.status, [...OPEN_STATUSES]),
        ),
      )
      .orderBy(asc(requests.createdAt));
  }

  /** The agents' queue. */
  async queue(communeId: string, agentId: string, filter: QueueFilter, now: Date): Promise<Request[]> {
    const conditions: (SQL | undefined)[] = [eq(requests.communeId, communeId)];
    const status = filter.status ?? 'ouvertes';
    if (status === 'ouvertes') conditions.push(inArray(requests.status, [...OPEN_STATUSES]));
    else if (status !== 'toutes') conditions.push(eq(requests.status, status));
    if (filter.type) conditions.push(eq(requests.type, filter.type));
    if (filter.olderThanDays)
      conditions.push(lt(requests.createdAt, new Date(now.getTime() - filter.olderThanDays * 86_400_000)));
    if (filter.assigned === 'moi') conditions.push(eq(requests.assignedAgentId, agentId));
    else if (filter.assigned === 'personne') conditions.push(isNull(requests.assignedAgentId));
    else if (filter.assigned) conditions.push(eq(requests.assignedAgentId, filter.assigned));
    if (filter.unreadOnly) conditions.push(unread());
    return (
      this.db
        .select()
        .from(requests)
        .where(and(...conditions))
        // Open requests oldest first, as a desk works through them; closed ones newest first, as one looks them up.
        .orderBy(
          ...(status === 'ouvertes' || OPEN_STATUSES.includes(status as RequestStatus)
            ? [asc(requests.createdAt), asc(requests.id)]
            : [desc(requests.createdAt), desc(requests.id)]),
        )
        .limit(filter.limit ?? 100)
        .offset(filter.offset ?? 0)
    );
  }

  /**
   * Moves a request from the status it was read in, at the version it was read at: the one
   * conditional update makes two simultaneous decisions impossible, whatever the number of app
   * instances. Null when someone changed it first.
   */
  async move(
    communeId: string,
    id: string,
    seen: { status: string; version: number },
    change: Partial<Pick<Request, 'status' | 'assignedAgentId' | 'decidedAt' | 'lastFamilyMessageAt'>> & {
      updatedAt: Date;
    },
    tx: Db = this.db,
  ): Promise<Request | null> {
    const [row] = await tx
      .update(requests)
      .set({ ...change, version: sql`${requests.version} + 1` })
      .where(
        and(
          eq(requests.communeId, communeId),
          eq(requests.id, id),
          eq(requests.status, seen.status),
          eq(requests.version, seen.version),
        ),
      )
      .returning();
    return row ?? null;
  }

  /** An agent opened the request: the family's messages so far are read. */
  async markReadByAgents(communeId: string, id: string, at: Date): Promise<void> {
    await this.db
      .update(requests)
      .set({ agentsReadAt: at })
      .where(and(eq(requests.communeId, communeId), eq(requests.id, id)));
  }

  /**
   * The commune's agents as the requests name them: whom a request is assigned to, and the queue's
   * « assigned » filter. Names and roles only, readable by every agent who works the queue.
   */
  async deskAgents(communeId: string): Promise<DeskAgent[]> {
    return this.db
      .select({
        id: agents.id,
        communeId: agents.communeId,
        firstName: agents.firstName,
        lastName: agents.lastName,
        role: agents.role,
        disabledAt: agents.disabledAt,
      })
      .from(agents)
      .where(eq(agents.communeId, communeId))
      .orderBy(asc(agents.lastName), asc(agents.firstName));
  }

  /** Open requests with a family message no agent has read: the desk's home shows the count. */
  async unreadCount(communeId: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(requests)
      .where(and(eq(requests.communeId, communeId), inArray(requests.status, [...OPEN_STATUSES]), unread()));
    return row?.count ?? 0;
  }

  /**
   * The open requests per status: how many, how many made before each of `before` (oldest bound first), and
   * when the oldest was made. A status with none is left out.
   */
  async openByStatus(communeId: string, before: Date[]): Promise<OpenRequestCounts[]> {
    const rows = await this.db
      .select({
        status: requests.status,
        count: sql<number>`count(*)::int`,
        older: sql<number[]>`array[${sql.join(
          before.map((bound) => sql`(count(*) filter (where ${requests.createdAt} < ${bound.toISOString()}))::int`),
          sql`, `,
        )}]`,
        oldest: sql<string>`min(${requests.createdAt})`,
      })
      .from(requests)
      .where(and(eq(requests.communeId, communeId), inArray(requests.status, [...OPEN_STATUSES])))
      .groupBy(requests.status);
    return rows.map((row) => ({ ...row, oldest: new Date(row.oldest) }));
  }
}

/** The open requests of one status, for the desk's home. */
export interface OpenRequestCounts {
  status: string;
  count: number;
  /** How many were made before each bound asked for, in the same order. */
  older: number[];
  oldest: Date;
}

/** A family message later than the last time an agent opened the request (`isUnread` in `domain/unread.ts` on a loaded one). */
export function unread(): SQL {
  return and(
    sql`${requests.lastFamilyMessageAt} is not null`,
    or(isNull(requests.agentsReadAt), gt(requests.lastFamilyMessageAt, requests.agentsReadAt)),
  )!;
}
