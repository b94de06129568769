import { z } from 'zod';
import { RequestNotApplicable, type RequestType } from '../requests/requestTypes.js';
import { FIELD_GROUPS, describeValue, fieldGroups, pickGroupValues } from './domain/fieldGroups.js';
import { type EditableGroup, groupValuesOf } from './familyFileValues.js';
import type { FamiliesRepository } from './familiesRepository.js';

const fieldChange = z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() });

export const familyChangePayload = z.object({
  target: z.union([
    z.object({ kind: z.literal('family') }),
    z.object({ kind: z.enum(['adult', 'member']), id: z.uuid() }),
  ]),
  group: z.enum(FIELD_GROUPS.filter((g) => g !== 'new-member') as [EditableGroup, ...EditableGroup[]]),
  values: z.record(z.string(), z.unknown()),
  /** The values as the family saw them when asking: what the agents compare. */
  changes: z.array(fieldChange),
});
export type FamilyChangePayload = z.infer<typeof familyChangePayload>;

export const newMemberPayload = z.object({ values: z.record(z.string(), z.unknown()), changes: z.array(fieldChange) });
export type NewMemberPayload = z.infer<typeof newMemberPayload>;

export const FAMILY_CHANGE = 'family-change';
export const NEW_MEMBER = 'new-member';

const gone =
  'La personne concernée ne fait plus partie du dossier famille : refusez la demande en l’expliquant à la famille.';
const stale = (labels: string[]) =>
  `Le dossier a été modifié depuis la demande (${labels.join(', ')}) : refusez-la en expliquant à la famille qu’elle peut en déposer une nouvelle.`;

/** « Modification du dossier famille »: the new values are written only when an agent accepts. */
export function familyChangeType(families: FamiliesRepository): RequestType<FamilyChangePayload> {
  return {
    type: FAMILY_CHANGE,
    label: 'Modification du dossier famille',
    payload: familyChangePayload,
    details: (payload) => payload.changes.map(({ label, before, after }) => ({ label, before, after })),
    healthDataOf: (payload) =>
      payload.group === 'health' && payload.target.kind === 'member' ? payload.target.id : null,
    async apply({ tx, communeId, request, actor, at }, payload) {
      const { target, group } = payload;
      if (!(await families.lockFamily(communeId, request.familyId, tx))) throw new RequestNotApplicable(gone);
      const file = await families.file(communeId, request.familyId, tx);
      const contacts = file
        ? await families.contactsOf(
            communeId,
            file.members.map((m) => m.id),
            tx,
          )
        : [];
      const current = file && groupValuesOf({ ...file, contacts }, target, group);
      if (!current) throw new RequestNotApplicable(gone);
      // The family asked to change some fields from the values it saw. If one of them has changed
      // since (an agent's edit), applying would overwrite it unseen; the others are kept as they are now.
      const moved = payload.changes.filter(
        (change) => describeValue(change.field, (current as Record<string, unknown>)[change.field]) !== change.before,
      );
      if (moved.length > 0) throw new RequestNotApplicable(stale(moved.map((change) => change.label)));
      const next: Record<string, unknown> = { ...current };
      for (const change of payload.changes) next[change.field] = payload.values[change.field];
      if (!(await families.writeGroup(communeId, request.familyId, target, group, pickGroupValues(group, next), tx)))
        throw new RequestNotApplicable(gone);
      await families.recordChange(
        {
          communeId,
          familyId: request.familyId,
          memberId: payload.target.kind === 'member' ? payload.target.id : null,
          at,
          actorKind: actor.kind,
          actorId: actor.id,
          actorLabel: actor.label ?? '',
          fieldGroup: payload.group,
          changes: payload.changes,
          requestId: request.id,
        },
        tx,
      );
    },
  };
}

/** « Nouveau membre du foyer »: the member is added when an agent accepts. */
export function newMemberType(families: FamiliesRepository): RequestType<NewMemberPayload> {
  return {
    type: NEW_MEMBER,
    label: fieldGroups['new-member'].label,
    payload: newMemberPayload,
    details: (payload) => payload.changes.map(({ label, after }) => ({ label, after })),
    async apply({ tx, communeId, request, actor, at }, payload) {
      const values = pickGroupValues('new-member', payload.values);
      const member = await families.insertMember({ communeId, familyId: request.familyId, ...values }, tx);
      await families.recordChange(
        {
          communeId,
          familyId: request.familyId,
          memberId: member.id,
          at,
          actorKind: actor.kind,
          actorId: actor.id,
          actorLabel: actor.label ?? '',
          fieldGroup: 'new-member',
          changes: payload.changes,
          requestId: request.id,
        },
        tx,
      );
    },
  };
}
