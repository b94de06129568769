import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import type { AuditActor } from '../audit/auditLog.js';
import type { Request } from './requestsRepository.js';

/** One line of what a request asks: a value and, for a change, the value it replaces. */
export interface RequestDetail {
  label: string;
  before?: string;
  after: string;
  /** A document of the family's vault the line gives: each side's page links to it. */
  documentId?: string;
}

export interface ApplyContext {
  tx: Db;
  communeId: string;
  request: Request;
  actor: AuditActor & { id: string };
  at: Date;
}

/**
 * A kind of request. The engine stores its payload, moves its status and keeps its timeline and
 * thread; the type alone knows what the payload means, how to show it, and what accepting it does.
 * Later procedures (inscription, absence, « Autres démarches ») are new types, not engine changes.
 */
export interface RequestType<P = unknown> {
  type: string;
  /** « Modification du dossier famille » */
  label: string;
  /** Checks the payload when the request is made and again before it is applied. */
  payload: z.ZodType<P>;
  details(payload: P): RequestDetail[];
  /**
   * The member whose health notes the request shows, if it shows any: an agent reading it is
   * reading health data, which needs the right to and is written in the audit log.
   */
  healthDataOf?(payload: P): string | null;
  /**
   * Runs inside the acceptance's transaction: everything it writes lands with the new status, or
   * nothing does. It throws `RequestNotApplicable` when the request can no longer be applied.
   */
  apply?(context: ApplyContext, payload: P): Promise<void>;
}

/** The acceptance cannot be applied as it stands (the member is gone, the value is no longer valid…). */
export class RequestNotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The request types a deployment knows, registered by the modules at start. */
export class RequestTypes {
  private readonly types = new Map<string, RequestType<never>>();

  register<P>(type: RequestType<P>): void {
    if (this.types.has(type.type)) throw new Error(`request type ${type.type} registered twice`);
    this.types.set(type.type, type as unknown as RequestType<never>);
  }

  get(type: string): RequestType<unknown> | undefined {
    return this.types.get(type) as RequestType<unknown> | undefined;
  }

  /** For the agents' filter. */
  all(): { type: string; label: string }[] {
    return [...this.types.values()].map(({ type, label }) => ({ type, label }));
  }

  label(type: string): string {
    return this.types.get(type)?.label ?? type;
  }
}
