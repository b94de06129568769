import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { agentAuthor, agentMay } from '../../../accounts/agentsPolicy.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { personName } from '../../../../doors/agent/views/deskParts.js';
import type { EditableGroup, FamilyFileService, FullFile } from '../../familyFileService.js';
import type { Clock } from '../../../../platform/clock.js';
import { groupForms } from '../../familyFileForms.js';
import { formOfValues, groupsOfMember, leavesAloneOffered, parseGroup, pendingOf } from '../groupEditing.js';
import {
  type EditTarget,
  access,
  deskFileOf,
  deskFilePaths,
  deskNoticeOf,
  editTargetOf,
  groupOfSlug,
  memberOf,
  withNotice,
} from './deskFile.js';
import { fieldPoliciesRoutes } from './fieldPoliciesRoutes.js';
import { DeskGroupEditPage, DeskNewMemberPage } from './views/DeskGroupEditPage.js';
import { DeskMemberPage } from './views/DeskMemberPage.js';
import { MemberHealthPage } from './views/MemberHealthPage.js';

type FamilyParams = { familyId: string };
type EditParams = FamilyParams & { group: string };
type MemberParams = FamilyParams & { memberId: string };

/** An edit page's group and whom it is about, in its file. */
type Edit = EditTarget & { file: FullFile; group: EditableGroup };

/** The desk's edits of a family file (audited), the members' pages with their health notes (each view audited), and the validation settings. */
export function familyFileDeskRoutes({
  familyFile,
  clock,
}: {
  familyFile: FamilyFileService;
  clock: Clock;
}): FastifyPluginAsync {
  /** The group and whom it is about, from the address; the health notes need the right to read them too. */
  const editOf = async (request: FastifyRequest<{ Params: EditParams }>): Promise<Edit | null> => {
    const file = await deskFileOf(familyFile, request, request.params.familyId);
    const group = groupOfSlug(request.params.group);
    const found = file && group ? editTargetOf(request, file, group) : null;
    if (!file || !group || !found) return null;
    if (group === 'health' && !familyFile.mayReadHealth(agentOf(request), communeOf(request).id)) return null;
    return { file, group, ...found };
  };

  /** A view of a member's health notes: the service checks the right and writes the audit line first. */
  const readHealth = (request: FastifyRequest, familyId: string, memberId: string, view: 'page' | 'edit') =>
    familyFile.readHealth(communeOf(request), agentOf(request), familyId, memberId, view, request.ip);

  return async (app) => {
    const render = (request: FastifyRequest, edit: Edit, form: FormState) => {
      const commune = communeOf(request);
      const paths = agentPaths(commune);
      const { file, group, target, member, adult } = edit;
      const back = member
        ? { href: paths.familyMember(file.family.id, member.id), label: `Retour à la fiche de ${personName(member)}` }
        : { href: paths.family(file.family.id), label: `Retour au dossier famille ${file.family.reference}` };
      return (context: Parameters<typeof DeskGroupEditPage>[0]['context']) =>
        DeskGroupEditPage({
          context,
          group,
          about: member ? personName(member) : adult ? personName(adult) : 'le foyer',
          reference: file.family.reference,
          action: deskFilePaths(commune).edit(file.family.id, group, target.kind === 'family' ? undefined : target.id),
          back,
          form,
          pending: pendingOf(file, group, target),
          leavesAloneOffered: member ? leavesAloneOffered(member, clock.now()) : false,
        });
    };

    app.get<{ Params: EditParams }>(
      '/familles/:familyId/modifier/:group',
      { ...idParams('familyId'), ...access('family-edit') },
      async (request, reply) => {
        const edit = await editOf(request);
        const values = edit && familyFile.currentValues(edit.file, edit.target, edit.group);
        if (!edit || !values) return notFound(reply);
        // The form is filled with the stored notes: opening it is reading them.
        if (edit.group === 'health' && !(await readHealth(request, edit.file.family.id, edit.member?.id ?? '', 'edit')))
          return notFound(reply);
        return reply.page(render(request, edit, { values: formOfValues(edit.group, values), errors: {} }));
      },
    );

    app.post<{ Params: EditParams }>(
      '/familles/:familyId/modifier/:group',
      { ...idParams('familyId'), ...access('family-edit') },
      async (request, reply) => {
        const edit = await editOf(request);
        if (!edit) return notFound(reply);
        const parsed = parseGroup(edit.group, request.body);
        if (!parsed.ok) return reply.page(render(request, edit, parsed), 400);
        const values = parsed.data;
        // Going home alone is not offered to the younger children, whatever the form sent.
        if (edit.group === 'consents' && edit.member && !leavesAloneOffered(edit.member, clock.now()))
          (values as { leavesAloneConsent: boolean }).leavesAloneConsent = false;
        const commune = communeOf(request);
        const outcome = await familyFile.change(
          commune,
          edit.file.family.id,
          edit.target,
          edit.group,
          values,
          agentAuthor(agentOf(request)),
          request.ip,
        );
        if (!outcome.ok) return notFound(reply);
        const paths = agentPaths(commune);
        const page = edit.member
          ? paths.familyMember(edit.file.family.id, edit.member.id)
          : paths.family(edit.file.family.id);
        return reply.redirect(withNotice(page, outcome.done === 'applied' ? 'modifie' : 'inchange'), 303);
      },
    );

    const newMemberPage = (request: FastifyRequest, file: FullFile, form: FormState) => {
      const commune = communeOf(request);
      return (context: Parameters<typeof DeskNewMemberPage>[0]['context']) =>
        DeskNewMemberPage({
          context,
          reference: file.family.reference,
          action: deskFilePaths(commune).newMember(file.family.id),
          back: {
            href: agentPaths(commune).family(file.family.id),
            label: `Retour au dossier famille ${file.family.reference}`,
          },
          form,
        });
    };

    app.get<{ Params: FamilyParams }>(
      '/familles/:familyId/nouveau-membre',
      { ...idParams('familyId'), ...access('family-edit') },
      async (request, reply) => {
        const file = await deskFileOf(familyFile, request, request.params.familyId);
        if (!file) return notFound(reply);
        return reply.page(newMemberPage(request, file, emptyForm));
      },
    );

    app.post<{ Params: FamilyParams }>(
      '/familles/:familyId/nouveau-membre',
      { ...idParams('familyId'), ...access('family-edit') },
      async (request, reply) => {
        const file = await deskFileOf(familyFile, request, request.params.familyId);
        if (!file) return notFound(reply);
        const parsed = parseForm(groupForms['new-member'], request.body);
        if (!parsed.ok) return reply.page(newMemberPage(request, file, parsed), 400);
        const commune = communeOf(request);
        const outcome = await familyFile.addMember(
          commune,
          file.family.id,
          parsed.data,
          agentAuthor(agentOf(request)),
          request.ip,
        );
        if (!outcome.ok) return notFound(reply);
        return reply.redirect(withNotice(agentPaths(commune).family(file.family.id), 'ajoute'), 303);
      },
    );

    /** The file and the member of the address; a member of another family, or another commune's, is not found. */
    const memberPageOf = async (request: FastifyRequest<{ Params: MemberParams }>) => {
      const file = await deskFileOf(familyFile, request, request.params.familyId);
      const member = file && memberOf(file, request.params.memberId);
      return file && member ? { file, member } : null;
    };

    app.get<{ Params: MemberParams }>(
      '/familles/:familyId/membres/:memberId',
      { ...idParams('familyId', 'memberId'), ...access('families') },
      async (request, reply) => {
        const found = await memberPageOf(request);
        if (!found) return notFound(reply);
        const agent = agentOf(request);
        const communeId = communeOf(request).id;
        const may = {
          edit: agentMay(agent, 'family-edit', communeId),
          health: familyFile.mayReadHealth(agent, communeId),
        };
        return reply.page((context) =>
          DeskMemberPage({
            context,
            ...found,
            may,
            notice: deskNoticeOf(request),
            leavesAloneOffered: leavesAloneOffered(found.member, clock.now()),
          }),
        );
      },
    );

    app.get<{ Params: MemberParams }>(
      '/familles/:familyId/membres/:memberId/sante',
      { ...idParams('familyId', 'memberId'), ...access('health') },
      async (request, reply) => {
        const found = await memberPageOf(request);
        if (!found || !groupsOfMember(found.member).includes('health')) return notFound(reply);
        const { file, member } = found;
        if (!(await readHealth(request, file.family.id, member.id, 'page'))) return notFound(reply);
        const history = (await familyFile.history(communeOf(request).id, file.family.id)).filter(
          (change) => change.fieldGroup === 'health' && change.memberId === member.id,
        );
        const mayEdit = agentMay(agentOf(request), 'family-edit', communeOf(request).id);
        return reply.page((context) => MemberHealthPage({ context, file, member, history, mayEdit }));
      },
    );

    await app.register(fieldPoliciesRoutes({ familyFile }));
  };
}
