import { z } from 'zod';
import { RequestNotApplicable, type RequestType } from '../requests/requestTypes.js';
import { FIELD_GROUPS, type FieldGroupKey, fieldGroups, pickGroupValues } from './domain/fieldGroups.js';
import type { FamiliesRepository } from './familiesRepository.js';

const fieldChange = z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() });

const familyChangePayload = z.object({
  target: z.union([z.object({ kind: z.literal('family') }), z.object({ kind: z.enum(['adult', 'member']), id: z.uuid() })]),
  group: z.enum(FIELD_GROUPS.filter((g) => g !== 'new-member') as [FieldGroupKey, ...FieldGroupKey[]]),
  values: z.record(z.string(), z.unknown()),
  /** The values as the family saw them when asking: what the agents compare. */
  changes: z.array(fieldChange),
});
export type FamilyChangePayload = z.infer<typeof familyChangePayload>;

const newMemberPayload = z.object({ values: z.record(z.string(), z.unknown()), changes: z.array(fieldChange) });
export type NewMemberPayload = z.infer<typeof newMemberPayload>;

export const FAMILY_CHANGE = 'family-change';
export const NEW_MEMBER = 'new-member';

const gone = 'La personne concernée ne fait plus partie du dossier famille : refusez la demande en l’expliquant à la famille.';

/** « Modification du dossier famille »: the new values are written only when an agent accepts. */
export function familyChangeType(families: FamiliesRepository): RequestType<FamilyChangePayload> {
  return {
    type: FAMILY_CHANGE,
    label: 'Modification du dossier famille',
    payload: familyChangePayload,
    details: (payload) => payload.changes.map(({ label, before, after }) => ({ label, before, after })),
    async apply({ tx, communeId, request, actor, at }, payload) {
      const values = pickGroupValues(payload.group, payload.values);
      if (!(await families.writeGroup(communeId, request.familyId, payload.target, payload.group, values, tx))) throw new RequestNotApplicable(gone);
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
        { communeId, familyId: request.familyId, memberId: member.id, at, actorKind: actor.kind, actorId: actor.id, actorLabel: actor.label ?? '', fieldGroup: 'new-member', changes: payload.changes, requestId: request.id },
        tx,
      );
    },
  };
}
