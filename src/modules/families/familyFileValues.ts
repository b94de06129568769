import { type FieldGroupKey, type GroupValues, fieldGroups } from './domain/fieldGroups.js';
import type { FamilyFile, FileTarget, MemberContact } from './familiesRepository.js';

export type EditableGroup = Exclude<FieldGroupKey, 'new-member'>;

/** The row of the file a target names, or null when it is not in this file. */
export function targetRow(file: FamilyFile, target: FileTarget) {
  if (target.kind === 'family') return file.family;
  if (target.kind === 'adult') return file.adults.find((a) => a.id === target.id) ?? null;
  return file.members.find((m) => m.id === target.id) ?? null;
}

/** The current values of a group for a target of the file; null when the target is not in it. */
export function groupValuesOf<G extends EditableGroup>(
  file: FamilyFile & { contacts: MemberContact[] },
  target: FileTarget,
  group: G,
): GroupValues[G] | null {
  const source = targetRow(file, target);
  if (!source) return null;
  if (group === 'contacts') {
    const of = (kind: string) =>
      file.contacts
        .filter((c) => c.memberId === source.id && c.kind === kind)
        .map(({ name, phone, relation }) => ({ name, phone, relation }));
    return { pickup: of('pickup'), emergency: of('emergency') } as GroupValues[G];
  }
  const values: Record<string, unknown> = {};
  for (const field of Object.keys(fieldGroups[group].fields))
    values[field] = (source as Record<string, unknown>)[field];
  return values as GroupValues[G];
}

export function sameTarget(a: FileTarget, b: FileTarget): boolean {
  return a.kind === b.kind && (a.kind === 'family' || (b.kind !== 'family' && a.id === b.id));
}
