import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { AuditAction } from './auditActions.js';
import { auditEvents } from './auditSchema.js';

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditActor {
  kind: 'citizen' | 'agent' | 'system' | 'anonymous';
  id?: string | null;
  label?: string;
}

export interface AuditEntry {
  communeId: string | null;
  actor: AuditActor;
  /** A dotted name, e.g. `citizen.login.failed`, `child-key.used`: one of `AUDIT_ACTIONS`. */
  action: AuditAction;
  subject?: { kind: string; id: string };
  ip?: string;
  /** Identifiers and outcomes only: never a password, a token, a key or a health value. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditQuery {
  text?: string;
  /** Codes the text also finds (those whose wording holds it). */
  textActions?: string[];
  action?: string;
  from?: Date;
  before?: Date;
  limit?: number;
  offset?: number;
}

/** The audit log of SECURITY.md "Every request": written in the transaction of the act it records. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, tx: Db = this.db): Promise<void> {
    await this.insertOf(entry, tx);
  }

  /** The insert that `record` runs, unrun: for a statement that writes the line with the act's own changes (a login's). */
  insertOf(entry: AuditEntry, db: Db = this.db) {
    return db.insert(auditEvents).values({
      communeId: entry.communeId,
      at: this.clock.now(),
      actorKind: entry.actor.kind,
      actorId: entry.actor.id ?? null,
      actorLabel: entry.actor.label ?? '',
      action: entry.action,
      subjectKind: entry.subject?.kind ?? null,
      subjectId: entry.subject?.id ?? null,
      ip: entry.ip ?? '',
      details: entry.details ?? {},
    });
  }

  /**
   * `insertOf` with placeholders (`audit_…`), for a statement built once and run many times (a login's
   * success: `LoginSuccessWriter`); `placeholdersOf` gives their values for one entry.
   */
  insertTemplate(db: Db = this.db) {
    const p = (name: string) => sql`${sql.placeholder(`audit_${name}`)}`;
    return db.insert(auditEvents).values({
      communeId: p('communeId'),
      at: p('at'),
      actorKind: p('actorKind'),
      actorId: p('actorId'),
      actorLabel: p('actorLabel'),
      action: p('action'),
      subjectKind: p('subjectKind'),
      subjectId: p('subjectId'),
      ip: p('ip'),
      details: sql`${sql.placeholder('audit_details')}::jsonb`,
    });
  }

  /** The values of `insertTemplate`'s placeholders for one entry, as `insertOf` would write it. */
  placeholdersOf(entry: AuditEntry): Record<string, unknown> {
    return {
      audit_communeId: entry.communeId,
      audit_at: this.clock.now().toISOString(),
      audit_actorKind: entry.actor.kind,
      audit_actorId: entry.actor.id ?? null,
      audit_actorLabel: entry.actor.label ?? '',
      audit_action: entry.action,
      audit_subjectKind: entry.subject?.kind ?? null,
      audit_subjectId: entry.subject?.id ?? null,
      audit_ip: entry.ip ?? '',
      audit_details: JSON.stringify(entry.details ?? {}),
    };
  }

  /** Newest first; `text` looks in the actor's name, the action and the address. */
  async search(communeId: string, query: AuditQuery = {}): Promise<AuditEvent[]> {
    const conditions: SQL[] = [eq(auditEvents.communeId, communeId)];
    if (query.text) {
      const pattern = `%${query.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(auditEvents.actorLabel, pattern),
          ilike(auditEvents.action, pattern),
          ilike(auditEvents.ip, pattern),
          ...(query.textActions?.length ? [inArray(auditEvents.action, query.textActions)] : []),
        )!,
      );
    }
    if (query.action) conditions.push(sql`${auditEvents.action} like ${`${query.action}%`}`);
    if (query.from) conditions.push(gte(auditEvents.at, query.from));
    if (query.before) conditions.push(lt(auditEvents.at, query.before));
    return this.db
      .select()
      .from(auditEvents)
      .where(and(...conditions))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(query.limit ?? 100)
      .offset(query.offset ?? 0);
  }
}
