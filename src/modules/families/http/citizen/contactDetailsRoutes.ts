import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { communePaths } from '../../../../platform/views/paths.js';
import type { FamilyAdult, FamilyFileService, FileTarget, FullFile } from '../../familyFileService.js';
import { citizenOf, communeOf, familyIdOf } from './familyRequest.js';
import { type GroupEdit, groupEditFlow } from './groupEditFlow.js';
import { isCoordinatesGroup, noticeOf, pendingOf } from '../groupEditing.js';
import { ContactDetailsPage } from './views/ContactDetailsPage.js';

type GroupParams = { Params: { group: string } };

/** « Coordonnées » of Mon tableau de bord: the household's address and the parent's own phones and e-mail. */
export function contactDetailsRoutes({ familyFile }: { familyFile: FamilyFileService }): FastifyPluginAsync {
  const flow = groupEditFlow(familyFile);

  /** The file and the adult of it that the logged-in account is linked to: their own contact group. */
  const ownFile = async (request: FastifyRequest): Promise<{ file: FullFile; adult: FamilyAdult } | null> => {
    const file = await familyFile.file(communeOf(request).id, familyIdOf(request));
    const adult = file?.adults.find((a) => a.citizenId === citizenOf(request).id);
    return file && adult ? { file, adult } : null;
  };

  const editOf = (request: FastifyRequest, adult: FamilyAdult, group: string): GroupEdit | null => {
    if (!isCoordinatesGroup(group)) return null;
    const paths = communePaths(communeOf(request));
    const target: FileTarget = group === 'address' ? { kind: 'family' } : { kind: 'adult', id: adult.id };
    return {
      group,
      target,
      about: group === 'address' ? 'votre foyer' : 'vos coordonnées',
      page: { href: paths.contactDetails, label: 'Coordonnées' },
      action: `${paths.contactDetails}/modifier/${group}`,
    };
  };

  return async (app) => {
    app.get('/mon-tableau-de-bord/coordonnees', async (request, reply) => {
      const own = await ownFile(request);
      if (!own) return notFound(reply);
      const { file, adult } = own;
      return reply.page((context) =>
        ContactDetailsPage({
          context,
          family: file.family,
          adult,
          pendingAddress: pendingOf(file, 'address', { kind: 'family' }),
          pendingContact: pendingOf(file, 'contact', { kind: 'adult', id: adult.id }),
          notice: noticeOf(request, file),
        }),
      );
    });

    app.get<GroupParams>('/mon-tableau-de-bord/coordonnees/modifier/:group', async (request, reply) => {
      const own = await ownFile(request);
      const edit = own && editOf(request, own.adult, request.params.group);
      if (!own || !edit) return notFound(reply);
      return flow.show(request, reply, own.file, edit);
    });

    app.post<GroupParams>('/mon-tableau-de-bord/coordonnees/modifier/:group', async (request, reply) => {
      const own = await ownFile(request);
      const edit = own && editOf(request, own.adult, request.params.group);
      if (!own || !edit) return notFound(reply);
      return flow.save(request, reply, own.file, edit);
    });
  };
}
