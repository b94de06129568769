import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { type FormValues, type Parsed, formValues, parseForm } from '../../../platform/http/forms.js';
import { queryOf } from '../../../platform/http/query.js';
import { isUuid } from '../../../shared/ids.js';
import { type LocalDay, formatShortDay, localDayOf } from '../../../shared/localDays.js';
import { type GroupValues, LEAVES_ALONE_MIN_AGE, ageOn } from '../domain/fieldGroups.js';
import type {
  ChangeOutcome,
  EditableGroup,
  FamilyMember,
  FileTarget,
  FullFile,
  PendingChange,
} from '../familyFileService.js';
import { CONTACT_ROWS, contactKinds, groupForms, parseContacts } from '../familyFileForms.js';

/**
 * What the family's edit pages share: which groups a page edits, the form of a group from its
 * values and back, and the notice that follows a change (post / redirect / get).
 */

export const MEMBER_GROUPS = ['identity', 'school', 'diet', 'health', 'contacts', 'consents'] as const;
export type MemberGroup = (typeof MEMBER_GROUPS)[number];
export const COORDINATES_GROUPS = ['address', 'contact'] as const;
export type CoordinatesGroup = (typeof COORDINATES_GROUPS)[number];

/**
 * The groups a member's page shows. School, canteen, health, pick-up and consents are a child's
 * file; another adult of the household is known by their identity only.
 */
export function groupsOfMember(member: Pick<FamilyMember, 'relation'>): readonly MemberGroup[] {
  return member.relation === 'enfant' ? MEMBER_GROUPS : ['identity'];
}

export function isMemberGroup(value: string): value is MemberGroup {
  return (MEMBER_GROUPS as readonly string[]).includes(value);
}

export function isCoordinatesGroup(value: string): value is CoordinatesGroup {
  return (COORDINATES_GROUPS as readonly string[]).includes(value);
}

/** Going home alone is offered from LEAVES_ALONE_MIN_AGE on, counted on the commune's today. */
export function leavesAloneOffered(member: Pick<FamilyMember, 'birthDate'>, now: Date): boolean {
  return ageOn(member.birthDate, localDayOf(now)) >= LEAVES_ALONE_MIN_AGE;
}

// Any field is a string here: the contacts' own rules come after the check every form gets
// (no line break nor invisible character in a one-line field).
const anyFields = z.record(z.string(), z.string());

/** What was typed in a group's form, as the group's values; errors by field name. */
export function parseGroup<G extends EditableGroup>(group: G, body: unknown): Parsed<GroupValues[G]> {
  if (group === 'contacts') {
    const typed = parseForm(anyFields, body);
    if (!typed.ok) return typed;
    const parsed = parseContacts(typed.data);
    return parsed.ok
      ? { ok: true, data: parsed.data as GroupValues[G] }
      : { ok: false, errors: parsed.errors, values: formValues(body) };
  }
  return parseForm(groupForms[group as Exclude<EditableGroup, 'contacts'>], body) as Parsed<GroupValues[G]>;
}

/** The form of a group filled with its values: what the edit page shows before anything is typed. */
export function formOfValues<G extends EditableGroup>(group: G, values: GroupValues[G]): FormValues {
  const form: FormValues = {};
  if (group === 'contacts') {
    const lists = values as GroupValues['contacts'];
    for (const kind of contactKinds) {
      lists[kind].slice(0, CONTACT_ROWS).forEach((contact, row) => {
        form[`${kind}-${row}-name`] = contact.name;
        form[`${kind}-${row}-phone`] = contact.phone;
        form[`${kind}-${row}-relation`] = contact.relation;
      });
    }
    return form;
  }
  for (const [field, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value === 'boolean') form[field] = value ? 'oui' : '';
    else if (field === 'birthDate' && typeof value === 'string') form[field] = formatShortDay(value as LocalDay);
    else form[field] = String(value ?? '');
  }
  return form;
}

/** The change waiting for validation on this group of this target, if any. */
export function pendingOf(file: FullFile, group: string, target: FileTarget): PendingChange | null {
  return (
    file.pending.find(
      (p) =>
        p.group === group &&
        p.target.kind === target.kind &&
        (target.kind === 'family' || (p.target.kind !== 'family' && p.target.id === target.id)),
    ) ?? null
  );
}

/** What the page says after a change: written, sent to the guichet unique, or nothing to do. */
export type FileNoticeKind = 'applied' | 'requested' | 'unchanged' | 'added';
export interface FileNotice {
  kind: FileNoticeKind;
  /** The request the change became, when it is one of this family's waiting requests. */
  requestId: string | null;
}

const noticeWords: Record<FileNoticeKind, string> = {
  applied: 'enregistre',
  requested: 'transmis',
  unchanged: 'inchange',
  added: 'ajoute',
};

/** The page to go back to after a change, with what its notice will say. */
export function afterChange(
  page: string,
  outcome: Extract<ChangeOutcome, { ok: true }>,
  applied: FileNoticeKind = 'applied',
): string {
  const query = new URLSearchParams({ fait: noticeWords[outcome.done === 'applied' ? applied : outcome.done] });
  if (outcome.done === 'requested') query.set('demande', outcome.requestId);
  return `${page}?${query}`;
}

/** The notice of a page reached after a change; a request id is kept only when it is one of the family's waiting requests. */
export function noticeOf(request: FastifyRequest, file: FullFile): FileNotice | null {
  const { fait, demande } = queryOf(request);
  const kind = (Object.keys(noticeWords) as FileNoticeKind[]).find((k) => noticeWords[k] === fait);
  if (!kind) return null;
  const requestId = demande && isUuid(demande) && file.pending.some((p) => p.requestId === demande) ? demande : null;
  return { kind, requestId };
}
