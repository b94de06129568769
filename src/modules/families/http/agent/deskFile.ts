import type { FastifyRequest } from 'fastify';
import { queryOf } from '../../../../platform/http/query.js';
import { type AgentAccess, communeOf } from '../../../../doors/agent/agentRequest.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { fieldGroups } from '../../domain/fieldGroups.js';
import type {
  EditableGroup,
  FamilyAdult,
  FamilyFileService,
  FamilyMember,
  FileTarget,
  FullFile,
} from '../../familyFileService.js';
import { groupsOfMember } from '../groupEditing.js';

/** What the desk's family pages share: the file of the address, the groups' addresses, the notices after a change. */

export const access = (agentAccess: AgentAccess) => ({ config: { agentAccess } });

/** Each group's part of an edit page's address, in the words of the desk's other addresses. */
export const groupSlugs: Record<EditableGroup, string> = {
  address: 'adresse',
  contact: 'coordonnees',
  identity: 'identite',
  school: 'ecole',
  diet: 'regime',
  health: 'sante',
  contacts: 'contacts',
  consents: 'autorisations',
};

export function groupOfSlug(slug: string): EditableGroup | null {
  return (Object.keys(groupSlugs) as EditableGroup[]).find((group) => groupSlugs[group] === slug) ?? null;
}

/** The desk's addresses of a family file's edits, beside those of `agentPaths`. */
export function deskFilePaths(commune: Pick<Commune, 'slug'>) {
  const paths = agentPaths(commune);
  return {
    edit: (familyId: string, group: EditableGroup, targetId?: string) =>
      `${paths.family(familyId)}/modifier/${groupSlugs[group]}${targetId ? `?cible=${targetId}` : ''}`,
    newMember: (familyId: string) => `${paths.family(familyId)}/nouveau-membre`,
  };
}

/** The family file of the address, in the agent's commune; anything else (another commune's, not a uuid) is not found. */
export async function deskFileOf(
  familyFile: FamilyFileService,
  request: FastifyRequest,
  familyId: string,
): Promise<FullFile | null> {
  return familyFile.file(communeOf(request).id, familyId);
}

/** A member of this file, or null: a member of another family under this family's address is not found. */
export function memberOf(file: FullFile, memberId: string): FamilyMember | null {
  return file.members.find((m) => m.id === memberId) ?? null;
}

export type EditTarget =
  | { target: { kind: 'family' }; adult?: undefined; member?: undefined }
  | { target: FileTarget & { kind: 'adult' }; adult: FamilyAdult; member?: undefined }
  | { target: FileTarget & { kind: 'member' }; member: FamilyMember; adult?: undefined };

/**
 * Whom an edit page is about, from its `?cible=`: the household for the address, an adult of this
 * file for the contact details, a member of this file for the others (and only the groups their
 * page shows). Anything else is not found.
 */
export function editTargetOf(request: FastifyRequest, file: FullFile, group: EditableGroup): EditTarget | null {
  const cible = queryOf(request).cible ?? '';
  switch (fieldGroups[group].target) {
    case 'family':
      return { target: { kind: 'family' } };
    case 'adult': {
      const adult = file.adults.find((a) => a.id === cible);
      return adult ? { target: { kind: 'adult', id: adult.id }, adult } : null;
    }
    case 'member': {
      const member = memberOf(file, cible);
      if (!member || !(groupsOfMember(member) as readonly string[]).includes(group)) return null;
      return { target: { kind: 'member', id: member.id }, member };
    }
  }
}

/** What a desk page says after an edit (post / redirect / get). */
const deskNotices = {
  modifie: 'La modification est enregistrée.',
  inchange: 'Aucune modification : les valeurs saisies sont celles du dossier.',
  ajoute: 'Le membre du foyer est ajouté au dossier.',
} as const;
export type DeskNotice = keyof typeof deskNotices;

export function deskNoticeOf(request: FastifyRequest): string | null {
  const done = queryOf(request).fait ?? '';
  return Object.hasOwn(deskNotices, done) ? deskNotices[done as DeskNotice] : null;
}

export const withNotice = (page: string, notice: DeskNotice) => `${page}?fait=${notice}`;
