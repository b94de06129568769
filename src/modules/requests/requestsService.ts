import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Mailer, MailMessage } from '../../platform/mail/mailer.js';
import type { Site } from '../../platform/site.js';
import { communePaths } from '../../platform/views/paths.js';
import { greetingOf } from '../accounts/citizenGreeting.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import { type Actor, agentActor, agentMay } from '../accounts/agentsPolicy.js';
import type { FamiliesRepository, FamilyFile } from '../families/familiesRepository.js';
import { type NotFound, notFound } from '../../shared/outcome.js';
import {
  DECISIONS,
  type Decision,
  type RequestAction,
  type RequestStatus,
  nextStatus,
} from './domain/requestStatus.js';
import { type Recipient, requestMails } from './requestMails.js';
import { RequestNotApplicable, type RequestDetail, type RequestTypes } from './requestTypes.js';
import type {
  Author,
  DeskAgent,
  QueueFilter,
  Request,
  RequestEvent,
  RequestMessage,
  OpenRequestCounts,
  RequestsRepository,
} from './requestsRepository.js';

/** The requests' rows as the pages show and filter them. */
export type {
  Author,
  DeskAgent,
  OpenRequestCounts,
  QueueFilter,
  Request,
  RequestEvent,
  RequestMessage,
} from './requestsRepository.js';

export interface NewRequest {
  familyId: string;
  memberId?: string | null;
  type: string;
  payload: unknown;
  /** The line the lists show; the type's label when absent. */
  summary?: string;
  author: Author;
  /** A first message from the family, if they wrote one. */
  message?: string;
}

/** A request with everything its page shows. */
export interface RequestView {
  request: Request;
  typeLabel: string;
  details: RequestDetail[];
  /** The member whose health notes `details` shows, if any (the type says). */
  healthMemberId: string | null;
  events: RequestEvent[];
  messages: RequestMessage[];
}

export type Outcome =
  | { ok: true; request: Request }
  | { ok: false; reason: 'not-found' | 'changed' | 'not-allowed' }
  /** The request's content no longer reads as its type's (a type whose payload changed shape): only a refusal can close it. */
  | { ok: false; reason: 'stale-payload' }
  /** The type cannot apply the acceptance as things stand; its own words say why, to the agent. */
  | { ok: false; reason: 'not-applicable'; message: string };

/** Thrown inside the decision's transaction, so that nothing of it is written. */
class StalePayload extends Error {}

interface Deps {
  db: Db;
  clock: Clock;
  site: Site;
  requests: RequestsRepository;
  types: RequestTypes;
  families: FamiliesRepository;
  mailer: Mailer;
  audit: AuditLog;
}

/**
 * The requests engine: every procedure of the portal is a request of some type. A change of status
 * is one conditional update on the status and version read (`RequestsRepository.move`), written
 * with its timeline event, its message, its mails and, on acceptance, the type's changes, in one
 * transaction: two agents deciding at once cannot both win, and an acceptance applies all or nothing.
 */
export class RequestsService {
  constructor(private readonly deps: Deps) {}

  get types(): RequestTypes {
    return this.deps.types;
  }

  /** Files a request (« déposée ») and tells the family; in the caller's transaction when given one. */
  async submit(commune: Commune, input: NewRequest, tx?: Db): Promise<Request> {
    const type = this.deps.types.get(input.type);
    if (!type) throw new Error(`unknown request type ${input.type}`);
    const payload = type.payload.parse(input.payload);
    const now = this.deps.clock.now();
    const run = async (db: Db) => {
      const request = await this.deps.requests.insert(
        {
          communeId: commune.id,
          familyId: input.familyId,
          memberId: input.memberId ?? null,
          type: type.type,
          status: 'deposee',
          payload,
          summary: input.summary ?? type.label,
          createdAt: now,
          updatedAt: now,
          createdByKind: input.author.kind,
          createdById: input.author.id,
          createdByLabel: input.author.label,
          lastFamilyMessageAt: input.message ? now : null,
        },
        db,
      );
      await this.deps.requests.addEvent(
        {
          communeId: commune.id,
          requestId: request.id,
          at: now,
          ...eventAuthor(input.author),
          kind: 'submitted',
          toStatus: 'deposee',
        },
        db,
      );
      if (input.message) await this.addMessage(commune.id, request.id, input.author, input.message, now, db);
      await this.tellFamily(commune, request, db, (to, link) =>
        requestMails.submitted(commune, to, request.summary, link),
      );
      return request;
    };
    return tx ? run(tx) : inTransaction(this.deps.db, run);
  }

  /** A family's requests of one type still waiting for a decision. */
  openOfFamily(communeId: string, familyId: string, type: string, tx?: Db): Promise<Request[]> {
    return this.deps.requests.openOfFamily(communeId, familyId, type, tx);
  }

  ofFamily(commune: Commune, familyId: string, status?: RequestStatus): Promise<Request[]> {
    return this.deps.requests.ofFamily(commune.id, familyId, status);
  }

  /** The family's view of one of its requests; another family's is not found. */
  async viewForFamily(
    commune: Commune,
    familyId: string,
    id: string,
  ): Promise<{ ok: true; view: RequestView } | NotFound> {
    const request = await this.deps.requests.findOfFamily(commune.id, familyId, id);
    return request ? { ok: true, view: await this.view(request) } : notFound;
  }

  /** An agent opens a request of the commune: the family's messages become read. */
  private async openedByAgent(commune: Commune, id: string): Promise<RequestView | null> {
    const request = await this.deps.requests.find(commune.id, id);
    if (!request) return null;
    await this.deps.requests.markReadByAgents(commune.id, id, this.deps.clock.now());
    return this.view(request);
  }

  /**
   * A request's page at the desk: the request (opening it marks the family's messages read), its
   * family's file, and whether the agent may read the health notes it carries. Reading them is
   * written in the audit log before they are shown (SECURITY.md). Another commune's request is not found.
   */
  async deskView(
    commune: Commune,
    id: string,
    agent: Actor & { id: string; email: string },
    ip: string,
  ): Promise<{ ok: true; view: RequestView; file: FamilyFile; healthHidden: boolean } | NotFound> {
    const view = await this.openedByAgent(commune, id);
    const file = view ? await this.deps.families.file(commune.id, view.request.familyId) : null;
    if (!view || !file) return notFound;
    const healthMember = view.healthMemberId;
    const healthHidden = healthMember !== null && !agentMay(agent, 'health', commune.id);
    if (healthMember !== null && !healthHidden) {
      await this.deps.audit.record({
        communeId: commune.id,
        actor: agentActor(agent),
        action: 'health.viewed',
        subject: { kind: 'member', id: healthMember },
        ip,
        details: { family: file.family.id, view: 'request', request: view.request.id },
      });
    }
    return { ok: true, view, file, healthHidden };
  }

  /** The families' references, by id, for the queue's rows. */
  familyReferences(commune: Commune, familyIds: string[]): Promise<Map<string, string>> {
    return this.deps.families.referencesOf(commune.id, familyIds);
  }

  queue(commune: Commune, agentId: string, filter: QueueFilter): Promise<Request[]> {
    return this.deps.requests.queue(commune.id, agentId, filter, this.deps.clock.now());
  }

  /**
   * The work waiting at the desk: the open requests per status, with how many have waited more than each of
   * `ages` days, and the oldest one's date.
   */
  openByStatus(commune: Commune, ages: readonly number[]): Promise<OpenRequestCounts[]> {
    const now = this.deps.clock.now().getTime();
    return this.deps.requests.openByStatus(
      commune.id,
      ages.map((days) => new Date(now - days * 86_400_000)),
    );
  }

  unreadCount(commune: Commune): Promise<number> {
    return this.deps.requests.unreadCount(commune.id);
  }

  /** The commune's agents by name: the queue's « assigned » filter and the assigned agent of a request. */
  deskAgents(commune: Commune): Promise<DeskAgent[]> {
    return this.deps.requests.deskAgents(commune.id);
  }

  /** The family withdraws a request nobody has started on. */
  cancel(commune: Commune, familyId: string, id: string, author: Author): Promise<Outcome> {
    return this.act(commune, id, familyId, author, 'cancel', null);
  }

  /**
   * The family writes; an answer to « à compléter » puts the request back to the agents. A document
   * of the vault the family sent with it (already stored and checked there) is linked to the message.
   */
  familyMessage(
    commune: Commune,
    familyId: string,
    id: string,
    author: Author,
    body: string,
    documentId: string | null = null,
  ): Promise<Outcome> {
    return this.act(commune, id, familyId, author, 'family-message', body, undefined, '', documentId);
  }

  /** An agent takes the request on: it is assigned to them, and « en cours de traitement ». */
  take(commune: Commune, id: string, agent: Author & { id: string }, seenVersion: number): Promise<Outcome> {
    return this.act(commune, id, null, agent, 'take', null, seenVersion);
  }

  /** An agent's message to the family, with no change of status. */
  async agentMessage(commune: Commune, id: string, agent: Author & { id: string }, body: string): Promise<Outcome> {
    const now = this.deps.clock.now();
    return inTransaction(this.deps.db, async (tx) => {
      const request = await this.deps.requests.find(commune.id, id, tx);
      if (!request) return { ok: false, reason: 'not-found' } as const;
      await this.addMessage(commune.id, id, agent, body, now, tx);
      await this.tellFamily(commune, request, tx, (to, link) =>
        requestMails.agentMessage(commune, to, request.summary, link),
      );
      return { ok: true, request } as const;
    });
  }

  /** Accept, refuse or ask for more, on the version the agent saw. */
  decide(
    commune: Commune,
    id: string,
    agent: Author & { id: string },
    decision: Decision,
    message: string,
    seenVersion: number,
    ip = '',
  ): Promise<Outcome> {
    return this.act(commune, id, null, agent, DECISIONS[decision], message || null, seenVersion, ip);
  }

  private async act(
    commune: Commune,
    id: string,
    familyId: string | null,
    author: Author,
    action: RequestAction,
    message: string | null,
    seenVersion?: number,
    ip = '',
    documentId: string | null = null,
  ): Promise<Outcome> {
    const now = this.deps.clock.now();
    try {
      return await inTransaction(this.deps.db, async (tx): Promise<Outcome> => {
        // Locked: a family's message (which names no version) is never lost to an agent's move
        // between this read and the write; an agent's decision still checks the version they saw.
        const request = await this.deps.requests.lock(commune.id, id, tx);
        if (!request || (familyId !== null && request.familyId !== familyId)) return { ok: false, reason: 'not-found' };
        if (seenVersion !== undefined && request.version !== seenVersion) return { ok: false, reason: 'changed' };
        const status = nextStatus(request.status, action);
        if (!status) return { ok: false, reason: 'not-allowed' };
        const decided = action === 'accept' || action === 'refuse';
        const moved = await this.deps.requests.move(
          commune.id,
          id,
          request,
          {
            status,
            updatedAt: now,
            ...(action === 'take' ? { assignedAgentId: author.id } : {}),
            ...(decided ? { decidedAt: now } : {}),
            ...(action === 'family-message' ? { lastFamilyMessageAt: now } : {}),
          },
          tx,
        );
        // The row is locked, so this cannot miss; kept so that a change of the locking cannot let two win.
        if (!moved) return { ok: false, reason: 'changed' };
        if (action === 'accept') await this.apply(commune, moved, author, now, tx);
        if (action === 'take')
          await this.deps.requests.addEvent(
            { communeId: commune.id, requestId: id, at: now, ...eventAuthor(author), kind: 'assigned' },
            tx,
          );
        if (status !== request.status) {
          await this.deps.requests.addEvent(
            {
              communeId: commune.id,
              requestId: id,
              at: now,
              ...eventAuthor(author),
              kind: 'status',
              fromStatus: request.status,
              toStatus: status,
            },
            tx,
          );
        }
        if (message) await this.addMessage(commune.id, id, author, message, now, tx, documentId);
        if (author.kind === 'agent' && status !== request.status) {
          await this.tellFamily(commune, moved, tx, (to, link) =>
            requestMails.statusChanged(commune, to, moved.summary, status, link),
          );
        }
        if (author.kind === 'agent' && decided) {
          await this.deps.audit.record(
            {
              communeId: commune.id,
              actor: { kind: 'agent', id: author.id, label: author.label },
              action: `request.${status}`,
              subject: { kind: 'request', id },
              ip,
              details: { type: moved.type },
            },
            tx,
          );
        }
        return { ok: true, request: moved };
      });
    } catch (error) {
      if (error instanceof RequestNotApplicable) return { ok: false, reason: 'not-applicable', message: error.reason };
      if (error instanceof StalePayload) return { ok: false, reason: 'stale-payload' };
      throw error;
    }
  }

  private async apply(commune: Commune, request: Request, author: Author, at: Date, tx: Db): Promise<void> {
    const type = this.deps.types.get(request.type);
    if (!type?.apply) return;
    const parsed = type.payload.safeParse(request.payload);
    if (!parsed.success) throw new StalePayload('the request payload no longer parses');
    await type.apply(
      { tx, communeId: commune.id, request, actor: { kind: 'agent', id: author.id!, label: author.label }, at },
      parsed.data,
    );
  }

  private async view(request: Request): Promise<RequestView> {
    const type = this.deps.types.get(request.type);
    const parsed = type?.payload.safeParse(request.payload);
    const { events, messages } = await this.deps.requests.timeline(request.communeId, request.id);
    const payload = type && parsed?.success ? { type, data: parsed.data } : null;
    return {
      request,
      typeLabel: type?.label ?? request.type,
      details: payload ? payload.type.details(payload.data) : [],
      healthMemberId: payload?.type.healthDataOf?.(payload.data) ?? null,
      events,
      messages,
    };
  }

  private addMessage(
    communeId: string,
    requestId: string,
    author: Author,
    body: string,
    at: Date,
    tx: Db,
    documentId: string | null = null,
  ) {
    return this.deps.requests.addMessage(
      {
        communeId,
        requestId,
        at,
        authorKind: author.kind,
        authorId: author.id,
        authorLabel: author.label,
        body,
        documentId,
      },
      tx,
    );
  }

  /** Mails every account of the family, in the transaction: the mails leave only if the change lands. */
  private async tellFamily(
    commune: Commune,
    request: Request,
    tx: Db,
    mail: (to: Recipient, link: string) => MailMessage,
  ): Promise<void> {
    const holders = await this.deps.families.accountHolders(commune.id, request.familyId, tx);
    const link = `${this.deps.site.origin}${communePaths(commune).request(request.id)}`;
    for (const holder of holders)
      await this.deps.mailer.queue(mail({ email: holder.email, greeting: greetingOf(holder) }, link), { tx });
  }
}

function eventAuthor(author: Author) {
  return { actorKind: author.kind, actorId: author.id, actorLabel: author.label };
}
