import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import type { FamilyFileService } from '../../familyFileService.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { emptyForm } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { needsValidation } from '../../domain/fieldGroups.js';
import { groupForms } from '../../familyFileForms.js';
import { citizenAuthor, citizenOf, communeOf, familyIdOf } from './familyRequest.js';
import { afterChange, noticeOf } from '../groupEditing.js';
import { FamilyHistoryPage } from './views/FamilyHistoryPage.js';
import { MyFamilyPage } from './views/MyFamilyPage.js';
import { NewMemberPage } from './views/NewMemberPage.js';

/** « Ma famille », « Ajouter un membre du foyer » and « Historique des modifications ». */
export function myFamilyRoutes({ familyFile }: { familyFile: FamilyFileService }): FastifyPluginAsync {
  return async (app) => {
    app.get('/ma-famille', async (request, reply) => {
      const file = await familyFile.file(communeOf(request).id, familyIdOf(request));
      if (!file) return notFound(reply);
      return reply.page((context) => MyFamilyPage({ context, file, notice: noticeOf(request, file) }));
    });

    app.get('/ma-famille/nouveau-membre', async (request, reply) => {
      const validated = needsValidation('new-member', await familyFile.policies(communeOf(request).id));
      return reply.page((context) => NewMemberPage({ context, form: emptyForm, validated }));
    });

    app.post('/ma-famille/nouveau-membre', async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(groupForms['new-member'], request.body);
      if (!parsed.ok) {
        const validated = needsValidation('new-member', await familyFile.policies(commune.id));
        return reply.page((context) => NewMemberPage({ context, form: parsed, validated }), 400);
      }
      const outcome = await familyFile.addMember(
        commune,
        familyIdOf(request),
        parsed.data,
        citizenAuthor(citizenOf(request)),
        request.ip,
      );
      // The same person sent twice (a double click): the answer is the request already waiting.
      const done = outcome.ok
        ? outcome
        : outcome.reason === 'pending'
          ? ({ ok: true, done: 'requested', requestId: outcome.requestId } as const)
          : null;
      if (!done) return notFound(reply);
      return reply.redirect(afterChange(communePaths(commune).myFamily, done, 'added'), 303);
    });

    app.get('/ma-famille/historique', async (request, reply) => {
      const commune = communeOf(request);
      const familyId = familyIdOf(request);
      const [file, changes] = await Promise.all([
        familyFile.household(commune.id, familyId),
        familyFile.history(commune.id, familyId),
      ]);
      if (!file) return notFound(reply);
      return reply.page((context) => FamilyHistoryPage({ context, changes, members: file.members }));
    });
  };
}
