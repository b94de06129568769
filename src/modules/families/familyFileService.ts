import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { Author } from '../requests/requestsRepository.js';
import type { RequestsService } from '../requests/requestsService.js';
import type {
  FamiliesRepository,
  FamilyAdult,
  FamilyChange,
  FamilyFile,
  FileTarget,
  MemberContact,
  NamedInFile,
} from './familiesRepository.js';
import {
  type FieldChange,
  type FieldGroupKey,
  type GroupValues,
  diffGroup,
  fieldGroups,
  needsValidation,
  pickGroupValues,
} from './domain/fieldGroups.js';
import { type Actor, agentAuthor, agentMay } from '../accounts/agentsPolicy.js';
import { groupValuesOf, sameTarget, targetRow, type EditableGroup } from './familyFileValues.js';
import {
  FAMILY_CHANGE,
  type FamilyChangePayload,
  NEW_MEMBER,
  familyChangePayload,
  newMemberPayload,
} from './familyRequestTypes.js';

/** Someone changing the file: a parent from their account, or an agent at the desk. */
export type FileAuthor = Author & { kind: 'citizen' | 'agent'; id: string };

/** A change asked and not decided yet: the file shows it beside the current value. */
export interface PendingChange {
  requestId: string;
  group: FieldGroupKey;
  target: FileTarget;
  changes: FieldChange[];
  at: Date;
}

/** The family file with everything its pages show. */
export interface FullFile extends FamilyFile {
  contacts: MemberContact[];
  pending: PendingChange[];
}

export type { EditableGroup };
/** The file's rows as the pages show them. */
export type {
  FamilyAdult,
  FamilyChange,
  FamilyFile,
  FamilyMember,
  FileTarget,
  NamedInFile,
} from './familiesRepository.js';

export type ChangeOutcome =
  | { ok: true; done: 'applied' | 'unchanged' }
  | { ok: true; done: 'requested'; requestId: string }
  | { ok: false; reason: 'not-found' }
  /** A request for the same change is already waiting: this one. */
  | { ok: false; reason: 'pending'; requestId: string };

interface Deps {
  db: Db;
  clock: Clock;
  families: FamiliesRepository;
  requests: RequestsService;
  audit: AuditLog;
}

/**
 * The family file as the family and the agents change it. A family's change is written at once or
 * becomes a request, as the commune decided for its group; an agent's is written at once. Every
 * change written is in the family's history (who, when, old and new values) and in the audit log
 * (who, what, never the values).
 */
export class FamilyFileService {
  constructor(private readonly deps: Deps) {}

  /** The family a citizen's account is linked to, if any: the only family their pages reach. */
  async familyOfCitizen(communeId: string, citizenId: string): Promise<string | null> {
    return (await this.deps.families.adultOfCitizen(communeId, citizenId))?.familyId ?? null;
  }

  /** The adult of a file a citizen's account is linked to, if any. */
  adultOfCitizen(communeId: string, citizenId: string): Promise<FamilyAdult | null> {
    return this.deps.families.adultOfCitizen(communeId, citizenId);
  }

  /** The desk's « Familles » search, by a name of the household. */
  search(communeId: string, name: string): Promise<FamilyFile[]> {
    return this.deps.families.search(communeId, name);
  }

  /** The families' references (« F-… »), by id, for the desk's lists. */
  references(communeId: string, familyIds: string[]): Promise<Map<string, string>> {
    return this.deps.families.referencesOf(communeId, familyIds);
  }

  /** The families, members and adults among these ids, named (the journal's « Objet » and details). */
  namesOf(communeId: string, ids: string[]): Promise<Map<string, NamedInFile>> {
    return this.deps.families.namesOf(communeId, ids);
  }

  /** The household, its adults and its members, without the contacts and pending changes `file` adds. */
  household(communeId: string, familyId: string): Promise<FamilyFile | null> {
    return this.deps.families.file(communeId, familyId);
  }

  /** Whether this agent may read the members' health notes of this commune (their role's right). */
  mayReadHealth(agent: Actor, communeId: string): boolean {
    return agentMay(agent, 'health', communeId);
  }

  /**
   * An agent opens a member's health notes (their page, or the form filled with them): allowed only
   * to the role that may read them, and written in the audit log before they are shown (SECURITY.md).
   * False when the agent may not: nothing is shown and nothing written.
   */
  async readHealth(
    commune: Commune,
    agent: Actor & { id: string; firstName: string; lastName: string },
    familyId: string,
    memberId: string,
    view: 'page' | 'edit',
    ip: string,
  ): Promise<boolean> {
    if (!this.mayReadHealth(agent, commune.id)) return false;
    await this.deps.audit.record({
      communeId: commune.id,
      // Named as in the family's history: the family reads this line in its data.
      actor: agentAuthor(agent),
      action: 'health.viewed',
      subject: { kind: 'member', id: memberId },
      ip,
      details: { family: familyId, view },
    });
    return true;
  }

  async file(communeId: string, familyId: string, tx: Db = this.deps.db): Promise<FullFile | null> {
    const file = await this.deps.families.file(communeId, familyId, tx);
    if (!file) return null;
    const [contacts, changes, members] = await Promise.all([
      this.deps.families.contactsOf(
        communeId,
        file.members.map((m) => m.id),
        tx,
      ),
      this.deps.requests.openOfFamily(communeId, familyId, FAMILY_CHANGE, tx),
      this.deps.requests.openOfFamily(communeId, familyId, NEW_MEMBER, tx),
    ]);
    // A payload that no longer reads (a type's shape changed) is left out, never a broken page.
    const pending: PendingChange[] = [
      ...changes.flatMap((request) => {
        const payload = familyChangePayload.safeParse(request.payload);
        return payload.success
          ? [
              {
                requestId: request.id,
                group: payload.data.group,
                target: payload.data.target,
                changes: payload.data.changes,
                at: request.createdAt,
              },
            ]
          : [];
      }),
      ...members.flatMap((request) => {
        const payload = newMemberPayload.safeParse(request.payload);
        const target: FileTarget = { kind: 'family' };
        return payload.success
          ? [
              {
                requestId: request.id,
                group: 'new-member' as const,
                target,
                changes: payload.data.changes,
                at: request.createdAt,
              },
            ]
          : [];
      }),
    ];
    return { ...file, contacts, pending };
  }

  history(communeId: string, familyId: string): Promise<FamilyChange[]> {
    return this.deps.families.history(communeId, familyId);
  }

  policies(communeId: string): Promise<Map<string, boolean>> {
    return this.deps.families.policies(communeId);
  }

  /** The administrator's choice of which groups the families change only through a request. */
  async setPolicies(
    commune: Commune,
    choices: Record<FieldGroupKey, boolean>,
    agent: FileAuthor,
    ip: string,
  ): Promise<void> {
    await inTransaction(this.deps.db, async (tx) => {
      await this.deps.families.setPolicies(commune.id, choices, tx);
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: agent,
          action: 'family-policies.changed',
          ip,
          details: Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, v])),
        },
        tx,
      );
    });
  }

  /** The current values of a group for a target of the file; null when the target is not in it. */
  currentValues<G extends EditableGroup>(file: FullFile, target: FileTarget, group: G): GroupValues[G] | null {
    return groupValuesOf(file, target, group);
  }

  /**
   * A change of one group of one target. Nothing typed differs: nothing is written. A family's change
   * of a group that needs validation becomes a request; only one may wait per group and target.
   */
  async change<G extends EditableGroup>(
    commune: Commune,
    familyId: string,
    target: FileTarget,
    group: G,
    next: GroupValues[G],
    author: FileAuthor,
    ip: string,
  ): Promise<ChangeOutcome> {
    if (fieldGroups[group].target !== target.kind) return { ok: false, reason: 'not-found' };
    const validated =
      author.kind === 'citizen' && needsValidation(group, await this.deps.families.policies(commune.id));
    return inTransaction(this.deps.db, async (tx): Promise<ChangeOutcome> => {
      // Under the family's lock, the comparison, the « one request per group » check and the write
      // see the same file: a double click or both parents at once make one request, not two.
      if (!(await this.deps.families.lockFamily(commune.id, familyId, tx))) return { ok: false, reason: 'not-found' };
      const file = await this.file(commune.id, familyId, tx);
      const current = file && groupValuesOf(file, target, group);
      if (!file || !current) return { ok: false, reason: 'not-found' };
      const changes = diffGroup(group, current, next);
      if (changes.length === 0) return { ok: true, done: 'unchanged' };
      if (validated) {
        const waiting = file.pending.find((p) => p.group === group && sameTarget(p.target, target));
        if (waiting) return { ok: false, reason: 'pending', requestId: waiting.requestId };
        const payload: FamilyChangePayload = { target, group, values: next as Record<string, unknown>, changes };
        const summary = `${fieldGroups[group].label}${targetName(file, target)}`;
        const request = await this.deps.requests.submit(
          commune,
          {
            familyId,
            memberId: target.kind === 'member' ? target.id : null,
            type: FAMILY_CHANGE,
            payload,
            summary,
            author,
          },
          tx,
        );
        return { ok: true, done: 'requested', requestId: request.id };
      }
      if (!(await this.deps.families.writeGroup(commune.id, familyId, target, group, next, tx)))
        return { ok: false, reason: 'not-found' };
      await this.deps.families.recordChange(
        {
          communeId: commune.id,
          familyId,
          memberId: target.kind === 'member' ? target.id : null,
          at: this.deps.clock.now(),
          actorKind: author.kind,
          actorId: author.id,
          actorLabel: author.label,
          fieldGroup: group,
          changes,
        },
        tx,
      );
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: author,
          action: 'family.changed',
          subject: { kind: 'family', id: familyId },
          ip,
          details: { group, target: target.kind, fields: changes.map((c) => c.field).join(',') },
        },
        tx,
      );
      return { ok: true, done: 'applied' };
    });
  }

  /** A new household member: a request, or written at once when the commune lets families add members, or by an agent. */
  async addMember(
    commune: Commune,
    familyId: string,
    values: GroupValues['new-member'],
    author: FileAuthor,
    ip: string,
  ): Promise<ChangeOutcome> {
    const changes = diffGroup('new-member', {}, values).map((c) => ({ ...c, before: '' }));
    const validated =
      author.kind === 'citizen' && needsValidation('new-member', await this.deps.families.policies(commune.id));
    return inTransaction(this.deps.db, async (tx): Promise<ChangeOutcome> => {
      if (!(await this.deps.families.lockFamily(commune.id, familyId, tx))) return { ok: false, reason: 'not-found' };
      if (validated) {
        // The same person asked twice (a double click) waits once.
        const waiting = await this.deps.requests.openOfFamily(commune.id, familyId, NEW_MEMBER, tx);
        const same = (payload: unknown) => {
          const parsed = newMemberPayload.safeParse(payload);
          return (
            parsed.success &&
            JSON.stringify(pickGroupValues('new-member', parsed.data.values)) ===
              JSON.stringify(pickGroupValues('new-member', values))
          );
        };
        const twin = waiting.find((r) => same(r.payload));
        if (twin) return { ok: false, reason: 'pending', requestId: twin.id };
        const summary = `${fieldGroups['new-member'].label} : ${values.firstName} ${values.lastName.toLocaleUpperCase('fr-FR')}`;
        const request = await this.deps.requests.submit(
          commune,
          { familyId, type: NEW_MEMBER, payload: { values, changes }, summary, author },
          tx,
        );
        return { ok: true, done: 'requested', requestId: request.id };
      }
      const member = await this.deps.families.insertMember({ communeId: commune.id, familyId, ...values }, tx);
      await this.deps.families.recordChange(
        {
          communeId: commune.id,
          familyId,
          memberId: member.id,
          at: this.deps.clock.now(),
          actorKind: author.kind,
          actorId: author.id,
          actorLabel: author.label,
          fieldGroup: 'new-member',
          changes,
        },
        tx,
      );
      await this.deps.audit.record(
        {
          communeId: commune.id,
          actor: author,
          action: 'family.member-added',
          subject: { kind: 'family', id: familyId },
          ip,
        },
        tx,
      );
      return { ok: true, done: 'applied' };
    });
  }
}

/** « — Rémi DUPONT » after a group's label, so that a list of requests says whom it is about. */
function targetName(file: FamilyFile, target: FileTarget): string {
  const row = target.kind === 'family' ? null : targetRow(file, target);
  return row && 'firstName' in row ? ` — ${row.firstName} ${row.lastName.toLocaleUpperCase('fr-FR')}` : '';
}
