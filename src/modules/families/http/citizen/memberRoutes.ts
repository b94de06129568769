import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { GroupValues } from '../../domain/fieldGroups.js';
import type { Clock } from '../../../../platform/clock.js';
import type { AgendaService } from '../../../bookings/agendaService.js';
import type { FamilyFileService, FamilyMember, FullFile } from '../../familyFileService.js';
import { communeOf, familyIdOf } from './familyRequest.js';
import { type GroupEdit, groupEditFlow } from './groupEditFlow.js';
import { groupsOfMember, isMemberGroup, leavesAloneOffered, noticeOf, pendingOf } from '../groupEditing.js';
import { fullName } from './views/fileParts.js';
import { MemberPage } from './views/MemberPage.js';

// `:memberId`, as every page under a member's address (agenda, reservations): Fastify keeps one name per parameter.
type MemberParams = { Params: IdParams<'memberId'> };
type GroupParams = { Params: IdParams<'memberId'> & { group: string } };

/** A member's page and the edit page of each group of their file. */
export function memberRoutes({
  familyFile,
  agenda,
  clock,
}: {
  familyFile: FamilyFileService;
  agenda: AgendaService;
  clock: Clock;
}): FastifyPluginAsync {
  const flow = groupEditFlow(familyFile);

  /** The family's file and one of its members; null for an id that is not one of them (another family's included); the route's schema has checked it is a uuid. */
  const memberOf = async (
    request: FastifyRequest,
    id: string,
  ): Promise<{ file: FullFile; member: FamilyMember } | null> => {
    const file = await familyFile.file(communeOf(request).id, familyIdOf(request));
    const member = file?.members.find((m) => m.id === id);
    return file && member ? { file, member } : null;
  };

  const editOf = (request: FastifyRequest, member: FamilyMember, group: string): GroupEdit | null => {
    if (!isMemberGroup(group) || !groupsOfMember(member).includes(group)) return null;
    const paths = communePaths(communeOf(request));
    const offered = leavesAloneOffered(member, clock.now());
    return {
      group,
      target: { kind: 'member', id: member.id },
      about: fullName(member),
      page: { href: paths.member(member.id), label: fullName(member) },
      action: `${paths.member(member.id)}/modifier/${group}`,
      leavesAloneOffered: offered,
      // Younger children are always handed over to an adult, whatever the form sent.
      adjust:
        group === 'consents' && !offered
          ? (values) => ({ ...(values as GroupValues['consents']), leavesAloneConsent: false })
          : undefined,
    };
  };

  return async (app) => {
    app.get<MemberParams>('/ma-famille/membres/:memberId', idParams('memberId'), async (request, reply) => {
      const found = await memberOf(request, request.params.memberId);
      if (!found) return notFound(reply);
      const { file, member } = found;
      const target = { kind: 'member' as const, id: member.id };
      const sections = groupsOfMember(member).map((group) => ({
        group,
        values: familyFile.currentValues(file, target, group) as Record<string, unknown>,
        pending: pendingOf(file, group, target),
      }));
      const upcoming = member.relation === 'enfant' ? await agenda.upcoming(communeOf(request).id, member.id) : [];
      return reply.page((context) =>
        MemberPage({
          context,
          member,
          sections,
          notice: noticeOf(request, file),
          leavesAloneOffered: leavesAloneOffered(member, clock.now()),
          upcoming,
        }),
      );
    });

    app.get<GroupParams>(
      '/ma-famille/membres/:memberId/modifier/:group',
      idParams('memberId'),
      async (request, reply) => {
        const found = await memberOf(request, request.params.memberId);
        const edit = found && editOf(request, found.member, request.params.group);
        if (!found || !edit) return notFound(reply);
        return flow.show(request, reply, found.file, edit);
      },
    );

    app.post<GroupParams>(
      '/ma-famille/membres/:memberId/modifier/:group',
      idParams('memberId'),
      async (request, reply) => {
        const found = await memberOf(request, request.params.memberId);
        const edit = found && editOf(request, found.member, request.params.group);
        if (!found || !edit) return notFound(reply);
        return flow.save(request, reply, found.file, edit);
      },
    );
  };
}
